import { awsEvaluatedClaims } from "../compile/aws/claim-keys";
import { unknownParts } from "../lint/analysis/pattern";
import type { ClaimCheck, StatementFacts, TrustFacts } from "../lint/facts";
import type { TerraformResource } from "../terraform/resources";
import { PolicyVariableCondition, substitutePolicyVariables, VariableText } from "../terraform/iam-policy-variables";
import { evaluated, str, strings } from "../terraform/values";
import { matchValue, unknownsOf } from "./match";
import type { ExplainQuestion, Judgement } from "./model";
import { Tri, triAll, triAny, triNot } from "./tri";

const STRING_OPERATORS =
  /^(ForAllValues:|ForAnyValue:)?(StringEquals|StringNotEquals|StringEqualsIgnoreCase|StringNotEqualsIgnoreCase|StringLike|StringNotLike|Null)(IfExists)?$/i;

/** One condition's outcome, with the words to say when it fails or depends on something unknown. */
interface CheckOutcome {
  readonly result: Tri;
  readonly words: string;
  readonly dependsOn: readonly string[];
}

/**
 * Would STS let this token assume the role? IAM semantics: the token's `iss` names the OIDC provider
 * (it must be the one the role trusts); each claim STS evaluates for the issuer becomes the key
 * `<issuer>:<claim>` (names compared case-insensitively, values case-sensitively except `...IgnoreCase`);
 * keys of one statement AND, values of one key OR, statements OR; `IfExists`, `Null`, negated
 * operators and `ForAnyValue`/`ForAllValues` as IAM evaluates them; and the provider's
 * `client_id_list` must list `aud` when the provider is in these files.
 */
