/**
 * An effect, a principal or a whole statement that is unknown here (a variable, a module output)
 * may be the Allow / the provider / the statement that admits everyone: it never hides the
 * statement. Before, `Effect = var.effect`, `Principal = var.principal`, `principals { type =
 * var.type }` beside `repo:*` were silent (exit 0, not even WIF011), and an unknown extra statement
 * beside a pinned one was not reported at all. The IAM simulator confirms each is a way in once the
 * unknown takes the value shown.
 */
import { lintFacts } from "../../src/lint/engine";
import { extractTrustFacts, resourcesFromTerraformJson } from "../../src/terraform/extract";
import { AwsOracle, createAwsOracle } from "../oracle/aws-oracle";
import { awsRoles, documentRole, GH, GH_PROVIDER_ARN } from "./fixtures";

const ANY_REPO = { StringLike: { [`${GH}:sub`]: "repo:*", [`${GH}:aud`]: "sts.amazonaws.com" } };
const PINNED = { StringEquals: { [`${GH}:sub`]: "repo:octo/app:ref:refs/heads/main", [`${GH}:aud`]: "sts.amazonaws.com" } };
const FOREIGN = { iss: `https://${GH}`, sub: "repo:evil/x:ref:refs/heads/main", aud: "sts.amazonaws.com" };

