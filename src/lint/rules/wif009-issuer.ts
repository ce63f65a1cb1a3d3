import { classifyIssuerUrl, issuerHostPath } from "../../trust/issuers";
import { awsCondition, awsTrustPolicy, azureCredentials, gcpCondition, terraform } from "./examples";
import { onlyUnknownParts, replaceUnknownParts, unknownParts } from "../analysis/pattern";
import { defineRule, docsPath, MessageHit } from "./rule";

/** True for issuers whose profile says their `iss` has no trailing slash (every known URL family except AKS). */
function withoutTrailingSlash(hostPath: string): boolean {
  const url = classifyIssuerUrl(hostPath).url;
  return url !== undefined && url.trailingSlash !== true;
}

const MESSAGES = {
  plainHttp: {
    risk: (d: { value: string; where: string }) =>
      `The issuer ${JSON.stringify(d.value)} (${d.where}) is plain http: its signing keys could be served by anyone on the path.`,
    fix: (d: { value: string; where: string }) => `Use ${JSON.stringify(d.value.replace(/^http:/i, "https:"))}.`,
  },
  wildcard: {
    risk: (d: { value: string; where: string }) => `The issuer ${JSON.stringify(d.value)} (${d.where}) holds a wildcard; issuers are compared literally.`,
    fix: () => "Give the exact issuer URL.",
  },
  notHttps: {
    risk: (d: { value: string; where: string }) => `The issuer ${JSON.stringify(d.value)} (${d.where}) is not an https URL.`,
    fix: () => "Use the https:// issuer URL.",
  },
  differentIssuers: {
    risk: (d: { first: string; firstWhere: string; value: string; where: string }) =>
      `The issuer is ${JSON.stringify(d.first)} in ${d.firstWhere} but ${JSON.stringify(d.value)} in ${d.where}: a token carries one issuer, so the checks spelled with the other are never true.`,
    fix: (d: { first: string; firstWhere: string; value: string; where: string }) =>
      `Spell every reference with the provider's issuer, e.g. condition keys ${JSON.stringify(`${issuerHostPath(d.first)}:sub`)}.`,
  },
  slashMismatch: {
    risk: (d: { value: string; where: string; other: string; otherWhere: string }) =>
      `The issuer is ${JSON.stringify(d.value)} in ${d.where} but ${JSON.stringify(d.other)} in ${d.otherWhere}: tokens carry one spelling, so one side never matches.`,
    fix: (d: { value: string; where: string; other: string; otherWhere: string }) =>
      `Remove the trailing slash: ${JSON.stringify(d.value.replace(/\/+$/, ""))}.`,
  },
  trailingSlash: {
    risk: (d: { value: string; where: string }) =>
      `The issuer ${JSON.stringify(d.value)} (${d.where}) ends with "/", but this issuer's tokens carry "iss" without it, and clouds compare it literally.`,
    fix: (d: { value: string; where: string }) => `Remove the trailing slash: ${JSON.stringify(d.value.replace(/\/+$/, ""))}.`,
  },
} as const;

/** WIF009: issuer problems. */
export const WIF009 = defineRule({
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
      gcpCondition("`http://token.actions.githubusercontent.com`", "assertion.repository_owner_id == '1'", "http://token.actions.githubusercontent.com"),
      terraform("provider URL with a trailing slash, condition keys without", {
        aws_iam_openid_connect_provider: { github: { url: "https://token.actions.githubusercontent.com/", client_id_list: ["sts.amazonaws.com"] } },
        aws_iam_role: {
          deploy: {
            name: "deploy",
            assume_role_policy: awsTrustPolicy(
              { StringEquals: { aud: "sts.amazonaws.com", sub: "repo:octo/app:environment:prod" } },
              "token.actions.githubusercontent.com",
              "${aws_iam_openid_connect_provider.github.arn}",
            ),
          },
        },
      }),
      awsCondition("`gitlab.com:sub` condition keys on a GitHub provider", {
        StringEquals: { aud: "sts.amazonaws.com", "gitlab.com:sub": "project_path:grp/app:ref_type:branch:ref:main" },
      }),
    ],
    passes: [
      azureCredentials(
        "AKS issuer `https://eastus.oic.prod-aks.azure.com/<tenant>/<cluster>/` (with its trailing slash)",
        ["system:serviceaccount:ci:deployer"],
        { issuer: "https://eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/11111111-1111-1111-1111-111111111111/" },
      ),
    ],
    docs: docsPath("WIF009"),
    messages: MESSAGES,
  },
  check: ({ facts }) => {
    const hits: MessageHit<typeof MESSAGES>[] = [];
    const refs = facts.issuer.references.filter((r) => !onlyUnknownParts(r.value));
    for (const r of refs) {
      if (/^http:\/\//i.test(r.value)) {
        hits.push({ messageId: "plainHttp", data: { value: r.value, where: r.where }, value: r.value });
      } else if (/[*?]/.test(replaceUnknownParts(r.value, ""))) {
        // Only what is written: a `*` inside an unknown part (`${var.a ? "x" : "*"}`) is an expression's.
        hits.push({ messageId: "wildcard", data: { value: r.value, where: r.where }, value: r.value });
      } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(r.value) && !/^https:\/\//i.test(r.value)) {
        hits.push({ messageId: "notHttps", data: { value: r.value, where: r.where }, value: r.value });
      }
    }
    // Different issuers (beyond a trailing slash): a token carries one `iss`, so the checks keyed on
    // the other are never true (AWS: GitLab condition keys on a GitHub provider).
    // A reference with an unknown part names no host to compare.
    const https = refs.filter((r) => /^https:\/\//i.test(r.value) && unknownParts(r.value).length === 0);
    // IAM condition keys, prefix included, are case-insensitive (and so are hosts): compare lower-cased.
    const hostPathOf = (v: string) => issuerHostPath(v).toLowerCase();
    const first = https[0];
    for (const b of https) {
      if (first === undefined || hostPathOf(b.value) === hostPathOf(first.value)) continue;
      hits.push({ messageId: "differentIssuers", data: { first: first.value, firstWhere: first.where, value: b.value, where: b.where }, value: b.value });
    }
    // A trailing slash is a problem when the spellings disagree (one side never matches), or when the
    // issuer is of a kind whose `iss` has none. AKS issuers DO end with "/"; generic issuers may.
    const bare = refs.map((r) => ({ ...r, hostPath: r.value.replace(/^[a-z]+:\/\//i, "") }));
    for (const a of bare) {
      if (!a.hostPath.endsWith("/")) continue;
      const trimmed = a.hostPath.replace(/\/+$/, "");
      const other = bare.find((b) => b.hostPath === trimmed);
      if (!other && !withoutTrailingSlash(trimmed)) continue;
      hits.push(
        other
          ? { messageId: "slashMismatch", data: { value: a.value, where: a.where, other: other.value, otherWhere: other.where }, value: a.value }
          : { messageId: "trailingSlash", data: { value: a.value, where: a.where }, value: a.value },
      );
    }
    return hits;
  },
});