export function judgeAws(
  facts: TrustFacts,
  unit: { readonly resources: readonly TerraformResource[]; readonly byAddress: ReadonlyMap<string, TerraformResource> },
  q: ExplainQuestion,
): Judgement {
  const trusted = facts.issuer.url;
  if (trusted === undefined) {
    const depends = facts.unknowns.map((u) => u.expression);
    return {
      decision: "undecided",
      reason: "the OIDC provider the role trusts is not known here",
      dependsOn: depends.length > 0 ? depends : ["Principal.Federated"],
    };
  }
  const bare = (u: string) => u.replace(/^https:\/\//, "").replace(/\/+$/, "");
  // STS finds the provider by the token's iss exactly (an AKS issuer keeps its trailing slash).
  const named = facts.issuer.references.find((r) => r.where !== "condition keys" && unknownParts(r.value).length === 0)?.value ?? trusted;
  const exact = `https://${named.replace(/^https:\/\//, "")}`;
  if (q.iss !== exact) {
    return { decision: "rejected", reason: `the role trusts tokens of ${exact}; the token's iss is ${JSON.stringify(q.iss)}` };
  }
  const notes: string[] = [];
  const audiences = q.aud === undefined ? [] : typeof q.aud === "string" ? [q.aud] : [...q.aud];
  const clients = clientIdList(trusted, unit);
  if (q.audienceUnstated === true) notes.push("no aud given: the audience checks are skipped");
  else if (clients === undefined) notes.push("the OIDC provider is not in these files: STS also requires the token's aud in its client_id_list");
  else {
    const listed = triAny(audiences.flatMap((a) => clients.map((c) => toTri(matchValue(c, a, { glob: false })))));
    if (listed === false)
      return { decision: "rejected", reason: `aud ${JSON.stringify(q.aud ?? null)} is not in the OIDC provider's client_id_list ${JSON.stringify(clients)}` };
    if (listed === "unknown") return { decision: "undecided", reason: "the OIDC provider's client_id_list is not known here", dependsOn: unknownsOf(clients) };
  }
  const available = new Set(["sub", "aud", "amr", ...awsEvaluatedClaims(bare(trusted))].map((c) => c.toLowerCase()));
  const outcomes = facts.statements.map((s) => judgeStatement(s, q, available));
  const accepted = outcomes.findIndex((o) => o.result === true);
  if (accepted >= 0) {
    const denies = facts.denyStatements ?? [];
    if (denies.length > 0) {
      return {
        decision: "undecided",
        reason: `${facts.statements[accepted].label} allows the token, but ${denies.join(", ")} may deny it: explain does not evaluate Deny statements`,
        dependsOn: denies,
        ...(notes.length ? { notes } : {}),
      };
    }
    return { decision: "accepted", reason: `${facts.statements[accepted].label}: every condition holds`, ...(notes.length ? { notes } : {}) };
  }
  if (outcomes.length === 0) return { decision: "rejected", reason: "no statement allows sts:AssumeRoleWithWebIdentity to this provider" };
  const unknown = outcomes.filter((o) => o.result === "unknown");
  if (unknown.length > 0) {
    return {
      decision: "undecided",
      reason: unknown.map((o) => o.words).join("; "),
      dependsOn: [...new Set(unknown.flatMap((o) => o.dependsOn))],
      ...(notes.length ? { notes } : {}),
    };
  }
  return { decision: "rejected", reason: outcomes.map((o, i) => (outcomes.length > 1 ? `${facts.statements[i].label}: ${o.words}` : o.words)).join("; ") };
}

function toTri(m: "match" | "no-match" | "unknown"): Tri {
  return m === "match" ? true : m === "no-match" ? false : "unknown";
}

/** The client_id_list of the provider for this issuer, when it is in these files. */
function clientIdList(issuer: string, unit: { readonly resources: readonly TerraformResource[] }): string[] | undefined {
  const bare = issuer.replace(/^https:\/\//, "").replace(/\/+$/, "");
  for (const r of unit.resources) {
    if (r.mode !== "managed" || r.type !== "aws_iam_openid_connect_provider") continue;
    const url = str(evaluated(r.values.url));
    if (url !== undefined && url.replace(/^https:\/\//, "").replace(/\/+$/, "") === bare) return strings(evaluated(r.values.client_id_list));
  }
  return undefined;
}

function judgeStatement(s: StatementFacts, q: ExplainQuestion, available: ReadonlySet<string>): CheckOutcome {
  const depends: string[] = [];
  let unknownWords: string | undefined;
  for (const check of [...(q.audienceUnstated === true ? [] : s.audience), ...s.subject, ...s.claims]) {
    const o = judgeCheck(check, q, available);
    if (o.result === false) return o;
    if (o.result === "unknown") {
      depends.push(...o.dependsOn);
      unknownWords ??= o.words;
    }
  }
  if (unknownWords !== undefined) return { result: "unknown", words: unknownWords, dependsOn: depends };
  return { result: true, words: "every condition holds", dependsOn: [] };
}

/**
 * A check whose values hold IAM policy variables, judged as IAM does for this token: each variable
 * replaced by the token's claim (or its default), then the operator as written. A value whose
 * variable has neither matches nothing; a variable of another issuer, an `aws:` key or a claim with
 * several values is not evaluated (unknown).
 */
function judgeWithVariables(check: ClaimCheck, asWritten: PolicyVariableCondition, q: ExplainQuestion, available: ReadonlySet<string>): CheckOutcome {
  const issuerPrefix = q.iss.replace(/^https:\/\//, "").toLowerCase();
  const lookup = (key: string): VariableText => {
    const colon = key.lastIndexOf(":");
    if (key.slice(0, colon).toLowerCase() !== issuerPrefix) return "unknown";
    const values = requestValues(key.slice(colon + 1).toLowerCase(), q, available);
    if (values === undefined || values.length === 0) return "missing";
    return values.length === 1 ? { text: values[0] } : "unknown";
  };
  const substituted = asWritten.values.map((v) => substitutePolicyVariables(v, asWritten, lookup));
  if (substituted.includes("unknown") || (substituted.includes("missing") && /Not/i.test(asWritten.op))) {
    const names = asWritten.values.join(", ");
    return {
      result: "unknown",
      words: `${check.claim} ${asWritten.op} ${names} holds a policy variable wif explain does not evaluate for this token`,
      dependsOn: [names],
    };
  }
  const values = substituted.flatMap((v) => (typeof v === "string" ? [] : [v.text]));
  if (values.length === 0)
    return {
      result: false,
      words: `${check.claim} ${asWritten.op}: no policy variable of ${asWritten.values.join(", ")} has a value in the token`,
      dependsOn: [],
    };
  const { asWritten: _written, ignoresCase: _ignoresCase, ...rest } = check;
  return judgeCheck({ ...rest, native: asWritten.op, values }, q, available);
}

/** The token's values for a condition key: a string, a list's strings; none when STS does not pass the claim. */
function requestValues(claim: string, q: ExplainQuestion, available: ReadonlySet<string>): string[] | undefined {
  if (!available.has(claim)) return undefined;
  const entry = Object.entries(q.claims).find(([k]) => k.toLowerCase() === claim);
  if (!entry || entry[1] === undefined || entry[1] === null) return undefined;
  const v = entry[1];
  if (Array.isArray(v)) return v.map((x) => (typeof x === "string" ? x : JSON.stringify(x)));
  return [typeof v === "string" ? v : JSON.stringify(v)];
}

function judgeCheck(check: ClaimCheck, q: ExplainQuestion, available: ReadonlySet<string>): CheckOutcome {
  if (check.asWritten !== undefined) return judgeWithVariables(check, check.asWritten, q, available);
  const written = `${check.native} ${check.values.map((v) => JSON.stringify(v)).join(" or ")}`;
  if (check.claim === "?") return { result: "unknown", words: `a condition is not known here (${check.values.join(", ")})`, dependsOn: check.values };
  const m = STRING_OPERATORS.exec(check.native);
  if (!m) return { result: "unknown", words: `${check.claim} ${check.native} is not evaluated by wif explain`, dependsOn: [`${check.claim} ${check.native}`] };
  const set = m[1]?.slice(0, -1).toLowerCase();
  const base = m[2].toLowerCase();
  const ifExists = m[3] !== undefined;
  const values = requestValues(check.claim, q, available);
  const missingWhy = available.has(check.claim) ? "is not in the token" : "is not a claim STS evaluates for this issuer";
  const depends = unknownsOf(check.values);
  const fail = (words: string): CheckOutcome => ({ result: false, words, dependsOn: [] });
  const maybe = (words: string): CheckOutcome => ({ result: "unknown", words, dependsOn: depends });
  const pass: CheckOutcome = { result: true, words: "", dependsOn: [] };

  if (base === "null") {
    const wantAbsent = check.values.some((v) => v.toLowerCase() === "true");
    const absent = values === undefined || values.length === 0;
    return absent === wantAbsent ? pass : fail(`${check.claim} ${absent ? "is absent" : "is present"}; ${written}`);
  }
  const negated = base.includes("not");
  if (values === undefined || values.length === 0) {
    // As the IAM policy simulator reads it: ForAnyValue needs a value even with IfExists.
    if (set === "foranyvalue") return fail(`${check.claim} ${missingWhy} (${written} needs a value)`);
    if (set === "forallvalues" || ifExists || negated) return pass;
    return fail(`${check.claim} ${missingWhy} (${written} needs it)`);
  }
  const glob = base.includes("like");
  const ignoreCase = base.includes("ignorecase");
  const matchesAny = (rv: string): Tri => triAny(check.values.map((p) => toTri(matchValue(p, rv, { glob, ignoreCase }))));
  const per = values.map((rv) => (negated ? triNot(matchesAny(rv)) : matchesAny(rv)));
  const result = set === "forallvalues" ? triAll(per) : triAny(per);
  const shown = values.length === 1 ? JSON.stringify(values[0]) : JSON.stringify(values);
  if (result === true) return pass;
  if (result === "unknown") return maybe(`${check.claim} ${shown} against ${written}`);
  return fail(`${check.claim} ${shown} ${negated ? "matches" : "does not match"} ${written}`);
}
