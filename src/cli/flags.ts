import { parseArgs as parseNodeArgs } from "node:util";
import { quote } from "../trust/errors";
import { UsageError } from "./usage-error";

/** One command-line flag, declared once: parsing and `--help` both read it. */
export interface FlagSpec {
  /** Long name without `--`, e.g. `fail-on`. */
  readonly name: string;
  /** One-letter alias without `-`, e.g. `o`. @default - none */
  readonly short?: string;
  /** A flag that takes a value (`--format json`) or a switch (`--no-color`). */
  readonly takes: "value" | "switch";
  /** What the value looks like in help, e.g. `text|json|sarif`. @default "<value>" */
  readonly value?: string;
  /** May be given more than once; the values are collected in order. @default false */
  readonly repeatable?: boolean;
  /** One line of help. */
  readonly help: string;
  /** The default, as help shows it. @default - none shown */
  readonly default?: string;
}

/** What `parseFlags` found: values by long name (strings, lists for repeatable flags, `true` for switches). */
export interface ParsedFlags {
  readonly values: Readonly<Record<string, string | readonly string[] | true | undefined>>;
  readonly positionals: readonly string[];
}

/**
 * Parses arguments with `node:util.parseArgs` against a flag table. Accepts `--flag value`,
 * `--flag=value`, `-o value` and `--` before positionals. Messages: `--format needs a value.`,
 * `unknown option "--x".`, `--no-color takes no value.`
 *
 * @example
 * parseFlags(["cdktf.out", "--format", "json"], [{ name: "format", takes: "value", help: "report format" }]);
 * // { values: { format: "json" }, positionals: ["cdktf.out"] }
 */
export function parseFlags(args: readonly string[], flags: readonly FlagSpec[]): ParsedFlags {
  const options = Object.fromEntries(
    flags.map((f) => [f.name, { type: f.takes === "value" ? ("string" as const) : ("boolean" as const), ...(f.short ? { short: f.short } : {}) }]),
  );
  const { tokens } = parseNodeArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  const byName = new Map(flags.map((f) => [f.name, f]));
  const values: Record<string, string | string[] | true> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === "positional") {
      positionals.push(token.value);
      continue;
    }
    if (token.kind !== "option") continue;
    const flag = byName.get(token.name);
    if (!flag) throw new UsageError(`unknown option ${quote(token.rawName)}.`);
    if (flag.takes === "switch") {
      if (token.value !== undefined) throw new UsageError(`${token.rawName} takes no value; got ${quote(token.value)}.`);
      values[flag.name] = true;
      continue;
    }
    const value = token.value;
    if (value === undefined || (!token.inlineValue && value.startsWith("--") && value.length > 2)) {
      throw new UsageError(`${token.rawName} needs a value.`);
    }
    if (flag.repeatable) values[flag.name] = [...((values[flag.name] as string[] | undefined) ?? []), value];
    else values[flag.name] = value;
  }
  return { values, positionals };
}

/**
 * The options part of `--help`, from the flag table: one entry per flag with its value, help and
 * default, aligned.
 *
 * @example
 * renderFlags([{ name: "format", takes: "value", value: "text|json", help: "report format", default: "text" }]);
 * // "  --format text|json          report format (default: text)\n"
 */
export function renderFlags(flags: readonly FlagSpec[]): string {
  const width = 29;
  const lines: string[] = [];
  for (const f of flags) {
    const names = `${f.short ? `-${f.short}, ` : ""}--${f.name}${f.takes === "value" ? ` ${f.value ?? "<value>"}` : ""}`;
    const notes = [f.repeatable ? "repeatable" : undefined, f.default !== undefined ? `default: ${f.default}` : undefined].filter(Boolean);
    const help = `${f.help}${notes.length > 0 ? ` (${notes.join("; ")})` : ""}`;
    if (names.length + 2 < width) lines.push(`  ${names.padEnd(width)}${help}`);
    else lines.push(`  ${names}`, `  ${"".padEnd(width)}${help}`);
  }
  return `${lines.join("\n")}\n`;
}
