/**
 * What the `aws-reader` re-run's survivors (sixth pass, docs/development.md) showed untested: each
 * row fails with the mutant it names applied to `src/terraform/aws-trust.ts`.
 */
import { lintFacts } from "../../src/lint/engine";
import type { TrustFacts } from "../../src/lint/facts";
import { extractTrustFacts, resourcesFromTerraformJson } from "../../src/terraform/extract";
import { AwsOracle, createAwsOracle } from "../oracle/aws-oracle";
import { awsRoles, documentRole, GH, GH_PROVIDER_ARN } from "./fixtures";

const AUD = { [`${GH}:aud`]: "sts.amazonaws.com" };
const statement = (extra: Record<string, unknown>) => ({
  Effect: "Allow",
  Action: "sts:AssumeRoleWithWebIdentity",
  Principal: { Federated: GH_PROVIDER_ARN },
  ...extra,
});
const policy = (...statements: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const factsOf = (config: object): TrustFacts[] => extractTrustFacts(resourcesFromTerraformJson(config));
const rulesOf = (config: object): string[] => [...new Set(lintFacts(factsOf(config)).map((f) => `${f.rule}/${f.severity}`))].sort();
const provider = (url: string, statements: unknown[]) =>
  awsRoles({ r: policy(...statements) }, { aws_iam_openid_connect_provider: { p: { url, client_id_list: ["sts.amazonaws.com"] } } });
const viaProvider = (condition: object) => statement({ Principal: { Federated: "${aws_iam_openid_connect_provider.p.arn}" }, Condition: condition });

describe("which rules", () => {
  it.each<[string, object, string[]]>([
    // `p.kind === "text"` in the action match: only the unknown part is a wildcard.
    [
      "an action of another service with an unknown part",
      awsRoles({ r: policy(statement({ Action: "s3:${var.a}", Condition: { StringLike: { [`${GH}:sub`]: "repo:*", ...AUD } } })) }),
      [],
    ],
    // A key of another issuer that holds when missing restricts nothing (`foreign`).
    [
      "only another issuer's key, with IfExists",
      awsRoles({
        r: policy(
          statement({ Condition: { StringEquals: AUD, StringEqualsIfExists: { "gitlab.com:sub": "project_path:octo/app:ref_type:branch:ref:main" } } }),
        ),
      }),
      ["WIF001/critical", "WIF009/high"],
    ],
    // An operator the reader cannot read stays unread with one unknown value: never an assumed pin.
    [
      "Bool on the sub with one unknown value",
      awsRoles({ r: policy(statement({ Condition: { StringEquals: AUD, Bool: { [`${GH}:sub`]: "${var.x}" } } })) }),
      ["WIF001/critical", "WIF011/info"],
    ],
    // An issuer whose path holds `aws:` is no global `aws:` key.
    [
      "a key on an issuer path ending in /aws",
      provider("https://issuer.example.com/aws", [
        viaProvider({ StringEquals: { "issuer.example.com/aws:aud": "sts.amazonaws.com", "issuer.example.com/aws:sub": "deploy" } }),
      ]),
      [],
    ],
    // A key with an unknown prefix may be the provider's own key at apply: its values OR with it (`mayBeSameKey`).
    [
      "a key with an unknown prefix before the provider's own",
      awsRoles({ r: policy(statement({ Condition: { StringEquals: AUD, StringLike: { "${var.host}:sub": "repo:octo/app:*", [`${GH}:sub`]: "repo:*" } } })) }),
      ["WIF002/critical", "WIF011/info"],
    ],
    // Keys the reader cannot split never throw.
    [
      "two keys wholly unknown under one operator",
      awsRoles({
        r: policy(statement({ Condition: { StringEquals: { ...AUD, "${var.k1}": "a", "${var.k2}": "b" }, StringLike: { [`${GH}:sub`]: "repo:octo/app:*" } } })),
      }),
      ["WIF004/medium", "WIF008/medium", "WIF011/info"],
    ],
    [
      "a wholly unknown key before one with an unknown prefix",
      awsRoles({
        r: policy(
          statement({ Condition: { StringEquals: { ...AUD, "${var.k1}": "a", "${var.k2}:sub": "b" }, StringLike: { [`${GH}:sub`]: "repo:octo/app:*" } } }),
        ),
      }),
      ["WIF007/high", "WIF011/info"],
    ],
    [
      "a key without a prefix",
      awsRoles({ r: policy(statement({ Condition: { StringEquals: { ...AUD, sub: "x" }, StringLike: { [`${GH}:sub`]: "repo:octo/app:*" } } })) }),
      ["WIF004/medium", "WIF008/medium"],
    ],
  ])("%s", (_name, config, expected) => {
    expect(rulesOf(config)).toEqual(expected);
  });
});

describe("which facts", () => {
  it("a principal key unknown here: the provider stays the provider, `*` is everyone, the key is named", () => {
    const [withArn] = factsOf(awsRoles({ r: policy(statement({ Principal: { "${var.t}": GH_PROVIDER_ARN }, Condition: { StringEquals: AUD } })) }));
    expect(withArn.statements.map((s) => s.label)).toEqual(["Statement[0]"]);
    expect(withArn.issuer.url).toBe(`https://${GH}`);
    expect(withArn.unknowns).toContainEqual({ field: "Statement[0].Principal", expression: "${var.t}" });
    const [everyone] = factsOf(awsRoles({ r: policy(statement({ Principal: { "${var.t}": " * " }, Condition: { StringEquals: AUD } })) }));
    expect(everyone.statements.map((s) => s.label)).toEqual(["Statement[0] (any principal)"]);
  });

  it("a policy-document type unknown here: the provider stays the provider", () => {
    const config = documentRole({
      actions: ["sts:AssumeRoleWithWebIdentity"],
      principals: [{ type: "${var.t}", identifiers: [GH_PROVIDER_ARN] }],
      condition: [{ test: "StringEquals", variable: `${GH}:aud`, values: ["sts.amazonaws.com"] }],
    });
    expect(factsOf(config)[0].statements.map((s) => s.label)).toEqual(["data.aws_iam_policy_document.d statement[0]"]);
  });

  it("an issuer unknown everywhere: its most literal spelling is the unknown URL", () => {
    const [f] = factsOf(
      awsRoles({
        r: policy(statement({ Principal: { Federated: "arn:aws:iam::1:oidc-provider/${var.host}" }, Condition: { StringEquals: { "${var.host}:aud": "x" } } })),
      }),
    );
    expect(f.issuer.url).toBeUndefined();
    expect(f.issuer.unknownUrl).toBe("https://${var.host}");
  });

  it("a condition-key prefix is a reference, also on an issuer path ending in /aws", () => {
    const [f] = factsOf(provider("https://issuer.example.com/aws", [viaProvider({ StringEquals: { "issuer.example.com/aws:aud": "sts.amazonaws.com" } })]));
    expect(f.issuer.references).toContainEqual({ where: "condition keys", value: "https://issuer.example.com/aws" });
  });

  it("the unknown URL is the spelling with the most literal text, not the most unknown parts", () => {
    const [f] = factsOf(
      awsRoles({
        r: policy(
          statement({ Principal: { Federated: "arn:aws:iam::1:oidc-provider/${var.h}" }, Condition: { StringEquals: { "${var.a}${var.b}:aud": "x" } } }),
        ),
      }),
    );
    expect(f.issuer.unknownUrl).toBe("https://${var.h}");
  });

  it("a provider URL with two trailing slashes names the issuer without them", () => {
    const [f] = factsOf(provider("https://issuer.example.com//", [viaProvider({ StringEquals: { "issuer.example.com//:aud": "sts.amazonaws.com" } })]));
    expect(f.issuer.url).toBe("https://issuer.example.com");
  });

  it("two providers in one statement: a key of this provider spelled with two trailing slashes is a spelling of its issuer", () => {
    const statementOfTwo = statement({
      Principal: { Federated: [GH_PROVIDER_ARN, "arn:aws:iam::1:oidc-provider/gitlab.com"] },
      Condition: { StringEquals: { [`${GH}//:aud`]: "sts.amazonaws.com", "gitlab.com:aud": "x" } },
    });
    const github = factsOf(awsRoles({ r: policy(statementOfTwo) })).find((f) => f.issuer.url === `https://${GH}`);
    expect(github?.issuer.references).toContainEqual({ where: "condition keys", value: `https://${GH}//` });
    // An issuer with a path: its slashes inside are kept.
    const withPath = statement({
      Principal: { Federated: [GH_PROVIDER_ARN, "arn:aws:iam::1:oidc-provider/issuer.example.com/tenant"] },
      Condition: { StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com", "issuer.example.com/tenant:aud": "x" } },
    });
    const tenant = factsOf(awsRoles({ r: policy(withPath) })).find((f) => f.issuer.url === "https://issuer.example.com/tenant");
    expect(tenant?.issuer.references).toContainEqual({ where: "condition keys", value: "https://issuer.example.com/tenant" });
    // A provider spelled with two trailing slashes: its keys without them are still its spellings (WIF009 compares them).
    const slashed = statement({
      Principal: { Federated: [GH_PROVIDER_ARN, "arn:aws:iam::1:oidc-provider/issuer.example.com//"] },
      Condition: { StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com", "issuer.example.com:aud": "x" } },
    });
    const other = factsOf(awsRoles({ r: policy(slashed) })).find((f) => f.issuer.url === "https://issuer.example.com");
    expect(other?.issuer.references).toContainEqual({ where: "condition keys", value: "https://issuer.example.com" });
  });

  it("a federated principal that is no ARN and partly unknown adds no spelling of the issuer", () => {
    const [f] = factsOf(awsRoles({ r: policy(statement({ Principal: { Federated: "${var.a}/x" }, Condition: { StringEquals: { "${var.a}:aud": "x" } } })) }));
    expect(f.issuer.unknownUrl).toBe("${var.a}");
  });

  it("a provider URL: partly unknown, a reference where it is written; wholly unknown, none", () => {
    const refs = (url: string) => factsOf(provider(url, [viaProvider({ StringEquals: { "${var.k}:aud": "x" } })]))[0].issuer.references;
    expect(refs("http://${var.host}")).toEqual([{ where: "aws_iam_openid_connect_provider.p.url", value: "http://${var.host}" }]);
    expect(refs("${var.url}")).toEqual([]);
  });
});

describe("a key whose prefix differs from the provider's by a trailing slash is never in its tokens", () => {
  let oracle: AwsOracle;
  beforeAll(async () => {
    oracle = await createAwsOracle();
  });
  const FOREIGN = { iss: `https://${GH}`, sub: "repo:evil/x:ref:refs/heads/main", aud: "sts.amazonaws.com" };

  // Before, the prefix was compared without its trailing slash, so the IfExists check read as a pin (WIF004).
  it.each<[string, string, string]>([
    ["StringLikeIfExists", `${GH}/:sub`, "WIF001/critical"],
    ["StringLikeIfExists", `${GH}//:sub`, "WIF001/critical"],
    ["StringNotLike", `${GH}/:sub`, "WIF001/critical"],
  ])("%s on %s: the simulator admits another tenant, the lint says %s", (op, key, expected) => {
    const json = policy(statement({ Condition: { StringEquals: AUD, [op]: { [key]: op === "StringNotLike" ? "repo:evil/*" : "repo:octo/app:*" } } }));
    expect(oracle.allows(json, GH_PROVIDER_ARN, FOREIGN)).toBe(true);
    expect(rulesOf(awsRoles({ r: json }))).toContain(expected);
  });
});
