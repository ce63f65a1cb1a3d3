import type { Severity } from "../../lint/finding";
import { findingFingerprint } from "../fingerprint";
import type { LintReport } from "../report";

/** GitLab Code Quality severities: info, minor, major, critical, blocker. */
export const GITLAB_SEVERITY: Readonly<Record<Severity, "info" | "minor" | "major" | "critical" | "blocker">> = {
  critical: "blocker",
  high: "critical",
  medium: "major",
  low: "minor",
  info: "info",
};

/**
 * `--format gitlab`: a GitLab Code Quality report (`artifacts:reports:codequality`), a JSON array
 * with one issue per unsuppressed finding: `description`, `check_name` (the rule id),
 * `fingerprint` (stable across line changes, as SARIF's), `severity` (critical → blocker, high →
 * critical, medium → major, low → minor, info → info), `location.path` (relative to the directory
 * wif ran in: run it from the repository root) and `location.lines.begin` (1 when unknown).
 * Suppressed findings are left out; unreadable inputs are not issues (they exit 2 and are written
 * to stderr).
 *
 * @example
 * fs.writeFileSync("gl-code-quality-report.json", gitlabReport(report));
 */
export function gitlabReport(report: LintReport): string {
  const issues = report.findings
    .filter((f) => !f.suppressed)
    .map((f) => ({
      type: "issue",
      check_name: f.rule,
      description: `${f.rule} ${f.title}: ${JSON.stringify(f.value)} on ${f.address}. ${f.risk} Fix: ${f.fix}`,
      categories: ["Security"],
      severity: GITLAB_SEVERITY[f.severity],
      fingerprint: findingFingerprint({ ...f, file: f.location?.file }),
      location: { path: f.location?.file ?? ".", lines: { begin: f.location?.line ?? 1 } },
    }));
  return `${JSON.stringify(issues, null, 2)}\n`;
}
