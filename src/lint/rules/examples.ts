/**
 * The examples of a rule's `meta`: shown on its docs page, and linted by the rule tests
 * (test/lint/rule-examples.test.ts), so the documentation cannot drift from the behaviour. An example
 * either carries the trust it stands for (an AWS trust-policy condition or a GCP provider condition)
 * or is prose only, for what needs more than one resource (an Azure identity's credentials).
 */
export interface RuleExample {
  /** Markdown for the docs page. */
  readonly text: string;
  /** An AWS role trusting `issuer` (host/path, default GitHub) with this `Condition` block; condition keys without `:` get the issuer prefix. */
  readonly aws?: { readonly issuer: string; readonly condition: ConditionBlock };
  /** A GCP provider on `issuer` (https URL, default GitHub) with this `attribute_condition` (absent: none). */
  readonly gcp?: { readonly issuer: string; readonly condition?: string };
}

/** `{ StringLike: { sub: "repo:*" } }`. */
export type ConditionBlock = Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;

const GITHUB = "token.actions.githubusercontent.com";

/** Prose only. */
export function prose(text: string): RuleExample {
  return { text };
}

/** An AWS role with exactly this condition block. */
export function awsCondition(text: string, condition: ConditionBlock, issuer = GITHUB): RuleExample {
  return { text, aws: { issuer, condition } };
}

/**
 * An AWS role checking the audience (`sts.amazonaws.com`, or `audience`) and `sub` with `operator`,
 * plus `more` conditions.
 *
 * @example
 * subject("`repo:*`", "StringLike", "repo:*");
 */
export function subject(
  text: string,
  operator: string,
  sub: string | readonly string[],
  options: { readonly issuer?: string; readonly audience?: string; readonly more?: ConditionBlock } = {},
): RuleExample {
  const condition: Record<string, Record<string, string | readonly string[]>> = { StringEquals: { aud: options.audience ?? "sts.amazonaws.com" } };
  condition[operator] = { ...(condition[operator] ?? {}), sub };
  for (const [op, checks] of Object.entries(options.more ?? {})) condition[op] = { ...(condition[op] ?? {}), ...checks };
  return awsCondition(text, condition, options.issuer);
}

/** A GCP provider with this attribute condition. */
export function gcpCondition(text: string, condition: string | undefined, issuer = `https://${GITHUB}`): RuleExample {
  return { text, gcp: { issuer, ...(condition !== undefined ? { condition } : {}) } };
}
