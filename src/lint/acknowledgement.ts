/**
 * An explicit, reasoned acceptance of one rule's finding on one trust, e.g.
 * `{ rule: "WIF004", reason: "read-only role used by every branch's CI" }`. Suppressed findings are
 * still reported, as suppressed.
 */
export interface Acknowledgement {
  /** The rule id, e.g. `WIF004`. */
  readonly rule: string;
  /** Why this is acceptable here: at least 10 characters. */
  readonly reason: string;
}
