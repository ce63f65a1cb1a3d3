import { prose } from "./examples";
import { docsPath, Rule, RuleHit } from "./rule";

const GCP_ID = /^(?!gcp-)[a-z0-9-]{4,32}$/;
const AZURE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{2,119}$/;

/** WIF010: values that break cloud limits at apply or exchange time. */
export const WIF010: Rule = {
  meta: {
    id: "WIF010",
    severity: "medium",
    title: "Cloud limit exceeded",
    why: "The configuration breaks a documented cloud limit and fails at apply time or, worse, at token exchange time.",
    fix: "Shorten or split the trust: fewer statements/values, shorter subjects, a valid name or id.",
    details:
      "AWS trust policies are at most 2048 characters by default; GCP `google.subject` values at most 127 bytes; GCP pool and " +
      "provider ids 4-32 of `[a-z0-9-]` not starting with `gcp-`; at most 20 federated credentials per Azure identity or " +
      "application; Azure credential names 3-120 of `[A-Za-z0-9_-]` starting alphanumeric; Azure issuer/subject/audience at most 600 characters.",
    fires: [
      prose("an AWS trust policy of 2100 characters"),
      prose("GCP provider id `gcp-ci`"),
      prose("21 credentials on one Azure identity"),
    ],
    passes: [
    ],
    docs: docsPath("WIF010"),
  },
  check: ({ facts }) => {
    const l = facts.limits;
    if (!l) return [];
    const hits: RuleHit[] = [];
    if (l.awsTrustPolicyLength !== undefined && l.awsTrustPolicyLength > 2048) {
      hits.push({ value: `${l.awsTrustPolicyLength} characters`, risk: `The trust policy is ${l.awsTrustPolicyLength} characters; IAM rejects more than 2048 unless the quota was raised (max 4096).` });
    }
    for (const s of l.gcpSubjectValues ?? []) {
      const bytes = Buffer.byteLength(s, "utf8");
      if (bytes > 127) hits.push({ value: s, risk: `google.subject ${JSON.stringify(s)} is ${bytes} bytes; token exchange fails above 127.`, fix: "Map google.subject to a shorter claim (e.g. assertion.repository_id + context) and check the long value in attribute_condition." });
    }
    for (const [what, id] of [["pool id", l.gcpPoolId], ["provider id", l.gcpProviderId]] as const) {
      if (id !== undefined && !id.includes("${") && !GCP_ID.test(id)) {
        hits.push({ value: id, risk: `GCP ${what} ${JSON.stringify(id)} is invalid: 4-32 characters of [a-z0-9-], not starting with "gcp-".`, fix: `Rename the ${what}.` });
      }
    }
    if (l.azureCredentialCount !== undefined && l.azureCredentialCount > 20) {
      hits.push({ value: `${l.azureCredentialCount} credentials`, risk: `Azure allows at most 20 federated credentials per identity or application; ${l.azureCredentialCount} target the same one.`, fix: "Split the workloads over several identities, or use a flexible credential (applications)." });
    }
    if (l.azureCredentialName !== undefined && !l.azureCredentialName.includes("${") && !AZURE_NAME.test(l.azureCredentialName)) {
      hits.push({ value: l.azureCredentialName, risk: `Azure credential name ${JSON.stringify(l.azureCredentialName)} is invalid: 3-120 characters of [A-Za-z0-9_-], starting alphanumeric.`, fix: "Rename the credential (names are immutable: renaming replaces it)." });
    }
    for (const v of l.azureValues ?? []) {
      if (v.length > 600) hits.push({ value: v.slice(0, 80) + "...", risk: `An Azure issuer/subject/audience is ${v.length} characters; the limit is 600.` });
    }
    return hits;
  },
};
