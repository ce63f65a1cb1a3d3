import { WifValidationError, quote } from "../../trust/errors";
import { hasGlobWildcard } from "../../trust/glob";
import type { Trust } from "../../trust/trust";
import { celString } from "./cel";
import { attributeCondition } from "./condition";
import { checkGcpId, checkProjectNumber, GCP_LIMITS, utf8Bytes } from "./limits";

/** Where the provider lives: what its resource name and the binding member are built from. */
export interface GcpProviderLocation {
  /** The project **number** (digits), not the project id. */
  readonly projectNumber: string;
  /** The workload identity pool id. */
  readonly poolId: string;
  /** The provider id inside the pool. */
  readonly providerId: string;
}

/** The GCP native form of a `Trust`: everything the provider and its IAM binding need. */
export interface GcpProviderConfig {
  /** `oidc.issuer_uri`: the trust's issuer URL. */
  readonly issuerUri: string;
  /**
   * `oidc.allowed_audiences`: the trust's audiences, or empty when the trust names none, so GCP
   * admits exactly the provider's full resource name (`defaultAudiences`).
   */
  readonly allowedAudiences: readonly string[];
  /** The `aud` values GCP admits when `allowedAudiences` is empty (with and without `https:`). */
  readonly defaultAudiences: readonly string[];
  /** `attribute_mapping`: `google.subject` and the per-provider attribute the binding uses. */
  readonly attributeMapping: Readonly<Record<string, string>>;
  /** `attribute_condition`: CEL that admits exactly the tokens `trust.accepts` admits. */
  readonly attributeCondition: string;
  /** `projects/N/locations/global/workloadIdentityPools/P/providers/X` (google-github-actions/auth `workload_identity_provider`). */
  readonly providerName: string;
  /** `//iam.googleapis.com/projects/N/...`: the provider's full resource name. */
  readonly providerResourceName: string;
  /** The IAM member that admits this provider's tokens and no other provider's in the pool. */
  readonly member: string;
}

/** The custom attribute that names the provider a token came through; the binding member tests it. */
export const PROVIDER_ATTRIBUTE = "wif_provider";

/**
 * Compiles a `Trust` to a GCP workload identity pool provider and the IAM member to bind. Pure:
 * no cdktf. The condition admits exactly the tokens `trust.accepts(claims, "gcp")` admits (tokens
 * whose `sub` exceeds GCP's 127-byte `google.subject` limit are refused by GCP itself); anything
 * GCP cannot hold throws a `WifValidationError`.
 *
 * The member is `principalSet://.../attribute.wif_provider/<providerId>`: the mapping sets
 * `attribute.wif_provider` to the provider id, so tokens admitted by other providers of the same
 * pool never match it, and no pool-wide `principalSet://.../*` is ever used.
 *
 * @example
 * const gcp = compileGcpProvider(Trust.githubActions({ repository: "octo-org/app", branch: "main" }),
 *   { projectNumber: "123456789012", poolId: "ci-pool", providerId: "github" });
 * gcp.attributeCondition; // assertion.sub == 'repo:octo-org/app:ref:refs/heads/main'
 */
