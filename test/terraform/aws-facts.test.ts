/**
 * Everything the AWS reader extracts from a configuration, as text (test/terraform/facts-text.ts): the
 * issuer, each statement's label and checks, the unknowns (WIF011), Deny statements and the policy
 * length. The lint tables elsewhere say what is reported; these say what it is reported from.
 */
import { splitKey } from "../../src/terraform/aws-trust";
import { extractTrustFacts, resourcesFromTerraformJson } from "../../src/terraform/extract";
import { factsText } from "./facts-text";
import { awsRoles, GH, GH_PROVIDER_ARN } from "./fixtures";

const AUD = { StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com" } };

/** A web-identity Allow statement on the GitHub provider for `repo:octo/*`, with overrides. */
function jsonStatement(more: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Effect: "Allow",
    Action: "sts:AssumeRoleWithWebIdentity",
    Principal: { Federated: GH_PROVIDER_ARN },
    Condition: { ...AUD, StringLike: { [`${GH}:sub`]: "repo:octo/*" } },
    ...more,
  };
}
const policy = (...statements: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const role = (assumeRolePolicy: unknown, resources: Record<string, unknown> = {}, data?: Record<string, unknown>) => ({
  ...(data ? { data } : {}),
  ...awsRoles({ r: assumeRolePolicy }, resources),
});
/** A statement on a provider named by reference (`arn`) that checks only the subject: the audience is up to the provider. */
const viaProvider = (arn: string) => jsonStatement({ Principal: { Federated: arn }, Condition: { StringLike: { [`${GH}:sub`]: "repo:octo/*" } } });

const DOC_CONDITIONS = [
  { test: "StringEquals", variable: `${GH}:aud`, values: ["sts.amazonaws.com"] },
  { test: "StringLike", variable: `${GH}:sub`, values: ["repo:octo/*"] },
];
/** A policy-document statement like jsonStatement(), with overrides. */
function docStatement(more: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    effect: "Allow",
    actions: ["sts:AssumeRoleWithWebIdentity"],
    principals: [{ type: "Federated", identifiers: [GH_PROVIDER_ARN] }],
    condition: DOC_CONDITIONS,
    ...more,
  };
}
const documentRole = (document: Record<string, unknown>, attribute = "json", others: Record<string, unknown> = {}) => ({
  data: { aws_iam_policy_document: { t: document, ...others } },
  resource: { aws_iam_role: { r: { name: "r", assume_role_policy: `\${data.aws_iam_policy_document.t.${attribute}}` } } },
});
const PROVIDER = { url: "https://token.actions.githubusercontent.com", client_id_list: ["sts.amazonaws.com"] };
const GITHUB = "aws_iam_role.r aws: github-actions shared (https://token.actions.githubusercontent.com)";
const PINNED_BY_ARN = "aud [aud equals (StringEquals) sts.amazonaws.com] sub [sub like (StringLike) repo:octo/*] claims []";

