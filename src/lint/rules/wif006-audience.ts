import { awsCondition, gcpCondition, prose, subject } from "./examples";
import { docsPath, Rule, RuleHit } from "./rule";
import { ifExistsSkippable } from "../analysis/claim-pins";
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

/** WIF006: audience unchecked, wildcard, or not fit for the target. */
export const WIF006: Rule = {
  meta: {
    id: "WIF006",
    severity: "high",
    title: "Audience not checked",
    why: "Without an exact audience check, a token minted for another service (or another cloud) can be replayed to assume this identity.",
    fix: "Check `aud` exactly: StringEquals `<issuer>:aud` = `sts.amazonaws.com` on AWS, exactly one audience (`api://AzureADTokenExchange`) on Azure.",
    details:
      "AWS trusts must test `<issuer>:aud` with `StringEquals`; a wildcard audience or `ForAllValues` is no check. Azure " +
      "federated credentials take exactly one audience. GCP providers with empty `allowed_audiences` check the provider's " +
      "resource name, which is fine. An audience that is another cloud's login audience (`sts.amazonaws.com` on Azure, " +
      "`api://AzureADTokenExchange` on AWS or GCP, a GCP provider name on AWS or Azure) is reported at medium: a token " +
      "requested for that cloud could be replayed here.",
    fires: [
      awsCondition("AWS trust without `:aud`", { StringEquals: { sub: "repo:octo/app:environment:prod" } }),
      subject("`StringLike :aud = *`", "StringEquals", "repo:octo/app:environment:prod", { more: { StringLike: { aud: "*" } } }),
      prose("Azure credential with two audiences"),
      subject("another cloud's login audience (`api://AzureADTokenExchange` on an AWS role: medium)", "StringEquals", "repo:octo/app:environment:prod", { audience: "api://AzureADTokenExchange" }),
    ],
    passes: [
      gcpCondition("GCP provider with the default audience", "assertion.sub == 'repo:octo/app:environment:prod'"),
    ],
    docs: docsPath("WIF006"),
  },
  check: ({ facts, reaches }) => {
    const hits: RuleHit[] = [];
    for (const r of reaches) {
      const s = r.statement;
      if (s.audienceDefault) continue;
      const positive = s.audience.filter((c) => isPositive(c) && c.operator !== "unknown");
      if (s.audience.some((c) => c.operator === "unknown")) continue;
      if (positive.length === 0) {
        hits.push({ value: `${s.label}: no aud check`, risk: `${s.label} of ${facts.address} does not check the token audience, so tokens minted for other services are accepted.` });
        continue;
      }
      for (const c of positive) {
        const wild = c.operator === "like" && c.values.some((v) => /[*?]/.test(v.replace(/\$\{[*?$]\}/g, "")));
        if (wild || c.setOperator === "ForAllValues" || ifExistsSkippable(c)) {
          hits.push({ value: `${c.native} aud ${c.values.join(", ")}`, risk: `The audience check ${c.native} ${JSON.stringify(c.values)} does not pin one audience.` });
        }
      }
      for (const c of positive) {
        for (const v of c.values) {
          const owner = audienceOwner(v);
          if (owner !== undefined && facts.cloud !== undefined && owner !== facts.cloud) {
            hits.push({
              value: v,
              severity: "medium",
              risk: `${JSON.stringify(v)} is the audience of ${CLOUD_NAMES[owner]} logins, so a token the workload requests for ${CLOUD_NAMES[owner]} can also be replayed here.`,
              fix: `Give each cloud its own audience: ${CLOUD_NAMES[facts.cloud]} ${DEFAULT_FIX[facts.cloud]}.`,
            });
          }
        }
      }
      if (facts.cloud === "azure") {
        const values = positive.flatMap((c) => c.values);
        if (values.length !== 1) {
          hits.push({ value: values.join(", "), risk: `Azure federated credentials take exactly one audience; ${values.length} are set.` , fix: "Set exactly one audience: `api://AzureADTokenExchange`." });
        }
      }
    }
    return hits;
  },
};
