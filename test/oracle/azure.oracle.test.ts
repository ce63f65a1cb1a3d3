import fc from "fast-check";

import type { AzureTarget } from "../../src/compile/azure";
import { Issuer, Subject, Trust } from "../../src/trust";
import { AZURE_AUD as AUD, baseSubject, EKS, GH, GL, MUTATIONS, mutate, TFC, Token, tokenFor, trusts } from "./azure-boundary";
import { entraAccepts, globMatches, OracleCredentials, parseExpression, validateFlexible } from "./azure-oracle";
import { synthAzure } from "./azure-synth";

describe("the Azure oracle itself", () => {
  it.each([
    ["release-*", "release-1", true],
    ["release-*", "release-", true],
    ["release-*", "Release-1", false],
    ["a*b", "a/x:yb", true],
    ["a?c", "abc", true],
    ["a?c", "ac", false],
    ["v*", "xv1", false],
    ["*", "", true],
    ["a.b", "axb", false],
  ])("glob %s vs %s = %s", (pattern, value, expected) => {
    expect(globMatches(pattern, value)).toBe(expected);
  });

  it("parses the documented grammar", () => {
    expect(parseExpression("claims['sub'] matches 'repo:o/r:*' and claims['repository_owner_id'] eq '1'")).toEqual([
      { claim: "sub", op: "matches", comparand: "repo:o/r:*" },
      { claim: "repository_owner_id", op: "eq", comparand: "1" },
    ]);
  });

  it.each([
    "claims['sub'] matches 'a' or claims['sub'] eq 'b'",
    "claims['sub']  eq 'a'",
    "claims[\"sub\"] eq 'a'",
    "claims['sub'] eq 'it's'",
    "claims['sub'] eq 'a\\'b'",
    "claims['sub'] ne 'a'",
    "claims['sub'] eq 'a' and",
  ])("rejects %s", (expression) => {
    expect(() => parseExpression(expression)).toThrow(/invalid claims matching expression/);
  });

  it.each([
    [GH, "claims['sub'] matches 'repo:o/r:*'", /must test one of repository_id, repository_owner_id/],
    [GH, "claims['sub'] matches 'repo:o/r:*' and claims['repository_owner_id'] matches '1*'", /repository_owner_id with matches is not allowed/],
    [GL, "claims['sub'] eq 'x' and claims['namespace_id'] eq '1'", /namespace_id with eq is not allowed/],
    [EKS, "claims['sub'] eq 'x'", /no flexible credentials/],
    [TFC, "claims['repository_id'] eq '1'", /not allowed/],
  ])("refuses what Entra refuses: %s %s", (issuer, expression, error) => {
    expect(() => validateFlexible({ issuer, audience: AUD, claims_matching_expression: expression })).toThrow(error);
  });

  it("accepts a token through any credential, comparing iss, sub and aud exactly", () => {
    const creds: OracleCredentials = {
      exact: [{ issuer: GH, subject: "repo:o/r:ref:refs/heads/main", audiences: [AUD] }],
      flexible: [
        { issuer: GH, audience: AUD, claims_matching_expression: "claims['sub'] matches 'repo:o/r:environment:*' and claims['repository_id'] eq '9'" },
      ],
    };
    const base = { iss: GH, aud: AUD, repository_id: "9" };
    expect(entraAccepts(creds, { ...base, sub: "repo:o/r:ref:refs/heads/main" })).toBe(true);
    expect(entraAccepts(creds, { ...base, sub: "repo:o/r:ref:refs/heads/Main" })).toBe(false);
    expect(entraAccepts(creds, { ...base, sub: "repo:o/r:environment:prod" })).toBe(true);
    expect(entraAccepts(creds, { ...base, sub: "repo:o/r:environment:prod", repository_id: 9 })).toBe(false);
    expect(entraAccepts(creds, { ...base, sub: "repo:o/r:environment:prod", aud: ["x", AUD] })).toBe(true);
    expect(entraAccepts(creds, { ...base, sub: "repo:o/r:ref:refs/heads/main", iss: `${GH}/` })).toBe(false);
  });
});

const TRUSTS: Record<string, { trust: Trust; target: AzureTarget }> = {
  ghEnv: { trust: Trust.githubActions({ repository: "octo/app", environment: "prod" }), target: "managed-identity" },
  ghRelease: { trust: Trust.githubActions({ repository: "octo/app", branch: "release-*", repositoryOwnerId: "123" }), target: "app-registration" },
  glTag: { trust: Trust.gitlab({ projectPath: "grp/app", refType: "tag", ref: "v*", projectId: "77" }), target: "app-registration" },
  tfcAny: { trust: Trust.terraformCloud({ organization: "acme", project: "infra", workspace: "prod", runPhase: "any" }), target: "app-registration" },
  k8s: { trust: Trust.kubernetes({ issuerUrl: EKS, namespace: "ci", serviceAccount: "deployer" }), target: "managed-identity" },
  ghImmutable: {
    trust: Trust.githubActions({ repository: "octo/app", anyRef: true, repositoryOwnerId: "123", repositoryId: "456", immutableSubject: true }),
    target: "app-registration",
  },
  ghAnyOf: {
    trust: new Trust({ issuer: Issuer.githubActions(), subject: Subject.anyOf(["repo:octo/app:ref:refs/heads/main", "repo:octo/app:environment:prod"]) }),
    target: "managed-identity",
  },
  ghWorkflow: {
    trust: Trust.githubActions({ repository: "octo/app", tag: "v*", repositoryId: "456", jobWorkflowRef: "octo/wf/.github/workflows/deploy.yml@refs/heads/*" }),
    target: "app-registration",
  },
};

