/**
 * An explicit, reasoned acceptance of one rule's findings on one trust, as cdk-nag's suppressions:
 * without `appliesTo` it covers every finding of the rule on that resource; with it, only the findings
 * whose value is listed. Suppressed findings are still reported, as suppressed.
 *
 * @example
 * { rule: "WIF004", reason: "read-only role used by every branch's CI" }
 * { rule: "WIF004", appliesTo: ["repo:octo/app:ref:refs/tags/*"], reason: "release tags are protected by a ruleset" }
 */
export interface Acknowledgement {
  /** The rule id, e.g. `WIF004`. */
  readonly rule: string;
  /**
   * The finding values it covers (the `value` a finding reports, e.g. `repo:octo/app:*`), compared exactly.
   * @default - every finding of `rule` on the resource
   */
  readonly appliesTo?: readonly string[];
  /** Why this is acceptable here: at least `MIN_REASON_LENGTH` characters. */
  readonly reason: string;
}
