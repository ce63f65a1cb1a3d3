import { Finding, isAtLeast, SEVERITIES, Severity } from "../lint/finding";
import type { InputProblem } from "../terraform/input-problem";
import type { FailOn } from "./commands/lint-options";

/** Exit codes of `wif lint`. */
export const EXIT = { clean: 0, findings: 1, error: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** What a reporter says about a rule (SARIF rule metadata, help text). */
export interface RuleInfo {
  readonly id: string;
  readonly severity: Severity;
  readonly title: string;
  /** What the rule catches and why it matters. */
  readonly description: string;
  /** How to fix what it catches. @default - none */
  readonly help?: string;
  /** Where the rule's documentation lives. @default - none */
  readonly helpUri?: string;
}

/** Whether a finding was in the `--baseline` report: `existing` ones never fail the run. */
export type BaselineState = "new" | "existing";

/** A finding as a run reports it: with its baseline state when `--baseline` was given. */
export interface ReportedFinding extends Finding {
  /** @default - no baseline given */
  readonly baseline?: BaselineState;
}

/** Everything a reporter prints: one run of `wif lint`. */
export interface LintReport {
  readonly toolVersion: string;
  readonly failOn: FailOn;
  /** Every file read, as shown to the user. */
  readonly files: readonly string[];
  /** Findings in report order: by file, line, address, then severity and rule. */
  readonly findings: readonly ReportedFinding[];
  readonly problems: readonly InputProblem[];
  readonly rules: readonly RuleInfo[];
  readonly exitCode: ExitCode;
  /** `--soft-fail`: failing findings are reported but exit 0. @default false */
  readonly softFail?: boolean;
  /** The `--baseline` file, as given. @default - none */
  readonly baseline?: string;
}

/**
 * True when a finding makes the run fail: not suppressed, not in the baseline, and at least as
 * severe as the threshold (with `--soft-fail` the run still exits 0).
 */
export function isFailing(finding: ReportedFinding, failOn: FailOn): boolean {
  return !finding.suppressed && finding.baseline !== "existing" && isAtLeast(finding.severity, failOn);
}

/**
 * 2 when an input could not be read, else 1 when a finding fails the threshold (0 with
 * `softFail`), else 0.
 */
export function exitCodeOf(findings: readonly ReportedFinding[], problems: readonly InputProblem[], failOn: FailOn, softFail = false): ExitCode {
  if (problems.length > 0) return EXIT.error;
  return !softFail && findings.some((f) => isFailing(f, failOn)) ? EXIT.findings : EXIT.clean;
}

/** Report order: file, line, address, severity (most severe first), rule, value. */
export function sortFindings<F extends Finding>(findings: readonly F[]): F[] {
  const key = (f: Finding): (string | number)[] => [
    f.location?.file ?? "\uffff",
    f.location?.line ?? 0,
    f.address,
    SEVERITIES.indexOf(f.severity),
    f.rule,
    f.value,
  ];
  return [...findings].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    return 0;
  });
}

/** Counts for summary lines and the JSON report. */
export interface Summary {
  readonly findings: number;
  readonly failing: number;
  readonly suppressed: number;
  /** Unsuppressed findings also in the `--baseline` report. */
  readonly existing: number;
  readonly problems: number;
  readonly files: number;
  /** Unsuppressed findings per severity. */
  readonly bySeverity: Readonly<Record<Severity, number>>;
}

export function summarize(report: LintReport): Summary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of report.findings) if (!f.suppressed) bySeverity[f.severity]++;
  return {
    findings: report.findings.filter((f) => !f.suppressed).length,
    failing: report.findings.filter((f) => isFailing(f, report.failOn)).length,
    suppressed: report.findings.filter((f) => f.suppressed).length,
    existing: report.findings.filter((f) => !f.suppressed && f.baseline === "existing").length,
    problems: report.problems.length,
    files: report.files.length,
    bySeverity,
  };
}
