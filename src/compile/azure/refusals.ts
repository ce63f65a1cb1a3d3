import { quote } from "../../trust/errors";
import { ISSUER_KINDS, profileOf } from "../../trust/issuers";
import { AZURE_MAX_CREDENTIALS, AZURE_MAX_VALUE_LENGTH, FLEXIBLE_ISSUERS } from "./limits";
import type { AzureRefusal, AzureTarget } from "./types";

// Every Azure refusal message lives here, so they stay consistent: what, why, and the alternatives.

const ANY_OF = `list the exact subjects with Subject.anyOf([...]) (at most ${AZURE_MAX_CREDENTIALS})`;
const APP_FLEXIBLE =
  "use AzureAppFederatedCredential (an app registration), whose flexible credential can test patterns and some claims " +
  `for ${andList(
    ISSUER_KINDS.flatMap((k) => {
      const flexible = profileOf(k).azure.flexible;
      return flexible ? [flexible.scope ? `${flexible.language.name} (${flexible.scope})` : flexible.language.name] : [];
    }),
  )}`;

function andList(items: readonly string[]): string {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function listFlexibleIssuers(): string {
  const patterns = ISSUER_KINDS.flatMap((k) => profileOf(k).azure.flexible?.urlPatternText ?? []);
  return andList([...Object.keys(FLEXIBLE_ISSUERS), ...patterns]);
}
function refuse(target: AzureTarget, field: string, reason: string, alternatives: readonly string[]): AzureRefusal {
  const list = alternatives.map((a, i) => `(${i + 1}) ${a}`).join("; ");
  return Object.freeze({
    ok: false,
    target,
    field,
    reason,
    alternatives: Object.freeze([...alternatives]),
    message: alternatives.length > 0 ? `${reason} Alternatives: ${list}.` : reason,
  });
}

export function audienceCount(target: AzureTarget, audiences: readonly string[]): AzureRefusal {
  return refuse(
    target,
    "Trust.audiences",
    `Azure federated credentials check exactly one audience, and issuer plus subject must be unique on one identity, ` +
      `so the audiences ${quote(audiences)} cannot all be accepted.`,
    ['give the Azure trust one audience, e.g. trust.withAudiences(["api://AzureADTokenExchange"])', "use one identity per audience"],
  );
}

export function tooLong(target: AzureTarget, field: string, what: string, value: string): AzureRefusal {
  return refuse(
    target,
    field,
    `Azure accepts a federated credential ${what} of at most ${AZURE_MAX_VALUE_LENGTH} characters; ${quote(value)} has ${value.length}.`,
    [`shorten the ${what}`],
  );
}

export function patternOnManagedIdentity(pattern: string): AzureRefusal {
  return refuse(
    "managed-identity",
    "Trust.subject",
    `azurerm cannot express the subject pattern ${quote(pattern)} on a managed identity: its federated credentials match subjects ` +
      `exactly (no wildcards). Entra flexible credentials can take patterns on managed identities too (preview ARM API), ` +
      `but azurerm cannot create them; use an app registration (AzureAppFederatedCredential).`,
    [ANY_OF, APP_FLEXIBLE],
  );
}

export function claimNotImplied(target: AzureTarget, claim: string, condition: string, subject: string, advice: string | undefined): AzureRefusal {
  return refuse(
    target,
    `Trust.claims.${claim}`,
    `${target === "managed-identity" ? "azurerm cannot express" : "Azure cannot check"} the claim condition ${claim} = ${condition}: ` +
      `exact federated credentials compare only issuer, subject and audience, and the subject ${quote(subject)} does not imply it` +
      `${target === "managed-identity" ? " (flexible credentials, which test claims, exist for managed identities only in the preview ARM API, which azurerm cannot use)" : ""}. ` +
      `Dropping the condition would admit more tokens than the trust.`,
    [...(advice !== undefined ? [advice] : []), APP_FLEXIBLE, `remove the ${claim} condition from the trust if it is not needed`],
  );
}

export function flexibleIssuer(issuer: string, why: string): AzureRefusal {
  return refuse(
    "app-registration",
    "Trust.issuer",
    `${why} needs a flexible credential, and Entra supports flexible credentials only for the issuers ` + `${listFlexibleIssuers()}, not ${quote(issuer)}.`,
    [ANY_OF + " and no claim conditions the subject does not imply"],
  );
}

export function flexibleClaim(issuerName: string, claim: string, condition: string, allowed: string): AzureRefusal {
  return refuse(
    "app-registration",
    `Trust.claims.${claim}`,
    `Azure flexible credentials for ${issuerName} cannot test ${claim} ${condition} (allowed: ${allowed}).`,
    [`remove the ${claim} condition or make the subject imply it`, ANY_OF],
  );
}

export function flexibleAlternatives(claim: string, condition: string): AzureRefusal {
  return refuse(
    "app-registration",
    `Trust.claims.${claim}`,
    `Azure flexible expressions join tests with "and" only, so the alternatives ${condition} of ${claim} cannot be expressed.`,
    [`give ${claim} a single value or pattern`, "declare one trust per alternative"],
  );
}

export function unquotable(field: string, value: string): AzureRefusal {
  return refuse(
    "app-registration",
    field,
    `${quote(value)} contains a quote or backslash, which Entra's flexible expression language has no documented way to escape ` + `inside a '...' comparand.`,
    ["use a value without ' or \\", ANY_OF],
  );
}

export function githubIdPin(subject: string): AzureRefusal {
  return refuse(
    "app-registration",
    "Trust.claims.repository_owner_id",
    `Entra requires a GitHub flexible credential to pin repository_owner_id or repository_id, and the trust for ${quote(subject)} pins neither.`,
    [
      'set repositoryOwnerId (or repositoryId) in Trust.githubActions({...}), e.g. repositoryOwnerId: "1234567" (gh api repos/OWNER/REPO --jq .owner.id)',
      'or add claims: { repository_owner_id: Claim.equals("1234567") } to the trust',
    ],
  );
}

export function gitlabProjectIdPin(subject: string): AzureRefusal {
  return refuse(
    "app-registration",
    "Trust.claims.project_id",
    `Entra requires a GitLab flexible credential with a project_path: subject to test project_id as well ` +
      `(it refuses the credential otherwise: "lacks all required claims"), and the trust for ${quote(subject)} does not pin it.`,
    [
      'set projectId in Trust.gitlab({...}), e.g. projectId: "42" (the project\'s numeric id, Settings > General)',
      'or add claims: { project_id: Claim.equals("42") } to the trust',
    ],
  );
}

export function tooManyCredentials(target: AzureTarget, count: number): AzureRefusal {
  return refuse(
    target,
    "Trust.subject",
    `the trust needs ${count} federated credentials, and Azure allows at most ${AZURE_MAX_CREDENTIALS} on one ` +
      `${target === "managed-identity" ? "managed identity" : "app registration"}.`,
    [
      `trust at most ${AZURE_MAX_CREDENTIALS} subjects with Subject.anyOf([...])`,
      "split the subjects over several identities",
      target === "managed-identity" ? APP_FLEXIBLE + ", where one pattern covers many subjects" : "cover many subjects with one Subject.like(...) pattern",
    ],
  );
}
