import type { Cloud } from "../trust/audiences";

/** The JSON contract of `wif explain --format json` (schemas/explain.schema.json). */
export const EXPLAIN_SCHEMA_VERSION = 1;

/** What is asked: the claims of a token (decoded, never verified) or of a workload described by hand. */
export interface ExplainQuestion {
  readonly iss: string;
  readonly sub?: string;
  /** A string, or a list when the token carries several audiences. */
  readonly aud?: string | readonly string[];
  /** Every claim, `iss`, `sub` and `aud` included. */
  readonly claims: Readonly<Record<string, unknown>>;
  /**
   * True for a workload described by hand without an audience: audience checks are skipped (and said
   * so) instead of failing. A token without `aud` is judged as it is.
   * @default false
   */
  readonly audienceUnstated?: boolean;
}

export type Decision = "accepted" | "rejected" | "undecided";

/** The answer for one trust. */
export interface ExplainVerdict {
  readonly id: string;
  readonly cloud: Cloud;
  readonly address: string;
  readonly file?: string;
  readonly line?: number;
  readonly decision: Decision;
  /** Why, in words: the first failing condition, or what was checked. */
  readonly reason: string;
  /** For `undecided`: the values unknown here it depends on (`${var.subjects}`). */
  readonly dependsOn?: readonly string[];
  /** What else is worth knowing (a provider outside these files, an unconfirmed cloud behaviour). */
  readonly notes?: readonly string[];
}

export interface Explanation {
  readonly schemaVersion: typeof EXPLAIN_SCHEMA_VERSION;
  readonly question: ExplainQuestion;
  readonly verdicts: readonly ExplainVerdict[];
  readonly problems: readonly { readonly file: string; readonly line?: number; readonly message: string }[];
}

/** One trust's decision before it is located. */
export interface Judgement {
  readonly decision: Decision;
  readonly reason: string;
  readonly dependsOn?: readonly string[];
  readonly notes?: readonly string[];
}
