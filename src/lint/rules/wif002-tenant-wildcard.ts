import { awsCondition, subject } from "./examples";
import type { IssuerKind } from "../../trust/issuers";
import { defineRule, docsPath } from "./rule";
import { exampleSubject, repositoryWord, tenantWord } from "./words";

/** WIF002: a wildcard reaches into the tenant segment of a shared issuer. */
export const WIF002 = defineRule({
  meta: {
    id: "WIF002",
    severity: "critical",
    title: "Wildcard in the tenant segment of a shared issuer",
    why: "A wildcard in the owner/group/organization part of the subject lets workloads of other tenants on the same public issuer get in.",
    fix: "Pin the tenant and the repository literally, e.g. `repo:OWNER/REPO:environment:production`, and pin `repository_owner_id`.",
    details:
      "GitHub, gitlab.com, HCP Terraform and Buildkite issue tokens to everyone from one issuer URL. The subject's first " +
      "segment names the tenant; `repo:*`, `repo:octo*` (matches `octo-evil`) or `repo:octo?/x:*` admit tenants you do not " +
      "control. AWS `StringLike` `*` crosses `/` and `:`. A tenant pinned by an immutable id claim (`repository_owner_id`, " +
      "`repository_id`) or by GitHub's immutable subject (`repo:OWNER@ID/...`) is not reported. A trust that checks only " +
      "`job_workflow_ref` with the workflow's owner open (`*`, `*/.github/workflows/*`) admits workflows of every tenant.",
    fires: [
      subject("`*`", "StringLike", "*"),
      subject("`repo:*`", "StringLike", "repo:*"),
      subject("`repo:*/app:*`", "StringLike", "repo:*/app:*"),
      subject("`repo:octo*`", "StringLike", "repo:octo*"),
      subject("`repo:octo?/x:*`", "StringLike", "repo:octo?/x:*"),
      subject("`project_path:*`", "StringLike", "project_path:*", { issuer: "gitlab.com", audience: "https://gitlab.com" }),
      subject("`organization:*:project:*:workspace:*:run_phase:*`", "StringLike", "organization:*:project:*:workspace:*:run_phase:*", {
        issuer: "app.terraform.io",
        audience: "aws.workload.identity",
      }),
      subject("`repo:octo@*/app:*`", "StringLike", "repo:octo@*/app:*"),
      awsCondition("only `job_workflow_ref` = `*/.github/workflows/*`", {
        StringEquals: { aud: "sts.amazonaws.com" },
        StringLike: { job_workflow_ref: "*/.github/workflows/*" },
      }),
    ],
    passes: [
      subject("`repo:octo/*` (WIF003)", "StringLike", "repo:octo/*"),
      subject("`repo:*:ref:refs/heads/main` with StringEquals `repository_id`", "StringLike", "repo:*:ref:refs/heads/main", {
        more: { StringEquals: { repository_id: "42" } },
      }),
    ],
    docs: docsPath("WIF002"),
    messages: {
      anyTenant: {
        risk: (d: { value: string; kind: IssuerKind; issuer: string }) =>
          `${JSON.stringify(d.value)} lets any ${tenantWord(d.kind)} on ${d.issuer} match, not only yours.`,
        fix: (d: { value: string; kind: IssuerKind; issuer: string }) =>
          `Pin the tenant and the ${repositoryWord(d.kind)} literally, e.g. ${JSON.stringify(exampleSubject(d.kind))}, and pin an immutable owner id.`,
      },
    },
  },
  check: ({ facts, reaches }) =>
    facts.issuer.shared
      ? reaches
          .filter((r) => r.reach === "any-tenant" && (!r.jobWorkflowOnly || r.jobWorkflowOwnerOpen))
          .map((r) => ({
            messageId: "anyTenant" as const,
            data: { value: r.value, kind: facts.issuer.kind, issuer: facts.issuer.url ?? "the shared issuer" },
            value: r.value,
          }))
      : [],
});
