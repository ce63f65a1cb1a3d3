import type { IssuerProfile } from "./profile";

/**
 * HCP Terraform (app.terraform.io, app.eu.terraform.io; shared) and Terraform Enterprise (private)
 * dynamic provider credentials. Source: HashiCorp docs "Dynamic provider credentials" (workload
 * identity token claims; AWS audience `aws.workload.identity`).
 */
export const TERRAFORM_CLOUD: IssuerProfile = {
  kind: "terraform-cloud",
  name: "HCP Terraform",
  docs: "https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/workload-identity-tokens",
  preset: 'Trust.terraformCloud({ organization: "acme", project: "infra", workspace: "prod", runPhase: "apply" })',
  urls: [{ hostAndPath: /^app(\.eu)?\.terraform\.io$/, shared: true, example: "https://app.terraform.io" }],
  grammars: [
    {
      form: "organization:ORG:project:PROJECT:workspace:WORKSPACE:run_phase:PHASE",
      fields: [
        { name: "organization", role: "tenant", lead: "organization:", stop: ":" },
        { name: "project", role: "repository", lead: ":project:", stop: ":" },
        { name: "workspace", role: "repository", lead: ":workspace:", stop: ":" },
        { name: "run_phase", role: "context", lead: ":run_phase:", stop: "" },
      ],
      tailPinsContext: (tail) => /:run_phase:(plan|apply)$/.test(tail),
    },
  ],
  claims: {
    terraform_organization_name: { pins: ["tenant"] },
    terraform_organization_id: { pins: ["tenant"], immutable: true },
    terraform_workspace_id: { pins: ["tenant", "repository"], immutable: true },
    terraform_run_phase: { pins: ["context"] },
  },
  words: {
    tenant: "HCP Terraform organization",
    repository: "workspace",
    context: "run phase (plan or apply)",
    example: (tenant = "ORG") => `organization:${tenant}:project:PROJECT:workspace:WORKSPACE:run_phase:apply`,
    anyContext: {
      severity: "low",
      risk: (value) =>
        `${JSON.stringify(value)} admits plan and apply runs of the workspace, including speculative plans of pull requests: use one identity per run phase.`,
      fix: "Trust `run_phase:apply` for the identity that changes infrastructure and give `run_phase:plan` a separate, read-only identity.",
    },
  },
  inventory: {
    name: () => "HCP Terraform",
    tenant: "organization",
    repository: "project/workspace",
    context: (context) => (context === "*" ? ", any run phase" : `, ${context} runs`),
    claims: {
      tenant: ["terraform_organization_name", "terraform_organization_id"],
      repository: ["terraform_workspace_name", "terraform_workspace_id"],
      context: ["terraform_run_phase"],
    },
  },
  defaultAudience: (cloud) => (cloud === "aws" ? "aws.workload.identity" : undefined),
  aws: { claimKeys: [] },
  azure: {
    flexible: {
      urls: ["https://app.terraform.io", "https://app.eu.terraform.io"],
      language: { name: "HCP Terraform", claims: { sub: ["eq", "matches"] } },
    },
    impliedClaims: (prefix) => {
      const out: Record<string, string> = {};
      const m = /^organization:([^:]+):(?:project:([^:]+):(?:workspace:([^:]+):)?)?/.exec(prefix);
      if (m) {
        out.terraform_organization_name = m[1];
        if (m[2] !== undefined) out.terraform_project_name = m[2];
        if (m[3] !== undefined) out.terraform_workspace_name = m[3];
      }
      return out;
    },
  },
};
