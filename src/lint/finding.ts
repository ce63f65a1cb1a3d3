import type { Cloud } from "../trust/audiences";

/** Severities, most severe first. */
export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** True when `severity` is at least as severe as `threshold`. */
export function isAtLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}

/** Where a finding was found in a file (CLI input); `line` is 1-based, known for HCL input. */
export interface SourceLocation {
  readonly file: string;
  readonly line?: number;
}

/**
 * One step between where a finding is reported and the resource it is about: for a finding
 * reported at a module call, the resource inside the module (`module.ci.aws_iam_role.this`).
 */
export interface ViaLocation {
  readonly file: string;
  /** 1-based. @default - unknown */
  readonly line?: number;
  readonly address: string;
}

/**
 * One rule violation on one trust. This shape is shared by the construct gate, the `TrustChecks`
 * Aspect and every `wif lint` reporter.
 */
export interface Finding {
  /** Stable rule id, e.g. `WIF002`. */
  readonly rule: string;
  readonly severity: Severity;
  /** The rule's title. */
  readonly title: string;
  /** Resource address (`aws_iam_role.ci`, `module.m.aws_iam_role.ci`) or construct path. */
  readonly address: string;
  /** The exact offending value, e.g. `repo:octo/*`. */
  readonly value: string;
  /** Why it is dangerous, in one sentence. */
  readonly risk: string;
  /** How to fix it. */
  readonly fix: string;
  readonly cloud?: Cloud;
  readonly location?: SourceLocation;
  /** cdktf input: the construct path of the resource (its `"//".metadata.path`). */
  readonly constructPath?: string;
  /** cdktf input: the user's file and line that created the resource, when cdktf recorded a stack trace. */
  readonly definedAt?: SourceLocation;
  /** Present when an acknowledgement with a reason suppressed this finding. */
  readonly suppressed?: { readonly reason: string };
  /**
   * For a trust inside a module, while `location` is the module call in the scanned configuration:
   * the module calls between, then the resource block itself (outermost first). SARIF reports it as
   * `relatedLocations`, JSON as `via`, text as `via:` lines.
   * @default - none: the finding is on the resource at `location`
   */
  readonly via?: readonly ViaLocation[];
}
