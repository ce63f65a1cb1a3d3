import { parseDocument } from "yaml";
import { SEVERITIES, Severity } from "../../lint/finding";
import { Acknowledgement, checkAcknowledgement } from "../../lint/acknowledgement";
import { quote } from "../../trust/errors";
import { FAIL_ON, FailOn } from "../commands/lint-options";
import { UsageError } from "../usage-error";

/** The name of the config file `wif lint` looks for above the scanned paths. */
export const CONFIG_FILE_NAME = ".wif.yaml";

/**
 * An acknowledgement in the config file: an in-source acknowledgement (`rule`, optional `appliesTo`,
 * `reason`, checked by the one acknowledgement module) on one resource address.
 */
export interface ConfigAcknowledgement extends Acknowledgement {
  /** The full Terraform address, as reports show it, e.g. `module.ci.aws_iam_role.this`. */
  readonly address: string;
}

/** The contents of `.wif.yaml`; relative paths are already resolved against the file's directory. */
export interface WifConfig {
  /** The file it was read from, as shown to the user. */
  readonly file: string;
  /** The directory holding it (absolute): the base of `exclude` and `var-files`. */
  readonly directory: string;
  /** @default - none: `--fail-on`, else "high" */
  readonly failOn?: FailOn;
  readonly ignore: readonly string[];
  readonly severityOverrides: Readonly<Record<string, Severity>>;
  /** Path globs relative to `directory` (`modules/legacy/**`, `*_test.tf`). */
  readonly exclude: readonly string[];
  /** Absolute paths. */
  readonly varFiles: readonly string[];
  readonly vars: Readonly<Record<string, string>>;
  readonly acknowledge: readonly ConfigAcknowledgement[];
}

/** A config file that cannot be used: exit 2, the message names the file, the key and the value. */
export class ConfigError extends UsageError {
  constructor(file: string, message: string) {
    super(`config ${file}: ${message}`);
    this.name = "ConfigError";
  }
}

/** The keys `.wif.yaml` accepts, in documentation order. */
export const CONFIG_KEYS = ["fail-on", "ignore", "severity", "exclude", "var-files", "vars", "acknowledge"] as const;
const ACK_KEYS = ["address", "rule", "appliesTo", "reason"] as const;
const RULE_ID = /^WIF\d{3}$/;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Reads `.wif.yaml` text. Unknown keys, wrong types, unknown severities and short reasons are
 * `ConfigError`s naming `file`, the key and the value; an empty file is an empty config.
 *
 * @example
 * parseConfig("fail-on: medium\nignore: [WIF011]\n", ".wif.yaml", "/repo");
 */
export function parseConfig(text: string, file: string, directory: string, resolvePath: (p: string) => string = (p) => p): WifConfig {
  const fail = (message: string): never => {
    throw new ConfigError(file, message);
  };
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = text.slice(0, e.pos[0]).split("\n").length;
    fail(`not valid YAML (line ${line}): ${e.message.split("\n")[0]}`);
  }
  const data: unknown = doc.toJS() ?? {};
  if (!isRecord(data)) return fail(`must be a mapping of keys (${CONFIG_KEYS.join(", ")}); got ${quote(data)}.`);
  for (const key of Object.keys(data)) {
    if (!(CONFIG_KEYS as readonly string[]).includes(key)) fail(`unknown key ${quote(key)}; keys are ${CONFIG_KEYS.join(", ")}.`);
  }

  const failOn = data["fail-on"];
  if (failOn !== undefined && !(FAIL_ON as readonly unknown[]).includes(failOn)) {
    fail(`fail-on must be one of ${FAIL_ON.join(", ")}; got ${quote(failOn)}.`);
  }
  const ignore = strings(data.ignore, "ignore", fail);
  for (const id of ignore) if (!RULE_ID.test(id)) fail(`ignore: ${quote(id)} is not a rule id; rule ids look like WIF008.`);

  const severityOverrides: Record<string, Severity> = {};
  if (data.severity !== undefined) {
    if (!isRecord(data.severity)) fail(`severity must be a mapping of rule ids to severities, e.g. "WIF008: low"; got ${quote(data.severity)}.`);
    for (const [rule, severity] of Object.entries(data.severity as Record<string, unknown>)) {
      if (!RULE_ID.test(rule)) fail(`severity: ${quote(rule)} is not a rule id; rule ids look like WIF008.`);
      if (!(SEVERITIES as readonly unknown[]).includes(severity)) fail(`severity.${rule} must be one of ${SEVERITIES.join(", ")}; got ${quote(severity)}.`);
      severityOverrides[rule] = severity as Severity;
    }
  }

  const exclude = strings(data.exclude, "exclude", fail);
  const varFiles = strings(data["var-files"], "var-files", fail).map(resolvePath);

  const vars: Record<string, string> = {};
  if (data.vars !== undefined) {
    if (!isRecord(data.vars)) fail(`vars must be a mapping of variable names to values; got ${quote(data.vars)}.`);
    for (const [name, value] of Object.entries(data.vars as Record<string, unknown>)) {
      if (!VARIABLE_NAME.test(name)) fail(`vars: ${quote(name)} is not a Terraform variable name.`);
      if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
        fail(`vars.${name} must be a string, number or boolean (as -var takes); got ${quote(value)}.`);
      }
      vars[name] = String(value);
    }
  }

  const acknowledge: ConfigAcknowledgement[] = [];
  if (data.acknowledge !== undefined) {
    if (!Array.isArray(data.acknowledge)) fail(`acknowledge must be a list of { address, rule, appliesTo?, reason }; got ${quote(data.acknowledge)}.`);
    (data.acknowledge as unknown[]).forEach((entry, i) => {
      const at = `acknowledge[${i}]`;
      if (!isRecord(entry)) return fail(`${at} must be a mapping with address, rule, appliesTo (optional) and reason; got ${quote(entry)}.`);
      for (const key of Object.keys(entry)) {
        if (!(ACK_KEYS as readonly string[]).includes(key)) fail(`${at}: unknown key ${quote(key)}; keys are ${ACK_KEYS.join(", ")}.`);
      }
      const { address, ...rest } = entry;
      if (typeof address !== "string" || address === "") fail(`${at}.address must be a resource address, e.g. aws_iam_role.ci; got ${quote(address)}.`);
      const checked = checkAcknowledgement(rest);
      if ("problem" in checked) return fail(`${at}: ${checked.problem}`);
      acknowledge.push({ address: address as string, ...checked });
    });
  }

  return { file, directory, ...(failOn !== undefined ? { failOn: failOn as FailOn } : {}), ignore, severityOverrides, exclude, varFiles, vars, acknowledge };
}

function strings(value: unknown, key: string, fail: (message: string) => never): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string" || v === "")) {
    return fail(`${key} must be a list of non-empty strings; got ${quote(value)}.`);
  }
  return value as string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
