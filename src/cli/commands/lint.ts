import * as fs from "fs";
import * as path from "path";
import { isRuleId, lintFacts, LintOptions, RULES } from "../../lint/engine";
import type { Finding } from "../../lint/finding";
import { extractTrustFactsIsolated } from "../../terraform/extract";
import { errorText, INPUT_MESSAGES } from "../../terraform/input-messages";
import type { InputProblem } from "../../terraform/input-problem";
import { readInputs, ReadUnit } from "../../terraform/read-inputs";
import type { TerraformResource } from "../../terraform/resources";
import { unreadModuleFindings } from "../../terraform/unread-modules";
import { LintCommandOptions, UsageError } from "../args";
import { EXIT, ExitCode, exitCodeOf, LintReport, sortFindings } from "../report";
import { jsonReport } from "../reporters/json";
import { sarifReport } from "../reporters/sarif";
import { summaryLine, textReport } from "../reporters/text";
import { ruleInfo } from "../rule-info";
import { toolVersion } from "../version";

/** Where the CLI writes and what it knows of its terminal: `process` in `main`, captured in tests. */
export interface CliIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
}

/** Progress is shown on a TTY stderr from this many files on. */
const PROGRESS_FROM_FILES = 20;

/**
 * `wif lint`: reads the inputs, lints every trust with the rule engine, writes the report and
 * returns the exit code — 0 clean, 1 a finding at or above `--fail-on`, 2 bad usage or an input
 * that could not be read (the findings of every readable file are still reported).
 *
 * @example
 * const invocation = parseArgs(["lint", "cdktf.out"]);
 * if (invocation.command === "lint") {
 *   process.exitCode = await lintCommand(invocation.options, { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr });
 * }
 */
export async function lintCommand(options: LintCommandOptions, io: CliIo): Promise<ExitCode> {
  for (const id of [...options.ignore, ...Object.keys(options.severityOverrides)]) {
    if (!isRuleId(id)) throw new UsageError(`unknown rule ${id}. Rules: ${RULES.map((r) => r.id).join(", ")}.`);
  }

  const showProgress = io.stderr.isTTY === true;
  const values = options as LintCommandOptions & { readonly varFiles?: readonly string[]; readonly vars?: Readonly<Record<string, string>> };
  const read = await readInputs(options.paths, {
    cwd: io.cwd,
    varFiles: values.varFiles ?? [],
    vars: values.vars ?? {},
    onProgress: showProgress
      ? (done, total) => {
          if (total >= PROGRESS_FROM_FILES) io.stderr.write(done < total ? `\rwif: reading ${done}/${total} files` : "\r\u001b[2K");
        }
      : undefined,
  });

  const linted = lintUnits(read.units, options);
  const problems: InputProblem[] = [...read.problems, ...linted.problems];
  const findings: Finding[] = [...linted.findings];

  const exitCode = exitCodeOf(findings, problems, options.failOn);
  const report: LintReport = {
    toolVersion: toolVersion(),
    failOn: options.failOn,
    files: read.files,
    findings: sortFindings(findings),
    problems,
    rules: RULES.map(ruleInfo),
    exitCode,
  };
  const toFile = options.output !== undefined;
  const colour = !toFile && !options.noColor && io.stdout.isTTY === true && !io.env.NO_COLOR;
  const text =
    options.format === "json" ? jsonReport(report) : options.format === "sarif" ? sarifReport(report, io.cwd) : textReport(report, colour);

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
  if (options.format !== "text" && problems.length > 0) {
    for (const p of problems) io.stderr.write(`wif: ${p.file}${p.line ? `:${p.line}` : ""}: ${p.message}\n`);
  }
  return exitCode;
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
  return { findings, problems };
}

/**
 * Findings carry the source of their trust (when the extractor gave none, the resource's) and
 * their full address (a plan's child module prefix put back).
 */
function withLocations(findings: readonly Finding[], unit: ReadUnit): Finding[] {
  const byAddress = new Map(unit.resources.map((r) => [r.address, r as TerraformResource & { readonly via?: Finding["via"] }]));
  const prefix = unit.addressPrefix ?? "";
  return findings.map((f) => {
    const resource = byAddress.get(f.address);
    const location = f.location ?? resource?.source;
    const via = resource?.via;
    return { ...f, address: `${prefix}${f.address}`, ...(location ? { location } : {}), ...(via && via.length > 0 ? { via } : {}) };
  });
}
