import { LintReport, isFailing, summarize } from "../report";

/** Version of the `--format json` schema (docs/cli.md); bumped only on incompatible changes. */
export const JSON_REPORT_VERSION = 1;

/**
 * The `--format json` report, a stable schema documented in docs/cli.md: tool, threshold, exit
 * code, files, summary counts, findings (flat, with `file`/`line`, `failing`, `suppressed`,
 * `baseline`, and `via` when reached through modules) and input problems.
 *
 * @example
 * JSON.parse(jsonReport(report)).findings[0].rule; // "WIF002"
 */
export function jsonReport(report: LintReport): string {
  const doc = {
    version: JSON_REPORT_VERSION,
    tool: { name: "wif", version: report.toolVersion },
    failOn: report.failOn,
    exitCode: report.exitCode,
    files: report.files,
    summary: summarize(report),
    findings: report.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      title: f.title,
      address: f.address,
      value: f.value,
      risk: f.risk,
      fix: f.fix,
      cloud: f.cloud ?? null,
      file: f.location?.file ?? null,
      line: f.location?.line ?? null,
      constructPath: f.constructPath ?? null,
      definedAt: f.definedAt ? { file: f.definedAt.file, line: f.definedAt.line ?? null } : null,
      failing: isFailing(f, report.failOn),
      suppressed: f.suppressed ? { reason: f.suppressed.reason } : null,
      baseline: f.baseline ?? null,
      ...(f.via && f.via.length > 0 ? { via: f.via.map((v) => ({ file: v.file, line: v.line ?? null, address: v.address })) } : {}),
    })),
    problems: report.problems.map((p) => ({ file: p.file, line: p.line ?? null, message: p.message })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
