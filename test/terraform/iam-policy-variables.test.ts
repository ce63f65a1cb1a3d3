/**
 * IAM policy variables in condition values are the caller's own claims: a subject built on one is
 * judged with a wildcard in its place. Before, `repo:acme/${...:actor}:ref:refs/heads/main` was read
 * as one unknown repository (WIF007/WIF011 info, exit 0) although IAM admits `acme/<any actor>`;
 * the simulator confirms each "admits" row.
 */
import { lintFacts } from "../../src/lint/engine";
import { extractTrustFacts, resourcesFromTerraformJson } from "../../src/terraform/extract";
import { widenPolicyVariables } from "../../src/terraform/iam-policy-variables";
import { AwsOracle, createAwsOracle } from "../oracle/aws-oracle";
import { awsRoles, GH, GH_PROVIDER_ARN } from "./fixtures";

const AUD = { [`${GH}:aud`]: "sts.amazonaws.com" };
const policy = (op: string, sub: string) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: "sts:AssumeRoleWithWebIdentity",
        Principal: { Federated: GH_PROVIDER_ARN },
        Condition: { [op]: { ...AUD, [`${GH}:sub`]: sub } },
      },
    ],
  });
const rules = (json: string) => [...new Set(lintFacts(extractTrustFacts(resourcesFromTerraformJson(awsRoles({ r: json })))).map((f) => f.rule))].sort();

let oracle: AwsOracle;
beforeAll(async () => {
  oracle = await createAwsOracle();
});

describe("IAM policy variables in condition values", () => {
  it.each<[string, string, string, Record<string, string>, string]>([
    // name, operator, subject as written, a token IAM admits, the rule wif must report
    [
      "the actor names the repository",
      "StringEquals",
      `repo:acme/\${${GH}:actor}:ref:refs/heads/main`,
      { sub: "repo:acme/mallory:ref:refs/heads/main", actor: "mallory", repository: "acme/mallory" },
      "WIF003",
    ],
    [
      "the repository claim is the whole repository",
      "StringLike",
      `repo:\${${GH}:repository}:*`,
      { sub: "repo:evil/x:ref:refs/heads/main", actor: "mallory", repository: "evil/x" },
      "WIF002",
    ],
    [
      // IAM substitutes, then compares without case: the tenant stays pinned (no StringLikeIgnoreCase is made up).
      "the actor names the repository, compared ignoring case",
      "StringEqualsIgnoreCase",
      `REPO:Acme/\${${GH}:actor}:ref:refs/heads/main`,
      { sub: "repo:acme/mallory:ref:refs/heads/main", actor: "mallory", repository: "acme/mallory" },
      "WIF003",
    ],
    [
      "with a default",
      "StringEquals",
      `repo:\${${GH}:repository, 'acme/app'}:ref:refs/heads/main`,
      { sub: "repo:evil/x:ref:refs/heads/main", actor: "mallory", repository: "evil/x" },
      "WIF002",
    ],
  ])("%s", (_name, op, sub, claims, rule) => {
    expect(oracle.allows(policy(op, sub), GH_PROVIDER_ARN, { iss: `https://${GH}`, aud: "sts.amazonaws.com", ...claims })).toBe(true);
    expect(rules(policy(op, sub))).toContain(rule);
  });

  it.each<[string, string, "json" | "policy-document", string, readonly string[]]>([
    ["StringEquals becomes StringLike", "StringEquals", "json", "StringLike", ["repo:o/*:ref:refs/heads/main"]],
    ["IfExists and set prefixes are kept", "ForAnyValue:StringEqualsIfExists", "json", "ForAnyValue:StringLikeIfExists", ["repo:o/*:ref:refs/heads/main"]],
    ["&{} in a policy document", "StringLike", "policy-document", "StringLike", ["repo:o/*:ref:refs/heads/main"]],
    ["StringNotEquals becomes StringNotLike", "StringNotEquals", "json", "StringNotLike", ["repo:o/*:ref:refs/heads/main"]],
    ["IgnoreCase: StringLike, lower-cased", "StringEqualsIgnoreCaseIfExists", "json", "StringLikeIfExists", ["repo:o/*:ref:refs/heads/main"]],
    ["StringNotEqualsIgnoreCase becomes StringNotLike", "stringNotEqualsIgnoreCase", "json", "StringNotLike", ["repo:o/*:ref:refs/heads/main"]],
  ])("%s", (_name, op, written, expectedOp, expectedValues) => {
    const asWritten = written === "json" ? `repo:o/\${${GH}:actor}:ref:refs/heads/main` : `repo:o/&{${GH}:actor}:ref:refs/heads/main`;
    const value = /ignorecase/i.test(op) ? asWritten.replace("repo:o/", "Repo:O/").replace(":main", ":Main") : asWritten;
    expect(widenPolicyVariables({ op, key: `${GH}:sub`, values: [value] }, written)).toEqual({ op: expectedOp, key: `${GH}:sub`, values: expectedValues });
  });

  it("every value is read so once one holds a variable (one at the start too); a * or ? StringEquals compared as text stays text", () => {
    const c = { op: "StringEquals", key: `${GH}:sub`, values: ["repo:o/a*b?:ref:refs/heads/main", `\${${GH}:sub}`] };
    expect(widenPolicyVariables(c)).toEqual({ op: "StringLike", key: `${GH}:sub`, values: ["repo:o/a${*}b${?}:ref:refs/heads/main", "*"] });
    const like = { op: "StringLike", key: `${GH}:sub`, values: [`repo:o/*:\${${GH}:ref}`] };
    expect(widenPolicyVariables(like).values).toEqual(["repo:o/*:*"]);
  });

  it("IgnoreCase lower-cases the literal text only: unknowns and escapes keep their spelling", () => {
    const c = { op: "StringEqualsIgnoreCase", key: `${GH}:sub`, values: [`Repo:\${var.Owner}/\${${GH}:actor}:\${*}X`] };
    expect(widenPolicyVariables(c).values).toEqual(["repo:${var.Owner}/*:${*}x"]);
  });

  it.each<[string, string]>([
    ["IAM escapes", "repo:o/r:ref:refs/heads/${*}"],
    ["Terraform unknowns", "repo:o/${var.repo}:ref:refs/heads/main"],
    ["&{} in JSON is literal", "repo:o/&{x:actor}:ref:refs/heads/main"],
  ])("leaves %s alone", (_name, value) => {
    const c = { op: "StringEquals", key: `${GH}:sub`, values: [value] };
    expect(widenPolicyVariables(c)).toBe(c);
  });
});
