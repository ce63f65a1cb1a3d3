import { quote } from "../trust/errors";
import { Command, HELP_FLAG } from "./command";
import { COMMANDS } from "./commands";
import { parseFlags, renderFlags } from "./flags";
import { UsageError } from "./usage-error";

export { UsageError } from "./usage-error";
export { FAIL_ON, FORMATS } from "./commands/lint-options";
export type { FailOn, Format, LintCommandOptions } from "./commands/lint-options";

/** `wif --help`, `wif help`, `wif lint --help` (`topic` names the command). */
export interface HelpInvocation {
  readonly command: "help";
  /** @default - the list of commands */
  readonly topic?: string;
}

/** `wif --version`. */
export interface VersionInvocation {
  readonly command: "version";
}

/** A command of `COMMANDS` with its checked options, e.g. `{ command: "lint", options: { paths: [...], ... } }`. */
export interface CommandInvocation {
  readonly command: string;
  readonly options: unknown;
}

/** What the command line asks for. */
export type Invocation = HelpInvocation | VersionInvocation | CommandInvocation;

/** The command named `name` in `COMMANDS`. */
export function commandNamed(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/**
 * Parses `wif` arguments (without `node` and the script) with `node:util.parseArgs` against the
 * command's flag table. Accepts `--opt value` and `--opt=value`; `--` ends the options.
 *
 * @example
 * parseArgs(["lint", "cdktf.out", "--format", "sarif"]);
 * // { command: "lint", options: { paths: ["cdktf.out"], format: "sarif", ... } }
 */
export function parseArgs(argv: readonly string[]): Invocation {
  const [name, ...rest] = argv;
  if (name === undefined || name === "-h" || name === "--help") return { command: "help" };
  if (name === "help") return rest[0] !== undefined && commandNamed(rest[0]) ? { command: "help", topic: rest[0] } : { command: "help" };
  if (name === "--version" || name === "-v") return { command: "version" };
  const command = commandNamed(name);
  if (!command) throw new UsageError(`unknown command ${quote(name)}. Commands: ${COMMANDS.map((c) => c.name).join(", ")}.`);
  const parsed = parseFlags(rest, [...command.flags, HELP_FLAG]);
  if (parsed.values.help === true) return { command: "help", topic: command.name };
  return { command: command.name, options: command.options(parsed) };
}

/**
 * `--help` text, generated from the command table: the list of commands, or one command's usage,
 * description, options (from its flags) and epilogue.
 *
 * @example
 * helpText("lint"); // "Usage: wif lint <paths...> [options]\n..."
 */
export function helpText(topic?: string): string {
  const command = topic === undefined ? undefined : commandNamed(topic);
  if (!command) {
    const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
    return [
      "Usage: wif <command> [options]",
      "",
      "Commands:",
      ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
      "",
      'Run "wif <command> --help" for its options; wif --version prints the version.',
      "",
    ].join("\n");
  }
  return [
    `Usage: wif ${command.name} ${command.usage}`,
    "",
    command.description ?? `${command.summary[0].toUpperCase()}${command.summary.slice(1)}.`,
    "",
    "Options:",
    renderFlags([...command.flags, HELP_FLAG]),
    ...(command.epilogue ? [command.epilogue, ""] : []),
  ].join("\n");
}

/** The lint command's help, as `wif lint --help` prints it. */
export const USAGE = helpText("lint");