function findings(config: object): string[] {
  return [...new Set(lintFacts(extractTrustFacts(resourcesFromTerraformJson(config))).map((f) => `${f.rule}/${f.severity}`))].sort();
}
const policy = (...statements: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const allow = (extra: Record<string, unknown>) => ({
  Effect: "Allow",
  Action: "sts:AssumeRoleWithWebIdentity",
  Principal: { Federated: GH_PROVIDER_ARN },
  ...extra,
});

let oracle: AwsOracle;
beforeAll(async () => {
  oracle = await createAwsOracle();
});

describe("unknown statement parts never hide the statement", () => {
  it.each<[string, unknown[], unknown[], string[]]>([
    // name, statements as linted (with unknowns), the same with the unknown taking a value, expected
    ["Effect unknown", [allow({ Effect: "${var.effect}", Condition: ANY_REPO })], [allow({ Condition: ANY_REPO })], ["WIF002/critical", "WIF011/info"]],
    [
      "Principal wholly unknown",
      [allow({ Principal: "${var.principal}", Condition: ANY_REPO })],
      [allow({ Principal: "*", Condition: ANY_REPO })],
      ["WIF002/critical", "WIF011/info"],
    ],
    [
      "AWS principal unknown",
      [allow({ Principal: { AWS: "${var.principal}" }, Condition: ANY_REPO })],
      [allow({ Principal: { AWS: "*" }, Condition: ANY_REPO })],
      ["WIF002/critical", "WIF011/info"],
    ],
    [
      "an unknown statement beside a pinned one",
      [allow({ Condition: PINNED }), "${var.extra}"],
      [allow({ Condition: PINNED }), allow({ Condition: ANY_REPO })],
      ["WIF011/info"],
    ],
    // Partly unknown: the literal `*` with an unknown part that may be empty is still everyone.
    [
      "Principal `${var.p}*`",
      [allow({ Principal: "${var.p}*", Condition: ANY_REPO })],
      [allow({ Principal: "*", Condition: ANY_REPO })],
      ["WIF002/critical", "WIF011/info"],
    ],
    [
      "AWS principal `*${var.p}` in a list",
      [allow({ Principal: { AWS: ["arn:aws:iam::111122223333:root", "*${var.p}"] }, Condition: ANY_REPO })],
      [allow({ Principal: { AWS: "*" }, Condition: ANY_REPO })],
      ["WIF002/critical", "WIF011/info"],
    ],
    // A brace inside an unknown's quoted string does not end it (it ended there, and the rest read as text).
    [
      "Principal with a quoted brace in its unknown",
      [allow({ Principal: '${var.m["}"]}', Condition: ANY_REPO })],
      [allow({ Principal: "*", Condition: ANY_REPO })],
      ["WIF002/critical", "WIF011/info"],
    ],
    // HCL's `$${` inside the unknown's string is a literal `${`, no template: the part still ends at its brace.
    [
      "Action unknown, with a `$${` in one of its strings",
      [allow({ Action: '${var.b ? "sts:AssumeRoleWithWebIdentity" : "$${"}', Condition: ANY_REPO })],
      [allow({ Condition: ANY_REPO })],
      ["WIF002/critical", "WIF011/info"],
    ],
    [
      "Effect unknown, with a `%%{` in one of its strings",
      [allow({ Effect: '${var.b ? "Allow" : "%%{"}', Condition: ANY_REPO })],
      [allow({ Condition: ANY_REPO })],
      ["WIF002/critical", "WIF011/info"],
    ],
    // A principal key unknown here may be Federated (or AWS with `*`).
    [
      "a principal type unknown here, with the provider",
      [allow({ Principal: { "${var.type}": GH_PROVIDER_ARN }, Condition: ANY_REPO })],
      [allow({ Principal: { Federated: GH_PROVIDER_ARN }, Condition: ANY_REPO })],
      ["WIF002/critical", "WIF011/info"],
    ],
    [
      "a principal type unknown here, with `*`",
      [allow({ Principal: { "${var.type}": "*" }, Condition: ANY_REPO })],
      [allow({ Principal: { AWS: "*" }, Condition: ANY_REPO })],
      ["WIF002/critical", "WIF011/info"],
    ],
    [
      "Principal made of two unknowns",
      [allow({ Principal: "${var.a}${var.b}", Condition: ANY_REPO })],
      [allow({ Principal: "*", Condition: ANY_REPO })],
      ["WIF002/critical", "WIF011/info"],
    ],
  ])("%s", (_name, linted, decided, expected) => {
    const found = findings(awsRoles({ r: policy(...linted) }));
    for (const rule of expected) expect(found).toContain(rule);
    expect(oracle.allows(policy(...decided), GH_PROVIDER_ARN, FOREIGN)).toBe(true);
  });

  it("a known Deny stays out", () => {
    expect(findings(awsRoles({ r: policy(allow({ Effect: "Deny", Condition: ANY_REPO })) }))).toEqual([]);
  });

  // A principal whose literal text can never be `*` is an account or role, never a web-identity way in.
  it.each<[string, unknown]>([
    ["an account root with an unknown account", { AWS: "arn:aws:iam::${var.account}:root" }],
    ["two unknowns around a literal", { AWS: "${var.a}-${var.b}" }],
    ["a string principal that is not `*`", "${var.a}x"],
  ])("%s is no web-identity principal", (_name, principal) => {
    expect(findings(awsRoles({ r: policy(allow({ Principal: principal, Condition: ANY_REPO })) }))).toEqual([]);
  });

  const documentConfig = (principals: unknown) =>
    documentRole({
      actions: ["sts:AssumeRoleWithWebIdentity"],
      principals,
      condition: [
        { test: "StringLike", variable: `${GH}:sub`, values: ["repo:*"] },
        { test: "StringEquals", variable: `${GH}:aud`, values: ["sts.amazonaws.com"] },
      ],
    });

  it.each<[string, unknown, string[]]>([
    ["an AWS identifier unknown here", [{ type: "AWS", identifiers: ["${var.who}"] }], ["WIF002/critical", "WIF011/info"]],
    ["a `*` type with an identifier `${var.who}*`", [{ type: "*", identifiers: ["${var.who}*"] }], ["WIF002/critical", "WIF011/info"]],
    ["a type that may be Federated", [{ type: "Fed${var.suffix}", identifiers: [GH_PROVIDER_ARN] }], ["WIF002/critical", "WIF011/info"]],
    ["a type that may be AWS with `*`", [{ type: "${var.t}S", identifiers: ["*"] }], ["WIF002/critical", "WIF011/info"]],
    // Neither Federated, AWS nor `*`, whatever the unknown: a service principal.
    ["a type that is never a provider", [{ type: "Service${var.t}", identifiers: [GH_PROVIDER_ARN] }], []],
    ["an account root with an unknown account", [{ type: "AWS", identifiers: ["arn:aws:iam::${var.account}:root"] }], []],
  ])("policy document: %s", (_name, principals, expected) => {
    const found = findings(documentConfig(principals));
    expect(found.filter((f) => !f.startsWith("WIF011"))).toEqual(expected.filter((f) => !f.startsWith("WIF011")));
    for (const rule of expected) expect(found).toContain(rule);
  });

  // Written with jsonencode: the unknown parts are HCL expressions, whose quoted strings may hold braces.
  const jsonencoded = (statements: string) => ({
    resource: { aws_iam_role: { r: { name: "r", assume_role_policy: '${jsonencode({Version="2012-10-17",Statement=' + statements + "})}" } } },
  });
  const hclStatement = (principal: string, sub: string) =>
    `{Effect="Allow",Action="sts:AssumeRoleWithWebIdentity",Principal=${principal},Condition={StringLike={"${GH}:sub"="${sub}","${GH}:aud"="sts.amazonaws.com"}}}`;

  it.each<[string, string, string[]]>([
    ['Principal = trimsuffix(var.p, "}")', `[${hclStatement('trimsuffix(var.p, "}")', "repo:*")}]`, ["WIF002/critical", "WIF011/info"]],
    ['Principal = { AWS = var.m["{"] }', `[${hclStatement('{AWS=var.m["{"]}', "repo:*")}]`, ["WIF002/critical", "WIF011/info"]],
    // The whole list is unknown: one statement that may admit anyone (WIF011), never no statement.
    [
      "Statement = concat([pinned], var.extra)",
      `concat([${hclStatement(`{Federated="${GH_PROVIDER_ARN}"}`, "repo:octo/app:ref:refs/heads/main")}], var.extra)`,
      ["WIF011/info"],
    ],
  ])("jsonencode: %s", (_name, statements, expected) => {
    const found = findings(jsonencoded(statements));
    for (const rule of expected) expect(found).toContain(rule);
  });

  it("a policy document principal whose type is unknown", () => {
    const config = documentRole({
      actions: ["sts:AssumeRoleWithWebIdentity"],
      principals: [{ type: "${var.type}", identifiers: [GH_PROVIDER_ARN] }],
      condition: [{ test: "StringLike", variable: `${GH}:sub`, values: ["repo:*"] }],
    });
    expect(findings(config)).toContain("WIF002/critical");
  });
});

describe("an unknown statement or condition block is an unknown audience, not a missing one", () => {
  it.each<[string, unknown[], string[]]>([
    // name, statements, findings (rule value)
    ["an unknown statement beside a pinned one", [allow({ Condition: PINNED }), "${var.extra}"], ["WIF011 ${var.extra}"]],
    ["a wholly unknown Condition", [allow({ Condition: "${var.condition}" })], ["WIF011 ${var.condition}"]],
    // Partly unknown (never an object at apply): read as unknown, never as no condition.
    ["a partly unknown Condition", [allow({ Condition: "${var.a}-${var.b}" })], ["WIF011 ${var.a}-${var.b}"]],
    ["a partly unknown statement", [allow({ Condition: PINNED }), "${var.a}${*}"], ["WIF011 ${var.a}${*}"]],
    [
      "an unknown operator block beside a pinned subject",
      [allow({ Condition: { StringEquals: { [`${GH}:sub`]: "repo:octo/app:ref:refs/heads/main" }, StringLike: "${var.more}" } })],
      ["WIF011 ${var.more}"],
    ],
    // A known condition without aud stays WIF006, whatever else is unknown.
    [
      "a known statement without aud beside an unknown one",
      [allow({ Condition: { StringEquals: { [`${GH}:sub`]: "repo:octo/app:ref:refs/heads/main" } } }), "${var.extra}"],
      ["WIF006 Statement[0]: no aud check", "WIF011 ${var.extra}"],
    ],
  ])("%s", (_name, statements, expected) => {
    const found = lintFacts(extractTrustFacts(resourcesFromTerraformJson(awsRoles({ r: policy(...statements) }))))
      .filter((f) => f.rule === "WIF006" || f.rule === "WIF011")
      .map((f) => `${f.rule} ${f.value}`);
    expect([...new Set(found)].sort()).toEqual(expected);
  });
});
