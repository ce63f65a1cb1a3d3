import { subject } from "./examples";
import { docsPath, Rule, RuleHit } from "./rule";
import type { FindingWords } from "../../trust/issuers";
import { wordsOf } from "./words";

/** WIF004: one repository but any ref, tag, pull request or environment. */
export const WIF004: Rule = {
  meta: {
    id: "WIF004",
    severity: "medium",
    title: "One repository, any context",
    why: "Every branch, tag, pull request and environment of the repository can assume the identity, so anyone who can push a branch gets its permissions.",
    fix: "Pin one context: `ref:refs/heads/main`, `environment:production` (with required reviewers), or a tag pattern such as `ref:refs/tags/v*`.",
    details:
      "`repo:octo/app:*`, `repo:octo/app:ref:*`, `repo:octo/app:ref:refs/heads/*`, GitLab `...:ref_type:branch:ref:*`. " +
      "A `*` right after a complete ref name (`ref:refs/heads/main*`) also admits `main-x`; a one-character prefix (`refs/tags/v*`) " +
      "or one ending with a separator (`release/*`, `v1.*`) is read as a family of refs and passes. " +
      "Kubernetes: `system:serviceaccount:ns:*` (any service account of one namespace, medium) and " +
      "`system:serviceaccount:*:deployer` (that name in any namespace, high: anyone who can create a namespace gets in).",
    fires: [
      subject("`repo:octo/app:*`", "StringLike", "repo:octo/app:*"),
      subject("`repo:octo/app:ref:*`", "StringLike", "repo:octo/app:ref:*"),
      subject("`repo:octo/app:ref:refs/heads/main*` (also `main-x`)", "StringLike", "repo:octo/app:ref:refs/heads/main*"),
      subject("`system:serviceaccount:*:deployer` (high)", "StringLike", "system:serviceaccount:*:deployer", { issuer: "oidc.eks.eu-west-1.amazonaws.com/id/ABC" }),
      subject("`system:serviceaccount:ns:*`", "StringLike", "system:serviceaccount:ns:*", { issuer: "oidc.eks.eu-west-1.amazonaws.com/id/ABC" }),
      subject("HCP Terraform `run_phase:*` on one workspace (low: plan runs, including speculative plans of pull requests, get the apply identity)", "StringLike", "organization:acme:project:infra:workspace:prod:run_phase:*", { issuer: "app.terraform.io", audience: "aws.workload.identity" }),
    ],
    passes: [
      subject("`repo:octo/app:environment:prod`", "StringEquals", "repo:octo/app:environment:prod"),
      subject("`repo:octo/app:ref:refs/tags/v*` (a family of tags)", "StringLike", "repo:octo/app:ref:refs/tags/v*"),
    ],
    docs: docsPath("WIF004"),
  },
  check: ({ facts, reaches }) => {
    const words = wordsOf(facts.issuer.kind);
    const hits: RuleHit[] = [];
    for (const r of reaches) {
      if (words.anyRepository && r.reach === "one-tenant") {
        hits.push({ value: r.value, ...wording(words.anyRepository, r.value) });
      } else if (r.reach === "one-repository") {
        const extended = r.subjects.find((s) => s.value === r.value)?.scope.extendedRef;
        if (extended !== undefined) {
          hits.push({
            value: r.value,
            risk: `The "*" right after ${JSON.stringify(extended)} in ${JSON.stringify(r.value)} also admits ${JSON.stringify(`${extended}-x`)}, ${JSON.stringify(`${extended}/anything`)} and every other name that starts with ${JSON.stringify(extended)}, which anyone who can push a branch or tag can create.`,
            fix: `Drop the "*" to pin ${JSON.stringify(extended)} exactly, or end the prefix with a separator (${JSON.stringify(`${extended}/*`)}) for a family of names.`,
          });
          continue;
        }
        hits.push({ value: r.value, ...wording(words.anyContext, r.value) });
      }
    }
    return hits;
  },
};

function wording(words: FindingWords, value: string): Omit<RuleHit, "value"> {
  return { risk: words.risk(value), fix: words.fix, ...(words.severity ? { severity: words.severity } : {}) };
}
