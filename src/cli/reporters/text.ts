import type { Finding, Severity } from "../../lint/finding";
import { formatProblem } from "../../terraform/input-problem";
import { LintReport, summarize } from "../report";

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

/**
 * The human report: findings grouped by file and resource (with the block's line for HCL), each
 * with its rule, severity, offending value, risk and fix; suppressed findings marked with their
 * reason; unreadable inputs; and one summary line. Colour only when `colour` is true (a TTY).
 *
 * @example
 * process.stdout.write(textReport(report, process.stdout.isTTY));
 */
export function textReport(report: LintReport, colour: boolean): string {
  const paint = (style: keyof typeof COLOURS, s: string) => (colour ? `${COLOURS[style]}${s}${RESET}` : s);
  const lines: string[] = [];
  let file: string | undefined;
  let resource: string | undefined;
  for (const f of report.findings) {
    const findingFile = f.location?.file ?? "(no file)";
    if (findingFile !== file) {
      if (file !== undefined) lines.push("");
      lines.push(paint("bold", findingFile));
      file = findingFile;
      resource = undefined;
    }
    if (f.address !== resource) {
      lines.push(`  ${f.address}${f.location?.line ? paint("dim", ` (line ${f.location.line})`) : ""}`);
      resource = f.address;
    }
    lines.push(...findingLines(f, paint));
  }
  if (report.problems.length > 0) {
    if (lines.length > 0) lines.push("");
    lines.push(paint("bold", "Unreadable input:"));
    for (const p of report.problems) lines.push(`  ${paint("critical", "error")} ${formatProblem(p)}`);
  }
  if (lines.length > 0) lines.push("");
  lines.push(verdictLine(report, paint));
  return `${lines.join("\n")}\n`;
}

function findingLines(f: Finding, paint: (style: keyof typeof COLOURS, s: string) => string): string[] {
  const head = `${f.rule} ${f.title}: ${JSON.stringify(f.value)}`;
  if (f.suppressed) {
    return [`    ${paint("dim", `suppressed ${f.severity} ${head}`)}`, `      ${paint("dim", `reason: ${f.suppressed.reason}`)}`];
  }
  return [`    ${paint(f.severity, f.severity.toUpperCase())} ${head}`, `      risk: ${f.risk}`, `      fix:  ${f.fix}`];
}

/** The last line of the text report, without colour, e.g. `2 findings (1 critical, 1 medium) in 3 files; failed: 1 at or above high.` */
export function summaryLine(report: LintReport): string {
  return `${verdictLine(report, (_, s) => s)}\n`;
}

function verdictLine(report: LintReport, paint: (style: keyof typeof COLOURS, s: string) => string): string {
  const s = summarize(report);
  const files = `${s.files} file${s.files === 1 ? "" : "s"}`;
  const counts = (Object.entries(s.bySeverity) as [Severity, number][]).filter(([, n]) => n > 0).map(([sev, n]) => `${n} ${sev}`);
  const parts = [s.findings === 0 ? `no findings in ${files}` : `${s.findings} finding${s.findings === 1 ? "" : "s"} (${counts.join(", ")}) in ${files}`];
  if (s.suppressed > 0) parts.push(`${s.suppressed} suppressed`);
  if (s.problems > 0) parts.push(`${s.problems} input problem${s.problems === 1 ? "" : "s"}`);
  const verdict =
    report.exitCode === 0
      ? paint("ok", `passed (--fail-on ${report.failOn})`)
      : report.exitCode === 1
        ? paint("critical", `failed: ${s.failing} at or above ${report.failOn}`)
        : paint("critical", "failed: input could not be read");
  return `${parts.join(", ")}; ${verdict}.`;
}
