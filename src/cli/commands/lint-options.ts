import { SEVERITIES, Severity } from "../../lint/finding";
import { quote } from "../../trust/errors";
import type { FlagSpec, ParsedFlags } from "../flags";
import { UsageError } from "../usage-error";
import { VAR_FLAGS, varOptions } from "./terraform-vars";

/** Output formats of `wif lint`. */
export const FORMATS = ["text", "compact", "json", "sarif", "github", "gitlab"] as const;
export type Format = (typeof FORMATS)[number];

/** Thresholds `--fail-on` accepts. */
export const FAIL_ON = ["critical", "high", "medium", "low"] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** The threshold when neither `--fail-on` nor the config file names one. */
export const DEFAULT_FAIL_ON: FailOn = "high";

/** The parsed options of `wif lint`, as given on the command line (the config file fills the gaps). */
export interface LintCommandOptions {
  readonly paths: readonly string[];
  /** @default "text" */
  readonly format: Format;
  /** @default - the config file's `fail-on`, else "high" */
  readonly failOn?: FailOn;
  /** Rule ids never reported, added to the config file's. @default [] */
  readonly ignore: readonly string[];
  /** Per-rule severities, from `--severity WIF008=low`; they win over the config file's. @default {} */
  readonly severityOverrides: Readonly<Record<string, Severity>>;
  /** Write the report here instead of stdout. @default - stdout */
  readonly output?: string;
  /** Force colour off (`--no-color`); colour is otherwise used only on a TTY without `NO_COLOR`. @default false */
  readonly noColor: boolean;
  /** The config file to use instead of the `.wif.yaml` found above the paths. @default - found */
  readonly config?: string;
  /** Report findings but exit 0 for them (unreadable input still exits 2). @default false */
  readonly softFail: boolean;
  /** A previous `--format json` report: findings present in it are existing and do not fail. @default - none */
  readonly baseline?: string;
  /** Terraform variable files (`-var-file`), after the config file's `var-files`. @default [] */
  readonly varFiles: readonly string[];
  /** Terraform variables (`-var NAME=VALUE`); they win over the config file's `vars`. @default {} */
  readonly vars: Readonly<Record<string, string>>;
}

const RULE_ID = /^WIF\d{3}$/;

/** The flags of `wif lint`, in help order. */
export const LINT_FLAGS: readonly FlagSpec[] = [
  { name: "format", takes: "value", value: FORMATS.join("|"), help: "report format", default: "text" },
  { name: "fail-on", takes: "value", value: FAIL_ON.join("|"), help: "exit 1 when a finding is at least this severe", default: "high" },
  { name: "ignore", takes: "value", value: "WIF008,WIF011", repeatable: true, help: "never report these rules" },
  { name: "severity", takes: "value", value: "WIF008=low", repeatable: true, help: "change a rule's severity for this run (comma-separated)" },
  { name: "output", short: "o", takes: "value", value: "<file>", help: "write the report to a file instead of stdout" },
  { name: "config", takes: "value", value: "<file>", help: "config file to use (default: the .wif.yaml found above the paths)" },
  { name: "soft-fail", takes: "switch", help: "report findings but exit 0 for them" },
  { name: "baseline", takes: "value", value: "<file>", help: "a previous --format json report: its findings do not fail" },
  ...VAR_FLAGS,
  { name: "no-color", takes: "switch", help: "no colour in text output (also: NO_COLOR=1)" },
];

/** Turns parsed `wif lint` flags into options; every bad value is a `UsageError` naming the flag. */
export function lintOptions(parsed: ParsedFlags): LintCommandOptions {
  const v = parsed.values;
  const format = v.format === undefined ? "text" : oneOf("--format", text(v.format) as string, FORMATS);
  const failOn = v["fail-on"] === undefined ? undefined : oneOf("--fail-on", text(v["fail-on"]) as string, FAIL_ON);
  const ignore = list(v.ignore).flatMap((value) => ruleIds("--ignore", value));
  const severityOverrides: Record<string, Severity> = {};
  for (const value of list(v.severity)) {
    for (const entry of value
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)) {
      const [rule, severity, extra] = entry.split("=");
      if (severity === undefined || extra !== undefined) {
        throw new UsageError(`--severity takes RULE=SEVERITY, e.g. WIF008=low; got ${quote(entry)}.`);
      }
      ruleIds("--severity", rule);
      severityOverrides[rule] = oneOf(`--severity ${rule}`, severity, SEVERITIES);
    }
  }
  const { varFiles, vars } = varOptions(parsed);
  const output = text(v.output);
  if (output === "") throw new UsageError("--output needs a file name.");
  for (const [flag, value] of [
    ["--config", text(v.config)],
    ["--baseline", text(v.baseline)],
  ] as const) {
    if (value === "") throw new UsageError(`${flag} needs a file name.`);
  }
  if (parsed.positionals.length === 0) {
    throw new UsageError("no paths: name cdktf.out/, a directory of Terraform files, *.tf, *.tf.json or plan JSON.");
  }
  return {
    paths: parsed.positionals,
    format,
    ...(failOn ? { failOn } : {}),
    ignore,
    severityOverrides,
    ...(output !== undefined ? { output } : {}),
    noColor: v["no-color"] === true,
    ...(v.config !== undefined ? { config: text(v.config) as string } : {}),
    softFail: v["soft-fail"] === true,
    ...(v.baseline !== undefined ? { baseline: text(v.baseline) as string } : {}),
    varFiles,
    vars,
  };
}

/** Checks a value against a fixed set; the message lists the set and quotes the value. */
export function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${option} must be one of ${allowed.join(", ")}; got ${quote(value)}.`);
}

/** Splits `WIF008,WIF011` into ids, refusing anything that is not shaped like a rule id. */
export function ruleIds(option: string, value: string): string[] {
  const ids = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids.length === 0) throw new UsageError(`${option} needs rule ids, e.g. WIF008.`);
  for (const id of ids) {
    if (!RULE_ID.test(id)) throw new UsageError(`${option}: ${quote(id)} is not a rule id; rule ids look like WIF008.`);
  }
  return ids;
}

function list(value: string | readonly string[] | true | undefined): readonly string[] {
  if (value === undefined || value === true) return [];
  return typeof value === "string" ? [value] : value;
}

function text(value: string | readonly string[] | true | undefined): string | undefined {
  if (value === undefined || value === true) return undefined;
  return typeof value === "string" ? value : value[value.length - 1];
}
