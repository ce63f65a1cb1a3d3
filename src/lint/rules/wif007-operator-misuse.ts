import type { ClaimCheck } from "../facts";
import { ALWAYS_PRESENT_CLAIMS } from "../analysis/claim-pins";
import { tokenize } from "../analysis/pattern";
import { gcpCondition, subject } from "./examples";
import { defineRule, docsPath, MessageHit } from "./rule";

const MULTI_VALUED = new Set(["amr", "groups"]);

const MESSAGES = {
  neverMatches: {
    risk: (d: { value: string; reason: string }) => `No token of the issuer can match ${JSON.stringify(d.value)}: ${d.reason}. The trust is broken.`,
    fix: () => "Write the subject exactly as the issuer emits it (case-sensitive), e.g. `repo:OWNER/REPO:ref:refs/heads/main`.",
  },
  memberNeverMatches: {
    risk: (d: { value: string; reason: string }) =>
      `The member ${JSON.stringify(d.value)} never matches a token of this provider: ${d.reason}. It grants nothing.`,
    fix: () =>
      "Bind the member the attribute_mapping gives: `principal://.../subject/VALUE` where google.subject = assertion.sub, or `principalSet://.../attribute.NAME/VALUE` for a mapped attribute.",
  },
  forAllValuesSingle: {
    risk: (d: { claim: string; native: string }) =>
      `ForAllValues on the single-valued claim ${JSON.stringify(d.claim)} is true when the claim is missing, so the check can be vacuous.`,
    fix: (d: { claim: string; native: string }) => `Drop the ForAllValues: prefix: use ${d.native.replace(/^ForAllValues:/, "")}.`,
  },
  literalWildcard: {
    risk: (d: { native: string; value: string }) =>
      `${d.native} compares ${JSON.stringify(d.value)} literally, so the wildcard never matches a real token: this check is broken (it fails closed).`,
    fix: () => "Use StringLike (AWS) or a pattern if you meant a pattern, or write the exact value.",
  },
  ifExistsAlwaysPresent: {
    severity: "info",
    risk: (d: { claim: string; native: string; plain: string }) =>
      `Every OIDC token carries ${JSON.stringify(d.claim)}, so ${d.native} behaves as ${d.plain}; harmless, but the IfExists suffix suggests the check may be skipped.`,
    fix: (d: { claim: string; native: string; plain: string }) => `Drop the IfExists suffix: use ${d.plain}.`,
  },
  likeWithoutWildcard: {
    severity: "info",
    risk: (d: { native: string }) => `${d.native} without a wildcard behaves as an exact match; harmless, but StringEquals says what it means.`,
    fix: () => "Use StringEquals for exact values.",
  },
  unanchoredRegex: {
    risk: (d: { source: string; anchoredStart: boolean }) =>
      `The regex ${JSON.stringify(d.source)} is not anchored at ${!d.anchoredStart ? "the start" : "the end"}; CEL matches() searches, so longer values containing it also match.`,
    fix: () => "Anchor the regex: `^...$` (and group alternatives: `^(a|b)$`).",
  },
  oneSidedAlternation: {
    risk: (d: { source: string }) =>
      `In ${JSON.stringify(d.source)} the anchors bind to the first and last alternative only, so the other alternatives match anywhere.`,
    fix: () => "Group the alternatives: `^(a|b)$`.",
  },
} as const;

type Hit = MessageHit<typeof MESSAGES>;