const TOKENS: Array<[keyof typeof TRUSTS, string, Token, boolean]> = [
  ["ghEnv", "the environment", tokenFor(GH, "repo:octo/app:environment:prod"), true],
  ["ghEnv", "another environment", tokenFor(GH, "repo:octo/app:environment:production"), false],
  ["ghEnv", "another owner", tokenFor(GH, "repo:evil/app:environment:prod"), false],
  ["ghEnv", "a case change", tokenFor(GH, "repo:Octo/app:environment:prod"), false],
  ["ghEnv", "another audience", tokenFor(GH, "repo:octo/app:environment:prod", { aud: "sts.amazonaws.com" }), false],
  ["ghEnv", "an audience list holding the audience", tokenFor(GH, "repo:octo/app:environment:prod", { aud: ["x", AUD] }), true],
  ["ghEnv", "no audience", tokenFor(GH, "repo:octo/app:environment:prod", { aud: undefined }), false],
  ["ghRelease", "a release branch", tokenFor(GH, "repo:octo/app:ref:refs/heads/release-1.2"), true],
  ["ghRelease", "the bare prefix", tokenFor(GH, "repo:octo/app:ref:refs/heads/release-"), true],
  ["ghRelease", "main", tokenFor(GH, "repo:octo/app:ref:refs/heads/main"), false],
  ["ghRelease", "a re-registered owner", tokenFor(GH, "repo:octo/app:ref:refs/heads/release-1", { repository_owner_id: "666" }), false],
  ["ghRelease", "a missing owner id", tokenFor(GH, "repo:octo/app:ref:refs/heads/release-1", { repository_owner_id: undefined }), false],
  ["ghRelease", "an owner prefix", tokenFor(GH, "repo:octo-evil/app:ref:refs/heads/release-1"), false],
  ["ghRelease", "a tag named like the branch", tokenFor(GH, "repo:octo/app:ref:refs/tags/release-1"), false],
  ["glTag", "a tag", tokenFor(GL, "project_path:grp/app:ref_type:tag:ref:v1.0"), true],
  ["glTag", "a branch named v1", tokenFor(GL, "project_path:grp/app:ref_type:branch:ref:v1"), false],
  ["glTag", "another project id", tokenFor(GL, "project_path:grp/app:ref_type:tag:ref:v1", { project_id: "78" }), false],
  ["glTag", "another group", tokenFor(GL, "project_path:evil/app:ref_type:tag:ref:v1"), false],
  ["glTag", "a self-managed issuer", tokenFor("https://gitlab.example.com", "project_path:grp/app:ref_type:tag:ref:v1", { project_id: "77" }), false],
  ["tfcAny", "apply", tokenFor(TFC, "organization:acme:project:infra:workspace:prod:run_phase:apply"), true],
  ["tfcAny", "plan", tokenFor(TFC, "organization:acme:project:infra:workspace:prod:run_phase:plan"), true],
  ["tfcAny", "another workspace", tokenFor(TFC, "organization:acme:project:infra:workspace:prod2:run_phase:apply"), false],
  ["tfcAny", "another organization", tokenFor(TFC, "organization:acme-evil:project:infra:workspace:prod:run_phase:apply"), false],
  ["tfcAny", "the EU issuer", tokenFor("https://app.eu.terraform.io", "organization:acme:project:infra:workspace:prod:run_phase:apply"), false],
  ["k8s", "the service account", tokenFor(EKS, "system:serviceaccount:ci:deployer"), true],
  ["k8s", "another namespace", tokenFor(EKS, "system:serviceaccount:prod:deployer"), false],
  ["k8s", "a suffix", tokenFor(EKS, "system:serviceaccount:ci:deployer2"), false],
  ["k8s", "another cluster", tokenFor("https://oidc.eks.eu-west-1.amazonaws.com/id/DEF", "system:serviceaccount:ci:deployer"), false],
  ["ghImmutable", "any ref", tokenFor(GH, "repo:octo@123/app@456:ref:refs/heads/feature"), true],
  ["ghImmutable", "an environment", tokenFor(GH, "repo:octo@123/app@456:environment:prod"), true],
  ["ghImmutable", "the mutable form", tokenFor(GH, "repo:octo/app:ref:refs/heads/main"), false],
  ["ghImmutable", "a re-registered owner", tokenFor(GH, "repo:octo@666/app@456:ref:refs/heads/main"), false],
  ["ghImmutable", "another repository id", tokenFor(GH, "repo:octo@123/app@457:ref:refs/heads/main"), false],
  ["ghAnyOf", "main", tokenFor(GH, "repo:octo/app:ref:refs/heads/main"), true],
  ["ghAnyOf", "prod", tokenFor(GH, "repo:octo/app:environment:prod"), true],
  ["ghAnyOf", "a suffix", tokenFor(GH, "repo:octo/app:ref:refs/heads/main:x"), false],
  ["ghAnyOf", "a pull request", tokenFor(GH, "repo:octo/app:pull_request"), false],
  ["ghAnyOf", "another issuer", tokenFor("https://token.actions.githubusercontent.com/acme", "repo:octo/app:ref:refs/heads/main"), false],
  ["ghWorkflow", "a tag through the reusable workflow", tokenFor(GH, "repo:octo/app:ref:refs/tags/v2"), true],
  [
    "ghWorkflow",
    "another workflow",
    tokenFor(GH, "repo:octo/app:ref:refs/tags/v2", { job_workflow_ref: "evil/wf/.github/workflows/deploy.yml@refs/heads/main" }),
    false,
  ],
  ["ghWorkflow", "a missing workflow", tokenFor(GH, "repo:octo/app:ref:refs/tags/v2", { job_workflow_ref: undefined }), false],
  ["ghWorkflow", "another repository id", tokenFor(GH, "repo:octo/app:ref:refs/tags/v2", { repository_id: "999" }), false],
  ["ghWorkflow", "a branch", tokenFor(GH, "repo:octo/app:ref:refs/heads/v2"), false],
];

