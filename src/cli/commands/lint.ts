import { terraformEnvironment } from "./terraform-vars";
import * as fs from "fs";
import * as path from "path";
import { describeAcknowledgement } from "../../lint/acknowledgement";
import { isRuleId, lintFacts, LintOptions, RULES } from "../../lint/engine";
import { cdktfOrigin } from "../../terraform/cdktf-metadata";
import type { Finding } from "../../lint/finding";
import { extractTrustFactsIsolated } from "../../terraform/extract";
import { errorText, INPUT_MESSAGES } from "../../terraform/input-messages";
import type { InputProblem } from "../../terraform/input-problem";
import { readInputs, ReadUnit } from "../../terraform/read-inputs";
import type { TerraformResource } from "../../terraform/resources";
import { unreadModuleFindings } from "../../terraform/unread-modules";
import { applyBaseline, readBaseline } from "../baseline";
import { defineCommand } from "../command";
import { applyConfigAcknowledgements } from "../config/acknowledge";
import { ConfigError, WifConfig } from "../config/config";
import { loadConfig } from "../config/find-config";
import { lintSettings } from "../config/settings";
import type { CliIo } from "../io";
import { EXIT, ExitCode, exitCodeOf, LintReport, ReportedFinding, sortFindings } from "../report";
import { githubReport } from "../reporters/github";
import { gitlabReport } from "../reporters/gitlab";
import { jsonReport } from "../reporters/json";
import { sarifReport } from "../reporters/sarif";
import { compactReport, summaryLine, textReport } from "../reporters/text";
import { ruleInfo } from "../rule-info";
import { UsageError } from "../usage-error";
import { packageInfo, toolVersion } from "../version";
import { Format, LINT_FLAGS, LintCommandOptions, lintOptions } from "./lint-options";

export type { CliIo } from "../io";

/** Progress is shown on a TTY stderr from this many files on. */
const PROGRESS_FROM_FILES = 20;

/** Formats that show unreadable inputs themselves; for the others they also go to stderr. */
const SHOWS_PROBLEMS: ReadonlySet<Format> = new Set(["text", "compact", "github"]);

/**
 * `wif lint`: reads the config file and the inputs, lints every trust with the rule engine, applies
 * the config's acknowledgements and the `--baseline`, writes the report and returns the exit code —
 * 0 clean, 1 a finding at or above the threshold (0 with `--soft-fail`), 2 bad usage, a bad config
 * or baseline, or an input that could not be read (the findings of every readable file are still
 * reported).
 *
 * @example
 * const options = lintOptions(parseFlags(["cdktf.out", "--format", "github"], LINT_FLAGS));
 * process.exitCode = await lintCommand(options, { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr });
 */
export async function lintCommand(options: LintCommandOptions, io: CliIo): Promise<ExitCode> {
  for (const id of [...options.ignore, ...Object.keys(options.severityOverrides)]) {
    if (!isRuleId(id)) throw new UsageError(`unknown rule ${id}. Rules: ${ruleList()}.`);
  }
  const config = loadConfig(options.paths, io.cwd, options.config);
  if (config) checkConfigRules(config);
  const settings = lintSettings(options, config, io.cwd);
  const baseline = options.baseline === undefined ? undefined : readBaseline(options.baseline, io.cwd);

  const showProgress = io.stderr.isTTY === true;
  const read = await readInputs(options.paths, {
    cwd: io.cwd,
    exclude: settings.exclude,
    varFiles: settings.varFiles,
    vars: settings.vars,
    environment: terraformEnvironment(io.env),
    onProgress: showProgress
      ? (done, total) => {
          if (total >= PROGRESS_FROM_FILES) io.stderr.write(done < total ? `\rwif: reading ${done}/${total} files` : "\r\u001b[2K");
        }
      : undefined,
  });

  const problems: InputProblem[] = [...read.problems];
  const linted = lintUnits(read.units, settings);
  problems.push(...linted.problems);
  const acknowledged = applyConfigAcknowledgements(linted.findings, settings.acknowledge);
  for (const a of acknowledged.unused) {
    io.stderr.write(
      `wif: config ${config?.file}: acknowledge ${describeAcknowledgement(a)} on ${a.address} matched no finding; remove it or correct the address.\n`,
    );
  }
  const findings: ReportedFinding[] = baseline ? applyBaseline(acknowledged.findings, baseline) : [...acknowledged.findings];

  const exitCode = exitCodeOf(findings, problems, settings.failOn, options.softFail);
  const info = packageInfo();
  const report: LintReport = {
    toolVersion: toolVersion(),
    failOn: settings.failOn,
    files: read.files,
    findings: sortFindings(findings),
    problems,
    rules: RULES.map((meta) => ruleInfo(meta, info.repositoryUrl)),
    exitCode,
    ...(options.softFail ? { softFail: true } : {}),
    ...(options.baseline !== undefined ? { baseline: options.baseline } : {}),
  };
  const toFile = options.output !== undefined;
  const colour = !toFile && !options.noColor && io.stdout.isTTY === true && !io.env.NO_COLOR;
  const text = render(options.format, report, io.cwd, colour);

  if (toFile) {
    try {
      fs.writeFileSync(path.resolve(io.cwd, options.output as string), text);
    } catch (err) {
      io.stderr.write(`wif: cannot write the report to ${options.output}: ${(err as Error).message}\n`);
      return EXIT.error;
    }
    io.stderr.write(`wif: report written to ${options.output}: ${summaryLine(report)}`);
  } else {
    io.stdout.write(text);
  }
  if (!SHOWS_PROBLEMS.has(options.format) && problems.length > 0) {
    for (const p of problems) io.stderr.write(`wif: ${p.file}${p.line ? `:${p.line}` : ""}: ${p.message}\n`);
  }
  return exitCode;
}

