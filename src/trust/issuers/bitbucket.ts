import { NO_FAMILY_CLAIMS, plainContext } from "./inventory-words";
import type { IssuerProfile } from "./profile";

/**
 * Bitbucket Pipelines OIDC (`oidc: true` on a step, `$BITBUCKET_STEP_OIDC_TOKEN`): one issuer per
 * workspace. Sources: Atlassian docs "Integrate Pipelines with resource servers using OIDC"
 * (https://support.atlassian.com/bitbucket-cloud/docs/integrate-pipelines-with-resource-servers-using-oidc/)
 * and "Deploy on AWS using Bitbucket Pipelines OpenID Connect"
 * (https://support.atlassian.com/bitbucket-cloud/docs/deploy-on-aws-using-bitbucket-pipelines-openid-connect/):
 * the identity provider URL `https://api.bitbucket.org/2.0/workspaces/WORKSPACE/pipelines-config/identity/oidc`
 * and the audience `ari:cloud:bitbucket::workspace/WORKSPACE_UUID` are shown per repository
 * (Repository settings > OpenID Connect), one token per step.
 *
 * NOT CONFIRMED: the subject layout `{REPOSITORY_UUID}{ENVIRONMENT_UUID}:{STEP_UUID}` (or
 * `{REPOSITORY_UUID}:{STEP_UUID}` outside deployments) that the grammar and the preset rely on. The
 * Atlassian pages available here do not show the `sub` claim; Sigstore's Fulcio issue #1257 says the
 * subject includes the step UUID and changes on every run, and one third-party script assumes
 * `{REPOSITORY_UUID}:{BRANCH}:{STEP_UUID}` instead. Check a real token before relying on the subject.
 */
export const BITBUCKET: IssuerProfile = {
  kind: "bitbucket",
  name: "Bitbucket Pipelines",
  docs: "https://support.atlassian.com/bitbucket-cloud/docs/integrate-pipelines-with-resource-servers-using-oidc/",
  sources: [
    {
      url: "https://support.atlassian.com/bitbucket-cloud/docs/integrate-pipelines-with-resource-servers-using-oidc/",
      confirms:
        "one token per step (`oidc: true`, `$BITBUCKET_STEP_OIDC_TOKEN`); identity provider URL and audience per repository (Repository settings > OpenID Connect)",
    },
    {
      url: "https://support.atlassian.com/bitbucket-cloud/docs/deploy-on-aws-using-bitbucket-pipelines-openid-connect/",
      confirms: "the provider URL and audience to register on AWS",
    },
  ],
  unconfirmed: [
    "The subject layout `{REPOSITORY_UUID}{ENVIRONMENT_UUID}:{STEP_UUID}` (`{REPOSITORY_UUID}:{STEP_UUID}` outside deployments), which the grammar and `Trust.bitbucket` rely on: Atlassian's pages available here do not show the `sub` claim. Sigstore's Fulcio issue #1257 reports a subject that includes the step UUID; a third-party script assumes `{REPOSITORY_UUID}:{BRANCH}:{STEP_UUID}`. Decode a real `$BITBUCKET_STEP_OIDC_TOKEN` before relying on the subject.",
  ],
  preset: 'Trust.bitbucket({ workspace: "acme", workspaceUuid: "<uuid>", repositoryUuid: "<uuid>", environmentUuid: "<uuid>" })',
  urls: [
    {
      hostAndPath: /^api\.bitbucket\.org\/2\.0\/workspaces\/[^/]+\/pipelines-config\/identity\/oidc$/,
      shared: false,
      example: "https://api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc",
    },
  ],
  grammars: [
    {
      form: "{REPOSITORY_UUID}{ENVIRONMENT_UUID}:{STEP_UUID}",
      fields: [
        { name: "repository", role: "repository", lead: "{", stop: "}" },
        { name: "deployment environment", role: "context", lead: "}", stop: ":" },
        { name: "step", role: "extra", lead: ":", stop: "" },
      ],
      tailPinsContext: () => false,
    },
  ],
  claims: {
    repositoryUuid: { pins: ["repository"], immutable: true },
    deploymentEnvironmentUuid: { pins: ["context"], immutable: true },
    branchName: { pins: ["context"] },
  },
  words: {
    tenant: "Bitbucket workspace",
    repository: "repository",
    context: "deployment environment",
    example: () => "{REPOSITORY_UUID}{ENVIRONMENT_UUID}:*",
    anyContext: {
      risk: (value) =>
        `${JSON.stringify(value)} admits every step of the repository, in every deployment environment and outside deployments, so any branch's pipeline gets this identity.`,
      fix: "Pin the deployment environment: `{REPOSITORY_UUID}{ENVIRONMENT_UUID}:*`, with deployment permissions on the environment.",
    },
  },
  inventory: {
    name: (issuerUrl) => issuerUrl,
    tenant: "organization",
    repository: "workload",
    context: plainContext(),
    claims: NO_FAMILY_CLAIMS,
  },
  defaultAudience: () => undefined, // ari:cloud:bitbucket::workspace/<uuid>: the preset derives it from the workspace UUID
  aws: { claimKeys: [] },
  azure: {},
};
