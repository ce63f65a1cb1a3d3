import { NO_FAMILY_CLAIMS, plainContext } from "./inventory-words";
import { awsClaimKeys } from "./aws-claim-keys";
import type { IssuerProfile } from "./profile";

/**
 * CircleCI OIDC tokens (`$CIRCLE_OIDC_TOKEN`): one issuer per organization,
 * `https://oidc.circleci.com/org/ORG_ID`. Sources: CircleCI docs "Using OpenID Connect tokens in jobs"
 * (https://circleci.com/docs/guides/permissions-authentication/openid-connect-tokens/, source
 * circleci/circleci-docs `openid-connect-tokens.adoc`): `sub` = `org/ORG_ID/project/PROJECT_ID/user/USER_ID`,
 * audience = the organization id, and the claims `oidc.circleci.com/project-id`,
 * `oidc.circleci.com/vcs-origin`, `oidc.circleci.com/vcs-ref` (confirmed there: "the reference to the
 * change that triggered the pipeline", e.g. `refs/heads/main`, absent for pipelines triggered by custom
 * webhooks, so a trust pinning it refuses those jobs) and `oidc.circleci.com/context-ids`; AWS Service
 * Authorization Reference (`oidc.circleci.com/project-id` only). `$CIRCLE_OIDC_TOKEN_V2` subjects
 * (`.../user/USER_ID/vcs-origin/ORIGIN/vcs-ref/REF`) are not read by this grammar: their user field runs
 * to the end, so a pattern over them is judged as open on the context (never narrower than it is).
 */
export const CIRCLECI: IssuerProfile = {
  kind: "circleci",
  name: "CircleCI",
  docs: "https://circleci.com/docs/guides/permissions-authentication/openid-connect-tokens/",
  sources: [
    {
      url: "https://circleci.com/docs/guides/permissions-authentication/openid-connect-tokens/",
      confirms:
        "issuer `https://oidc.circleci.com/org/<organization_id>`, `sub` `org/<organization_id>/project/<project_id>/user/<user_id>` ($CIRCLE_OIDC_TOKEN), audience = the organization id, claim `oidc.circleci.com/vcs-ref` (e.g. `refs/heads/main`; absent for pipelines triggered by custom webhooks)",
    },
  ],
  unconfirmed: [
    "`$CIRCLE_OIDC_TOKEN_V2` subjects (`.../user/<user_id>/vcs-origin/<vcs_origin>/vcs-ref/<vcs_ref>`, documented by CircleCI) are not modelled by the subject grammar: the lint reads everything after `/user/` as the context, so a V2 pattern is judged open on the context.",
  ],
  preset: 'Trust.circleci({ organizationId: "<uuid>", projectId: "<uuid>", userId: "<uuid>" })',
  urls: [
    { hostAndPath: /^oidc\.circleci\.com\/org\/[0-9a-f-]+$/, shared: false, example: "https://oidc.circleci.com/org/01234567-89ab-cdef-0123-456789abcdef" },
  ],
  grammars: [
    {
      form: "org/ORG_ID/project/PROJECT_ID/user/USER_ID",
      fields: [
        { name: "organization", role: "tenant", lead: "org/", stop: "/" },
        { name: "project", role: "repository", lead: "/project/", stop: "/" },
        { name: "user", role: "context", lead: "/user/", stop: "" },
      ],
      tailPinsContext: (tail) => /\/user\/[^/*?]+$/.test(tail),
    },
  ],
  claims: {
    "oidc.circleci.com/project-id": { pins: ["tenant", "repository"], immutable: true },
    "oidc.circleci.com/vcs-ref": { pins: ["context"] },
  },
  words: {
    tenant: "CircleCI organization",
    repository: "project",
    context: "branch and triggering user",
    example: () => "org/ORG_ID/project/PROJECT_ID/user/* with oidc.circleci.com/vcs-ref = refs/heads/main",
    anyContext: {
      risk: (value) =>
        `${JSON.stringify(value)} admits jobs of every branch of the project triggered by any user, so anyone who can push a branch the project builds gets this identity.`,
      fix: "Pin the branch with the claim `oidc.circleci.com/vcs-ref` = `refs/heads/main` (GCP can check it; AWS and Azure cannot), or pin one user id.",
    },
  },
  // CircleCI tokens carry the organization id as their audience unless the job asks for another.
  inventory: {
    name: () => "CircleCI",
    tenant: "organization",
    repository: "project",
    context: plainContext(", any user"),
    claims: NO_FAMILY_CLAIMS,
  },
  defaultAudience: (cloud, hostAndPath) => (cloud === "azure" ? undefined : /^oidc\.circleci\.com\/org\/([0-9a-f-]+)$/.exec(hostAndPath)?.[1]),
  aws: { claimKeys: awsClaimKeys("oidc.circleci.com/org/${OrgId}") },
  azure: {},
};