/** WIF007: operators that silently change the meaning of a check. */
export const WIF007 = defineRule({
  meta: {
    id: "WIF007",
    severity: "high",
    title: "Operator misuse",
    why: "The check does not mean what it looks like: it is vacuous, never matches, or matches more than intended.",
    fix: "Use `StringEquals` for exact values and `StringLike` for patterns, never `ForAllValues:` on single-valued claims; anchor CEL regexes with `^...$`.",
    details:
      "`ForAllValues:StringLike` on `:sub` is true when the claim is missing. A `*` inside `StringEquals` (or CEL `==`, or an " +
      "Azure exact subject) is literal and never matches a real token: the trust is broken, not broad. `StringLike` without a " +
      "wildcard is harmless (info; not reported when a value holds an IAM escape such as `${$}`, which only `StringLike` can write), " +
      "as is `...IfExists` on `sub` or `aud` (every token carries them, so it compares as the plain operator; info). CEL `matches()` searches, so `assertion.sub.matches('repo:octo/app')` also matches " +
      "`repo:evil/x:repo:octo/app`; `^a|b$` anchors each alternative on one side only. Subjects that no token of the issuer " +
      "can carry (`Repo:` for GitHub, a missing context) are reported as broken, as is a GCP member no token of the provider can " +
      "match (an attribute the provider does not map; `principal://.../subject/repo:...` while `google.subject` is " +
      "`assertion.actor`): it grants nothing (in a pool of several providers it may be meant for another one, so it is only not judged).",
    fires: [
      subject("`ForAllValues:StringLike` on `:sub`", "ForAllValues:StringLike", "repo:octo/app:*"),
      gcpCondition("`assertion.sub.matches('repo:octo/app')`", "assertion.sub.matches('repo:octo/app')"),
      subject("`StringEquals :sub = repo:o/r:*`", "StringEquals", "repo:o/r:*"),
    ],
    passes: [subject("`StringEquals :sub` on an exact subject", "StringEquals", "repo:octo/app:environment:prod")],
    docs: docsPath("WIF007"),
    messages: MESSAGES,
  },
  check: ({ facts, reaches }) => {
    const hits: Hit[] = [];
    for (const r of reaches) {
      // A member dead for this provider may be meant for another provider of the pool: broken only when it is the pool's one provider.
      const never = r.statement.never;
      if (never !== undefined && (facts.gcp?.poolProviderCount ?? 1) <= 1) {
        hits.push({ messageId: "memberNeverMatches", data: { value: never.value, reason: never.reason }, value: never.value });
      }
      const checks: readonly ClaimCheck[] = [...r.statement.subject, ...r.statement.claims, ...r.statement.audience];
      for (const c of checks) hits.push(...checkOperator(c));
      if (r.reach === "never") {
        for (const s of r.subjects) {
          if (s.scope.never) {
            hits.push({ messageId: "neverMatches", data: { value: s.value, reason: s.scope.never }, value: s.value });
          }
        }
      }
    }
    return hits;
  },
});

function checkOperator(c: ClaimCheck): Hit[] {
  const hits: Hit[] = [];
  if (c.setOperator === "ForAllValues" && !MULTI_VALUED.has(c.claim)) {
    hits.push({ messageId: "forAllValuesSingle", data: { claim: c.claim, native: c.native }, value: `${c.native} ${c.claim} ${c.values.join(", ")}` });
  }
  if (c.operator === "equals" || c.operator === "equals-ignore-case") {
    for (const v of c.values) {
      if (tokenize(v, false).some((t) => t.t === "lit" && (t.c === "*" || t.c === "?")) && !/\$\{[*?]\}/.test(v)) {
        hits.push({ messageId: "literalWildcard", data: { native: c.native, value: v }, value: v });
      }
    }
  }
  if (c.ifExists && ALWAYS_PRESENT_CLAIMS.has(c.claim) && c.setOperator === undefined) {
    const plain = c.native.replace(/IfExists$/, "");
    hits.push({
      messageId: "ifExistsAlwaysPresent",
      data: { claim: c.claim, native: c.native, plain },
      value: `${c.native} ${c.claim} ${c.values.join(", ")}`,
    });
  }
  // A literal `$` (also `*`, `?`) can only be written in StringLike, as ${$}: no hint then.
  const needsLike = c.values.some((v) => /\$\{[$*?]\}/.test(v));
  if (
    c.operator === "like" &&
    c.regex === undefined &&
    c.values.length > 0 &&
    !needsLike &&
    c.values.every((v) => !tokenize(v, true).some((t) => t.t === "star" || t.t === "one"))
  ) {
    hits.push({ messageId: "likeWithoutWildcard", data: { native: c.native }, value: c.values.join(", ") });
  }
  if (c.regex) {
    if (!c.regex.anchoredStart || !c.regex.anchoredEnd) {
      hits.push({ messageId: "unanchoredRegex", data: { source: c.regex.source, anchoredStart: c.regex.anchoredStart }, value: c.regex.source });
    } else if (c.regex.oneSidedAlternation) {
      hits.push({ messageId: "oneSidedAlternation", data: { source: c.regex.source }, value: c.regex.source });
    }
  }
  return hits;
}
