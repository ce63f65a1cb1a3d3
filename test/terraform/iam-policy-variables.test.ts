/**
 * IAM policy variables in condition values are the caller's own claims: a subject built on one is
 * judged with a wildcard in its place. Before, `repo:acme/${...:actor}:ref:refs/heads/main` was read
 * as one unknown repository (WIF007/WIF011 info, exit 0) although IAM admits `acme/<any actor>`;
 * the simulator confirms each "admits" row.
 */
import { lintFacts } from "../../src/lint/engine";
import { extractTrustFacts, resourcesFromTerraformJson } from "../../src/terraform/extract";
import { substitutePolicyVariables, VariableText, widenPolicyVariables } from "../../src/terraform/iam-policy-variables";
import { AwsOracle, createAwsOracle } from "../oracle/aws-oracle";
import { awsRoles, GH, GH_PROVIDER_ARN } from "./fixtures";

const AUD = { [`${GH}:aud`]: "sts.amazonaws.com" };
/** A web identity trust policy of the GitHub provider with `condition`. */
const policyWith = (condition: object) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "sts:AssumeRoleWithWebIdentity", Principal: { Federated: GH_PROVIDER_ARN }, Condition: condition }],
  });
const policy = (op: string, sub: string) => policyWith({ [op]: { ...AUD, [`${GH}:sub`]: sub } });
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

  // terraform-provider-aws merges blocks of one test and variable (their values OR-ed), and IAM reads
  // operator names without case: the variable is widened after the merge, so one block's values are
  // never AND-ed with another's (review: a pinned block beside a widened one read as pinned).
  it.each<[string, string, string, string]>([
    ["two StringEquals blocks, one naming the repository claim", "StringEquals", `repo:&{${GH}:repository}:ref:refs/heads/main`, "WIF002"],
    ["two StringEquals blocks, one naming the actor", "StringEquals", `repo:octo/&{${GH}:actor}:ref:refs/heads/main`, "WIF003"],
    ["two StringEqualsIgnoreCase blocks", "StringEqualsIgnoreCase", `repo:&{${GH}:repository}:ref:refs/heads/main`, "WIF002"],
  ])("policy document: %s", (_name, test, widened, rule) => {
    const document = {
      statement: [
        {
          effect: "Allow",
          actions: ["sts:AssumeRoleWithWebIdentity"],
          principals: [{ type: "Federated", identifiers: [GH_PROVIDER_ARN] }],
          condition: [
            { test: "StringEquals", variable: `${GH}:aud`, values: ["sts.amazonaws.com"] },
            { test, variable: `${GH}:sub`, values: ["repo:octo/app:ref:refs/heads/main"] },
            { test, variable: `${GH}:sub`, values: [widened] },
          ],
        },
      ],
    };
    // What the provider renders: one condition, both values, &{} written ${}.
    const rendered = policyWith({ StringEquals: AUD, [test]: { [`${GH}:sub`]: ["repo:octo/app:ref:refs/heads/main", widened.replace("&{", "${")] } });
    const foreign = { sub: "repo:evil/x:ref:refs/heads/main", actor: "x", repository: "evil/x" };
    const sibling = { sub: "repo:octo/x:ref:refs/heads/main", actor: "x", repository: "octo/x" };
    expect(oracle.allows(rendered, GH_PROVIDER_ARN, { iss: `https://${GH}`, aud: "sts.amazonaws.com", ...(rule === "WIF002" ? foreign : sibling) })).toBe(true);
    const config = {
      data: { aws_iam_policy_document: { t: document } },
      resource: { aws_iam_role: { r: { name: "r", assume_role_policy: "${data.aws_iam_policy_document.t.json}" } } },
    };
    expect([...new Set(lintFacts(extractTrustFacts(resourcesFromTerraformJson(config))).map((f) => f.rule))]).toContain(rule);
  });

  it("JSON: operator keys that differ only in case are one operator, its values OR-ed before the variable is widened", () => {
    const json = policyWith({
      StringEquals: { ...AUD, [`${GH}:sub`]: "repo:octo/app:ref:refs/heads/main" },
      stringequals: { [`${GH}:sub`]: `repo:\${${GH}:repository}:ref:refs/heads/main` },
    });
    expect(rules(json)).toContain("WIF002");
  });

  // An IAM operator name is never made up: one IAM does not have stays unread (WIF011), whatever it holds.
  it.each(["StringLikeIgnoreCase", "NumericEqualsIgnoreCase"])("%s with a variable keeps its name", (op) => {
    const c = { op, key: `${GH}:sub`, values: [`repo:o/\${${GH}:actor}`] };
    expect(widenPolicyVariables(c).op).toBe(op);
  });

  it("a default in double quotes is a default too", () => {
    const c = { op: "StringEquals", key: `${GH}:sub`, values: [`repo:\${${GH}:repository, "octo/app"}:ref:refs/heads/main`] };
    expect(widenPolicyVariables(c).values).toEqual(["repo:*:ref:refs/heads/main"]);
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
    const ignoresCase = /ignorecase/i.test(op);
    const value = ignoresCase ? asWritten.replace("repo:o/", "Repo:O/").replace(":main", ":Main") : asWritten;
    expect(widenPolicyVariables({ op, key: `${GH}:sub`, values: [value] }, written)).toEqual({
      op: expectedOp,
      key: `${GH}:sub`,
      values: expectedValues,
      // As written, for wif explain to substitute the token's claims.
      asWritten: { op, values: [value], form: written },
      // The StringLike reading says the comparison still ignores case.
      ...(ignoresCase ? { ignoresCase: true } : {}),
    });
  });

  // A case-insensitive job_workflow_ref admits other workflow files (`Deploy.yml`): it is no pin,
  // with a policy variable as without one. Before, the variable's StringLike reading made it one (WIF003 high → low).
  it.each<[string, string, string]>([
    ["StringEquals, a literal ref", "StringEquals", "octo/wf/.github/workflows/deploy.yml@refs/heads/main"],
    ["StringEquals, a variable ref", "StringEquals", `octo/wf/.github/workflows/deploy.yml@\${${GH}:ref}`],
    ["StringEqualsIgnoreCase, a literal ref", "StringEqualsIgnoreCase", "octo/wf/.github/workflows/deploy.yml@refs/heads/main"],
    ["StringEqualsIgnoreCase, a variable ref", "StringEqualsIgnoreCase", `octo/wf/.github/workflows/deploy.yml@\${${GH}:ref}`],
  ])("job_workflow_ref pin: %s", (_name, op, ref) => {
    const condition = { StringEquals: AUD, StringLike: { [`${GH}:sub`]: "repo:octo/*" } } as Record<string, Record<string, string>>;
    condition[op] = { ...(condition[op] ?? {}), [`${GH}:job_workflow_ref`]: ref };
    const found = lintFacts(extractTrustFacts(resourcesFromTerraformJson(awsRoles({ r: policyWith(condition) })))).filter((f) => f.rule === "WIF003");
    expect(found.map((f) => f.severity)).toEqual([/IgnoreCase/.test(op) ? "high" : "low"]);
  });

  it("every value is read so once one holds a variable (one at the start too); a * or ? StringEquals compared as text stays text", () => {
    const c = { op: "StringEquals", key: `${GH}:sub`, values: ["repo:o/a*b?:ref:refs/heads/main", `\${${GH}:sub}`] };
    expect(widenPolicyVariables(c)).toEqual({
      op: "StringLike",
      key: `${GH}:sub`,
      values: ["repo:o/a${*}b${?}:ref:refs/heads/main", "*"],
      asWritten: { op: "StringEquals", values: c.values, form: "json" },
    });
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

describe("substitutePolicyVariables: the value IAM compares for one request", () => {
  // A claim whose text is "missing" or "unknown" is that text, never the marker.
  const claims: Record<string, VariableText> = {
    [`${GH}:actor`]: { text: "a*b?" },
    [`${GH}:repository`]: { text: "octo/app" },
    [`${GH}:ref`]: { text: "missing" },
    [`${GH}:environment`]: { text: "unknown" },
    "aws:username": "unknown",
  };
  const lookup = (key: string): VariableText => claims[key] ?? "missing";
  it.each<[string, string, "json" | "policy-document", VariableText]>([
    ["StringEquals", `repo:\${${GH}:repository}:*`, "json", { text: "repo:octo/app:*" }],
    // A claim's `*` and `?` are text: escaped under StringLike, literal under StringEquals.
    ["StringLike", `x:\${${GH}:actor}`, "json", { text: "x:a${*}b${?}" }],
    ["StringEquals", `x:\${${GH}:actor}`, "json", { text: "x:a*b?" }],
    ["StringLike", `repo:&{${GH}:repository}:*`, "policy-document", { text: "repo:octo/app:*" }],
    // `&{}` is literal in JSON.
    ["StringLike", `repo:&{${GH}:repository}:*`, "json", { text: `repo:&{${GH}:repository}:*` }],
    ["StringEquals", `x:\${${GH}:workflow, 'deploy'}`, "json", { text: "x:deploy" }],
    ["StringEquals", `x:\${${GH}:workflow, "deploy"}`, "json", { text: "x:deploy" }],
    ["StringEquals", `x:\${${GH}:repository, 'other'}`, "json", { text: "x:octo/app" }],
    ["StringEquals", `x:\${${GH}:workflow}`, "json", "missing"],
    ["StringEquals", "x:${aws:username}", "json", "unknown"],
    ["StringEquals", `\${${GH}:ref, 'main'}`, "json", { text: "missing" }],
    ["StringEquals", `\${${GH}:environment}`, "json", { text: "unknown" }],
  ])("%s %s (%s) → %j", (op, value, form, expected) => {
    expect(substitutePolicyVariables(value, { op, values: [value], form }, lookup)).toEqual(expected);
  });
});
