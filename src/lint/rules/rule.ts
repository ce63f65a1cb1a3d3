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

/** One message of a rule, declared by id in its `meta.messages`: the risk and the fix, from typed data. */
export interface RuleMessage<D> {
  readonly risk: (data: D) => string;
  readonly fix: (data: D) => string;
  /** @default - the rule's severity */
  readonly severity?: Severity;
}

/** Messages by id. */
export type RuleMessages = Readonly<Record<string, RuleMessage<never>>>;

/** A hit that names one of the rule's message ids, with that message's data: a wrong id or data does not compile. */
export type MessageHit<M extends RuleMessages> = {
  readonly [K in keyof M & string]: {
    readonly messageId: K;
    readonly data: M[K] extends RuleMessage<infer D> ? D : never;
    readonly value: string;
    /** @default - the message's severity, else the rule's */
    readonly severity?: Severity;
  };
}[keyof M & string];

/**
 * A rule whose findings are written by messages declared in its meta (as typescript-eslint's
 * `createRule<Options, MessageIds>`): the check names a message id and its data, the engine gets the
 * rendered risk and fix.
 *
 * @example
 * export const WIF999 = defineRule({
 *   meta: { ...meta, messages: { open: { risk: (d: { value: string }) => `${d.value} is open.`, fix: () => "Pin it." } } },
 *   check: ({ reaches }) => reaches.map((r) => ({ messageId: "open", data: { value: r.value }, value: r.value })),
 * });
 */
export function defineRule<M extends RuleMessages>(rule: {
  readonly meta: RuleMeta & { readonly messages: M };
  readonly check: (context: RuleContext) => readonly MessageHit<M>[];
}): Rule & { readonly meta: RuleMeta & { readonly messages: M } } {
  const render = (hit: MessageHit<M>): RuleHit => {
    const message = rule.meta.messages[hit.messageId] as unknown as RuleMessage<typeof hit.data>;
    const severity = hit.severity ?? message.severity;
    return { value: hit.value, risk: message.risk(hit.data), fix: message.fix(hit.data), ...(severity ? { severity } : {}) };
  };
  return { meta: rule.meta, check: (context) => rule.check(context).map(render) };
}
