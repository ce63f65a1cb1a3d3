/**
 * Issue 9, AWS readers: nothing unread counts as a pin. One table per defect class, each with the
 * issue's example and its variants; every row states the findings `wif lint` must report.
 */
import { lintFacts } from "../../src/lint/engine";
import { extractTrustFacts, resourcesFromTerraformJson } from "../../src/terraform/extract";
import { awsPolicy, awsRoles, GH, GH_PROVIDER_ARN, ghCondition } from "./fixtures";

function ids(config: object): string[] {
  return [...new Set(lintFacts(extractTrustFacts(resourcesFromTerraformJson(config))).map((f) => `${f.rule}/${f.severity}`))].sort();
}
const GL = "gitlab.com";
const AUD = { StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com" } };
const OWNER = { StringEquals: { [`${GH}:repository_owner_id`]: "1234567" } };
const PINNED = "repo:octo/app:ref:refs/heads/main";

function statement(principal: unknown, condition: object, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "sts:AssumeRoleWithWebIdentity", Principal: principal, Condition: condition, ...extra }],
  });
}

describe("defect 1: any principal on sts:AssumeRoleWithWebIdentity is a web-identity trust for every provider", () => {
  it.each<[string, unknown, object, string[]]>([
    ['Principal "*" with only :aud', "*", AUD, ["WIF001/critical"]],
    ['{ AWS: "*" } with only :aud', { AWS: "*" }, AUD, ["WIF001/critical"]],
    ['{ AWS: ["*"] } with only :aud', { AWS: ["*"] }, AUD, ["WIF001/critical"]],
    ['{ Federated: "*" } with only :aud', { Federated: "*" }, AUD, ["WIF001/critical"]],
    ['Principal "*" and repo:* (StringLike)', "*", ghCondition("StringLike", "repo:*"), ["WIF002/critical"]],
    ['Principal "*" and no condition at all', "*", {}, ["WIF001/critical", "WIF006/high"]],
    ['Principal "*" with a pinned subject and owner id', "*", ghCondition("StringEquals", PINNED, OWNER), []],
    [
      'Principal "*" with IfExists on sub only: other providers\' tokens lack the key',
      "*",
      { ...AUD, StringEqualsIfExists: { [`${GH}:sub`]: PINNED } },
      ["WIF001/critical"],
    ],
  ])("%s", (_name, principal, condition, expected) => {
    expect(ids(awsRoles({ r: statement(principal, condition) }))).toEqual(expected);
  });

  // Principal forms, in JSON and in policy documents: "*" anywhere an AWS or "*" principal is listed
  // (spaces around it ignored) admits every principal; an AWS principal or a service is no web
  // identity; a principal unknown here may be a provider or everyone (WIF011).
  it.each<[string, unknown, string[]]>([
    ['" * "', " * ", ["WIF001/critical"]],
    ['{ "*": "*" }', { "*": "*" }, ["WIF001/critical"]],
    ['{ "*": ["*"] }', { "*": ["*"] }, ["WIF001/critical"]],
    ['{ AWS: [an account, "*"] }', { AWS: ["arn:aws:iam::1:root", "*"] }, ["WIF001/critical"]],
    ['{ AWS: " * " }', { AWS: " * " }, ["WIF001/critical"]],
    ['{ Federated: " * " }', { Federated: " * " }, ["WIF001/critical"]],
    ['{ AWS: "*", Federated: the GitHub provider }', { AWS: "*", Federated: GH_PROVIDER_ARN }, ["WIF001/critical"]],
    ["{ AWS: a variable }", { AWS: "${var.p}" }, ["WIF001/critical", "WIF011/info"]],
    ['{ "*": a variable }', { "*": "${var.p}" }, ["WIF001/critical", "WIF011/info"]],
    ["{ Federated: [a variable, the GitHub provider] }", { Federated: ["${var.p}", GH_PROVIDER_ARN] }, ["WIF001/critical", "WIF011/info"]],
    ["{ AWS: an account }", { AWS: "arn:aws:iam::1:root" }, []],
    ['{ Service: "*" }', { Service: "*" }, []],
    ["an account ARN as a string", "arn:aws:iam::1:root", []],
    ["null", null, []],
    ["a number", 5, []],
  ])("Principal %s with only :aud", (_name, principal, expected) => {
    expect(ids(awsRoles({ r: statement(principal, AUD) }))).toEqual(expected);
  });

  it("NotPrincipal with Allow admits every principal not listed", () => {
    const policy = JSON.stringify({
      Statement: [{ Effect: "Allow", Action: "sts:AssumeRoleWithWebIdentity", NotPrincipal: { AWS: "arn:aws:iam::1:root" }, Condition: AUD }],
    });
    expect(ids(awsRoles({ r: policy }))).toEqual(["WIF001/critical"]);
  });

  it.each<[string, object, string[]]>([
    ['principals { type = "*" identifiers = ["*"] }', { type: "*", identifiers: ["*"] }, ["WIF001/critical"]],
    ['principals { type = "AWS" identifiers = ["*"] }', { type: "AWS", identifiers: ["*"] }, ["WIF001/critical"]],
    ['principals { type = "Federated" identifiers = ["*"] }', { type: "Federated", identifiers: ["*"] }, ["WIF001/critical"]],
    ['principals { type = "Federated" identifiers = [" * "] }', { type: "Federated", identifiers: [" * "] }, ["WIF001/critical"]],
    ['principals { type = "*" identifiers = [" * "] }', { type: "*", identifiers: [" * "] }, ["WIF001/critical"]],
    ['principals { type = "AWS" identifiers = [an account, "*"] }', { type: "AWS", identifiers: ["arn:aws:iam::1:root", "*"] }, ["WIF001/critical"]],
    // A type unknown here may be "Federated" (or "*" with "*"): read as the wider of the two, and WIF011.
    ['principals { type = var.t identifiers = ["*"] }', { type: "${var.t}", identifiers: ["*"] }, ["WIF001/critical", "WIF011/info"]],
    [
      "principals { type = var.t identifiers = [the GitHub provider] }",
      { type: "${var.t}", identifiers: [GH_PROVIDER_ARN] },
      ["WIF001/critical", "WIF011/info"],
    ],
    ['principals { type = "Service" identifiers = ["*"] }', { type: "Service", identifiers: ["*"] }, []],
    ['principals { type = "AWS" identifiers = [an account] }', { type: "AWS", identifiers: ["arn:aws:iam::1:root"] }, []],
    ['principals { type = "*" identifiers = [an account] }', { type: "*", identifiers: ["arn:aws:iam::1:root"] }, []],
  ])("policy document %s with only :aud", (_name, principals, expected) => {
    const config = {
      data: {
        aws_iam_policy_document: {
          trust: {
            statement: [
              {
                effect: "Allow",
                actions: ["sts:AssumeRoleWithWebIdentity"],
                principals: [principals],
                condition: [{ test: "StringEquals", variable: `${GH}:aud`, values: ["sts.amazonaws.com"] }],
              },
            ],
          },
        },
      },
      resource: { aws_iam_role: { r: { name: "r", assume_role_policy: "${data.aws_iam_policy_document.trust.json}" } } },
    };
    expect(ids(config)).toEqual(expected);
  });

  it("names the any-principal statement in the finding", () => {
    const findings = lintFacts(extractTrustFacts(resourcesFromTerraformJson(awsRoles({ r: statement("*", AUD) }))));
    expect(findings.map((f) => f.value)).toEqual([`aud StringEquals sts.amazonaws.com`]);
    expect(extractTrustFacts(resourcesFromTerraformJson(awsRoles({ r: statement("*", AUD) })))[0].statements[0].label).toBe("Statement[0] (any principal)");
  });

  it("an AWS account principal (not *) is not a web-identity trust", () => {
    expect(extractTrustFacts(resourcesFromTerraformJson(awsRoles({ r: statement({ AWS: "arn:aws:iam::1:root" }, AUD) })))).toEqual([]);
  });
});

