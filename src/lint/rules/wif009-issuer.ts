import { classifyIssuerUrl } from "../../trust/issuers";
import { awsCondition, prose } from "./examples";
import { docsPath, Rule, RuleHit } from "./rule";

/** True for issuers whose profile says their `iss` has no trailing slash (every known URL family except AKS). */
function withoutTrailingSlash(hostPath: string): boolean {
  const url = classifyIssuerUrl(hostPath).url;
  return url !== undefined && url.trailingSlash !== true;
}

/** WIF009: issuer problems. */
export const WIF009: Rule = {
  meta: {
    id: "WIF009",
    severity: "high",
    title: "Issuer problem",
    why: "An issuer that is not an exact https URL, or spelled differently in the provider and the conditions, either breaks the trust or trusts keys fetched without TLS.",
    fix: "Use the exact https issuer URL everywhere (provider URL, condition keys, Azure issuer), spelled as the tokens' `iss`: without a trailing slash, except AKS issuers, which end with one.",
    details:
      "Clouds compare `iss` literally and fetch the issuer's keys over TLS. `http://` issuers, wildcards or templates in the " +
      "issuer, and a trailing slash on one side only (`https://token.actions.githubusercontent.com/` as provider URL with " +
      "`token.actions.githubusercontent.com:sub` keys) are reported, as is a trailing slash on an issuer whose tokens carry none " +
      "(GitHub, GitLab, HCP Terraform, EKS, GKE, Buildkite, CircleCI), and references to different issuers (`gitlab.com:sub` " +
      "keys on a GitHub provider: never evaluated, the statement never matches). AKS issuers end with `/` " +
      "(`https://<region>.oic.prod-aks.azure.com/<tenant>/<cluster>/`) and are not reported.",
    fires: [
      prose("`http://token.actions.githubusercontent.com`"),
      prose("provider URL with a trailing slash, condition keys without"),
      awsCondition("`gitlab.com:sub` condition keys on a GitHub provider", { StringEquals: { aud: "sts.amazonaws.com", "gitlab.com:sub": "project_path:grp/app:ref_type:branch:ref:main" } }),
    ],
    passes: [
      prose("AKS issuer `https://eastus.oic.prod-aks.azure.com/<tenant>/<cluster>/`"),
    ],
    docs: docsPath("WIF009"),
  },
  check: ({ facts }) => {
    const hits: RuleHit[] = [];
    const refs = facts.issuer.references.filter((r) => !/^\$\{[^}]*\}$/.test(r.value));
    for (const r of refs) {
      if (/^http:\/\//i.test(r.value)) {
        hits.push({ value: r.value, risk: `The issuer ${JSON.stringify(r.value)} (${r.where}) is plain http: its signing keys could be served by anyone on the path.`, fix: `Use ${JSON.stringify(r.value.replace(/^http:/i, "https:"))}.` });
      } else if (/[*?]/.test(r.value)) {
        hits.push({ value: r.value, risk: `The issuer ${JSON.stringify(r.value)} (${r.where}) holds a wildcard; issuers are compared literally.`, fix: "Give the exact issuer URL." });
      } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(r.value) && !/^https:\/\//.test(r.value)) {
        hits.push({ value: r.value, risk: `The issuer ${JSON.stringify(r.value)} (${r.where}) is not an https URL.`, fix: "Use the https:// issuer URL." });
      }
    }
    // Different issuers (beyond a trailing slash): a token carries one `iss`, so the checks keyed on
    // the other are never true (AWS: GitLab condition keys on a GitHub provider).
    const https = refs.filter((r) => /^https:\/\//i.test(r.value));
    // IAM condition keys, prefix included, are case-insensitive (and so are hosts): compare lower-cased.
    const hostPathOf = (v: string) => v.replace(/^[a-z]+:\/\//i, "").replace(/\/+$/, "").toLowerCase();
    const first = https[0];
    for (const b of https) {
      if (first === undefined || hostPathOf(b.value) === hostPathOf(first.value)) continue;
      hits.push({
        value: b.value,
        risk: `The issuer is ${JSON.stringify(first.value)} in ${first.where} but ${JSON.stringify(b.value)} in ${b.where}: a token carries one issuer, so the checks spelled with the other are never true.`,
        fix: `Spell every reference with the provider's issuer, e.g. condition keys ${JSON.stringify(`${first.value.replace(/^[a-z]+:\/\//i, "").replace(/\/+$/, "")}:sub`)}.`,
      });
    }
    // A trailing slash is a problem when the spellings disagree (one side never matches), or when the
    // issuer is of a kind whose `iss` has none. AKS issuers DO end with "/"; generic issuers may.
    const bare = refs.map((r) => ({ ...r, hostPath: r.value.replace(/^[a-z]+:\/\//i, "") }));
    for (const a of bare) {
      if (!a.hostPath.endsWith("/")) continue;
      const trimmed = a.hostPath.replace(/\/+$/, "");
      const other = bare.find((b) => b.hostPath === trimmed);
      if (!other && !withoutTrailingSlash(trimmed)) continue;
      hits.push({
        value: a.value,
        risk: other
          ? `The issuer is ${JSON.stringify(a.value)} in ${a.where} but ${JSON.stringify(other.value)} in ${other.where}: tokens carry one spelling, so one side never matches.`
          : `The issuer ${JSON.stringify(a.value)} (${a.where}) ends with "/", but this issuer's tokens carry "iss" without it, and clouds compare it literally.`,
        fix: `Remove the trailing slash: ${JSON.stringify(a.value.replace(/\/+$/, ""))}.`,
      });
    }
    return hits;
  },
};
