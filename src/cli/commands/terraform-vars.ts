import { quote } from "../../trust/errors";
import type { FlagSpec, ParsedFlags } from "../flags";
import { UsageError } from "../usage-error";

/** Terraform's variable name grammar (an identifier). */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `--var-file` and `--var`, shared by every command that reads Terraform. */
export const VAR_FLAGS: readonly FlagSpec[] = [
  { name: "var-file", takes: "value", value: "<file>", repeatable: true, help: "Terraform variable file, as terraform -var-file" },
  { name: "var", takes: "value", value: "NAME=VALUE", repeatable: true, help: "Terraform variable, as terraform -var" },
];

/** The Terraform variables of a command line. */
export interface VarOptions {
  readonly varFiles: readonly string[];
  readonly vars: Readonly<Record<string, string>>;
}

/**
 * `--var-file` and `--var` values of parsed flags, checked: a file name must not be empty, a `--var`
 * must be `NAME=VALUE` with a Terraform identifier.
 *
 * @example
 * varOptions(parseFlags(["--var", "org=octo"], VAR_FLAGS)); // { varFiles: [], vars: { org: "octo" } }
 */
export function varOptions(parsed: ParsedFlags): VarOptions {
  const list = (v: unknown): readonly string[] => (Array.isArray(v) ? (v as string[]) : typeof v === "string" ? [v] : []);
  const varFiles = list(parsed.values["var-file"]);
  if (varFiles.includes("")) throw new UsageError("--var-file needs a file name.");
  return { varFiles, vars: parseVars(list(parsed.values.var)) };
}

/**
 * The `TF_VAR_NAME` variables of an environment, by variable name, as Terraform reads them for a
 * root module (names are case-sensitive; an empty value is a value).
 *
 * @example
 * terraformEnvironment({ TF_VAR_org: "octo", PATH: "/bin" }); // { org: "octo" }
 */
export function terraformEnvironment(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const name = key.slice("TF_VAR_".length);
    if (key.startsWith("TF_VAR_") && value !== undefined && VARIABLE_NAME.test(name)) out[name] = value;
  }
  return out;
}

/** `--var NAME=VALUE` values as a record; anything else is a usage error quoting it. */
export function parseVars(values: readonly string[] | undefined): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const entry of values ?? []) {
    const eq = entry.indexOf("=");
    const name = eq < 0 ? entry : entry.slice(0, eq);
    if (eq < 0 || !VARIABLE_NAME.test(name)) {
      throw new UsageError(`--var takes NAME=VALUE with a Terraform variable name, e.g. --var region=eu-west-1; got ${quote(entry)}.`);
    }
    vars[name] = entry.slice(eq + 1);
  }
  return vars;
}