describe("defect 2: operators outside the String family never pin and never hide the statement", () => {
  const glSub = (v: string) => ({ StringEquals: { [`${GL}:aud`]: "https://gitlab.com" }, StringLike: { [`${GL}:sub`]: v } });
  const glPolicy = (condition: object) => statement({ Federated: `arn:aws:iam::111122223333:oidc-provider/${GL}` }, condition);
  it.each<[string, object, string[]]>([
    ["GitLab project_path:* next to Bool ref_protected", { ...glSub("project_path:*"), Bool: { [`${GL}:ref_protected`]: "true" } }, ["WIF002/critical"]],
    ["NumericEquals next to project_path:*", { ...glSub("project_path:*"), NumericEquals: { [`${GL}:project_id`]: "42" } }, ["WIF002/critical"]],
    ["NumericLessThan next to project_path:*", { ...glSub("project_path:*"), NumericLessThan: { [`${GL}:namespace_id`]: "42" } }, ["WIF002/critical"]],
    ["DateGreaterThan next to project_path:*", { ...glSub("project_path:*"), DateGreaterThan: { [`${GL}:iat`]: "2020-01-01T00:00:00Z" } }, ["WIF002/critical"]],
    ["Null next to project_path:*", { ...glSub("project_path:*"), Null: { [`${GL}:project_id`]: "false" } }, ["WIF002/critical"]],
    ["ArnLike next to project_path:*", { ...glSub("project_path:*"), ArnLike: { [`${GL}:namespace_path`]: "arn:aws:iam::1:*" } }, ["WIF002/critical"]],
    ["IpAddress next to project_path:*", { ...glSub("project_path:*"), IpAddress: { "aws:SourceIp": "10.0.0.0/8" } }, ["WIF002/critical"]],
    ["BinaryEquals next to project_path:*", { ...glSub("project_path:*"), BinaryEquals: { [`${GL}:project_path`]: "QmluYXJ5" } }, ["WIF002/critical"]],
    [
      "ForAnyValue:NumericEquals next to project_path:*",
      { ...glSub("project_path:*"), "ForAnyValue:NumericEquals": { [`${GL}:project_id`]: "42" } },
      ["WIF002/critical"],
    ],
    [
      "project_path:grp/* next to Bool is the whole group",
      { ...glSub("project_path:grp/*"), Bool: { [`${GL}:ref_protected`]: "true" } },
      ["WIF003/high", "WIF008/medium"],
    ],
  ])("%s", (_name, condition, expected) => {
    expect(ids(awsRoles({ r: glPolicy(condition) }))).toEqual(expected);
  });

  it.each<[string, object, string[]]>([
    ["an :aud check plus one Bool is no subject check", { ...AUD, Bool: { [`${GH}:ref_protected`]: "true" } }, ["WIF001/critical"]],
    ["an :aud check plus NumericEquals on repository_id pins nothing", { ...AUD, NumericEquals: { [`${GH}:repository_id`]: "42" } }, ["WIF001/critical"]],
    [
      "repo:* next to NumericEquals repository_owner_id",
      { ...ghCondition("StringLike", "repo:*"), NumericEquals: { [`${GH}:repository_owner_id`]: "1" } },
      ["WIF002/critical"],
    ],
    [
      "an operator IAM does not know is unread (WIF011) and pins nothing",
      { ...ghCondition("StringLike", "repo:*"), StringMatches: { [`${GH}:repository_owner_id`]: "1" } },
      ["WIF002/critical", "WIF011/info"],
    ],
    ["an unknown operator on sub alone: no subject check, WIF011", { ...AUD, StringRegex: { [`${GH}:sub`]: PINNED } }, ["WIF001/critical", "WIF011/info"]],
  ])("%s", (_name, condition, expected) => {
    expect(ids(awsRoles({ r: awsPolicy(condition) }))).toEqual(expected);
  });

  it("WIF011 names the operator it could not read", () => {
    const findings = lintFacts(extractTrustFacts(resourcesFromTerraformJson(awsRoles({ r: awsPolicy({ ...AUD, StringRegex: { [`${GH}:sub`]: PINNED } }) }))));
    expect(findings.find((f) => f.rule === "WIF011")?.value).toBe(`StringRegex ${GH}:sub`);
  });
});

