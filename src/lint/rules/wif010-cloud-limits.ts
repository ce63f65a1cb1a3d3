import { azureCredentials, gcpCondition, subject } from "./examples";
import { defineRule, docsPath, MessageHit } from "./rule";

const GCP_ID = /^(?!gcp-)[a-z0-9-]{4,32}$/;
const AZURE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{2,119}$/;

/** WIF010: values that break cloud limits at apply or exchange time. */
const FIX = "Shorten or split the trust: fewer statements/values, shorter subjects, a valid name or id.";

const MESSAGES = {
  awsPolicyLength: {
    risk: (d: { length: number }) => `The trust policy is ${d.length} characters; IAM rejects more than 2048 unless the quota was raised (max 4096).`,
    fix: () => FIX,
  },
  gcpSubjectBytes: {
    risk: (d: { value: string; bytes: number }) => `google.subject ${JSON.stringify(d.value)} is ${d.bytes} bytes; token exchange fails above 127.`,
    fix: () => "Map google.subject to a shorter claim (e.g. assertion.repository_id + context) and check the long value in attribute_condition.",
  },
  gcpId: {
    risk: (d: { what: string; id: string }) => `GCP ${d.what} ${JSON.stringify(d.id)} is invalid: 4-32 characters of [a-z0-9-], not starting with "gcp-".`,
    fix: (d: { what: string; id: string }) => `Rename the ${d.what}.`,
  },
  azureCredentialCount: {
    risk: (d: { count: number }) => `Azure allows at most 20 federated credentials per identity or application; ${d.count} target the same one.`,
    fix: () => "Split the workloads over several identities, or use a flexible credential (applications).",
  },
  azureCredentialName: {
    risk: (d: { name: string }) => `Azure credential name ${JSON.stringify(d.name)} is invalid: 3-120 characters of [A-Za-z0-9_-], starting alphanumeric.`,
    fix: () => "Rename the credential (names are immutable: renaming replaces it).",
  },
  azureValueLength: {
    risk: (d: { length: number }) => `An Azure issuer/subject/audience is ${d.length} characters; the limit is 600.`,
    fix: () => FIX,
  },
} as const;

export const WIF010 = defineRule({
  meta: {
    id: "WIF010",
    severity: "medium",
    title: "Cloud limit exceeded",
    why: "The configuration breaks a documented cloud limit and fails at apply time or, worse, at token exchange time.",
    fix: FIX,
    details:
      "AWS trust policies are at most 2048 characters by default; GCP `google.subject` values at most 127 bytes; GCP pool and " +
      "provider ids 4-32 of `[a-z0-9-]` not starting with `gcp-`; at most 20 federated credentials per Azure identity or " +
      "application; Azure credential names 3-120 of `[A-Za-z0-9_-]` starting alphanumeric; Azure issuer/subject/audience at most 600 characters.",
    fires: [
      subject(
        "an AWS trust policy over 2048 characters (45 subjects of ~40 characters in one statement)",
        "StringEquals",
        Array.from({ length: 45 }, (_, i) => `repo:octo/service-${String(i).padStart(2, "0")}:environment:production`),
      ),
      gcpCondition("GCP provider id `gcp-ci`", "assertion.repository_owner_id == '1'", undefined, "gcp-ci"),
      azureCredentials(
        "21 credentials on one Azure identity",
        Array.from({ length: 21 }, (_, i) => `repo:octo/app:environment:env-${i}`),
      ),
    ],
    passes: [],
    docs: docsPath("WIF010"),
    messages: MESSAGES,
  },
  check: ({ facts }) => {
    const l = facts.limits;
    if (!l) return [];
    const hits: MessageHit<typeof MESSAGES>[] = [];
    if (l.awsTrustPolicyLength !== undefined && l.awsTrustPolicyLength > 2048) {
      hits.push({ messageId: "awsPolicyLength", data: { length: l.awsTrustPolicyLength }, value: `${l.awsTrustPolicyLength} characters` });
    }
    for (const s of l.gcpSubjectValues ?? []) {
      const bytes = Buffer.byteLength(s, "utf8");
      if (bytes > 127) hits.push({ messageId: "gcpSubjectBytes", data: { value: s, bytes }, value: s });
    }
    for (const [what, id] of [
      ["pool id", l.gcpPoolId],
      ["provider id", l.gcpProviderId],
    ] as const) {
      if (id !== undefined && !id.includes("${") && !GCP_ID.test(id)) {
        hits.push({ messageId: "gcpId", data: { what, id }, value: id });
      }
    }
    if (l.azureCredentialCount !== undefined && l.azureCredentialCount > 20) {
      hits.push({ messageId: "azureCredentialCount", data: { count: l.azureCredentialCount }, value: `${l.azureCredentialCount} credentials` });
    }
    if (l.azureCredentialName !== undefined && !l.azureCredentialName.includes("${") && !AZURE_NAME.test(l.azureCredentialName)) {
      hits.push({ messageId: "azureCredentialName", data: { name: l.azureCredentialName }, value: l.azureCredentialName });
    }
    for (const v of l.azureValues ?? []) {
      if (v.length > 600) hits.push({ messageId: "azureValueLength", data: { length: v.length }, value: v.slice(0, 80) + "..." });
    }
    return hits;
  },
});
