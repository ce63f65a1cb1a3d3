import type { ClaimCheck } from "../facts";
import { gcpCondition, subject } from "./examples";
import { docsPath, Rule, RuleHit } from "./rule";
import { exampleSubject, repositoryWord, tenantWord, wordsOf } from "./words";

/** WIF003: every repository/project/workspace of one tenant. */
export const WIF003: Rule = {
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
      subject("`organization:o:project:*:workspace:*:run_phase:*`", "StringLike", "organization:o:project:*:workspace:*:run_phase:*", { issuer: "app.terraform.io", audience: "aws.workload.identity" }),
      gcpCondition("GCP condition `assertion.repository_owner == 'octo'`", "assertion.repository_owner == 'octo'"),
    ],
    passes: [
      subject("`repo:octo/app:ref:refs/heads/main`", "StringEquals", "repo:octo/app:ref:refs/heads/main"),
    ],
    docs: docsPath("WIF003"),
  },
  check: ({ facts, reaches }) => {
    const hits: RuleHit[] = [];
    const kind = facts.issuer.kind;
    // Issuers without a tenant (Kubernetes): an open repository field is WIF004's, worded by the profile.
    if (!wordsOf(kind).anyRepository) {
      for (const r of reaches) {
        if (r.reach !== "one-tenant" || r.jobWorkflowOnly) continue;
        const workflow = pinnedWorkflow(r.statement.claims, r.tenant);
        hits.push(
          workflow
            ? {
                value: r.value,
                severity: "low",
                risk: `${JSON.stringify(r.value)} admits every ${repositoryWord(kind)} of the tenant, but the job_workflow_ref pin ${JSON.stringify(workflow)} limits it to jobs that run that reusable workflow.`,
                fix: `Also pin the calling repository if only some repositories may use the workflow, e.g. ${JSON.stringify(exampleSubject(kind, r.tenant))}.`,
              }
            : {
                value: r.value,
                risk: `${JSON.stringify(r.value)} lets every ${repositoryWord(kind)} of the ${tenantWord(kind)}${r.tenant ? ` ${JSON.stringify(r.tenant)}` : ""} assume the identity, including new ones.`,
                fix: `Pin one ${repositoryWord(kind)} and one context, e.g. ${JSON.stringify(exampleSubject(kind, r.tenant))}.`,
              },
        );
      }
    }
    const gcp = facts.gcp;
    if (gcp) {
      const broad = !gcp.conditionConstrains || reaches.some((r) => r.reach === "any-tenant" || r.reach === "one-tenant" || r.reach === "unrestricted");
      for (const m of gcp.members.filter((x) => x.scope === "pool")) {
        if (gcp.poolProviderCount > 1 || broad) {
          hits.push({
            value: m.member,
            risk:
              gcp.poolProviderCount > 1
                ? `The whole-pool member ${JSON.stringify(m.member)} (${m.address}) admits every identity of all ${gcp.poolProviderCount} providers of the pool.`
                : `The whole-pool member ${JSON.stringify(m.member)} (${m.address}) admits every identity the broad provider condition lets in.`,
            fix: "Bind a narrower member: `principalSet://.../attribute.repository/OWNER/REPO` or `principal://.../subject/SUBJECT`, with the provider condition pinning the repository.",
          });
        }
      }
    }
    return hits;
  },
};

/** A `job_workflow_ref` pinned to one workflow file of the tenant (literal up to `@`). */
function pinnedWorkflow(claims: readonly ClaimCheck[], tenant: string | undefined): string | undefined {
  for (const c of claims) {
    if (c.claim !== "job_workflow_ref" || (c.operator !== "equals" && c.operator !== "like") || c.setOperator === "ForAllValues") continue;
    const ok = c.values.every((v) => {
      const at = v.indexOf("@");
      const head = at < 0 ? v : v.slice(0, at);
      if (at < 0 || /[*?]/.test(head) || head.includes("${")) return false;
      return tenant === undefined || head.split("/")[0] === tenant;
    });
    if (ok && c.values.length > 0) return c.values.join(", ");
  }
  return undefined;
}
