import type { ClaimCheck } from "../facts";
import { gcpCondition, subject } from "./examples";
import { defineRule, docsPath, MessageHit } from "./rule";
import type { IssuerKind } from "../../trust/issuers";
import { exampleSubject, repositoryWord, tenantWord, wordsOf } from "./words";

/** WIF003: every repository/project/workspace of one tenant. */
const MESSAGES = {
  workflowPinned: {
    severity: "low",
    risk: (d: { value: string; kind: IssuerKind; workflow: string; tenant: string | undefined }) =>
      `${JSON.stringify(d.value)} admits every ${repositoryWord(d.kind)} of the tenant, but the job_workflow_ref pin ${JSON.stringify(d.workflow)} limits it to jobs that run that reusable workflow.`,
    fix: (d: { value: string; kind: IssuerKind; workflow: string; tenant: string | undefined }) =>
      `Also pin the calling repository if only some repositories may use the workflow, e.g. ${JSON.stringify(exampleSubject(d.kind, d.tenant))}.`,
  },
  wholeTenant: {
    risk: (d: { value: string; kind: IssuerKind; tenant: string | undefined }) =>
      `${JSON.stringify(d.value)} lets every ${repositoryWord(d.kind)} of the ${tenantWord(d.kind)}${d.tenant ? ` ${JSON.stringify(d.tenant)}` : ""} assume the identity, including new ones.`,
    fix: (d: { value: string; kind: IssuerKind; tenant: string | undefined }) =>
      `Pin one ${repositoryWord(d.kind)} and one context, e.g. ${JSON.stringify(exampleSubject(d.kind, d.tenant))}.`,
  },
  wholePool: {
    risk: (d: { member: string; address: string; providerCount: number }) =>
      d.providerCount > 1
        ? `The whole-pool member ${JSON.stringify(d.member)} (${d.address}) admits every identity of all ${d.providerCount} providers of the pool.`
        : `The whole-pool member ${JSON.stringify(d.member)} (${d.address}) admits every identity the broad provider condition lets in.`,
    fix: () =>
      "Bind a narrower member: `principalSet://.../attribute.repository/OWNER/REPO` or `principal://.../subject/SUBJECT`, with the provider condition pinning the repository.",
  },
} as const;

export const WIF003 = defineRule({
  meta: {
    id: "WIF003",
    severity: "high",
    title: "Whole tenant: any repository of one owner",
    why: "Every repository (project, workspace) of the tenant can assume the identity, including ones created later and ones with weaker branch protection.",
    fix: "Pin one repository and one context, e.g. `repo:OWNER/REPO:environment:production`.",
    details:
      "`repo:octo/*`, `project_path:grp/*`, `organization:o:project:*:workspace:*:run_phase:*`, a GCP condition only on " +
      "`repository_owner`, or a GCP whole-pool member (`principalSet://.../workloadIdentityPools/P/*`) when the pool holds " +
      "several providers or its provider condition is broad. When a `job_workflow_ref` pin names a reusable workflow of the same " +
      "owner, the finding is downgraded to low: only that workflow's jobs get in.",
    fires: [
      subject("`repo:octo/*`", "StringLike", "repo:octo/*"),
      subject("`repo:octo/*:*`", "StringLike", "repo:octo/*:*"),
      subject("`project_path:grp/*`", "StringLike", "project_path:grp/*", { issuer: "gitlab.com", audience: "https://gitlab.com" }),
      subject("`organization:o:project:*:workspace:*:run_phase:*`", "StringLike", "organization:o:project:*:workspace:*:run_phase:*", {
        issuer: "app.terraform.io",
        audience: "aws.workload.identity",
      }),
      gcpCondition("GCP condition `assertion.repository_owner == 'octo'`", "assertion.repository_owner == 'octo'"),
    ],
    passes: [subject("`repo:octo/app:ref:refs/heads/main`", "StringEquals", "repo:octo/app:ref:refs/heads/main")],
    docs: docsPath("WIF003"),
    messages: MESSAGES,
  },
  check: ({ facts, reaches }) => {
    const hits: MessageHit<typeof MESSAGES>[] = [];
    const kind = facts.issuer.kind;
    // Issuers without a tenant (Kubernetes): an open repository field is WIF004's, worded by the profile.
    if (!wordsOf(kind).anyRepository) {
      for (const r of reaches) {
        if (r.reach !== "one-tenant" || r.jobWorkflowOnly) continue;
        const workflow = pinnedWorkflow(r.statement.claims, r.tenant);
        hits.push(
          workflow
            ? { messageId: "workflowPinned", data: { value: r.value, kind, workflow, tenant: r.tenant }, value: r.value }
            : { messageId: "wholeTenant", data: { value: r.value, kind, tenant: r.tenant }, value: r.value },
        );
      }
    }
    const gcp = facts.gcp;
    if (gcp) {
      const broad = !gcp.conditionConstrains || reaches.some((r) => r.reach === "any-tenant" || r.reach === "one-tenant" || r.reach === "unrestricted");
      for (const m of gcp.members.filter((x) => x.scope === "pool")) {
        if (gcp.poolProviderCount > 1 || broad) {
          hits.push({ messageId: "wholePool", data: { member: m.member, address: m.address, providerCount: gcp.poolProviderCount }, value: m.member });
        }
      }
    }
    return hits;
  },
});

/** A `job_workflow_ref` pinned to one workflow file of the tenant (literal up to `@`). */
function pinnedWorkflow(claims: readonly ClaimCheck[], tenant: string | undefined): string | undefined {
  for (const c of claims) {
    // A case-insensitive path admits other workflow files (`Deploy.yml`): no pin, with or without a policy variable.
    if (c.claim !== "job_workflow_ref" || (c.operator !== "equals" && c.operator !== "like") || c.ignoresCase || c.setOperator === "ForAllValues") continue;
    const ok = c.values.every((v) => {
      // OWNER/REPO/PATH@REF: a value without "@", or with nothing before it, names no workflow file.
      const at = v.indexOf("@");
      if (at <= 0) return false;
      const head = v.slice(0, at);
      if (/[*?]/.test(head) || head.includes("${")) return false;
      return tenant === undefined || head.split("/")[0] === tenant;
    });
    if (ok && c.values.length > 0) return c.values.join(", ");
  }
  return undefined;
}
