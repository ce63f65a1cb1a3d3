import type { FlagSpec, ParsedFlags } from "./flags";
import type { CliIo } from "./io";
import type { ExitCode } from "./report";

/**
 * A `wif` subcommand, declared once: its flags (parsing and `--help` read them), how parsed flags
 * become its options, and what it runs. Adding a command is one entry in `COMMANDS`
 * (src/cli/commands/index.ts).
 */
export interface CommandSpec<Options> {
  /** The word after `wif`, e.g. `lint`. */
  readonly name: string;
  /** What follows the name in the usage line, e.g. `<paths...> [options]`. */
  readonly usage: string;
  /** One line for `wif --help`. */
  readonly summary: string;
  /** Paragraphs shown after the usage line in `wif <name> --help`. @default - the summary */
  readonly description?: string;
  /** Every flag but `-h, --help`, which every command has. */
  readonly flags: readonly FlagSpec[];
  /** Text after the options in `--help` (exit codes, examples). @default - none */
  readonly epilogue?: string;
  /** Checks parsed flags and positionals; throws `UsageError` with a message naming the flag. */
  readonly options: (parsed: ParsedFlags) => Options;
  /** Runs the command and returns its exit code. */
  readonly run: (options: Options, io: CliIo) => Promise<ExitCode>;
}

/** A command with its options type erased, as `COMMANDS` holds it. */
export interface Command {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  readonly description?: string;
  readonly flags: readonly FlagSpec[];
  readonly epilogue?: string;
  readonly options: (parsed: ParsedFlags) => unknown;
  readonly run: (options: never, io: CliIo) => Promise<ExitCode>;
}

/** Declares a command; the options type ties `options` to `run`. */
export function defineCommand<Options>(spec: CommandSpec<Options>): Command {
  return spec;
}

/** `-h, --help`, added to every command's flags. */
export const HELP_FLAG: FlagSpec = { name: "help", short: "h", takes: "switch", help: "this help" };
