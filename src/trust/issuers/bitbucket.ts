import { NO_FAMILY_CLAIMS, plainContext } from "./inventory-words";
import type { IssuerProfile } from "./profile";

/**
 * Bitbucket Pipelines OIDC (`oidc: true` on a step, `$BITBUCKET_STEP_OIDC_TOKEN`): one issuer per
 * workspace. Sources: Atlassian docs "Integrate Pipelines with resource servers using OIDC" and "Deploy
 * on AWS using Bitbucket Pipelines OpenID Connect" (issuer
 * `https://api.bitbucket.org/2.0/workspaces/WORKSPACE/pipelines-config/identity/oidc`, audience
 * `ari:cloud:bitbucket::workspace/WORKSPACE_UUID`, subject `{REPOSITORY_UUID}{ENVIRONMENT_UUID}:{STEP_UUID}`
 * or `{REPOSITORY_UUID}:{STEP_UUID}` outside deployments; the step UUID changes with every run).
 */
export const BITBUCKET: IssuerProfile = {
  kind: "bitbucket",
  name: "Bitbucket Pipelines",
  docs: "https://support.atlassian.com/bitbucket-cloud/docs/integrate-pipelines-with-resource-servers-using-oidc/",
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
