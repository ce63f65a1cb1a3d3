import { lintFacts } from "../../src/lint/engine";
import { extractTrustFacts, resourcesFromTerraformJson } from "../../src/terraform/extract";
import { awsPolicy, awsRoles, GH, ghCondition } from "./fixtures";

function ids(config: object): string[] {
  return [...new Set(lintFacts(extractTrustFacts(resourcesFromTerraformJson(config))).map((f) => `${f.rule}/${f.severity}`))].sort();
}
const OWNER = { StringEquals: { [`${GH}:repository_owner_id`]: "1234567" } };

describe("AWS trust policies (inline JSON)", () => {
  it.each<[string, string, string[]]>([
    ["repo:* (StringLike)", awsPolicy(ghCondition("StringLike", "repo:*")), ["WIF002/critical"]],
    ["only :aud", awsPolicy({ StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com" } }), ["WIF001/critical"]],
    ["no condition at all", awsPolicy({}), ["WIF001/critical", "WIF006/high"]],
    ["no :aud", awsPolicy({ StringEquals: { [`${GH}:sub`]: "repo:octo/app:environment:prod", [`${GH}:repository_owner_id`]: "1" } }), ["WIF006/high"]],
    [
      "wildcard :aud",
      awsPolicy({ StringLike: { [`${GH}:aud`]: "*" }, StringEquals: { [`${GH}:sub`]: "repo:octo/app:environment:prod", [`${GH}:repository_owner_id`]: "1" } }),
      ["WIF006/high"],
    ],
    ["StringEquals with * is broken, not broad", awsPolicy(ghCondition("StringEquals", "repo:o/r:*", OWNER)), ["WIF007/high"]],
    ["StringLike without wildcard is info", awsPolicy(ghCondition("StringLike", "repo:octo/app:environment:prod", OWNER)), ["WIF007/info"]],
    [
      "ForAllValues:StringLike on sub (vacuous; the owner pin remains)",
      awsPolicy(ghCondition("ForAllValues:StringLike", "repo:octo/app:*", OWNER)),
      ["WIF003/high", "WIF007/high"],
    ],
    ["ForAllValues:StringLike on sub alone", awsPolicy(ghCondition("ForAllValues:StringLike", "repo:octo/app:*")), ["WIF001/critical", "WIF007/high"]],
    ["StringNotEquals only", awsPolicy(ghCondition("StringNotEquals", "repo:evil/x:pull_request")), ["WIF001/critical"]],
    [
      "repo:*:ref:refs/heads/main pinned by repository_id",
      awsPolicy(ghCondition("StringLike", "repo:*:ref:refs/heads/main", { StringEquals: { [`${GH}:repository_id`]: "42" } })),
      [],
    ],
    [
      "repo:*:ref:refs/heads/main with a wildcard repository_id",
      awsPolicy(ghCondition("StringLike", "repo:*:ref:refs/heads/main", { StringLike: { [`${GH}:repository_id`]: "4*" } })),
      ["WIF002/critical"],
    ],
    ["case: Repo: never matches", awsPolicy(ghCondition("StringEquals", "Repo:octo/app:ref:refs/heads/main", OWNER)), ["WIF007/high"]],
    [
      "several statements: the widest decides",
      awsPolicy(ghCondition("StringEquals", "repo:octo/app:environment:prod", OWNER), ghCondition("StringLike", "repo:octo/*", OWNER)),
      ["WIF003/high"],
    ],
    [
      "values: one wide value among exact ones",
      awsPolicy(ghCondition("StringLike", ["repo:octo/app:environment:prod", "repo:octo/app:*"], OWNER)),
      ["WIF004/medium"],
    ],
    [
      "StringLikeIfExists on sub pins as written (sub is always present)",
      awsPolicy(ghCondition("StringLikeIfExists", "repo:octo/app:ref:refs/heads/main", OWNER)),
      ["WIF007/info"],
    ],
    [
      "StringEqualsIfExists on sub pins as written",
      awsPolicy(ghCondition("StringEqualsIfExists", "repo:octo/app:ref:refs/heads/main", OWNER)),
      ["WIF007/info"],
    ],
    ["StringLikeIfExists on sub with repo:* is still WIF002", awsPolicy(ghCondition("StringLikeIfExists", "repo:*")), ["WIF002/critical", "WIF007/info"]],
    [
      "StringEqualsIfExists on aud checks the audience",
      awsPolicy({
        StringEqualsIfExists: { [`${GH}:aud`]: "sts.amazonaws.com" },
        StringEquals: { [`${GH}:sub`]: "repo:octo/app:ref:refs/heads/main", [`${GH}:repository_owner_id`]: "1" },
      }),
      ["WIF007/info"],
    ],
    ["StringEqualsIgnoreCase: REPO: matches repo:", awsPolicy(ghCondition("StringEqualsIgnoreCase", "REPO:octo/app:ref:refs/heads/main", OWNER)), []],
    [
      "StringEqualsIgnoreCase: all upper case still pins one context",
      awsPolicy(ghCondition("StringEqualsIgnoreCase", "REPO:OCTO/APP:REF:REFS/HEADS/MAIN", OWNER)),
      [],
    ],
    ["StringEqualsIgnoreCase without an id pin is WIF008", awsPolicy(ghCondition("StringEqualsIgnoreCase", "Repo:Octo/App:Environment:Prod")), ["WIF008/low"]],
    ["StringEqualsIgnoreCase: a wildcard is literal (broken)", awsPolicy(ghCondition("StringEqualsIgnoreCase", "REPO:octo/app:*", OWNER)), ["WIF007/high"]],
    [
      "StringEqualsIgnoreCase: a wrong prefix is still broken",
      awsPolicy(ghCondition("StringEqualsIgnoreCase", "REPOS:octo/app:ref:refs/heads/main", OWNER)),
      ["WIF007/high"],
    ],
    [
      "IfExists on repository_id does not pin",
      awsPolicy(ghCondition("StringLike", "repo:*:ref:refs/heads/main", { StringEqualsIfExists: { [`${GH}:repository_id`]: "42" } })),
      ["WIF002/critical"],
    ],
    [
      "GitHub enterprise issuer path",
      JSON.stringify({
        Statement: [
          {
            Effect: "Allow",
            Action: "sts:AssumeRoleWithWebIdentity",
            Principal: { Federated: `arn:aws:iam::1:oidc-provider/${GH}/acme` },
            Condition: { StringEquals: { [`${GH}/acme:aud`]: "sts.amazonaws.com" }, StringLike: { [`${GH}/acme:sub`]: "repo:*" } },
          },
        ],
      }),
      ["WIF002/critical"],
    ],
  ])("%s", (_name, policy, expected) => {
    expect(ids(awsRoles({ r: policy }))).toEqual(expected);
  });

  it("ignores roles that are not web-identity trusts", () => {
    const ec2 = JSON.stringify({ Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "ec2.amazonaws.com" } }] });
    expect(extractTrustFacts(resourcesFromTerraformJson(awsRoles({ ec2 })))).toEqual([]);
  });

  it("says that IfExists on sub is unnecessary", () => {
    const findings = lintFacts(
      extractTrustFacts(
        resourcesFromTerraformJson(awsRoles({ r: awsPolicy(ghCondition("StringEqualsIfExists", "repo:octo/app:ref:refs/heads/main", OWNER)) })),
      ),
    );
    expect(findings.map((f) => [f.rule, f.severity, f.value, f.risk, f.fix])).toEqual([
      [
        "WIF007",
        "info",
        "StringEqualsIfExists sub repo:octo/app:ref:refs/heads/main",
        'Every OIDC token carries "sub", so StringEqualsIfExists behaves as StringEquals; harmless, but the IfExists suffix suggests the check may be skipped.',
        "Drop the IfExists suffix: use StringEquals.",
      ],
    ]);
  });

  it("a * right after a complete branch name is WIF004: main* also admits main-x", () => {
    const findings = lintFacts(
      extractTrustFacts(resourcesFromTerraformJson(awsRoles({ r: awsPolicy(ghCondition("StringLike", "repo:octo/app:ref:refs/heads/main*", OWNER)) }))),
    );
    expect(findings.map((f) => [f.rule, f.severity, f.value, f.risk, f.fix])).toEqual([
      [
        "WIF004",
        "medium",
        "repo:octo/app:ref:refs/heads/main*",
        'The "*" right after "main" in "repo:octo/app:ref:refs/heads/main*" also admits "main-x", "main/anything" and every other name that starts with "main", which anyone who can push a branch or tag can create.',
        'Drop the "*" to pin "main" exactly, or end the prefix with a separator ("main/*") for a family of names.',
      ],
    ]);
  });

  it("reports the offending value, address and fix", () => {
    const findings = lintFacts(extractTrustFacts(resourcesFromTerraformJson(awsRoles({ ci: awsPolicy(ghCondition("StringLike", "repo:*")) }))));
    expect(findings).toEqual([expect.objectContaining({ rule: "WIF002", address: "aws_iam_role.ci", value: "repo:*", cloud: "aws" })]);
  });

  it("reads a jsonencode(...) expression and keeps variables unknown", () => {
    const policy =
      '${jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Action = "sts:AssumeRoleWithWebIdentity", ' +
      "Principal = {Federated = aws_iam_openid_connect_provider.gh.arn}, " +
      'Condition = {StringLike = {"token.actions.githubusercontent.com:sub" = "repo:${var.org}/${var.repo}:*"}, ' +
      'StringEquals = {"token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"}}}]})}';
    const config = awsRoles({ r: policy }, { aws_iam_openid_connect_provider: { gh: { url: `https://${GH}`, client_id_list: ["sts.amazonaws.com"] } } });
    const findings = lintFacts(extractTrustFacts(resourcesFromTerraformJson(config)));
    expect(findings.map((f) => [f.rule, f.value])).toEqual([
      ["WIF004", "repo:${var.org}/${var.repo}:*"],
      ["WIF011", "${var.org}"],
      ["WIF011", "${var.repo}"],
    ]);
  });

  it("reads a data.aws_iam_policy_document (hcl2json list form)", () => {
    const config = {
      resource: {
        aws_iam_openid_connect_provider: { gh: [{ url: `https://${GH}/` }] },
        aws_iam_role: { r: [{ assume_role_policy: "${data.aws_iam_policy_document.t.json}" }] },
      },
      data: {
        aws_iam_policy_document: {
          t: [
            {
              statement: [
                {
                  actions: ["sts:AssumeRoleWithWebIdentity"],
                  principals: [{ type: "Federated", identifiers: ["${aws_iam_openid_connect_provider.gh.arn}"] }],
                  condition: [
                    { test: "StringLike", variable: `${GH}:sub`, values: ["repo:octo/*"] },
                    { test: "StringEquals", variable: `${GH}:aud`, values: ["sts.amazonaws.com"] },
                  ],
                },
              ],
            },
          ],
        },
      },
    };
    expect(ids(config)).toEqual(["WIF003/high", "WIF008/medium", "WIF009/high"]);
  });

  it("keeps a wholly unknown policy with web-identity hints as WIF011 only", () => {
    expect(ids(awsRoles({ r: '${templatefile("trust.json", { sub = "AssumeRoleWithWebIdentity" })}' }))).toEqual(["WIF011/info"]);
  });

  it("flags http:// issuers and a policy over 2048 characters", () => {
    const long = awsPolicy(
      ghCondition(
        "StringEquals",
        Array.from({ length: 60 }, (_, i) => `repo:octo/app:environment:env-${i}`),
        OWNER,
      ),
    );
    expect(ids(awsRoles({ r: long }))).toEqual(["WIF010/medium"]);
    const viaProvider = JSON.stringify({
      Statement: [
        {
          Effect: "Allow",
          Action: "sts:AssumeRoleWithWebIdentity",
          Principal: { Federated: "${aws_iam_openid_connect_provider.gh.arn}" },
          Condition: { StringEquals: { "issuer.example.com:aud": "x", "issuer.example.com:sub": "deploy" } },
        },
      ],
    });
    const http = awsRoles({ r: viaProvider }, { aws_iam_openid_connect_provider: { gh: { url: "http://issuer.example.com" } } });
    expect(lintFacts(extractTrustFacts(resourcesFromTerraformJson(http))).map((f) => [f.rule, f.value])).toEqual([["WIF009", "http://issuer.example.com"]]);
  });

  it("reads in-source acknowledgements from the comment key", () => {
    const config = {
      resource: {
        aws_iam_role: {
          r: {
            assume_role_policy: awsPolicy(ghCondition("StringLike", "repo:octo/app:*", OWNER)),
            "//": { wif: { acknowledge: [{ rule: "WIF004", reason: "read-only role for every branch" }] } },
          },
        },
      },
    };
    const [f] = lintFacts(extractTrustFacts(resourcesFromTerraformJson(config)));
    expect(f).toMatchObject({ rule: "WIF004", suppressed: { reason: "read-only role for every branch" } });
  });
});

