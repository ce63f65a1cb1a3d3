import { subject } from "./examples";
import { defineRule, docsPath, MessageHit } from "./rule";
import type { IssuerKind } from "../../trust/issuers";
import { wordsOf } from "./words";

/** WIF004: one repository but any ref, tag, pull request or environment. */
/** The issuer's own words (profile), or the extended-ref explanation. */
const MESSAGES = {
  anyContext: {
    risk: (d: { value: string; kind: IssuerKind }) => wordsOf(d.kind).anyContext.risk(d.value),
    fix: (d: { value: string; kind: IssuerKind }) => wordsOf(d.kind).anyContext.fix,
  },
  anyRepository: {
    risk: (d: { value: string; kind: IssuerKind }) => (wordsOf(d.kind).anyRepository ?? wordsOf(d.kind).anyContext).risk(d.value),
    fix: (d: { value: string; kind: IssuerKind }) => (wordsOf(d.kind).anyRepository ?? wordsOf(d.kind).anyContext).fix,
  },
  extendedRef: {
    risk: (d: { value: string; name: string }) =>
      `The "*" right after ${JSON.stringify(d.name)} in ${JSON.stringify(d.value)} also admits ${JSON.stringify(`${d.name}-x`)}, ${JSON.stringify(`${d.name}/anything`)} and every other name that starts with ${JSON.stringify(d.name)}, which anyone who can push a branch or tag can create.`,
    fix: (d: { value: string; name: string }) =>
      `Drop the "*" to pin ${JSON.stringify(d.name)} exactly, or end the prefix with a separator (${JSON.stringify(`${d.name}/*`)}) for a family of names.`,
  },
} as const;

export const WIF004 = defineRule({
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
      subject("`system:serviceaccount:*:deployer` (high)", "StringLike", "system:serviceaccount:*:deployer", {
        issuer: "oidc.eks.eu-west-1.amazonaws.com/id/ABC",
      }),
      subject("`system:serviceaccount:ns:*`", "StringLike", "system:serviceaccount:ns:*", { issuer: "oidc.eks.eu-west-1.amazonaws.com/id/ABC" }),
      subject(
        "HCP Terraform `run_phase:*` on one workspace (low: plan runs, including speculative plans of pull requests, get the apply identity)",
        "StringLike",
        "organization:acme:project:infra:workspace:prod:run_phase:*",
        { issuer: "app.terraform.io", audience: "aws.workload.identity" },
      ),
    ],
    passes: [
      subject("`repo:octo/app:environment:prod`", "StringEquals", "repo:octo/app:environment:prod"),
      subject("`repo:octo/app:ref:refs/tags/v*` (a family of tags)", "StringLike", "repo:octo/app:ref:refs/tags/v*"),
    ],
    docs: docsPath("WIF004"),
    messages: MESSAGES,
  },
  check: ({ facts, reaches }) => {
    const kind = facts.issuer.kind;
    const words = wordsOf(kind);
    const hits: MessageHit<typeof MESSAGES>[] = [];
    for (const r of reaches) {
      if (words.anyRepository && r.reach === "one-tenant") {
        hits.push({ messageId: "anyRepository", data: { value: r.value, kind }, value: r.value, severity: words.anyRepository.severity });
      } else if (r.reach === "one-repository") {
        const extended = r.subjects.find((s) => s.value === r.value)?.scope.extendedRef;
        hits.push(
          extended !== undefined
            ? { messageId: "extendedRef", data: { value: r.value, name: extended }, value: r.value }
            : { messageId: "anyContext", data: { value: r.value, kind }, value: r.value, severity: words.anyContext.severity },
        );
      }
    }
    return hits;
  },
});