export function compileGcpProvider(trust: Trust, location: GcpProviderLocation): GcpProviderConfig {
  const projectNumber = checkProjectNumber("projectNumber", location.projectNumber);
  const poolId = checkGcpId("poolId", location.poolId);
  const providerId = checkGcpId("providerId", location.providerId);
  checkWellFormed(trust);
  checkSubjectLength(trust);
  const allowedAudiences = checkAudiences(trust);

  const providerName = `projects/${projectNumber}/locations/global/workloadIdentityPools/${poolId}/providers/${providerId}`;
  const poolResource = `iam.googleapis.com/projects/${projectNumber}/locations/global/workloadIdentityPools/${poolId}`;
  const attributeMapping = Object.freeze({
    "google.subject": "assertion.sub",
    [`attribute.${PROVIDER_ATTRIBUTE}`]: `assertion.iss == ${celString(trust.issuer.url)} ? ${celString(providerId)} : ''`,
  });
  for (const [key, expression] of Object.entries(attributeMapping)) {
    if (expression.length > GCP_LIMITS.mappingExpressionChars) {
      throw new WifValidationError(
        `attribute_mapping.${key}`,
        `the expression is ${expression.length} characters long; GCP accepts at most ${GCP_LIMITS.mappingExpressionChars}. Use a shorter issuer URL.`,
      );
    }
  }
  const condition = attributeCondition(trust);
  if (condition.length > GCP_LIMITS.conditionChars) {
    throw new WifValidationError(
      "attribute_condition",
      `the condition compiled from ${trust.subject.toString().slice(0, 200)} is ${condition.length} characters long; ` +
        `GCP accepts at most ${GCP_LIMITS.conditionChars}. Split the trust into several trusts (one provider each) or use fewer subjects and claim values.`,
    );
  }
  return Object.freeze({
    issuerUri: trust.issuer.url,
    allowedAudiences,
    defaultAudiences: Object.freeze([`//${poolResource}/providers/${providerId}`, `https://${poolResource}/providers/${providerId}`]),
    attributeMapping,
    attributeCondition: condition,
    providerName,
    providerResourceName: `//${poolResource}/providers/${providerId}`,
    member: `principalSet://${poolResource}/attribute.${PROVIDER_ATTRIBUTE}/${providerId}`,
  });
}

/** An exact subject longer than 127 bytes, or a pattern whose shortest match is, can never be exchanged. */
function checkSubjectLength(trust: Trust): void {
  for (const alt of trust.subject.alternatives) {
    const value = alt.kind === "exact" ? alt.value : alt.pattern;
    const fixed = alt.kind === "exact" || !hasGlobWildcard(value) ? value : value.replace(/\*/g, "").replace(/\?/g, "x");
    const bytes = utf8Bytes(fixed);
    if (bytes > GCP_LIMITS.subjectBytes) {
      throw new WifValidationError(
        "Trust.subject",
        `${quote(value)} is ${alt.kind === "like" ? "at least " : ""}${bytes} bytes long, but GCP maps "sub" to google.subject, ` +
          `which holds at most ${GCP_LIMITS.subjectBytes} bytes: the token exchange would always fail. Shorten the subject ` +
          `(a shorter environment, branch or workspace name), or have the issuer emit a shorter one (GitHub: customize the OIDC subject template ` +
          `for the repository to fewer claims).`,
      );
    }
  }
}

/** A lone UTF-16 surrogate has no UTF-8 form: no token can carry it, and CEL cannot spell it. */
function checkWellFormed(trust: Trust): void {
  const values: [string, string][] = trust.subject.alternatives.map((a) => ["Trust.subject", a.kind === "exact" ? a.value : a.pattern]);
  for (const [name, claim] of Object.entries(trust.claims)) {
    for (const a of claim.alternatives) values.push([`Trust.claims.${name}`, a.kind === "exact" ? a.value : a.pattern]);
  }
  for (const [field, value] of values) {
    if (/\p{Cs}/u.test(value)) {
      throw new WifValidationError(field, `${quote(value)} contains a lone UTF-16 surrogate, which no token can carry. Remove it.`);
    }
  }
}

function checkAudiences(trust: Trust): readonly string[] {
  // Explicit audiences, else the issuer's usual one (CircleCI: the organization id), else none: GCP then
  // admits the provider's full resource name.
  const audiences = trust.audiencesFor("gcp") ?? [];
  if (audiences.length > GCP_LIMITS.audiences) {
    throw new WifValidationError(
      "Trust.audiences",
      `${audiences.length} audiences (${audiences.map((a) => quote(a)).join(", ")}); a GCP provider accepts at most ${GCP_LIMITS.audiences}. ` +
        `Keep the audiences your workloads request, or split the trust into several providers.`,
    );
  }
  return Object.freeze([...audiences]);
}
