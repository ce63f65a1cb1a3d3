import { awsCondition, gcpCondition, subject } from "./examples";
import { defineRule, docsPath, MessageHit } from "./rule";

/** WIF001: the trust checks no subject or identity claim, so every workload of the issuer gets in. */
const WHY = "The trust does not check who the workload is (only the audience, or nothing), so every token of the issuer is admitted.";
const FIX =
  "Check the subject exactly (StringEquals on `:sub`, an `attribute_condition` on `assertion.sub`, or an Azure subject), e.g. `repo:OWNER/REPO:environment:production`.";

const GCP_CONDITION_FIX =
  "Set attribute_condition to pin the subject or the repository, e.g. `assertion.sub == 'repo:OWNER/REPO:environment:production'` or `assertion.repository_id == '123456'`.";

const MESSAGES = {
  noSubject: { risk: () => WHY, fix: () => FIX },
  gcpNoIdentityClaim: {
    risk: (d: { value: string; label: string; issuer: string | undefined }) =>
      `The attribute_condition ${JSON.stringify(d.value)} checks no claim that identifies the workload (${d.label}), so every tenant of the shared issuer ${d.issuer ?? ""} whose token passes it gets in.`,
    fix: () =>
      "Pin the repository or the owner in the condition, e.g. `assertion.repository_id == '123456' && assertion.ref == 'refs/heads/main'`, or bind a narrower member.",
  },
  gcpNoCondition: {
    risk: (d: { issuer: string | undefined }) =>
      `The provider on the shared issuer ${d.issuer ?? ""} has no attribute_condition, so every workload of the issuer can exchange tokens (Google rejects it at apply time).`,
    fix: () => GCP_CONDITION_FIX,
  },
  gcpAlwaysTrue: {
    risk: (d: { condition: string; issuer: string | undefined }) =>
      `The attribute_condition ${JSON.stringify(d.condition)} is always true for tokens of ${d.issuer ?? "the issuer"}, so it restricts nothing.`,
    fix: () => GCP_CONDITION_FIX,
  },
} as const;

export const WIF001 = defineRule({
  meta: {
    id: "WIF001",
    severity: "critical",
    title: "No subject check",
    why: WHY,
    fix: FIX,
    details:
      "An AWS trust with only `:aud`, a GCP provider on a shared issuer (GitHub, gitlab.com, HCP Terraform) " +
      "without `attribute_condition` or with one that constrains nothing (`true`, `attribute.repository == assertion.repository`) " +
      "lets anyone who can obtain a token from the issuer act as the identity. On github.com that is anyone with a GitHub account.",
    fires: [
      awsCondition("AWS trust with only `token.actions.githubusercontent.com:aud`", { StringEquals: { aud: "sts.amazonaws.com" } }),
      gcpCondition('GCP `attribute_condition = "true"`', "true"),
      gcpCondition("GCP condition `attribute.repository == assertion.repository`", "attribute.repository == assertion.repository"),
      gcpCondition("GCP condition only on `workflow`, `event_name`, `actor` or `aud` on a shared issuer", "assertion.workflow == 'deploy'"),
    ],
    passes: [
      subject("a Kubernetes/EKS trust with an exact `:sub`", "StringEquals", "system:serviceaccount:ci:deployer", {
        issuer: "oidc.eks.eu-west-1.amazonaws.com/id/ABC",
      }),
    ],
    docs: docsPath("WIF001"),
    messages: MESSAGES,
  },
  check: ({ facts, reaches }) => {
    const hits: MessageHit<typeof MESSAGES>[] = [];
    const gcp = facts.gcp;
    // GCP on a shared issuer: a condition that constrains nothing is reported once, below; a condition
    // that checks only claims which do not say who the workload is (`workflow`, `event_name`, `actor`,
    // `aud`, ...) admits every tenant of the issuer whose token carries those values.
    const gcpShared = gcp !== undefined && facts.issuer.shared;
    if (!(gcpShared && !gcp.conditionConstrains)) {
      // One hit per value: the engine keeps one finding per rule and value.
      for (const r of reaches) {
        if (r.reach !== "unrestricted") continue;
        if (gcpShared) {
          const value = gcp.condition ?? r.value;
          hits.push({ messageId: "gcpNoIdentityClaim", data: { value, label: r.statement.label, issuer: facts.issuer.url }, value });
        } else hits.push({ messageId: "noSubject", data: {}, value: r.value });
      }
    }
    if (gcp && gcpShared && !gcp.conditionConstrains) {
      hits.push(
        gcp.condition === undefined
          ? { messageId: "gcpNoCondition", data: { issuer: facts.issuer.url }, value: "(no attribute_condition)" }
          : { messageId: "gcpAlwaysTrue", data: { condition: gcp.condition, issuer: facts.issuer.url }, value: gcp.condition },
      );
    }
    return hits;
  },
});
