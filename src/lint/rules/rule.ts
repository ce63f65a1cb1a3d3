import type { Severity } from "../finding";
import type { RuleExample } from "./examples";
import type { TrustFacts } from "../facts";
import type { StatementReach } from "../analysis/statement-reach";

/** A rule's metadata: everything a report or a docs page says about it. */
export interface RuleMeta {
  /** Stable forever, e.g. `WIF002`. */
  readonly id: string;
  /** Default severity (a finding may carry another, e.g. a downgrade with its reason). */
  readonly severity: Severity;
  readonly title: string;
  /** Why it is dangerous, one sentence (the default `risk` of findings). */
  readonly why: string;
  /** How to fix it (the default `fix` of findings). */
  readonly fix: string;
  /** Longer explanation for the docs page (markdown). */
  readonly details: string;
  /** Examples that fire (linted by the rule tests; see `examples.ts`). */
  readonly fires: readonly RuleExample[];
  /** Examples that do not fire (linted by the rule tests). */
  readonly passes: readonly RuleExample[];
  /** Path of the docs page in the package, e.g. `docs/rules/WIF002.md`. */
  readonly docs: string;
}

/** What a rule reads: the facts, and the reach of each statement computed once. */
export interface RuleContext {
  readonly facts: TrustFacts;
  readonly reaches: readonly StatementReach[];
}

/** One violation as a rule reports it; the engine adds the rest of the `Finding`. */
export interface RuleHit {
  /** The exact offending value. */
  readonly value: string;
  /** @default - the rule's `why` */
  readonly risk?: string;
  /** @default - the rule's `fix` */
  readonly fix?: string;
  /** @default - the rule's severity */
  readonly severity?: Severity;
}

/**
 * A rule: metadata plus a pure check.
 *
 * @example
 * const hits = WIF002.check({ facts, reaches });
 */
export interface Rule {
  readonly meta: RuleMeta;
  readonly check: (context: RuleContext) => readonly RuleHit[];
}

/** The docs path of a rule id. */
export function docsPath(id: string): string {
  return `docs/rules/${id}.md`;
}
