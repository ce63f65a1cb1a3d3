import { ANY_CONTEXT } from "./inventory-words";
import { awsClaimKeys } from "./aws-claim-keys";
import type { IssuerProfile } from "./profile";

/**
 * Buildkite agents' OIDC tokens (`buildkite-agent oidc request-token`): one issuer for every Buildkite
 * organization. Sources: Buildkite docs "OIDC with Buildkite" and "OIDC with AWS" (audience
 * `sts.amazonaws.com`; subject `organization:ORG:pipeline:PIPELINE:ref:REF:commit:SHA:step:STEP`), AWS
 * Service Authorization Reference (agent.buildkite.com keys).
 */
export const BUILDKITE: IssuerProfile = {
  kind: "buildkite",
  name: "Buildkite",
  docs: "https://buildkite.com/docs/pipelines/security/oidc",
  preset: 'Trust.buildkite({ organization: "acme-inc", pipeline: "deploy", branch: "main", organizationId: "<uuid>" })',
  urls: [{ hostAndPath: /^agent\.buildkite\.com$/, shared: true, example: "https://agent.buildkite.com" }],
  grammars: [
    {
      form: "organization:ORG:pipeline:PIPELINE:ref:REF:commit:SHA:step:STEP",
      fields: [
        { name: "organization", role: "tenant", lead: "organization:", stop: ":" },
        { name: "pipeline", role: "repository", lead: ":pipeline:", stop: ":" },
        { name: "ref", role: "context", lead: ":ref:", stop: ":", kinds: ["refs/heads/", "refs/tags/"] },
        { name: "commit", role: "extra", lead: ":commit:", stop: ":" },
        { name: "step", role: "extra", lead: ":step:", stop: "" },
      ],
      tailPinsContext: (tail) => /:ref:[^:*?]+:commit:[^:*?]*(:step:[^:*?]*)?$/.test(tail),
    },
  ],
  claims: {
    organization_slug: { pins: ["tenant"] },
    organization_id: { pins: ["tenant"], immutable: true },
    pipeline_slug: { pins: ["repository"] },
    pipeline_id: { pins: ["tenant", "repository"], immutable: true },
    build_branch: { pins: ["context"] },
  },
  words: {
    tenant: "Buildkite organization",
    repository: "pipeline",
    context: "branch or tag",
    example: (tenant = "ORG") => `organization:${tenant}:pipeline:PIPELINE:ref:refs/heads/main:commit:*:step:*`,
    anyContext: {
      risk: (value) =>
        `${JSON.stringify(value)} admits builds of every branch and tag of the pipeline, so anyone who can push a branch that the pipeline builds gets this identity.`,
      fix: "Pin one ref: `...:ref:refs/heads/main:commit:*:step:*` (and a step key where only one step needs the identity).",
    },
  },
  inventory: {
    name: () => "Buildkite",
    tenant: "organization",
    repository: "pipeline",
    context: (context) => (context === "*" ? ANY_CONTEXT : `, ref ${context}`),
    claims: { tenant: ["organization_slug", "organization_id"], repository: ["pipeline_slug", "pipeline_id"], context: ["build_branch"] },
  },
  defaultAudience: (cloud) => (cloud === "aws" ? "sts.amazonaws.com" : undefined),
  aws: { claimKeys: awsClaimKeys("agent.buildkite.com", "agent.${Domain}.buildkite.dev", "agent.${Domain}.buildkite.site") },

  azure: {},
};
