import type { Severity } from "../../lint/finding";
import { formatProblem } from "../../terraform/input-problem";
import { LintReport, ReportedFinding, summarize } from "../report";

const COLOURS: Readonly<Record<Severity | "dim" | "bold" | "ok", string>> = {
  critical: "\u001b[1;31m",
  high: "\u001b[31m",
  medium: "\u001b[33m",
  low: "\u001b[36m",
  info: "\u001b[34m",
  dim: "\u001b[2m",
  bold: "\u001b[1m",
  ok: "\u001b[32m",
};
const RESET = "\u001b[0m";

type Paint = (style: keyof typeof COLOURS, s: string) => string;
const plain: Paint = (_, s) => s;

/**
 * The human report: one line per finding in the form editors and terminals link,
 * `path:line:col: SEVERITY RULE title: "value"`, then the resource, risk and fix indented
 * (suppressed findings: their reason; findings in the `--baseline`: marked existing; findings
 * reached through modules: each `via` step); unreadable inputs; and one summary line. Colour only
 * when `colour` is true (a TTY).
 *
 * @example
 * process.stdout.write(textReport(report, process.stdout.isTTY));
 */
export function textReport(report: LintReport, colour: boolean): string {
  const paint: Paint = (style, s) => (colour ? `${COLOURS[style]}${s}${RESET}` : s);
  const lines: string[] = [];
  for (const f of report.findings) lines.push(headLine(f, paint), ...detailLines(f, paint));
  if (report.problems.length > 0) {
    if (lines.length > 0) lines.push("");
    lines.push(paint("bold", "Unreadable input:"));
    for (const p of report.problems) lines.push(`  ${paint("critical", "error")} ${formatProblem(p)}`);
  }
  if (lines.length > 0) lines.push("");
  lines.push(verdictLine(report, paint));
  return `${lines.join("\n")}\n`;
}

/**
 * `--format compact`: only the first line of each finding (`path:line:col: SEVERITY RULE title:
 * "value"`), one line per unreadable input in the same form, and the summary line.
 *
 * @example
 * compactReport(report); // "infra/aws.tf:14:1: CRITICAL WIF002 Wildcard in the tenant segment: \"repo:*\"\n..."
 */
export function compactReport(report: LintReport): string {
  const lines = report.findings.map((f) => headLine(f, plain));
  for (const p of report.problems) lines.push(`${clickable(p.file, p.line)}: ERROR ${p.message}`);
  lines.push(verdictLine(report, plain));
  return `${lines.join("\n")}\n`;
}

/** `path:line:col` (column 1: wif knows lines, not columns), or the path alone when the line is unknown. */
export function clickable(file: string, line: number | undefined): string {
  return line ? `${file}:${line}:1` : file;
}

function headLine(f: ReportedFinding, paint: Paint): string {
  const where = f.location ? clickable(f.location.file, f.location.line) : f.address;
  const what = `${f.rule} ${f.title}: ${JSON.stringify(f.value)}`;
  if (f.suppressed) return `${where}: ${paint("dim", `${f.severity.toUpperCase()} ${what} (suppressed)`)}`;
  const mark = f.baseline === "existing" ? paint("dim", " (existing, in the baseline)") : "";
  return `${where}: ${paint(f.severity, f.severity.toUpperCase())} ${what}${mark}`;
}

function detailLines(f: ReportedFinding, paint: Paint): string[] {
  const lines = [`    resource: ${f.address}`];
  // cdktf output: the construct that wrote the resource, and the user's file:line when cdktf recorded it.
  if (f.constructPath) lines.push(`    construct: ${f.constructPath}${f.definedAt ? ` (${clickable(f.definedAt.file, f.definedAt.line)})` : ""}`);
  for (const v of f.via ?? []) lines.push(`    via:  ${clickable(v.file, v.line)} ${v.address}`);
  if (f.suppressed) return [...lines, `    ${paint("dim", `reason: ${f.suppressed.reason}`)}`];
  return [...lines, `    risk: ${f.risk}`, `    fix:  ${f.fix}`];
}

/** The last line of the text report, without colour, e.g. `2 findings (1 critical, 1 medium) in 3 files; failed: 1 at or above high.` */
export function summaryLine(report: LintReport): string {
  return `${verdictLine(report, plain)}\n`;
}

function verdictLine(report: LintReport, paint: Paint): string {
  const s = summarize(report);
  const files = `${s.files} file${s.files === 1 ? "" : "s"}`;
  const counts = (Object.entries(s.bySeverity) as [Severity, number][]).filter(([, n]) => n > 0).map(([sev, n]) => `${n} ${sev}`);
  const parts = [s.findings === 0 ? `no findings in ${files}` : `${s.findings} finding${s.findings === 1 ? "" : "s"} (${counts.join(", ")}) in ${files}`];
  if (s.existing > 0) parts.push(`${s.existing} existing in the baseline`);
  if (s.suppressed > 0) parts.push(`${s.suppressed} suppressed`);
  if (s.problems > 0) parts.push(`${s.problems} input problem${s.problems === 1 ? "" : "s"}`);
  const verdict =
    report.exitCode === 2
      ? paint("critical", "failed: input could not be read")
      : s.failing > 0 && report.softFail
        ? paint("ok", `passed (--soft-fail; ${s.failing} at or above ${report.failOn})`)
        : report.exitCode === 0
          ? paint("ok", `passed (--fail-on ${report.failOn})`)
          : paint("critical", `failed: ${s.failing} at or above ${report.failOn}`);
  return `${parts.join(", ")}; ${verdict}.`;
}