describe("defect 3: IAM operator names are case-insensitive", () => {
  it.each<[string, string, string | string[], object, string[]]>([
    ["stringLike repo:*", "stringLike", "repo:*", {}, ["WIF002/critical"]],
    ["STRINGLIKE repo:*", "STRINGLIKE", "repo:*", {}, ["WIF002/critical"]],
    ["stringlike repo:octo/*", "stringlike", "repo:octo/*", OWNER, ["WIF003/high"]],
    ["stringequals pins the subject", "stringequals", PINNED, OWNER, []],
    ["stringEquals with * compares literally (broken)", "stringEquals", "repo:octo/app:*", OWNER, ["WIF007/high"]],
    ["stringNotEquals only excludes", "stringNotEquals", "repo:evil/x:pull_request", {}, ["WIF001/critical"]],
    ["forallvalues:stringlike on sub is vacuous", "forallvalues:stringlike", "repo:octo/app:*", OWNER, ["WIF003/high", "WIF007/high"]],
    ["stringlikeifexists on sub pins as StringLike", "stringlikeifexists", "repo:*", {}, ["WIF002/critical", "WIF007/info"]],
  ])("%s", (_name, op, subject, extra, expected) => {
    expect(ids(awsRoles({ r: awsPolicy(ghCondition(op, subject, extra as Record<string, Record<string, unknown>>)) }))).toEqual(expected);
  });

  it("StringLike and stringlike blocks on one key are one operator: the values OR (the wider reading)", () => {
    const condition = { ...AUD, StringLike: { [`${GH}:sub`]: "repo:octo/app:ref:refs/heads/main" }, stringlike: { [`${GH}:sub`]: "repo:*" } };
    expect(ids(awsRoles({ r: awsPolicy(condition) }))).toContain("WIF002/critical");
    const keys = { ...AUD, StringLike: { [`${GH}:sub`]: "repo:octo/app:ref:refs/heads/main", [`${GH}:SUB`]: "repo:*" } };
    expect(ids(awsRoles({ r: awsPolicy(keys) }))).toContain("WIF002/critical");
  });

  it("stringequalsifexists on repository_id does not pin (the claim may be missing)", () => {
    expect(
      ids(awsRoles({ r: awsPolicy(ghCondition("StringLike", "repo:*:ref:refs/heads/main", { stringequalsifexists: { [`${GH}:repository_id`]: "42" } })) })),
    ).toEqual(["WIF002/critical"]);
  });
});

