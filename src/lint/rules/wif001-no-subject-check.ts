import { awsCondition, gcpCondition, subject } from "./examples";
import { docsPath, Rule, RuleHit } from "./rule";

/** WIF001: the trust checks no subject or identity claim, so every workload of the issuer gets in. */
export const WIF001: Rule = {
  meta: {
    id: "WIF001",
    severity: "critical",
    title: "No subject check",
    why: "The trust does not check who the workload is (only the audience, or nothing), so every token of the issuer is admitted.",
    fix: "Check the subject exactly (StringEquals on `:sub`, an `attribute_condition` on `assertion.sub`, or an Azure subject), e.g. `repo:OWNER/REPO:environment:production`.",
    details:
      "An AWS trust with only `:aud`, a GCP provider on a shared issuer (GitHub, gitlab.com, HCP Terraform) " +
      "without `attribute_condition` or with one that constrains nothing (`true`, `attribute.repository == assertion.repository`) " +
      "lets anyone who can obtain a token from the issuer act as the identity. On github.com that is anyone with a GitHub account.",
    fires: [
      awsCondition("AWS trust with only `token.actions.githubusercontent.com:aud`", { StringEquals: { aud: "sts.amazonaws.com" } }),
      gcpCondition("GCP `attribute_condition = \"true\"`", "true"),
      gcpCondition("GCP condition `attribute.repository == assertion.repository`", "attribute.repository == assertion.repository"),
      gcpCondition("GCP condition only on `workflow`, `event_name`, `actor` or `aud` on a shared issuer", "assertion.workflow == 'deploy'"),
    ],
    passes: [
      subject("a Kubernetes/EKS trust with an exact `:sub`", "StringEquals", "system:serviceaccount:ci:deployer", { issuer: "oidc.eks.eu-west-1.amazonaws.com/id/ABC" }),
    ],
    docs: docsPath("WIF001"),
  },
  check: ({ facts, reaches }) => {
    const hits: RuleHit[] = [];
    const gcp = facts.gcp;
    // GCP on a shared issuer: a condition that constrains nothing is reported once, below; a condition
    // that checks only claims which do not say who the workload is (`workflow`, `event_name`, `actor`,
    // `aud`, ...) admits every tenant of the issuer whose token carries those values.
    const gcpShared = gcp !== undefined && facts.issuer.shared;
    if (!(gcpShared && !gcp.conditionConstrains)) {
      const seen = new Set<string>();
      for (const r of reaches) {
        if (r.reach !== "unrestricted") continue;
        if (gcpShared) {
          const value = gcp.condition ?? r.value;
          if (seen.has(value)) continue;
          seen.add(value);
          hits.push({
            value,
            risk: `The attribute_condition ${JSON.stringify(value)} checks no claim that identifies the workload (${r.statement.label}), so every tenant of the shared issuer ${facts.issuer.url ?? ""} whose token passes it gets in.`,
            fix: "Pin the repository or the owner in the condition, e.g. `assertion.repository_id == '123456' && assertion.ref == 'refs/heads/main'`, or bind a narrower member.",
          });
        } else hits.push({ value: r.value });
      }
    }
    if (gcp && gcpShared && !gcp.conditionConstrains) {
      hits.push({
        value: gcp.condition ?? "(no attribute_condition)",
        risk:
          gcp.condition === undefined
            ? `The provider on the shared issuer ${facts.issuer.url ?? ""} has no attribute_condition, so every workload of the issuer can exchange tokens (Google rejects it at apply time).`
            : `The attribute_condition ${JSON.stringify(gcp.condition)} is always true for tokens of ${facts.issuer.url ?? "the issuer"}, so it restricts nothing.`,
        fix: "Set attribute_condition to pin the subject or the repository, e.g. `assertion.sub == 'repo:OWNER/REPO:environment:production'` or `assertion.repository_id == '123456'`.",
      });
    }
    return hits;
  },
};
