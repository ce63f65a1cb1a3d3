import { SEVERITIES, Severity } from "../lint/finding";
import { quote } from "../trust/errors";

/** Output formats of `wif lint`. */
export const FORMATS = ["text", "json", "sarif"] as const;
export type Format = (typeof FORMATS)[number];

/** Thresholds `--fail-on` accepts. */
export const FAIL_ON = ["critical", "high", "medium", "low"] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** The parsed options of `wif lint`. */
export interface LintCommandOptions {
  readonly paths: readonly string[];
  /** @default "text" */
  readonly format: Format;
  /** @default "high" */
  readonly failOn: FailOn;
  /** Rule ids never reported. @default [] */
  readonly ignore: readonly string[];
  /** Per-rule severities, from `--severity WIF008=low`. @default {} */
  readonly severityOverrides: Readonly<Record<string, Severity>>;
  /** Write the report here instead of stdout. @default - stdout */
  readonly output?: string;
  /** Force colour off (`--no-color`); colour is otherwise used only on a TTY without `NO_COLOR`. @default false */
  readonly noColor: boolean;
}

/** What the command line asks for. */
export type Invocation =
  | { readonly command: "lint"; readonly options: LintCommandOptions }
  | { readonly command: "help"; readonly topic?: "lint" }
  | { readonly command: "version" };

/** Bad command-line usage: exit code 2, the message and a pointer to `--help`. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

const RULE_ID = /^WIF\d{3}$/;

export const USAGE = `Usage: wif lint <paths...> [options]

Checks workload identity federation trusts in Terraform for over-broad access.

Paths: cdktf.out/ directories, directories of *.tf / *.tf.json (searched recursively),
       *.tf, *.tf.json and Terraform plan JSON files (terraform show -json plan.out).

Options:
  --format text|json|sarif     report format (default: text)
  --fail-on critical|high|medium|low
                               exit 1 when a finding is at least this severe (default: high)
  --ignore WIF008,WIF011       never report these rules (repeatable)
  --severity WIF008=low        change a rule's severity for this run (repeatable, comma-separated)
  -o, --output <file>          write the report to a file instead of stdout
  --no-color                   no colour in text output (also: NO_COLOR=1)
  -h, --help                   this help

wif --version prints the version.

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it;
            2 bad usage or an input that could not be read (its file is named).

Suppress one finding in source with a reason (docs/cli.md):
  HCL:  # wif:acknowledge WIF004 reason: read-only role used by every branch
  JSON: "//": "wif:acknowledge WIF004 reason: read-only role used by every branch"
`;

/**
 * Parses `wif` arguments (without `node` and the script). Accepts `--opt value` and `--opt=value`;
 * `--` ends the options.
 *
 * @example
 * parseArgs(["lint", "cdktf.out", "--format", "sarif"]);
 * // { command: "lint", options: { paths: ["cdktf.out"], format: "sarif", failOn: "high", ... } }
 */
export function parseArgs(argv: readonly string[]): Invocation {
  const [command, ...rest] = argv;
  if (command === undefined || command === "-h" || command === "--help" || command === "help") return { command: "help" };
  if (command === "--version" || command === "-v") return { command: "version" };
  if (command !== "lint") {
    throw new UsageError(`unknown command ${quote(command)}. Commands: lint.`);
  }
  return parseLint(rest);
}

function parseLint(args: readonly string[]): Invocation {
  const paths: string[] = [];
  let format: Format = "text";
  let failOn: FailOn = "high";
  const ignore: string[] = [];
  const severityOverrides: Record<string, Severity> = {};
  let output: string | undefined;
  let noColor = false;

  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      paths.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      paths.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const takeValue = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const next = args[i + 1];
      if (next === undefined || (next.startsWith("--") && next.length > 2)) throw new UsageError(`${name} needs a value.`);
      i++;
      return next;
    };
    switch (name) {
      case "-h":
      case "--help":
        return { command: "help", topic: "lint" };
      case "--format":
        format = oneOf(name, takeValue(), FORMATS);
        break;
      case "--fail-on":
        failOn = oneOf(name, takeValue(), FAIL_ON);
        break;
      case "--ignore":
        ignore.push(...ruleIds(name, takeValue()));
        break;
      case "--severity":
        for (const entry of takeValue().split(",").map((s) => s.trim()).filter(Boolean)) {
          const [rule, severity, extra] = entry.split("=");
          if (severity === undefined || extra !== undefined) {
            throw new UsageError(`--severity takes RULE=SEVERITY, e.g. WIF008=low; got ${quote(entry)}.`);
          }
          ruleIds(name, rule);
          severityOverrides[rule] = oneOf(`--severity ${rule}`, severity, SEVERITIES);
        }
        break;
      case "--output":
      case "-o":
        output = takeValue();
        if (output === "") throw new UsageError(`${name} needs a file name.`);
        break;
      case "--no-color":
        noColor = true;
        break;
      default:
        throw new UsageError(`unknown option ${quote(name)}.`);
    }
  }
  if (paths.length === 0) throw new UsageError("no paths: name cdktf.out/, a directory of Terraform files, *.tf, *.tf.json or plan JSON.");
  return { command: "lint", options: { paths, format, failOn, ignore, severityOverrides, output, noColor } };
}

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${option} must be one of ${allowed.join(", ")}; got ${quote(value)}.`);
}

function ruleIds(option: string, value: string): string[] {
  const ids = value.split(",").map((s) => s.trim()).filter(Boolean);
  if (ids.length === 0) throw new UsageError(`${option} needs rule ids, e.g. WIF008.`);
  for (const id of ids) {
    if (!RULE_ID.test(id)) throw new UsageError(`${option}: ${quote(id)} is not a rule id; rule ids look like WIF008.`);
  }
  return ids;
}
