import type { ClaimCheck, TrustFacts } from "../lint/facts";
import type { TerraformResource } from "../terraform/resources";
import { evaluated, str, strings } from "../terraform/values";
import { matchValue, MatchResult, unknownsOf } from "./match";
import type { ExplainQuestion, Judgement } from "./model";

/**
 * Would Entra accept this token for the federated credential? `iss` equals the credential's issuer
 * exactly (case-sensitive, a trailing slash counts), `aud` is its audience; an exact credential's
 * `subject` equals `sub`; a flexible credential's expression holds (`eq` exact, `matches` a glob
 * with `*` and `?`, joined by `and`).
 */
export function judgeAzure(facts: TrustFacts, credential: TerraformResource, q: ExplainQuestion): Judgement {
  const values = evaluated(credential.values) as Record<string, unknown>;
  const dependsOn: string[] = [];
  const issuer = str(values.issuer);
  if (issuer === undefined) return { decision: "undecided", reason: "the credential's issuer is not known here", dependsOn: ["issuer"] };
  const iss = matchValue(issuer, q.iss, { glob: false });
  if (iss === "no-match")
    return { decision: "rejected", reason: `the credential trusts tokens of ${issuer}; the token's iss is ${JSON.stringify(q.iss)} (compared exactly)` };
  if (iss === "unknown") dependsOn.push(...unknownsOf([issuer]));

  const audiences = strings(values.audience ?? values.audiences);
  const auds = q.aud === undefined ? [] : typeof q.aud === "string" ? [q.aud] : [...q.aud];
  const aud = q.audienceUnstated === true ? "match" : best(auds.flatMap((a) => audiences.map((x) => matchValue(x, a, { glob: false }))));
  if (aud === "no-match")
    return { decision: "rejected", reason: `aud ${JSON.stringify(q.aud ?? null)} is not the credential's audience ${JSON.stringify(audiences)}` };
  if (aud === "unknown") dependsOn.push(...unknownsOf(audiences));

  const checks: readonly ClaimCheck[] = facts.statements.flatMap((s) => [...s.subject, ...s.claims]);
  for (const check of checks) {
    if (check.claim === "?")
      return {
        decision: "undecided",
        reason: "the claims matching expression is not read here",
        dependsOn: check.values.length > 0 ? check.values : [check.native],
      };
    const raw = q.claims[check.claim];
    const value = raw === undefined || raw === null ? undefined : typeof raw === "string" ? raw : JSON.stringify(raw);
    const written = `${check.native === "subject" ? "subject" : `${check.claim} ${check.native}`} ${JSON.stringify(check.values[0] ?? "")}`;
    if (value === undefined) return { decision: "rejected", reason: `${check.claim} is not in the token (${written} needs it)` };
    const r = best(check.values.map((v) => matchValue(v, value, { glob: check.operator === "like" })));
    if (r === "no-match")
      return { decision: "rejected", reason: `${check.claim} ${JSON.stringify(value)} does not ${check.operator === "like" ? "match" : "equal"} ${written}` };
    if (r === "unknown") dependsOn.push(...unknownsOf(check.values));
  }
  if (dependsOn.length > 0) return { decision: "undecided", reason: "the token fits, except for values unknown here", dependsOn: [...new Set(dependsOn)] };
  const notes = q.audienceUnstated === true ? { notes: ["no aud given: the audience check is skipped"] } : {};
  return {
    ...notes,
    decision: "accepted",
    reason:
      credential.type === "azuread_application_flexible_federated_identity_credential"
        ? "issuer, audience and the claims matching expression match"
        : "issuer, subject and audience match exactly",
  };
}

function best(results: readonly MatchResult[]): MatchResult {
  return results.includes("match") ? "match" : results.includes("unknown") ? "unknown" : "no-match";
}
