import type { Claim } from "../../trust/claim";
import { hasGlobWildcard } from "../../trust/glob";
import type { MatchAlternative } from "../../trust/string-condition";
import { profileOf } from "../../trust/issuers";
import type { Trust } from "../../trust/trust";
import { FlexibleClause, isQuotable, renderExpression } from "./expression";
import { impliedClaims, literalPrefix } from "./implied-claims";
import { AZURE_MAX_CREDENTIALS, AZURE_MAX_VALUE_LENGTH, FlexibleIssuer, flexibleIssuerFor } from "./limits";
import { credentialName } from "./names";
import * as refusals from "./refusals";
import type { AzureCompileResult, AzureCredential, AzureRefusal, AzureTarget } from "./types";

/**
 * Compiles a trust to Entra federated identity credentials that accept exactly the tokens
 * `trust.accepts(claims, "azure")` accepts, or refuses it. Pure: no cdktf, no I/O.
 *
 * - Each exact subject whose claim conditions are all implied by the subject (see `impliedClaims`)
 *   becomes one exact credential.
 * - On an app registration, each pattern, and each exact subject with a claim condition the subject
 *   does not imply, becomes one flexible credential whose expression tests `sub` and those claims,
 *   where Entra's language allows them for the issuer.
 * - Anything else is refused with the reason and the alternatives; no condition is ever dropped.
 *
 * @example
 * const result = compileAzureTrust(Trust.githubActions({ repository: "octo/app", environment: "prod" }), "managed-identity");
 * if (!result.ok) throw refusalError(result);
 * result.credentials; // [{ kind: "exact", subject: "repo:octo/app:environment:prod", audience: "api://AzureADTokenExchange", ... }]
 */
export function compileAzureTrust(trust: Trust, target: AzureTarget): AzureCompileResult {
  const audiences = trust.audiencesFor("azure") ?? [];
  if (audiences.length !== 1) return refusals.audienceCount(target, audiences);
  const audience = audiences[0];
  const issuer = trust.issuer.url;
  if (issuer.length > AZURE_MAX_VALUE_LENGTH) return refusals.tooLong(target, "Trust.issuer", "issuer", issuer);
  if (audience.length > AZURE_MAX_VALUE_LENGTH) return refusals.tooLong(target, "Trust.audiences", "audience", audience);

  const credentials: AzureCredential[] = [];
  for (const declared of trust.subject.alternatives) {
    // A pattern without a wildcard matches only itself: it is an exact subject.
    const alt: MatchAlternative = declared.kind === "like" && !hasGlobWildcard(declared.pattern) ? { kind: "exact", value: declared.pattern } : declared;
    const value = alt.kind === "exact" ? alt.value : alt.pattern;
    if (value.length > AZURE_MAX_VALUE_LENGTH) return refusals.tooLong(target, "Trust.subject", "subject", value);
    const residual = residualClaims(trust, alt);
    if (alt.kind === "exact" && residual.length === 0) {
      credentials.push({ kind: "exact", name: credentialName(issuer, value), issuer, subject: value, audience });
      continue;
    }
    if (target === "managed-identity") {
      if (alt.kind === "like") return refusals.patternOnManagedIdentity(value);
      const [name, condition] = residual[0];
      return refusals.claimNotImplied(target, name, condition.toString(), value, profileOf(trust.issuer.kind).azure.claimAdvice);
    }
    const expression = flexibleExpression(trust, alt, residual);
    if (typeof expression !== "string") return expression;
    credentials.push({
      kind: "flexible",
      name: credentialName(issuer, expression, value),
      issuer,
      audience,
      claimsMatchingExpression: expression,
    });
  }
  if (credentials.length > AZURE_MAX_CREDENTIALS) return refusals.tooManyCredentials(target, credentials.length);
  return Object.freeze({ ok: true, target, credentials: Object.freeze(credentials.map((c) => Object.freeze(c))) });
}

/** The claim conditions that the subject alternative does not prove for every token it matches. */
function residualClaims(trust: Trust, alt: MatchAlternative): [string, Claim][] {
  const implied = impliedClaims(trust.issuer.kind, literalPrefix(alt.kind === "exact" ? alt.value : alt.pattern));
  return Object.entries(trust.claims).filter(([name, condition]) => {
    const value = implied[name];
    return value === undefined || !condition.matches(value);
  });
}

function flexibleExpression(trust: Trust, alt: MatchAlternative, residual: readonly [string, Claim][]): string | AzureRefusal {
  const subject = alt.kind === "exact" ? alt.value : alt.pattern;
  const language: FlexibleIssuer | undefined = flexibleIssuerFor(trust.issuer.url);
  if (!language) {
    const why = alt.kind === "like" ? `The subject pattern ${JSON.stringify(subject)}` : `The claim condition on ${residual[0][0]}`;
    return refusals.flexibleIssuer(trust.issuer.url, why);
  }
  const clauses: FlexibleClause[] = [{ claim: "sub", operator: alt.kind === "exact" ? "eq" : "matches", value: subject }];
  for (const [name, condition] of residual) {
    const allowed = Object.prototype.hasOwnProperty.call(language.claims, name) ? language.claims[name] : undefined;
    const describe = condition.toString();
    if (!allowed) return refusals.flexibleClaim(language.name, name, describe, allowedList(language));
    if (condition.alternatives.length !== 1) return refusals.flexibleAlternatives(name, describe);
    const only = condition.alternatives[0];
    const clause: FlexibleClause =
      only.kind === "exact" ? { claim: name, operator: "eq", value: only.value } : { claim: name, operator: "matches", value: only.pattern };
    if (!allowed.includes(clause.operator)) return refusals.flexibleClaim(language.name, name, describe, allowedList(language));
    clauses.push(clause);
  }
  const required = language.requiredOneOf;
  if (required && (language.requiredWhenSubject?.test(subject) ?? true) && !clauses.some((c) => required.includes(c.claim))) {
    // An id the subject implies (immutable subject form) may be added: it holds for every matching token.
    const implied = impliedClaims(trust.issuer.kind, literalPrefix(subject));
    const pin = required.find((name) => implied[name] !== undefined);
    if (pin === undefined) return required.includes("project_id") ? refusals.gitlabProjectIdPin(subject) : refusals.githubIdPin(subject);
    clauses.push({ claim: pin, operator: "eq", value: implied[pin] });
  }
  for (const clause of clauses) {
    if (!isQuotable(clause.value)) return refusals.unquotable(clause.claim === "sub" ? "Trust.subject" : `Trust.claims.${clause.claim}`, clause.value);
  }
  return renderExpression(clauses);
}

function allowedList(language: FlexibleIssuer): string {
  return Object.entries(language.claims)
    .map(([claim, ops]) => `${claim} ${ops.join("/")}`)
    .join(", ");
}