function render(format: Format, report: LintReport, cwd: string, colour: boolean): string {
  switch (format) {
    case "json":
      return jsonReport(report);
    case "sarif":
      return sarifReport(report, cwd);
    case "github":
      return githubReport(report);
    case "gitlab":
      return gitlabReport(report);
    case "compact":
      return compactReport(report);
    case "text":
      return textReport(report, colour);
  }
}

function ruleList(): string {
  return RULES.map((r) => r.id).join(", ");
}

/** The config's rule ids must name rules: a typo would otherwise silently ignore or acknowledge nothing. */
function checkConfigRules(config: WifConfig): void {
  const named: [string, string][] = [
    ...config.ignore.map((id): [string, string] => ["ignore", id]),
    ...Object.keys(config.severityOverrides).map((id): [string, string] => ["severity", id]),
  ];
  for (const [key, id] of named) {
    if (!isRuleId(id)) throw new ConfigError(config.file, `${key}: unknown rule ${id}. Rules: ${ruleList()}.`);
  }
}

/**
 * Lints what `readInputs` read: every trust of every unit, located (module instances at their call,
 * with `via`), plus one info finding per module that could not be read.
 *
 * @example
 * const { findings } = lintUnits((await readInputs(["infra"])).units, {});
 */
export function lintUnits(units: readonly ReadUnit[], options: LintOptions): { findings: Finding[]; problems: InputProblem[] } {
  const findings: Finding[] = [];
  const problems: InputProblem[] = [];
  for (const unit of units) {
    const extracted = extractTrustFactsIsolated(unit.resources, unit.unknownInputs);
    problems.push(...extracted.problems);
    // One trust the rules cannot run on is a problem of that trust; the others are still linted.
    for (const facts of extracted.facts) {
      try {
        findings.push(...withLocations(lintFacts(facts, options), unit));
      } catch (err) {
        const where = facts.source ?? { file: unit.name };
        problems.push({ file: where.file, ...(where.line ? { line: where.line } : {}), message: INPUT_MESSAGES.lintFailed(facts.address, errorText(err)) });
      }
    }
    try {
      findings.push(...unreadModuleFindings(unit, options));
    } catch (err) {
      problems.push({ file: unit.name, message: INPUT_MESSAGES.readFailed(errorText(err)) });
    }
  }
  // One resource judged in several variants (each branch of an unknown condition) repeats its common findings.
  const seen = new Set<string>();
  const unique = findings.filter((f) => {
    const key = JSON.stringify(f);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { findings: unique, problems };
}

/**
 * Findings carry the source of their trust (when the extractor gave none, the resource's), the
 * `via` of a resource inside a module, and the cdktf construct that wrote it.
 */
function withLocations(findings: readonly Finding[], unit: ReadUnit): Finding[] {
  const byAddress = new Map(unit.resources.map((r) => [r.address, r as TerraformResource & { readonly via?: Finding["via"] }]));
  return findings.map((f) => {
    const resource = byAddress.get(f.address);
    const location = f.location ?? resource?.source;
    const via = resource?.via;
    // cdktf output: the construct path and, when cdktf recorded a stack trace, the user's file and line.
    const origin = resource ? (resource.origin ?? cdktfOrigin(resource.values)) : undefined;
    return {
      ...f,
      ...(location ? { location } : {}),
      ...(via && via.length > 0 ? { via } : {}),
      ...(origin && f.constructPath === undefined ? { constructPath: origin.constructPath, ...(origin.definedAt ? { definedAt: origin.definedAt } : {}) } : {}),
    };
  });
}

/** `wif lint`, as the command table holds it. */
export const LINT_COMMAND = defineCommand<LintCommandOptions>({
  name: "lint",
  usage: "<paths...> [options]",
  summary: "check workload identity federation trusts in Terraform for over-broad access",
  description: `Checks workload identity federation trusts in Terraform for over-broad access.

Paths: cdktf.out/ directories, directories of *.tf / *.tf.json (searched recursively),
       *.tf, *.tf.json and Terraform plan JSON files (terraform show -json plan.out).

Configuration: the .wif.yaml found by walking up from the paths (to the repository root),
or --config FILE; the command line wins over it (docs/cli.md).`,
  flags: LINT_FLAGS,
  epilogue: `Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it;
            2 bad usage, a bad config or baseline, or an input that could not be read (its file is named).

Suppress one finding in source with a reason (docs/cli.md):
  HCL:  # wif:acknowledge WIF004 reason: read-only role used by every branch
  JSON: "//": "wif:acknowledge WIF004 reason: read-only role used by every branch"`,
  options: lintOptions,
  run: lintCommand,
});