describe("defect 6: job_workflow_ref alone with the workflow owner open is WIF002", () => {
  const jwr = (op: string, v: string | string[]) => ({ ...AUD, [op]: { ...((AUD as Record<string, object>)[op] ?? {}), [`${GH}:job_workflow_ref`]: v } });
  it.each<[string, object, string[]]>([
    ['StringLike job_workflow_ref = "*"', jwr("StringLike", "*"), ["WIF002/critical", "WIF005/medium"]],
    ['StringLike job_workflow_ref = "*/.github/workflows/*"', jwr("StringLike", "*/.github/workflows/*"), ["WIF002/critical", "WIF005/medium"]],
    ["owner with a wildcard: octo*/wf/...", jwr("StringLike", "octo*/wf/.github/workflows/deploy.yml@*"), ["WIF002/critical", "WIF005/medium"]],
    [
      "one open value among pinned ones",
      jwr("StringLike", ["octo/wf/.github/workflows/d.yml@*", "*/.github/workflows/d.yml@*"]),
      ["WIF002/critical", "WIF005/medium"],
    ],
    ["StringLikeIfExists (the claim may be missing)", jwr("StringLikeIfExists", "octo/wf/.github/workflows/d.yml@*"), ["WIF002/critical", "WIF005/medium"]],
    ["owner pinned: octo/wf/.github/workflows/deploy.yml@*", jwr("StringLike", "octo/wf/.github/workflows/deploy.yml@*"), ["WIF005/medium"]],
    ["owner pinned exactly", jwr("StringEquals", "octo/wf/.github/workflows/deploy.yml@refs/heads/main"), ["WIF005/medium"]],
  ])("%s", (_name, condition, expected) => {
    expect(ids(awsRoles({ r: awsPolicy(condition) }))).toEqual(expected);
  });
});

describe("defect 13: IAM action patterns are matched in linear time", () => {
  it("an Action of '*?' x 14 + 'X' is read at once (and does not match)", () => {
    const policy = JSON.stringify({
      Statement: [
        { Effect: "Allow", Action: "*?".repeat(14) + "X", Principal: { Federated: GH_PROVIDER_ARN }, Condition: ghCondition("StringLike", "repo:*") },
      ],
    });
    const start = Date.now();
    for (let i = 0; i < 50; i++) expect(extractTrustFacts(resourcesFromTerraformJson(awsRoles({ r: policy })))).toEqual([]);
    expect(Date.now() - start).toBeLessThan(1000);
  });

  it.each<[string, string[]]>([
    ["sts:*", ["WIF002/critical"]],
    ["STS:AssumeRoleWith*", ["WIF002/critical"]],
    ["sts:AssumeRoleWithWebIdentit?", ["WIF002/critical"]],
    ["*?".repeat(14) + "y", ["WIF002/critical"]],
    ["sts:AssumeRole", []],
  ])("Action %s", (action, expected) => {
    const policy = JSON.stringify({
      Statement: [{ Effect: "Allow", Action: action, Principal: { Federated: GH_PROVIDER_ARN }, Condition: ghCondition("StringLike", "repo:*") }],
    });
    expect(ids(awsRoles({ r: policy }))).toEqual(expected);
  });
});
