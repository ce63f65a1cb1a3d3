import { Claim, Issuer, Subject, Trust } from "../../src/trust";
import type { Cloud } from "../../src/trust/audiences";
import { lintFacts } from "../../src/lint/engine";
import { lintTrust } from "../../src/lint/lint-trust";
import type { ClaimCheck, StatementFacts, TrustFacts } from "../../src/lint/facts";

export const GITHUB = Issuer.githubActions();
export const GITLAB = Issuer.fromUrl("https://gitlab.com");
export const TFC = Issuer.fromUrl("https://app.terraform.io");
export const EKS = Issuer.fromUrl("https://oidc.eks.eu-west-1.amazonaws.com/id/ABC");
export const BUILDKITE = Issuer.fromUrl("https://agent.buildkite.com");
export const CIRCLECI = Issuer.fromUrl("https://oidc.circleci.com/org/0a1b2c3d-0000-4000-8000-000000000000");
export const GENERIC = Issuer.fromUrl("https://issuer.example.com");

/** A subject: a value with `*` or `?` is a like pattern, others exact. */
export function sub(value: string): Subject {
  return /[*?]/.test(value) ? Subject.like(value) : Subject.exactly(value);
}

/** A trust with an explicit audience (so only subject rules speak unless the case is about audiences). */
export function trust(issuer: Issuer, subject: string | Subject, claims: Record<string, string | Claim> = {}): Trust {
  const c: Record<string, Claim> = {};
  for (const [k, v] of Object.entries(claims)) c[k] = typeof v === "string" ? (/[*?]/.test(v) ? Claim.like(v) : Claim.equals(v)) : v;
  return new Trust({ issuer, subject: typeof subject === "string" ? sub(subject) : subject, audiences: ["sts.amazonaws.com"], claims: c });
}

/** Sorted unique rule ids of the unsuppressed findings. */
export function ruleIds(t: Trust, cloud?: Cloud): string[] {
  return [...new Set(lintTrust(t, cloud ? { cloud } : {}).map((f) => f.rule))].sort();
}

/** `rule/severity` of every finding, sorted. */
export function ruleSeverities(t: Trust, cloud?: Cloud): string[] {
  return [...new Set(lintTrust(t, cloud ? { cloud } : {}).map((f) => `${f.rule}/${f.severity}`))].sort();
}

/** The findings of one rule on the facts: value, risk and fix, and the severity when asked. */
export function ruleHits(rule: string, f: TrustFacts, options: { readonly severity?: boolean } = {}) {
  return lintFacts(f)
    .filter((x) => x.rule === rule)
    .map(({ value, severity, risk, fix }) => ({ value, ...(options.severity ? { severity } : {}), risk, fix }));
}

/** Raw facts for cases a `Trust` cannot express (operators, issuers, limits). */
export function facts(over: Partial<TrustFacts> & { checks?: ClaimCheck[]; aud?: ClaimCheck[] }): TrustFacts {
  const { checks = [], aud = [eq("aud", "sts.amazonaws.com")], ...rest } = over;
  const statement: StatementFacts = {
    label: "Statement[0]",
    audience: aud,
    subject: checks.filter((c) => c.claim === "sub"),
    claims: checks.filter((c) => c.claim !== "sub"),
  };
  return {
    address: "aws_iam_role.r",
    cloud: "aws",
    issuer: { url: "https://token.actions.githubusercontent.com", kind: "github-actions", shared: true, references: [] },
    statements: [statement],
    unknowns: [],
    acknowledgements: [],
    ...rest,
  };
}
/** A `StringEquals` check. */
export function eq(claim: string, ...values: string[]): ClaimCheck {
  return { claim, operator: "equals", values, native: "StringEquals" };
}
/** A `StringLike` check. */
export function like(claim: string, ...values: string[]): ClaimCheck {
  return { claim, operator: "like", values, native: "StringLike" };
}