describe("AWS reader: the facts of a configuration", () => {
  it.each<[string, object, string[]]>([
    [
      // A block with no variable (key ?) is unknown (WIF011) and never merged; a key decided at apply merges with one it may equal.
      "policy-document conditions without a variable, and a key decided at apply",
      documentRole({
        statement: [
          docStatement({
            condition: [
              ...DOC_CONDITIONS,
              { test: "StringLike", values: ["a"] },
              { test: "StringLike", values: ["b"] },
              { test: "StringLike", variable: "${var.k}:sub", values: ["c"] },
            ],
          }),
        ],
      }),
      [
        GITHUB,
        "  data.aws_iam_policy_document.t statement[0]: aud [aud equals (StringEquals) sts.amazonaws.com] sub [sub like (StringLike) repo:octo/*|c] claims [? unknown (Condition) a; ? unknown (Condition) b]",
        "  unknown condition keys = ${var.k}",
        "  unknown data.aws_iam_policy_document.t statement[0] Condition = a",
        "  unknown data.aws_iam_policy_document.t statement[0] Condition = b",
      ],
    ],

    [
      "a provider named by reference but not in the configuration: its URL unknown here, the reference as written",
      role(policy(jsonStatement({ Principal: { Federated: "${aws_iam_openid_connect_provider.missing.arn}" }, Condition: {} }))),
      ["aws_iam_role.r aws: generic (unknown ${aws_iam_openid_connect_provider.missing.arn})", "  Statement[0]: aud [] sub [] claims []", "  length 188"],
    ],
    [
      "a provider of the configuration without a url: the issuer from the condition keys",
      role(policy(viaProvider("${aws_iam_openid_connect_provider.gh.arn}")), {
        aws_iam_openid_connect_provider: { gh: { client_id_list: ["sts.amazonaws.com"] } },
      }),
      [GITHUB, "  Statement[0]: aud [aud equals (client_id_list) sts.amazonaws.com] sub [sub like (StringLike) repo:octo/*] claims []", "  length 253"],
    ],
    [
      // One value wholly unknown here: the check is unknown (it may be anything), an exclusion stays one.
      "a single unknown value, positive and negated",
      role(policy(jsonStatement({ Condition: { ...AUD, StringLike: { [`${GH}:sub`]: "${var.sub}" }, StringNotLike: { [`${GH}:sub`]: "${var.not}" } } }))),
      [
        GITHUB,
        "  Statement[0]: aud [aud equals (StringEquals) sts.amazonaws.com] sub [sub unknown (StringLike) ${var.sub}; sub negated (StringNotLike) ${var.not}] claims []",
        `  unknown ${GH}:sub = \${var.sub}`,
        `  unknown ${GH}:sub = \${var.not}`,
        "  length 438",
      ],
    ],

    [
      "a Sid that is no string is no id: the statement keeps its index",
      role(policy(jsonStatement({ Sid: 5 }))),
      [GITHUB, `  Statement[0]: ${PINNED_BY_ARN}`, "  length 374"],
    ],
    [
      // IAM requires an Effect; a statement without one is still read as a trust (never skipped unread).
      "a statement without Effect is read",
      role(policy(jsonStatement({ Effect: undefined }))),
      [GITHUB, `  Statement[0]: ${PINNED_BY_ARN}`, "  length 349"],
    ],
    [
      // Only a SAML provider and Cognito's own host are no OIDC trusts; hosts that merely contain Cognito's are.
      "OIDC providers whose hosts look like Cognito's are read",
      role(
        policy(
          jsonStatement({
            Principal: {
              Federated: [
                "arn:aws:iam::111122223333:oidc-provider/my-cognito-identity.amazonaws.com",
                "arn:aws:iam::111122223333:oidc-provider/cognito-identity.amazonaws.com.example.org",
              ],
            },
            Condition: {},
          }),
        ),
      ),
      [
        "aws_iam_role.r aws: generic (https://my-cognito-identity.amazonaws.com)",
        "  Statement[0]: aud [] sub [] claims []",
        "  length 302",
        "aws_iam_role.r aws: generic (https://cognito-identity.amazonaws.com.example.org)",
        "  Statement[0]: aud [] sub [] claims []",
        "  length 302",
      ],
    ],
    [
      "a provider ARN with an unknown host: the issuer as written, unknown",
      role(policy(jsonStatement({ Principal: { Federated: "arn:aws:iam::111122223333:oidc-provider/${var.host}" }, Condition: {} }))),
      [
        "aws_iam_role.r aws: generic (unknown https://${var.host})",
        "  Statement[0]: aud [] sub [] claims []",
        "  unknown Principal.Federated = ${var.host}",
        "  length 193",
      ],
    ],
    [
      "a federated principal that is no provider ARN (Google's web identity): no URL",
      role(policy(jsonStatement({ Principal: { Federated: "accounts.google.com" }, Condition: {} }))),
      ["aws_iam_role.r aws: generic (no url)", "  Statement[0]: aud [] sub [] claims []", "  length 161"],
    ],
    [
      "an unknown condition block beside unknown values",
      role(policy(jsonStatement({ Condition: { StringLike: "${var.a}", StringEquals: { [`${GH}:sub`]: ["${var.x}", "${var.y}"] } } }))),
      [
        GITHUB,
        "  Statement[0]: aud [aud unknown (Condition) ${var.a}] sub [sub equals (StringEquals) ${var.x}|${var.y}] claims [? unknown (Condition) ${var.a}]",
        "  unknown Statement[0] Condition = ${var.a}",
        `  unknown ${GH}:sub = \${var.x}`,
        `  unknown ${GH}:sub = \${var.y}`,
        "  length 323",
      ],
    ],
    [
      // With two providers, each takes the keys of its own issuer; a trailing slash on either side makes no difference.
      "two providers, a key spelled with a trailing slash",
      role(
        policy(
          jsonStatement({
            Principal: { Federated: [GH_PROVIDER_ARN, "arn:aws:iam::111122223333:oidc-provider/gitlab.com"] },
            Condition: { StringLike: { [`${GH}:sub`]: "repo:octo/*", "gitlab.com/:sub": "project_path:g/*" } },
          }),
        ),
      ),
      [
        GITHUB,
        "  Statement[0]: aud [] sub [sub like (StringLike) repo:octo/*] claims []",
        "  length 379",
        "aws_iam_role.r aws: gitlab shared (https://gitlab.com)",
        "  Statement[0]: aud [] sub [sub like (StringLike) project_path:g/*] claims []",
        "  length 379",
      ],
    ],
    [
      // Of the spellings with unknown parts, the one with the most literal text is the issuer as written.
      "an unknown provider and unknown key prefixes: the spelling with the most literal text",
      role(
        policy(
          jsonStatement({
            Principal: { Federated: "${var.provider_arn}" },
            Condition: { StringLike: { "${var.issuer}:sub": "repo:octo/*", "token.${var.y}.example.com:aud": "x" } },
          }),
        ),
      ),
      [
        "aws_iam_role.r aws: generic (unknown https://token.${var.y}.example.com)",
        "  Statement[0]: aud [aud like (StringLike) x] sub [sub like (StringLike) repo:octo/*] claims []",
        "  unknown Principal.Federated = ${var.provider_arn}",
        "  unknown condition keys = ${var.issuer}",
        "  unknown condition keys = ${var.y}",
        "  length 246",
      ],
    ],
    [
      "a policy-document condition without a test: unknown, its values listed",
      documentRole({ statement: [docStatement({ condition: [{ variable: `${GH}:sub`, values: ["a", "b"] }] })] }),
      [
        GITHUB,
        "  data.aws_iam_policy_document.t statement[0]: aud [aud unknown (Condition) a|b] sub [] claims [? unknown (Condition) a|b]",
        "  unknown data.aws_iam_policy_document.t statement[0] Condition = a, b",
      ],
    ],
    [
      "two providers with unknown hosts: one trust each",
      role(
        policy(
          jsonStatement({
            Principal: { Federated: ["arn:aws:iam::111122223333:oidc-provider/${var.a}", "arn:aws:iam::111122223333:oidc-provider/x${var.b}yz"] },
            Condition: {},
          }),
        ),
      ),
      [
        "aws_iam_role.r aws: generic (unknown https://${var.a})",
        "  Statement[0]: aud [] sub [] claims []",
        "  unknown Principal.Federated = ${var.a}",
        "  length 246",
        "aws_iam_role.r aws: generic (unknown https://x${var.b}yz)",
        "  Statement[0]: aud [] sub [] claims []",
        "  unknown Principal.Federated = ${var.b}",
        "  length 246",
      ],
    ],

    // Only managed aws_iam_role resources are roles.
    [
      "a data source, and a managed resource of another type (even with an assume_role_policy), are no roles",
      {
        data: { aws_iam_role: { d: { name: "d", assume_role_policy: policy(jsonStatement()) } } },
        resource: { aws_iam_policy: { p: { assume_role_policy: policy(jsonStatement()) } } },
      },
      [],
    ],
    ["a policy that is not a document", role(5), []],
    // A policy unknown here is one unknown of an unknown issuer (WIF011), never read either way.
    ["a wholly unknown policy", role("${var.policy}"), ["aws_iam_role.r aws: generic (no url)", "  unknown assume_role_policy = ${var.policy}"]],
    [
      "a policy that is not JSON (its first 200 characters)",
      role(`{${"x".repeat(300)}`),
      ["aws_iam_role.r aws: generic (no url)", `  unknown assume_role_policy = {${"x".repeat(199)}`],
    ],
    [
      "a Sid, a Condition unknown here, a condition block unknown here, a statement unknown here",
      role(
        JSON.stringify({
          Statement: [
            jsonStatement({ Sid: "Gh" }),
            jsonStatement({ Condition: "${var.cond}" }),
            jsonStatement({ Condition: { StringLike: "${var.block}" } }),
            "${var.extra}",
          ],
        }),
      ),
      [
        GITHUB,
        `  Statement "Gh": ${PINNED_BY_ARN}`,
        "  Statement[1]: aud [aud unknown (Condition) ${var.cond}] sub [] claims [? unknown (Condition) ${var.cond}]",
        "  Statement[2]: aud [aud unknown (Condition) ${var.block}] sub [] claims [? unknown (Condition) ${var.block}]",
        "  unknown Statement[3].Effect = ${var.extra}",
        "  unknown Statement[3].Action = ${var.extra}",
        "  unknown Statement[1] Condition = ${var.cond}",
        "  unknown Statement[2] Condition = ${var.block}",
        "  length 765",
        // The unknown statement may trust any provider: a reading of its own.
        "aws_iam_role.r aws: generic (unknown ${var.extra})",
        "  Statement[3]: aud [aud unknown (Condition) ${var.extra}] sub [] claims [? unknown (Condition) ${var.extra}]",
        "  unknown Statement[3].Effect = ${var.extra}",
        "  unknown Statement[3].Action = ${var.extra}",
        "  unknown Principal.Federated = ${var.extra}",
        "  unknown Statement[3] Condition = ${var.extra}",
        "  length 765",
      ],
    ],
    [
      "NotPrincipal",
      role(policy({ Effect: "Allow", Action: "sts:AssumeRoleWithWebIdentity", NotPrincipal: { AWS: "arn:aws:iam::1:root" }, Condition: AUD })),
      [GITHUB, "  Statement[0] (any principal): aud [aud equals (StringEquals) sts.amazonaws.com] sub [] claims []", "  length 236"],
    ],
    [
      "a document's minified_json, a sid, no effect (Allow), a condition without test and variable",
      documentRole(
        { statement: [docStatement({ sid: "Gh" }), { ...docStatement(), effect: undefined }, docStatement({ condition: [{ values: ["x"] }] })] },
        "minified_json",
      ),
      [
        GITHUB,
        `  data.aws_iam_policy_document.t statement "Gh": ${PINNED_BY_ARN}`,
        `  data.aws_iam_policy_document.t statement[1]: ${PINNED_BY_ARN}`,
        "  data.aws_iam_policy_document.t statement[2]: aud [aud unknown (Condition) x] sub [] claims [? unknown (Condition) x]",
        "  unknown data.aws_iam_policy_document.t statement[2] Condition = x",
      ],
    ],
    [
      "a document's Deny and not_principals",
      documentRole({
        statement: [
          docStatement(),
          docStatement({ effect: "Deny" }),
          {
            effect: "Allow",
            actions: ["sts:AssumeRoleWithWebIdentity"],
            not_principals: [{ type: "AWS", identifiers: ["arn:aws:iam::1:root"] }],
            condition: [DOC_CONDITIONS[0]],
          },
        ],
      }),
      [
        GITHUB,
        `  data.aws_iam_policy_document.t statement[0]: ${PINNED_BY_ARN}`,
        "  deny data.aws_iam_policy_document.t statement[1]",
        GITHUB,
        "  data.aws_iam_policy_document.t statement[2] (any principal): aud [aud equals (StringEquals) sts.amazonaws.com] sub [] claims []",
        "  deny data.aws_iam_policy_document.t statement[1]",
      ],
    ],
    // Source documents first; a statement of the document replaces the one of the same sid; statements
    // without a sid are all kept; a source unknown here, or not JSON, is an unknown (its first 200 characters).
    [
      "a document's source documents",
      documentRole(
        {
          statement: [docStatement(), docStatement({ sid: "S" })],
          source_policy_documents: [
            "${data.aws_iam_policy_document.src.json}",
            "${var.more}",
            policy(jsonStatement({ Sid: "J" })),
            `not json ${"y".repeat(250)}`,
          ],
        },
        "json",
        {
          src: {
            statement: [
              docStatement({ condition: [DOC_CONDITIONS[0], { test: "StringLike", variable: `${GH}:sub`, values: ["repo:src/*"] }] }),
              docStatement({ sid: "S", condition: [DOC_CONDITIONS[0], { test: "StringLike", variable: `${GH}:sub`, values: ["repo:replaced/*"] }] }),
            ],
          },
        },
      ),
      [
        GITHUB,
        "  data.aws_iam_policy_document.src statement[0]: aud [aud equals (StringEquals) sts.amazonaws.com] sub [sub like (StringLike) repo:src/*] claims []",
        `  data.aws_iam_policy_document.t statement "S": ${PINNED_BY_ARN}`,
        `  Statement "J": ${PINNED_BY_ARN}`,
        `  data.aws_iam_policy_document.t statement[0]: ${PINNED_BY_ARN}`,
        "  unknown data.aws_iam_policy_document.t.source_policy_documents = ${var.more}",
        `  unknown data.aws_iam_policy_document.t.source_policy_documents = not json ${"y".repeat(191)}`,
      ],
    ],
    // A provider resource of the configuration: its URL names the issuer, its client ids are the
    // audience STS checks when the policy checks none.
    [
      "a provider resource named by reference",
      role(policy(viaProvider("${aws_iam_openid_connect_provider.gh.arn}")), {
        aws_iam_openid_connect_provider: { gh: PROVIDER },
      }),
      [GITHUB, "  Statement[0]: aud [aud equals (client_id_list) sts.amazonaws.com] sub [sub like (StringLike) repo:octo/*] claims []", "  length 253"],
    ],
    [
      "a provider resource whose URL is unknown here",
      role(policy(jsonStatement({ Principal: { Federated: "${aws_iam_openid_connect_provider.gh.arn}" } })), {
        aws_iam_openid_connect_provider: { gh: { url: "${var.url}", client_id_list: [] } },
      }),
      [GITHUB, `  Statement[0]: ${PINNED_BY_ARN}`, "  unknown issuer = ${var.url}", "  length 332"],
    ],
    // A data source's arguments look a provider up: client_id_list is no audience written here.
    [
      "a provider data source",
      role(
        policy(viaProvider("${data.aws_iam_openid_connect_provider.gh.arn}")),
        {},
        { aws_iam_openid_connect_provider: { gh: { url: PROVIDER.url, client_id_list: ["x"] } } },
      ),
      [GITHUB, "  Statement[0]: aud [] sub [sub like (StringLike) repo:octo/*] claims []", "  length 258"],
    ],
    [
      "a provider ARN with an unknown host",
      role(policy(jsonStatement({ Principal: { Federated: "arn:aws:iam::1:oidc-provider/${var.host}/x" } }))),
      [GITHUB, `  Statement[0]: ${PINNED_BY_ARN}`, "  unknown Principal.Federated = ${var.host}", "  length 333"],
    ],
    [
      "a provider ARN unknown here",
      role(policy(jsonStatement({ Principal: { Federated: "${var.provider_arn}" } }))),
      [GITHUB, `  Statement[0]: ${PINNED_BY_ARN}`, "  unknown Principal.Federated = ${var.provider_arn}", "  length 310"],
    ],
    [
      "an account unknown here",
      role(policy(jsonStatement({ Principal: { Federated: `arn:aws:iam::\${var.account}:oidc-provider/${GH}` } }))),
      [GITHUB, `  Statement[0]: ${PINNED_BY_ARN}`, "  length 368"],
    ],
    // One statement, two providers: each reads its own keys (prefixes compared without case and trailing "/").
    [
      "two providers",
      role(
        policy(
          jsonStatement({
            Principal: { Federated: [GH_PROVIDER_ARN, "arn:aws:iam::1:oidc-provider/gitlab.com"] },
            Condition: {
              StringEquals: { [`${GH}/:aud`]: "sts.amazonaws.com", "GitLab.com:aud": "x", "gitlab.com:sub": "project_path:g/*" },
              StringLike: { "Token.Actions.GithubUserContent.com:sub": "repo:octo/*" },
            },
          }),
        ),
      ),
      [
        GITHUB,
        `  Statement[0]: ${PINNED_BY_ARN}`,
        "  length 468",
        "aws_iam_role.r aws: gitlab shared (https://gitlab.com)",
        "  Statement[0]: aud [aud equals (StringEquals) x] sub [sub equals (StringEquals) project_path:g/*] claims []",
        "  length 468",
      ],
    ],
    [
      "a key, an operator and a value unknown here",
      role(
        policy(
          jsonStatement({
            Condition: {
              StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com", "${var.key}:sub": "x" },
              StringLikeish: { [`${GH}:sub`]: "repo:*" },
              StringLike: { [`${GH}:sub`]: "repo:${var.org}/*" },
            },
          }),
        ),
      ),
      [
        GITHUB,
        "  Statement[0]: aud [aud equals (StringEquals) sts.amazonaws.com] sub [sub equals (StringEquals) x; sub unread (StringLikeish) repo:*; sub like (StringLike) repo:${var.org}/*] claims []",
        "  unknown condition keys = ${var.key}",
        `  unknown Statement[0] Condition = StringLikeish ${GH}:sub`,
        `  unknown ${GH}:sub = \${var.org}`,
        "  length 462",
      ],
    ],
    [
      "negations, IfExists, set operators and Null",
      role(
        policy(
          jsonStatement({
            Condition: {
              ...AUD,
              StringNotEqualsIfExists: { [`${GH}:sub`]: "repo:evil/x" },
              "ForAnyValue:StringNotLike": { [`${GH}:repository_owner`]: "evil" },
              Null: { [`${GH}:repository_id`]: "false" },
              "ForAllValues:StringEquals": { [`${GH}:sub`]: "repo:a/b:ref:x" },
            },
          }),
        ),
      ),
      [
        GITHUB,
        "  Statement[0]: aud [aud equals (StringEquals) sts.amazonaws.com] sub [sub negated (StringNotEqualsIfExists) repo:evil/x [IfExists]; sub equals (ForAllValues:StringEquals) repo:a/b:ref:x [ForAllValues]] claims [repository_owner negated (ForAnyValue:StringNotLike) evil [ForAnyValue]; repository_id constrains-nothing (Null) false]",
        "  length 629",
      ],
    ],
    [
      'Principal forms: " * ", a service unknown here (no web identity), an AWS principal unknown here',
      role(
        policy(
          jsonStatement({ Principal: { Federated: " * " } }),
          jsonStatement({ Principal: { Service: "${var.svc}" } }),
          jsonStatement({ Principal: { AWS: ["${var.a}", "arn:aws:iam::1:root"] } }),
        ),
      ),
      [
        GITHUB,
        "  Statement[0] (any principal): aud [aud equals (StringEquals) sts.amazonaws.com] sub [sub like (StringLike) repo:octo/*] claims []",
        "  length 834",
        GITHUB,
        "  Statement[2]: aud [aud equals (StringEquals) sts.amazonaws.com] sub [sub like (StringLike) repo:octo/*] claims []",
        "  unknown Principal.Federated = ${var.a}",
        "  length 834",
      ],
    ],
    [
      'document principals: " * ", a type unknown here',
      documentRole({
        statement: [
          docStatement({ principals: [{ type: "Federated", identifiers: [" * "] }] }),
          docStatement({ principals: [{ type: "${var.t}", identifiers: [" * ", GH_PROVIDER_ARN] }] }),
        ],
      }),
      [
        GITHUB,
        "  data.aws_iam_policy_document.t statement[0] (any principal): aud [aud equals (StringEquals) sts.amazonaws.com] sub [sub like (StringLike) repo:octo/*] claims []",
        "  data.aws_iam_policy_document.t statement[1] (any principal): aud [aud equals (StringEquals) sts.amazonaws.com] sub [sub like (StringLike) repo:octo/*] claims []",
        "  unknown data.aws_iam_policy_document.t statement[1] (any principal).principals.type = ${var.t}",
        GITHUB,
        "  data.aws_iam_policy_document.t statement[1] (any principal): aud [aud equals (StringEquals) sts.amazonaws.com] sub [sub like (StringLike) repo:octo/*] claims []",
        "  unknown data.aws_iam_policy_document.t statement[1] (any principal).principals.type = ${var.t}",
      ],
    ],
    [
      // As the provider merges them: a statement of the document replaces a source statement of the
      // same sid, and an override statement replaces one of the same sid (JSON Sid or document sid).
      "statements of the same sid replace each other, source < document < override",
      documentRole({
        statement: [docStatement({ sid: "A" }), docStatement({ sid: "B", condition: [DOC_CONDITIONS[0]] })],
        source_policy_documents: [policy(jsonStatement({ Sid: "A", Condition: AUD }))],
        override_policy_documents: [policy(jsonStatement({ Sid: "B" }))],
      }),
      [
        GITHUB,
        '  data.aws_iam_policy_document.t statement "A": aud [aud equals (StringEquals) sts.amazonaws.com] sub [sub like (StringLike) repo:octo/*] claims []',
        '  Statement "B": aud [aud equals (StringEquals) sts.amazonaws.com] sub [sub like (StringLike) repo:octo/*] claims []',
      ],
    ],
    [
      "a role naming another attribute of a policy document (not its JSON): unknown here",
      documentRole({ statement: [docStatement()] }, "id"),
      ["aws_iam_role.r aws: generic (no url)", "  unknown assume_role_policy = ${data.aws_iam_policy_document.t.id}"],
    ],
    [
      "an empty sid is no sid (statements are kept, not replaced)",
      documentRole({
        statement: [docStatement({ sid: "" })],
        source_policy_documents: [policy(jsonStatement({ Sid: "" })), policy(jsonStatement({ Sid: "" }))],
      }),
      [
        GITHUB,
        "  Statement[0]: aud [aud equals (StringEquals) sts.amazonaws.com] sub [sub like (StringLike) repo:octo/*] claims []",
        "  Statement[0]: aud [aud equals (StringEquals) sts.amazonaws.com] sub [sub like (StringLike) repo:octo/*] claims []",
        "  data.aws_iam_policy_document.t statement[0]: aud [aud equals (StringEquals) sts.amazonaws.com] sub [sub like (StringLike) repo:octo/*] claims []",
      ],
    ],
    [
      "a document that is not in the configuration",
      role("${data.aws_iam_policy_document.missing.json}"),
      ["aws_iam_role.r aws: generic (no url)", "  unknown assume_role_policy = ${data.aws_iam_policy_document.missing.json}"],
    ],
    [
      "a policy unknown here is kept whole",
      role(`\${${"v".repeat(250)}}`),
      [
        "aws_iam_role.r aws: generic (no url)",
        "  unknown assume_role_policy = ${vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv}",
      ],
    ],
    [
      "a document that names itself as its source (Terraform refuses the cycle): read to the depth bound, then unknown",
      documentRole({ statement: [docStatement()], source_policy_documents: ["${data.aws_iam_policy_document.t.json}"] }),
      [
        GITHUB,
        "  data.aws_iam_policy_document.t statement[0]: aud [aud equals (StringEquals) sts.amazonaws.com] sub [sub like (StringLike) repo:octo/*] claims []",
        "  data.aws_iam_policy_document.t statement[0]: aud [aud equals (StringEquals) sts.amazonaws.com] sub [sub like (StringLike) repo:octo/*] claims []",
        "  data.aws_iam_policy_document.t statement[0]: aud [aud equals (StringEquals) sts.amazonaws.com] sub [sub like (StringLike) repo:octo/*] claims []",
        "  data.aws_iam_policy_document.t statement[0]: aud [aud equals (StringEquals) sts.amazonaws.com] sub [sub like (StringLike) repo:octo/*] claims []",
        "  data.aws_iam_policy_document.t statement[0]: aud [aud equals (StringEquals) sts.amazonaws.com] sub [sub like (StringLike) repo:octo/*] claims []",
        "  data.aws_iam_policy_document.t statement[0]: aud [aud equals (StringEquals) sts.amazonaws.com] sub [sub like (StringLike) repo:octo/*] claims []",
        "  data.aws_iam_policy_document.t statement[0]: aud [aud equals (StringEquals) sts.amazonaws.com] sub [sub like (StringLike) repo:octo/*] claims []",
        "  data.aws_iam_policy_document.t statement[0]: aud [aud equals (StringEquals) sts.amazonaws.com] sub [sub like (StringLike) repo:octo/*] claims []",
        "  data.aws_iam_policy_document.t statement[0]: aud [aud equals (StringEquals) sts.amazonaws.com] sub [sub like (StringLike) repo:octo/*] claims []",
        "  unknown data.aws_iam_policy_document.t.source_policy_documents = ${data.aws_iam_policy_document.t.json}",
      ],
    ],
    [
      "a provider resource with no client ids: no audience",
      role(policy(viaProvider("${aws_iam_openid_connect_provider.gh.arn}")), {
        aws_iam_openid_connect_provider: { gh: { url: PROVIDER.url, client_id_list: [] } },
      }),
      [GITHUB, "  Statement[0]: aud [] sub [sub like (StringLike) repo:octo/*] claims []", "  length 253"],
    ],
    [
      "an issuer unknown here: the spelling with the most literal text",
      role(
        policy(
          jsonStatement({
            Principal: { Federated: "${var.arn}" },
            Condition: {
              StringEquals: {
                "${var.host}:aud": "sts.amazonaws.com",
                "oidc.eks.${var.region}.amazonaws.com/id/${var.id}:sub": "system:serviceaccount:ci:deployer",
              },
            },
          }),
        ),
      ),
      [
        "aws_iam_role.r aws: generic (unknown https://oidc.eks.${var.region}.amazonaws.com/id/${var.id})",
        "  Statement[0]: aud [aud equals (StringEquals) sts.amazonaws.com] sub [sub equals (StringEquals) system:serviceaccount:ci:deployer] claims []",
        "  unknown Principal.Federated = ${var.arn}",
        "  unknown condition keys = ${var.host}",
        "  unknown condition keys = ${var.region}",
        "  unknown condition keys = ${var.id}",
        "  length 298",
      ],
    ],
    [
      "a claim name unknown here is unread",
      role(
        policy(
          jsonStatement({
            Condition: { StringLike: { [`${GH}:sub`]: "repo:octo/*" }, StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com", [`${GH}:\${var.claim}`]: "x" } },
          }),
        ),
      ),
      [
        GITHUB,
        "  Statement[0]: aud [aud equals (StringEquals) sts.amazonaws.com] sub [sub like (StringLike) repo:octo/*] claims [? unread (StringEquals token.actions.githubusercontent.com:${var.claim}) x]",
        "  unknown Statement[0] Condition key = ${var.claim}",
        "  length 421",
      ],
    ],
    // SAML and Amazon Cognito federation are not OIDC issuers of workloads: not read here.
    [
      "a SAML provider and Cognito",
      role(
        JSON.stringify({
          Statement: [
            jsonStatement({ Principal: { Federated: "arn:aws:iam::1:saml-provider/corp" } }),
            jsonStatement({ Principal: { Federated: "cognito-identity.amazonaws.com" } }),
          ],
        }),
      ),
      [],
    ],
    [
      "a policy written as an object (jsonencode evaluated)",
      role({ Version: "2012-10-17", Statement: [jsonStatement()] }),
      [GITHUB, `  Statement[0]: ${PINNED_BY_ARN}`, "  length 366"],
    ],
    ["a null policy", role(null), []],
    ["a Statement that is one object", role(JSON.stringify({ Statement: jsonStatement() })), [GITHUB, `  Statement[0]: ${PINNED_BY_ARN}`, "  length 341"]],
    [
      "a Statement unknown here",
      role(JSON.stringify({ Statement: "${var.statements}" })),
      [
        "aws_iam_role.r aws: generic (unknown ${var.statements})",
        "  Statement[0]: aud [aud unknown (Condition) ${var.statements}] sub [] claims [? unknown (Condition) ${var.statements}]",
        "  unknown Statement[0].Effect = ${var.statements}",
        "  unknown Statement[0].Action = ${var.statements}",
        "  unknown Principal.Federated = ${var.statements}",
        "  unknown Statement[0] Condition = ${var.statements}",
        "  length 33",
      ],
    ],
    // IAM reads operator and key names without case, and keys unknown here may be one key at apply:
    // their values are OR-ed (the wider reading). Blocks unknown here are never merged.
    [
      "one operator spelled in two cases",
      role(policy(jsonStatement({ Condition: { ...AUD, StringLike: { [`${GH}:sub`]: "repo:a/*" }, stringlike: { [`${GH}:sub`]: "repo:b/*" } } }))),
      [GITHUB, "  Statement[0]: aud [aud equals (StringEquals) sts.amazonaws.com] sub [sub like (StringLike) repo:a/*|repo:b/*] claims []", "  length 431"],
    ],
    [
      "one key spelled in two cases",
      role(policy(jsonStatement({ Condition: { ...AUD, StringLike: { [`${GH}:sub`]: "repo:a/*", [`${GH}:SUB`]: "repo:b/*" } } }))),
      [GITHUB, "  Statement[0]: aud [aud equals (StringEquals) sts.amazonaws.com] sub [sub like (StringLike) repo:a/*|repo:b/*] claims []", "  length 416"],
    ],
    [
      "keys whose prefixes are unknown here",
      role(
        policy(
          jsonStatement({
            Principal: { Federated: "${var.p}" },
            Condition: { StringEquals: { "${var.a}:aud": "sts.amazonaws.com" }, StringLike: { "${var.a}:sub": "repo:a/*", "${var.b}:sub": "repo:b/*" } },
          }),
        ),
      ),
      [
        "aws_iam_role.r aws: generic (unknown ${var.p})",
        "  Statement[0]: aud [aud equals (StringEquals) sts.amazonaws.com] sub [sub like (StringLike) repo:a/*|repo:b/*] claims []",
        "  unknown Principal.Federated = ${var.p}",
        "  unknown condition keys = ${var.a}",
        "  unknown condition keys = ${var.b}",
        "  length 268",
      ],
    ],
    [
      "two operator blocks unknown here",
      role(policy(jsonStatement({ Condition: { StringEquals: "${var.x}", StringLike: "${var.y}" } }))),
      [
        GITHUB,
        "  Statement[0]: aud [aud unknown (Condition) ${var.x}|${var.y}] sub [] claims [? unknown (Condition) ${var.x}; ? unknown (Condition) ${var.y}]",
        "  unknown Statement[0] Condition = ${var.x}",
        "  unknown Statement[0] Condition = ${var.y}",
        "  length 266",
      ],
    ],
    // Any principal: tokens of other providers lack the keys, so checks that hold when their key is
    // missing (negations, IfExists, ForAllValues:, Null) restrict nothing and are not read; operators
    // IAM does not know are unread (WIF011), whatever their names hold.
    [
      "any principal: checks that hold without their key, and unknown operators",
      role(
        JSON.stringify({
          Statement: [
            {
              Effect: "Allow",
              Action: "sts:AssumeRoleWithWebIdentity",
              Principal: "*",
              Condition: {
                ...AUD,
                StringNotEquals: { [`${GH}:sub`]: "repo:evil/x" },
                "ForAnyValue:StringNotLike": { [`${GH}:sub`]: "d" },
                StringLikeIfExistsX: { [`${GH}:sub`]: "a" },
                "XForAllValues:StringLike": { [`${GH}:sub`]: "b" },
                XStringNotEquals: { [`${GH}:sub`]: "c" },
              },
            },
          ],
        }),
      ),
      [
        GITHUB,
        "  Statement[0] (any principal): aud [aud equals (StringEquals) sts.amazonaws.com] sub [sub unread (StringLikeIfExistsX) a; sub unread (XForAllValues:StringLike) b; sub unread (XStringNotEquals) c] claims []",
        `  unknown Statement[0] (any principal) Condition = StringLikeIfExistsX ${GH}:sub`,
        `  unknown Statement[0] (any principal) Condition = XForAllValues:StringLike ${GH}:sub`,
        `  unknown Statement[0] (any principal) Condition = XStringNotEquals ${GH}:sub`,
        "  length 548",
      ],
    ],
    [
      "a provider ARN of one issuer with keys of another: the ARN names the issuer",
      role(policy(jsonStatement({ Principal: { Federated: "arn:aws:iam::1:oidc-provider/gitlab.com" } }))),
      ["aws_iam_role.r aws: gitlab shared (https://gitlab.com)", `  Statement[0]: ${PINNED_BY_ARN}`, "  length 330"],
    ],
  ])("%s", (_name, config, expected) => {
    expect(factsText(extractTrustFacts(resourcesFromTerraformJson(config)))).toEqual(expected);
  });
});

// Where the issuer is named (each reading's references): the provider resource's url, the provider
// ARN, the condition-key prefixes (each spelling that differs in more than case and a trailing "/").
describe("AWS reader: where each reading's issuer is named", () => {
  const references = (config: object) =>
    extractTrustFacts(resourcesFromTerraformJson(config)).map((f) => f.issuer.references.map((r) => `${r.where} = ${r.value}`));
  it.each<[string, object, string[][]]>([
    ["the provider ARN and the keys", role(policy(jsonStatement())), [[`Principal.Federated = https://${GH}`, `condition keys = https://${GH}`]]],
    [
      "a provider resource",
      role(policy(jsonStatement({ Principal: { Federated: "${aws_iam_openid_connect_provider.gh.arn}" } })), {
        aws_iam_openid_connect_provider: { gh: PROVIDER },
      }),
      [[`aws_iam_openid_connect_provider.gh.url = https://${GH}`, `condition keys = https://${GH}`]],
    ],
    [
      "two providers, keys spelled with other case and a trailing slash",
      role(
        policy(
          jsonStatement({
            Principal: { Federated: [GH_PROVIDER_ARN, "arn:aws:iam::1:oidc-provider/gitlab.com"] },
            Condition: {
              StringEquals: { [`${GH}/:aud`]: "sts.amazonaws.com", "GitLab.com:aud": "x" },
              StringLike: { "Token.Actions.GithubUserContent.com:sub": "repo:octo/*" },
            },
          }),
        ),
      ),
      [
        [`Principal.Federated = https://${GH}`, `condition keys = https://${GH}/`, "condition keys = https://Token.Actions.GithubUserContent.com"],
        ["Principal.Federated = https://gitlab.com", "condition keys = https://GitLab.com"],
      ],
    ],
    [
      "a key prefix spelled in another case is one spelling",
      role(policy(jsonStatement({ Condition: { ...AUD, StringLike: { "TOKEN.actions.githubusercontent.com:sub": "repo:*" } } }))),
      [[`Principal.Federated = https://${GH}`, `condition keys = https://${GH}`]],
    ],
    // The provider ARN names the issuer; keys of another issuer are references too (WIF009 compares them).
    [
      "keys of another issuer than the provider's",
      role(policy(jsonStatement({ Principal: { Federated: "arn:aws:iam::1:oidc-provider/gitlab.com" } }))),
      [["Principal.Federated = https://gitlab.com", `condition keys = https://${GH}`]],
    ],
  ])("%s", (_name, config, expected) => {
    expect(references(config)).toEqual(expected);
  });
});

describe("splitKey: a condition key's issuer prefix and claim", () => {
  it.each<[string, { prefix: string; claim: string } | undefined]>([
    [`${GH}:sub`, { prefix: GH, claim: "sub" }],
    // The IRSA idiom: the colons inside ${...} are not the separator.
    [
      '${replace(aws_iam_openid_connect_provider.eks.url, "https://", "")}:sub',
      { prefix: '${replace(aws_iam_openid_connect_provider.eks.url, "https://", "")}', claim: "sub" },
    ],
    ["${a:b}", undefined],
    ["${a{b:c}d}:aud", { prefix: "${a{b:c}d}", claim: "aud" }],
    ["host:${var.claim}", { prefix: "host", claim: "${var.claim}" }],
    ["a:b:c", { prefix: "a:b", claim: "c" }],
    // A $ or } that opens or closes nothing is a character like any other.
    ["$x:y", { prefix: "$x", claim: "y" }],
    ["a}:b", { prefix: "a}", claim: "b" }],
    ["no-colon", undefined],
    // A quoted brace does not end the unknown part (its colon is not the separator).
    ['${replace(var.url, "}", ":")}', undefined],
    ['${lookup(var.m, "}:x")}:sub', { prefix: '${lookup(var.m, "}:x")}', claim: "sub" }],
    // An IAM escape is a character; a ${ nothing closes is text.
    ["a${*}:b", { prefix: "a${*}", claim: "b" }],
  ])("%j", (key, expected) => {
    expect(splitKey(key)).toEqual(expected);
  });
});