describe("Azure decides the hand-picked tokens as the trust does", () => {
  const synthesized = new Map(Object.entries(TRUSTS).map(([name, { trust, target }]) => [name, synthAzure(trust, target)]));

  it("synthesizes every listed trust", () => {
    for (const [name, result] of synthesized) expect([name, "refused" in result ? result.refused.message : "ok"]).toEqual([name, "ok"]);
    expect(TOKENS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(TOKENS)("%s: %s", (name, _what, token, expected) => {
    const result = synthesized.get(name)!;
    if ("refused" in result) throw result.refused;
    const claims = Object.fromEntries(Object.entries(token).filter(([, v]) => v !== undefined));
    expect(TRUSTS[name].trust.accepts(claims, "azure")).toBe(expected);
    expect(entraAccepts(result.credentials, claims)).toBe(expected);
  });
});

describe("property: Azure decides every generated token exactly as trust.accepts, or refuses the trust", () => {
  const cache = new Map<string, ReturnType<typeof synthAzure>>();
  const synthCached = (trust: Trust, target: AzureTarget) => {
    const key = `${target}|${trust.issuer.url}|${trust.subject.toString()}|${JSON.stringify(trust.audiences)}|${Object.entries(trust.claims)
      .map(([k, v]) => `${k}=${v}`)
      .join(",")}`;
    let hit = cache.get(key);
    if (!hit) cache.set(key, (hit = synthAzure(trust, target)));
    return hit;
  };

  it.each<AzureTarget>(["managed-identity", "app-registration"])("%s", (target) => {
    const stats = { tokens: 0, accepted: 0, refusedTrusts: 0, trusts: 0 };
    fc.assert(
      fc.property(trusts, fc.array(fc.tuple(fc.constantFrom(...MUTATIONS), fc.nat(1000), fc.nat(1000)), { minLength: 10, maxLength: 10 }), (trust, plans) => {
        stats.trusts++;
        const result = synthCached(trust, target);
        if ("refused" in result) {
          stats.refusedTrusts++;
          return;
        }
        for (const [mutation, pick, seed] of plans) {
          const token = mutate(trust, baseSubject(trust, pick, seed), mutation, seed);
          const expected = trust.accepts(token, "azure");
          const actual = entraAccepts(result.credentials, token);
          if (actual !== expected) {
            throw new Error(
              `Azure ${actual ? "accepts" : "rejects"} but trust.accepts says ${expected}: ${JSON.stringify(token)} with ${JSON.stringify(result.credentials)}`,
            );
          }
          stats.tokens++;
          if (expected) stats.accepted++;
        }
      }),
      { numRuns: target === "managed-identity" ? 1500 : 600, seed: 20261122 },
    );
    expect(stats.tokens).toBeGreaterThanOrEqual(1000);
    expect(stats.accepted).toBeGreaterThan(stats.tokens / 10);
    expect(stats.accepted).toBeLessThan(stats.tokens);
    expect(stats.refusedTrusts).toBeGreaterThan(0);
  });
});