describe("AWS: condition keys of another issuer", () => {
  it("GitLab keys on a GitHub provider are WIF009 (never evaluated: the statement never matches)", () => {
    const policy = JSON.stringify({
      Statement: [
        {
          Effect: "Allow",
          Action: "sts:AssumeRoleWithWebIdentity",
          Principal: { Federated: `arn:aws:iam::1:oidc-provider/${GH}` },
          Condition: {
            StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com" },
            StringLike: { "gitlab.com:sub": "project_path:grp/app:ref_type:branch:ref:main" },
          },
        },
      ],
    });
    const findings = lintFacts(extractTrustFacts(resourcesFromTerraformJson(awsRoles({ r: policy }))));
    expect(findings.filter((f) => f.rule === "WIF009").map((f) => [f.severity, f.value, f.risk])).toEqual([
      [
        "high",
        "https://gitlab.com",
        'The issuer is "https://token.actions.githubusercontent.com" in Principal.Federated but "https://gitlab.com" in condition keys: a token carries one issuer, so the checks spelled with the other are never true.',
      ],
    ]);
  });
});

describe("AWS: locals of the same configuration", () => {
  it("a local holding repo:* in a list is WIF002; a local issuer names GitHub", () => {
    const policy =
      '${jsonencode({Statement = [{Effect = "Allow", Action = "sts:AssumeRoleWithWebIdentity", ' +
      'Principal = {Federated = "arn:aws:iam::1:oidc-provider/${local.gh}"}, ' +
      'Condition = {StringEquals = {"${local.gh}:aud" = "sts.amazonaws.com"}, StringLike = {"${local.gh}:sub" = local.subs}}}]})}';
    const config = { locals: [{ gh: GH, subs: ["repo:octo/app:ref:refs/heads/main", "repo:*"] }], ...(awsRoles({ r: policy }) as object) };
    expect(lintFacts(extractTrustFacts(resourcesFromTerraformJson(config))).map((f) => [f.rule, f.value])).toEqual([["WIF002", "repo:*"]]);
  });
  it("a local that is not a string or list stays unknown (WIF011)", () => {
    const policy = awsPolicy({ StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com", [`${GH}:sub`]: "${local.subject}" } });
    const config = { locals: [{ subject: { a: 1 } }], ...(awsRoles({ r: policy }) as object) };
    expect(lintFacts(extractTrustFacts(resourcesFromTerraformJson(config))).map((f) => [f.rule, f.value])).toEqual([["WIF011", "${local.subject}"]]);
  });
});

describe("AWS: condition-key prefixes are case-insensitive", () => {
  it("Token.Actions.GithubUserContent.com:sub is the GitHub key: no WIF009, repo:* is WIF002", () => {
    const K = "Token.Actions.GithubUserContent.com";
    expect(ids(awsRoles({ r: awsPolicy({ StringEquals: { [`${K}:aud`]: "sts.amazonaws.com" }, StringLike: { [`${K}:sub`]: "repo:*" } }) }))).toEqual([
      "WIF002/critical",
    ]);
  });
  it("with an unknown provider ARN, a capitalised prefix still names GitHub", () => {
    const K = "Token.Actions.GithubUserContent.com";
    const policy = JSON.stringify({
      Statement: [
        {
          Effect: "Allow",
          Action: "sts:AssumeRoleWithWebIdentity",
          Principal: { Federated: "${var.arn}" },
          Condition: { StringEquals: { [`${K}:aud`]: "sts.amazonaws.com" }, StringLike: { [`${GH}:sub`]: "repo:*" } },
        },
      ],
    });
    expect(ids(awsRoles({ r: policy }))).toEqual(["WIF002/critical", "WIF011/info"]);
  });
});

describe("AWS: one statement, several OIDC providers", () => {
  it("judges each provider on its own condition keys", () => {
    const policy = JSON.stringify({
      Statement: [
        {
          Effect: "Allow",
          Action: "sts:AssumeRoleWithWebIdentity",
          Principal: { Federated: [`arn:aws:iam::1:oidc-provider/${GH}`, "arn:aws:iam::1:oidc-provider/gitlab.com"] },
          Condition: {
            StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com", "gitlab.com:aud": "sts.amazonaws.com", [`${GH}:repository_owner_id`]: "1" },
            StringLike: { [`${GH}:sub`]: "repo:octo/app:environment:prod", "gitlab.com:sub": "project_path:*" },
          },
        },
      ],
    });
    const findings = lintFacts(extractTrustFacts(resourcesFromTerraformJson(awsRoles({ r: policy }))));
    expect(findings.filter((f) => f.severity !== "info").map((f) => [f.rule, f.value])).toEqual([["WIF002", "project_path:*"]]);
  });
});

/** A `data.aws_iam_policy_document` (hcl2json list form) with one web-identity statement and the given condition blocks. */
function policyDocumentConfig(conditions: { test: string; variable: string; values: string[] }[]): object {
  return {
    resource: { aws_iam_role: { r: [{ assume_role_policy: "${data.aws_iam_policy_document.t.json}" }] } },
    data: {
      aws_iam_policy_document: {
        t: [
          {
            statement: [
              {
                actions: ["sts:AssumeRoleWithWebIdentity"],
                principals: [{ type: "Federated", identifiers: [`arn:aws:iam::1:oidc-provider/${GH}`] }],
                condition: conditions,
              },
            ],
          },
        ],
      },
    },
  };
}

describe("AWS policy documents: repeated condition blocks", () => {
  const aud = { test: "StringEquals", variable: `${GH}:aud`, values: ["sts.amazonaws.com"] };
  const owner = { test: "StringEquals", variable: `${GH}:repository_owner_id`, values: ["1"] };
  it.each<[string, { test: string; variable: string; values: string[] }[], string[]]>([
    // terraform-provider-aws appends the values of blocks with the same test and variable into one OR-ed list.
    [
      "same test and variable: values OR together (exact + repo:*)",
      [
        aud,
        { test: "StringLike", variable: `${GH}:sub`, values: ["repo:octo/app:ref:refs/heads/main"] },
        { test: "StringLike", variable: `${GH}:sub`, values: ["repo:*"] },
      ],
      ["WIF002/critical"],
    ],
    [
      "same variable, different tests stay AND-ed",
      [
        aud,
        owner,
        { test: "StringEquals", variable: `${GH}:sub`, values: ["repo:octo/app:ref:refs/heads/main"] },
        { test: "StringLike", variable: `${GH}:sub`, values: ["repo:*"] },
      ],
      [],
    ],
    [
      "different variables stay AND-ed",
      [
        aud,
        { test: "StringLike", variable: `${GH}:sub`, values: ["repo:*:ref:refs/heads/main"] },
        { test: "StringEquals", variable: `${GH}:repository_id`, values: ["42"] },
      ],
      [],
    ],
  ])("%s", (_name, conditions, expected) => {
    expect(ids(policyDocumentConfig(conditions))).toEqual(expected);
  });
});

describe("AWS: which statements are web-identity trusts", () => {
  const statement = (action: Record<string, unknown>, sub = "repo:*") =>
    JSON.stringify({
      Statement: [{ Effect: "Allow", ...action, Principal: { Federated: `arn:aws:iam::1:oidc-provider/${GH}` }, Condition: ghCondition("StringLike", sub) }],
    });
  it.each<[string, Record<string, unknown>, string[]]>([
    ["Action sts:AssumeRole* (IAM action glob)", { Action: "sts:AssumeRole*" }, ["WIF002/critical"]],
    ["Action sts:AssumeRoleWith* with sts:TagSession", { Action: ["sts:AssumeRoleWith*", "sts:TagSession"] }, ["WIF002/critical"]],
    ["Action in another case (IAM actions are case-insensitive)", { Action: "STS:assumerolewithwebidentity" }, ["WIF002/critical"]],
    ["Action sts:AssumeRoleWith?ebIdentity", { Action: "sts:AssumeRoleWith?ebIdentity" }, ["WIF002/critical"]],
    ["NotAction sts:AssumeRole allows web identity", { NotAction: "sts:AssumeRole" }, ["WIF002/critical"]],
    ["NotAction sts:AssumeRoleWith* excludes web identity", { NotAction: "sts:AssumeRoleWith*" }, []],
    ["Action sts:AssumeRole only", { Action: "sts:AssumeRole" }, []],
    ["Action sts:TagSession only", { Action: "sts:TagSession" }, []],
    ["NotAction listing another service and sts:AssumeRole* excludes web identity", { NotAction: ["s3:*", "sts:AssumeRole*"] }, []],
    // A NotAction unknown here may not list the action: the statement is read (and the value is WIF011).
    ["NotAction unknown here", { NotAction: "${var.not_action}" }, ["WIF002/critical", "WIF011/info"]],
    ["an empty NotAction and no Action grants nothing", { NotAction: [] }, []],
    ["an Effect unknown here may be Allow", { Effect: "${var.effect}", Action: "sts:AssumeRoleWithWebIdentity" }, ["WIF002/critical", "WIF011/info"]],
    ["Effect Deny is no trust", { Effect: "Deny", Action: "sts:AssumeRoleWithWebIdentity" }, []],
  ])("%s", (_name, action, expected) => {
    expect(ids(awsRoles({ r: statement(action) }))).toEqual(expected);
  });

  it.each<[Record<string, unknown>, string, string]>([
    [{ Effect: "${var.effect}", Action: "sts:AssumeRoleWithWebIdentity" }, "Statement[0].Effect", "${var.effect}"],
    [{ Action: ["sts:TagSession", "${var.action}"] }, "Statement[0].Action", "${var.action}"],
    [{ NotAction: "${var.not_action}" }, "Statement[0].NotAction", "${var.not_action}"],
  ])("names the part unknown here in the WIF011: %j", (action, field, expression) => {
    const facts = extractTrustFacts(resourcesFromTerraformJson(awsRoles({ r: statement(action) })));
    expect(facts[0].unknowns).toEqual([{ field, expression }]);
  });

  // Deny statements that may deny sts:AssumeRoleWithWebIdentity are listed for explain (which does not
  // evaluate them: a token an Allow admits is then undecided, never accepted).
  it.each<[string, Record<string, unknown>, string[] | undefined]>([
    ["Action sts:AssumeRoleWithWebIdentity", { Action: "sts:AssumeRoleWithWebIdentity" }, ["Statement[1]"]],
    ["Action [s3:GetObject, sts:AssumeRoleWith*]", { Action: ["s3:GetObject", "sts:AssumeRoleWith*"] }, ["Statement[1]"]],
    ["an Action unknown here (it may)", { Action: "${var.action}" }, ["Statement[1]"]],
    ["Action sts:TagSession", { Action: "sts:TagSession" }, undefined],
    ["NotAction s3:* (denies every other action)", { NotAction: "s3:*" }, ["Statement[1]"]],
    ["NotAction [s3:*, sts:*]", { NotAction: ["s3:*", "sts:*"] }, undefined],
    ["NotAction unknown here (it may not list the action)", { NotAction: "${var.not_action}" }, ["Statement[1]"]],
    ["no Action at all", {}, undefined],
    ["Effect Allow is no Deny", { Effect: "Allow", Action: "sts:TagSession" }, undefined],
  ])("Deny statements: %s", (_name, deny, expected) => {
    const policy = JSON.stringify({
      Statement: [
        {
          Effect: "Allow",
          Action: "sts:AssumeRoleWithWebIdentity",
          Principal: { Federated: `arn:aws:iam::1:oidc-provider/${GH}` },
          Condition: ghCondition("StringLike", "repo:*"),
        },
        { Effect: "Deny", Principal: { Federated: `arn:aws:iam::1:oidc-provider/${GH}` }, ...deny },
      ],
    });
    expect(extractTrustFacts(resourcesFromTerraformJson(awsRoles({ r: policy })))[0].denyStatements).toEqual(expected);
  });

  it("reads not_actions of a policy document", () => {
    const config = policyDocumentConfig([
      { test: "StringLike", variable: `${GH}:sub`, values: ["repo:*"] },
      { test: "StringEquals", variable: `${GH}:aud`, values: ["sts.amazonaws.com"] },
    ]) as {
      data: { aws_iam_policy_document: { t: { statement: Record<string, unknown>[] }[] } };
    };
    const s = config.data.aws_iam_policy_document.t[0].statement[0];
    delete s.actions;
    s.not_actions = ["sts:AssumeRole"];
    expect(ids(config)).toEqual(["WIF002/critical"]);
  });
});

describe("AWS: a provider ARN with an unknown part", () => {
  it.each<[string, string, [string, string][]]>([
    [
      "variable host: the condition-key prefix decides the grammar",
      "arn:aws:iam::1:oidc-provider/${var.host}",
      [
        ["WIF002", "repo:*"],
        ["WIF011", "${var.host}"],
      ],
    ],
    [
      "whole ARN a variable",
      "${var.provider_arn}",
      [
        ["WIF002", "repo:*"],
        ["WIF011", "${var.provider_arn}"],
      ],
    ],
  ])("%s", (_name, federated, expected) => {
    const policy = JSON.stringify({
      Statement: [
        { Effect: "Allow", Action: "sts:AssumeRoleWithWebIdentity", Principal: { Federated: federated }, Condition: ghCondition("StringLike", "repo:*") },
      ],
    });
    expect(lintFacts(extractTrustFacts(resourcesFromTerraformJson(awsRoles({ r: policy })))).map((f) => [f.rule, f.value])).toEqual(expected);
  });
});

describe("AWS: condition key names are case-insensitive, values are not", () => {
  it.each<[string, object, string[]]>([
    [
      ":Sub is the subject",
      { StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com", [`${GH}:Sub`]: "repo:octo/app:ref:refs/heads/main", [`${GH}:repository_owner_id`]: "1" } },
      [],
    ],
    [
      ":AUD is the audience",
      { StringEquals: { [`${GH}:AUD`]: "sts.amazonaws.com", [`${GH}:sub`]: "repo:octo/app:ref:refs/heads/main", [`${GH}:Repository_Owner_Id`]: "1" } },
      [],
    ],
    [
      ":SUB with repo:* is still WIF002",
      { StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com" }, StringLike: { [`${GH}:SUB`]: "repo:*" } },
      ["WIF002/critical"],
    ],
    [
      "values keep their case",
      { StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com", [`${GH}:Sub`]: "Repo:octo/app:ref:refs/heads/main", [`${GH}:repository_owner_id`]: "1" } },
      ["WIF007/high"],
    ],
  ])("%s", (_name, condition, expected) => {
    expect(ids(awsRoles({ r: awsPolicy(condition) }))).toEqual(expected);
  });
});
