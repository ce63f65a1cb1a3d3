/**
 * Condition keys with unknown parts are neither dropped nor split apart: a key whose claim is
 * unknown may be the sub or the aud check (WIF011, never WIF006), and two keys that may be equal
 * once their unknowns take a value are one condition, their values OR-ed (the provider merges
 * `condition` blocks with the same test and variable), so `repo:*` in one of them is still judged.
 */
import { lintFacts } from "../../src/lint/engine";
import { extractTrustFacts, resourcesFromTerraformJson } from "../../src/terraform/extract";
import { GH, GH_PROVIDER_ARN } from "./fixtures";

function lintDocument(conditions: { test: string; variable: string; values: string[] }[]): string[] {
  const config = {
    data: {
      aws_iam_policy_document: {
        trust: {
          statement: [
            { actions: ["sts:AssumeRoleWithWebIdentity"], principals: [{ type: "Federated", identifiers: [GH_PROVIDER_ARN] }], condition: conditions },
          ],
        },
      },
    },
    resource: { aws_iam_role: { r: { name: "r", assume_role_policy: "${data.aws_iam_policy_document.trust.json}" } } },
  };
  return [...new Set(lintFacts(extractTrustFacts(resourcesFromTerraformJson(config))).map((f) => `${f.rule} ${f.value}`))].sort();
}

const AUD = { test: "StringEquals", variable: `${GH}:aud`, values: ["sts.amazonaws.com"] };
const PINNED = "repo:octo/app:ref:refs/heads/main";

describe("condition keys with unknown parts", () => {
  it.each<[string, { test: string; variable: string; values: string[] }[], string[]]>([
    [
      "two keys that may be one at apply: OR-ed",
      [AUD, { test: "StringLike", variable: "${var.a}:sub", values: [PINNED] }, { test: "StringLike", variable: "${var.b}:sub", values: ["repo:*"] }],
      ["WIF002 repo:*", "WIF011 ${var.a}", "WIF011 ${var.b}"],
    ],
    [
      "a literal key and one with an unknown prefix: OR-ed",
      [AUD, { test: "StringLike", variable: `${GH}:sub`, values: [PINNED] }, { test: "StringLike", variable: "${var.b}:sub", values: ["repo:*"] }],
      ["WIF002 repo:*", "WIF011 ${var.b}"],
    ],
    [
      "keys that differ in their literal claim stay two checks",
      [
        { test: "StringEquals", variable: "${var.issuer}:aud", values: ["sts.amazonaws.com"] },
        { test: "StringEquals", variable: "${var.issuer}:sub", values: [PINNED] },
      ],
      ["WIF008 " + PINNED, "WIF011 ${var.issuer}"],
    ],
    [
      "a wholly unknown key may be the aud check: WIF011, not WIF006",
      [
        { test: "StringEquals", variable: `${GH}:sub`, values: [PINNED] },
        { test: "StringEquals", variable: "${var.key}", values: ["sts.amazonaws.com"] },
      ],
      ["WIF008 " + PINNED, "WIF011 ${var.key}"],
    ],
    [
      "an unknown claim name: WIF011, not dropped",
      [
        { test: "StringEquals", variable: `${GH}:sub`, values: [PINNED] },
        { test: "StringEquals", variable: `${GH}:\${var.claim}`, values: ["sts.amazonaws.com"] },
      ],
      ["WIF008 " + PINNED, "WIF011 ${var.claim}"],
    ],
    [
      // The unknown owner is one owner chosen at apply, not a wildcard: every repository of it (WIF003), not any owner (WIF002).
      "an owner/name claim with an unknown owner",
      [AUD, { test: "StringLike", variable: `${GH}:repository`, values: ["${var.owner}/*"] }],
      ["WIF003 repository=${var.owner}/*", "WIF011 ${var.owner}"],
    ],
  ])("%s", (_name, conditions, expected) => {
    expect(lintDocument(conditions)).toEqual(expected);
  });
});
