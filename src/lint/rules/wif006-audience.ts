import { awsCondition, azureCredentials, gcpCondition, subject } from "./examples";
import { defineRule, docsPath, MessageHit } from "./rule";
import { isPositive } from "../analysis/statement-reach";
import type { Cloud } from "../../trust/audiences";

const CLOUD_NAMES: Record<Cloud, string> = { aws: "AWS", gcp: "GCP", azure: "Azure" };
const DEFAULT_FIX: Record<Cloud, string> = {
  aws: "`sts.amazonaws.com` (or the issuer's AWS audience)",
  gcp: "the provider's default audience (empty `allowed_audiences`)",
  azure: "`api://AzureADTokenExchange`",
};

/** The cloud whose standard login audience this is, if any. */
function audienceOwner(aud: string): Cloud | undefined {
  if (aud === "sts.amazonaws.com") return "aws";
  if (aud === "api://AzureADTokenExchange") return "azure";
  if (/^(https:)?\/\/iam\.googleapis\.com\/projects\//.test(aud)) return "gcp";
  return undefined;
}

const FIX = "Check `aud` exactly: StringEquals `<issuer>:aud` = `sts.amazonaws.com` on AWS, exactly one audience (`api://AzureADTokenExchange`) on Azure.";

const MESSAGES = {
  noAudience: {
    risk: (d: { label: string; address: string }) =>
      `${d.label} of ${d.address} does not check the token audience, so tokens minted for other services are accepted.`,
    fix: () => FIX,
  },
  notPinned: {
    risk: (d: { native: string; values: readonly string[] }) => `The audience check ${d.native} ${JSON.stringify(d.values)} does not pin one audience.`,
    fix: () => FIX,
  },
  otherCloud: {
    severity: "medium",
    risk: (d: { value: string; owner: Cloud; cloud: Cloud }) =>
      `${JSON.stringify(d.value)} is the audience of ${CLOUD_NAMES[d.owner]} logins, so a token the workload requests for ${CLOUD_NAMES[d.owner]} can also be replayed here.`,
    fix: (d: { value: string; owner: Cloud; cloud: Cloud }) => `Give each cloud its own audience: ${CLOUD_NAMES[d.cloud]} ${DEFAULT_FIX[d.cloud]}.`,
  },
  azureAudienceCount: {
    risk: (d: { count: number }) => `Azure federated credentials take exactly one audience; ${d.count} are set.`,
    fix: () => "Set exactly one audience: `api://AzureADTokenExchange`.",
  },
} as const;

/** WIF006: audience unchecked, wildcard, or not fit for the target. */
export const WIF006 = defineRule({
  meta: {
    id: "WIF006",
    severity: "high",
    title: "Audience not checked",
    why: "Without an exact audience check, a token minted for another service (or another cloud) can be replayed to assume this identity.",
    fix: FIX,
    details:
      "AWS trusts must test `<issuer>:aud` with `StringEquals`; a wildcard audience or `ForAllValues` is no check. Azure " +
      "federated credentials take exactly one audience. GCP providers with empty `allowed_audiences` check the provider's " +
      "resource name, which is fine. An audience that is another cloud's login audience (`sts.amazonaws.com` on Azure, " +
      "`api://AzureADTokenExchange` on AWS or GCP, a GCP provider name on AWS or Azure) is reported at medium: a token " +
      "requested for that cloud could be replayed here.",
    fires: [
      awsCondition("AWS trust without `:aud`", { StringEquals: { sub: "repo:octo/app:environment:prod" } }),
      subject("`StringLike :aud = *`", "StringEquals", "repo:octo/app:environment:prod", { more: { StringLike: { aud: "*" } } }),
      azureCredentials("Azure credential with two audiences", ["repo:octo/app:environment:prod"], { audience: ["api://AzureADTokenExchange", "api://other"] }),
      subject("another cloud's login audience (`api://AzureADTokenExchange` on an AWS role: medium)", "StringEquals", "repo:octo/app:environment:prod", {
        audience: "api://AzureADTokenExchange",
      }),
    ],
    passes: [gcpCondition("GCP provider with the default audience", "assertion.sub == 'repo:octo/app:environment:prod'")],
    docs: docsPath("WIF006"),
    messages: MESSAGES,
  },
  check: ({ facts, reaches }) => {
    const hits: MessageHit<typeof MESSAGES>[] = [];
    for (const r of reaches) {
      const s = r.statement;
      if (s.audienceDefault) continue;
      // An audience unknown until apply is reported by WIF011; a `ForAllValues` check is not positive
      // (an empty set passes it), and `aud` is always present, so `...IfExists` is a plain check.
      if (s.audience.some((c) => c.operator === "unknown")) continue;
      const positive = s.audience.filter(isPositive);
      if (positive.length === 0) {
        hits.push({ messageId: "noAudience", data: { label: s.label, address: facts.address }, value: `${s.label}: no aud check` });
        continue;
      }
      for (const c of positive) {
        // `${*}`, `${?}` and `${$}` are the literal characters in IAM policies.
        const wild = c.operator === "like" && c.values.some((v) => /[*?]/.test(v.replace(/\$\{[*?$]\}/g, "")));
        if (wild) {
          hits.push({ messageId: "notPinned", data: { native: c.native, values: c.values }, value: `${c.native} aud ${c.values.join(", ")}` });
        }
      }
      for (const c of positive) {
        for (const v of c.values) {
          const owner = audienceOwner(v);
          if (owner !== undefined && facts.cloud !== undefined && owner !== facts.cloud) {
            hits.push({ messageId: "otherCloud", data: { value: v, owner, cloud: facts.cloud }, value: v });
          }
        }
      }
      if (facts.cloud === "azure") {
        const values = positive.flatMap((c) => c.values);
        if (values.length !== 1) {
          hits.push({ messageId: "azureAudienceCount", data: { count: values.length }, value: values.join(", ") });
        }
      }
    }
    return hits;
  },
});
