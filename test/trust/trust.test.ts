import { Claim, Issuer, Subject, Trust } from "../../src";

const GH = "https://token.actions.githubusercontent.com";
const SUB = "repo:octo-org/payments:environment:production";

const deploy = Trust.githubActions({ repository: "octo-org/payments", environment: "production", repositoryOwnerId: "1234567" });
const token = (overrides: Record<string, unknown> = {}) => ({
  iss: GH,
  sub: SUB,
  aud: "sts.amazonaws.com",
  repository_owner_id: "1234567",
  ...overrides,
});

describe("trust.accepts", () => {
  test.each([
    ["matching token", token(), "aws", true],
    ["other issuer", token({ iss: "https://token.actions.githubusercontent.com/acme" }), "aws", false],
    ["issuer with trailing slash", token({ iss: `${GH}/` }), "aws", false],
    ["other subject", token({ sub: "repo:octo-org/payments:environment:staging" }), "aws", false],
    ["subject of another case", token({ sub: SUB.toUpperCase() }), "aws", false],
    ["missing subject", token({ sub: undefined }), "aws", false],
    ["owner id mismatch", token({ repository_owner_id: "7654321" }), "aws", false],
    ["owner id missing", token({ repository_owner_id: undefined }), "aws", false],
    ["owner id as a number", token({ repository_owner_id: 1234567 }), "aws", false],
    ["aws default audience", token(), "aws", true],
    ["wrong audience for aws", token({ aud: "api://AzureADTokenExchange" }), "aws", false],
    ["missing audience for aws", token({ aud: undefined }), "aws", false],
    ["audience list containing the default", token({ aud: ["x", "sts.amazonaws.com"] }), "aws", true],
    ["azure default audience", token({ aud: "api://AzureADTokenExchange" }), "azure", true],
    ["aws audience on azure", token(), "azure", false],
    ["gcp: audience left to the provider", token({ aud: "//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/q" }), "gcp", true],
    ["no cloud, no audiences: aud not checked", token({ aud: "anything" }), undefined, true],
  ])("%s", (_name, claims, cloud, expected) => {
    expect(deploy.accepts(claims, cloud as "aws" | "gcp" | "azure" | undefined)).toBe(expected);
  });

  test("explicit audiences apply to every cloud and without a cloud", () => {
    const custom = deploy.withAudiences(["my-aud"]);
    for (const cloud of ["aws", "gcp", "azure", undefined] as const) {
      expect(custom.accepts(token({ aud: "my-aud" }), cloud)).toBe(true);
      expect(custom.accepts(token({ aud: "sts.amazonaws.com" }), cloud)).toBe(false);
    }
    expect(custom.audiencesFor("gcp")).toEqual(["my-aud"]);
  });

  test("a trust with no AWS default audience cannot be judged for AWS", () => {
    const gitlab = Trust.gitlab({ projectPath: "g/app", refType: "branch", ref: "main" });
    expect(gitlab.audiencesFor("aws")).toBeUndefined();
    expect(() => gitlab.accepts({ iss: "https://gitlab.com", sub: "project_path:g/app:ref_type:branch:ref:main", aud: "x" }, "aws")).toThrow(
      'Trust.audiences: tokens from "https://gitlab.com" (gitlab) have no usual AWS audience, so AWS could not check "aud". Set audiences to the value your workload requests, e.g. audiences: ["sts.amazonaws.com"].',
    );
    expect(gitlab.accepts({ iss: "https://gitlab.com", sub: "project_path:g/app:ref_type:branch:ref:main", aud: "x" }, "azure")).toBe(false);
  });

  test("generic trust: exact and pattern subjects stay an OR; claims AND together", () => {
    const trust = new Trust({
      issuer: Issuer.fromUrl(GH),
      subject: Subject.anyOf(["repo:o/r:ref:refs/heads/main", Subject.like("repo:o/r:ref:refs/tags/v*")]),
      audiences: ["sts.amazonaws.com"],
      claims: { repository_owner_id: Claim.equals("1"), workflow: Claim.anyOf(["deploy", "release"]) },
    });
    const base = { iss: GH, aud: "sts.amazonaws.com", repository_owner_id: "1", workflow: "deploy" };
    expect(trust.accepts({ ...base, sub: "repo:o/r:ref:refs/heads/main" })).toBe(true);
    expect(trust.accepts({ ...base, sub: "repo:o/r:ref:refs/tags/v2" })).toBe(true);
    expect(trust.accepts({ ...base, sub: "repo:o/r:ref:refs/heads/dev" })).toBe(false);
    expect(trust.accepts({ ...base, sub: "repo:o/r:ref:refs/heads/main", workflow: "other" })).toBe(false);
  });

  test.each([
    [
      () => new Trust({ issuer: Issuer.fromUrl(GH) } as never),
      "Trust.subject: a subject is required (got undefined): a trust without one admits every workload of the issuer.",
    ],
    [
      () => new Trust({ issuer: GH, subject: Subject.exactly("x") } as never),
      'Trust.issuer: expected an Issuer, got "https://token.actions.githubusercontent.com".',
    ],
    [
      () => new Trust({ issuer: Issuer.fromUrl(GH), subject: Subject.exactly("x"), claims: { sub: Claim.equals("x") } }),
      'Trust.claims.sub: "sub" is checked through the trust\'s subject, not as a claim condition. Move it there.',
    ],
    [
      () => new Trust({ issuer: Issuer.fromUrl(GH), subject: Subject.exactly("x"), claims: { "a:b": Claim.equals("x") } }),
      'Trust.claims: "a:b" is not a usable claim name',
    ],
    [() => new Trust({ issuer: Issuer.fromUrl(GH), subject: Subject.exactly("x"), claims: { a: "x" } } as never), 'Trust.claims.a: expected a Claim, got "x".'],
    [() => new Trust({ issuer: Issuer.fromUrl(GH), subject: Subject.exactly("x"), audiences: ["sts.*"] }), 'Trust.audiences: "sts.*" contains a wildcard.'],
    [
      () => new Trust({ issuer: Issuer.fromUrl(GH), subject: Subject.exactly("x"), audiences: ["${var.aud}"] }),
      'Trust.audiences: "${var.aud}" contains "${" or "%{", which Terraform reads as an interpolation',
    ],
    [
      () => new Trust({ issuer: Issuer.fromUrl(GH), subject: Subject.exactly("x"), claims: JSON.parse('{"__proto__": 1}') }),
      'Trust.claims: "__proto__" is not a usable claim name',
    ],
    [
      () => new Trust({ issuer: Issuer.fromUrl(GH), subject: Subject.exactly("x"), audiences: ["a", "a"] }),
      'Trust.audiences: "a" is listed twice. List each audience once.',
    ],
    [() => new Trust({ issuer: Issuer.fromUrl(GH), subject: Subject.exactly("x"), extra: 1 } as never), 'Trust.extra: unknown option "extra".'],
  ])("refuses bad input (%#)", (make, message) => {
    expect(make).toThrow(message);
  });

  test("trusts are immutable values; refinements return new trusts", () => {
    expect(Object.isFrozen(deploy)).toBe(true);
    expect(Object.isFrozen(deploy.claims)).toBe(true);
    const more = deploy.withClaims({ workflow: Claim.equals("deploy") });
    expect(Object.keys(deploy.claims)).toEqual(["repository_owner_id"]);
    expect(Object.keys(more.claims)).toEqual(["repository_owner_id", "workflow"]);
    expect(more.subject).toBe(deploy.subject);
  });
});
