import { docsPath, Rule, RuleHit } from "./rule";
import { ifExistsSkippable } from "../analysis/claim-pins";
import { isPositive } from "../analysis/statement-reach";

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
      "resource name, which is fine.",
    fires: ["AWS trust without `:aud`", "`StringLike :aud = *`", "Azure credential with two audiences"],
    passes: ["GCP provider with the default audience"],
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
