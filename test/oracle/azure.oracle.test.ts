import fc from "fast-check";

import type { AzureTarget } from "../../src/compile/azure";
import { Claim, Issuer, Subject, Trust } from "../../src/trust";
import { entraAccepts, globMatches, OracleCredentials, parseExpression, validateFlexible } from "./azure-oracle";
import { synthAzure } from "./azure-synth";

const GH = "https://token.actions.githubusercontent.com";
const GL = "https://gitlab.com";
const TFC = "https://app.terraform.io";
const EKS = "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC";
const AUD = "api://AzureADTokenExchange";

type Token = Record<string, unknown>;

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
      flexible: [{ issuer: GH, audience: AUD, claims_matching_expression: "claims['sub'] matches 'repo:o/r:environment:*' and claims['repository_id'] eq '9'" }],
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

// ---- A model of what the issuers actually put in tokens (independent of src/compile/azure) ----

const OWNER_IDS: Record<string, string> = { octo: "123", Octo: "124" };
const REPO_IDS: Record<string, string> = { "octo/app": "456", "octo/api": "457", "Octo/App": "458" };
const PROJECT_IDS: Record<string, string> = { "grp/app": "77" };

/**
 * A token as the issuer would issue it for `sub`: claims that the issuer derives from the same
 * facts as the subject (repository, owner, ids written into the subject, GitLab project path, HCP
 * Terraform names) are consistent with it. `extra` claims override or add others.
 */
function tokenFor(iss: string, sub: string, extra: Token = {}): Token {
  const token: Token = { iss, sub, aud: AUD };
  if (iss === GH) {
    const m = /^repo:([^:@/]+)(?:@([0-9]+))?\/([^:@/]+)(?:@([0-9]+))?:/.exec(sub);
    const custom = /^repository_owner_id:([0-9]+):repository_id:([0-9]+):/.exec(sub);
    if (custom) {
      // A customised template: GitHub writes the token's own ids into the subject.
      const repo = Object.keys(REPO_IDS).find((r) => REPO_IDS[r] === custom[2]) ?? "other/repo";
      Object.assign(token, { repository_owner_id: custom[1], repository_id: custom[2], repository: repo, repository_owner: repo.split("/")[0] });
    } else if (m) {
      token.repository_owner = m[1];
      token.repository = `${m[1]}/${m[3]}`;
      token.repository_owner_id = m[2] ?? OWNER_IDS[m[1]] ?? "666";
      token.repository_id = m[4] ?? REPO_IDS[`${m[1]}/${m[3]}`] ?? "667";
    }
    token.job_workflow_ref = "octo/wf/.github/workflows/deploy.yml@refs/heads/main";
    const env = /:environment:([^:]+)$/.exec(sub);
    if (env) token.environment = env[1];
  } else if (iss === GL) {
    const m = /^project_path:([^:]+):/.exec(sub);
    if (m) {
      token.project_path = m[1];
      token.project_id = PROJECT_IDS[m[1]] ?? "666";
      token.namespace_id = m[1].startsWith("grp/") ? "9" : "666";
    }
  } else if (iss === TFC) {
    const m = /^organization:([^:]+):project:([^:]+):workspace:([^:]+):run_phase:([^:]+)$/.exec(sub);
    if (m) Object.assign(token, { terraform_organization_name: m[1], terraform_project_name: m[2], terraform_workspace_name: m[3], terraform_run_phase: m[4] });
  }
  return { ...token, ...extra };
}

/** Claims the issuer derives from the subject itself: a real token never disagrees with its subject on these. */
function subjectFacts(token: Token): Set<string> {
  const sub = String(token.sub);
  const facts = new Set<string>(["repository", "repository_owner", "project_path", "environment"]);
  if (/^(repo:[^:@/]+@[0-9]+\/|repository_owner_id:)/.test(sub)) facts.add("repository_owner_id");
  if (/^repository_owner_id:[0-9]+:repository_id:/.test(sub)) facts.add("repository_id");
  if (/^repo:[^:@/]+@[0-9]+\/[^:@/]+@[0-9]+:/.test(sub)) facts.add("repository_id");
  if (token.iss === TFC) ["terraform_organization_name", "terraform_project_name", "terraform_workspace_name", "terraform_run_phase"].forEach((c) => facts.add(c));
  return facts;
}

const TRUSTS: Record<string, { trust: Trust; target: AzureTarget }> = {
  ghEnv: { trust: Trust.githubActions({ repository: "octo/app", environment: "prod" }), target: "managed-identity" },
  ghRelease: { trust: Trust.githubActions({ repository: "octo/app", branch: "release-*", repositoryOwnerId: "123" }), target: "app-registration" },
  glTag: { trust: Trust.gitlab({ projectPath: "grp/app", refType: "tag", ref: "v*", projectId: "77" }), target: "app-registration" },
  tfcAny: { trust: Trust.terraformCloud({ organization: "acme", project: "infra", workspace: "prod", runPhase: "any" }), target: "app-registration" },
  k8s: { trust: Trust.kubernetes({ issuerUrl: EKS, namespace: "ci", serviceAccount: "deployer" }), target: "managed-identity" },
  ghImmutable: { trust: Trust.githubActions({ repository: "octo/app", anyRef: true, repositoryOwnerId: "123", repositoryId: "456", immutableSubject: true }), target: "app-registration" },
  ghAnyOf: { trust: new Trust({ issuer: Issuer.githubActions(), subject: Subject.anyOf(["repo:octo/app:ref:refs/heads/main", "repo:octo/app:environment:prod"]) }), target: "managed-identity" },
  ghWorkflow: { trust: Trust.githubActions({ repository: "octo/app", tag: "v*", repositoryId: "456", jobWorkflowRef: "octo/wf/.github/workflows/deploy.yml@refs/heads/*" }), target: "app-registration" },
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
  ["ghWorkflow", "another workflow", tokenFor(GH, "repo:octo/app:ref:refs/tags/v2", { job_workflow_ref: "evil/wf/.github/workflows/deploy.yml@refs/heads/main" }), false],
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

// ---- Property: generated trusts and tokens near the boundary ----

const githubTrust = fc
  .record({
    repo: fc.constantFrom("octo/app", "octo/api", "Octo/App"),
    context: fc.constantFrom<Record<string, unknown>>(
      { environment: "prod" },
      { branch: "main" },
      { branch: "release-*" },
      { tag: "v*" },
      { tag: "v?" },
      { pullRequest: true },
      { anyRef: true },
    ),
    ownerId: fc.option(fc.constantFrom("123", "124"), { nil: undefined }),
    repoId: fc.option(fc.constantFrom("456", "458"), { nil: undefined }),
    immutable: fc.boolean(),
    workflow: fc.option(fc.constantFrom("octo/wf/.github/workflows/deploy.yml@refs/heads/main", "octo/wf/.github/workflows/deploy.yml@refs/heads/*"), { nil: undefined }),
  })
  .map(({ repo, context, ownerId, repoId, immutable, workflow }) =>
    Trust.githubActions({
      repository: repo,
      ...context,
      ...(ownerId ? { repositoryOwnerId: ownerId } : {}),
      ...(repoId ? { repositoryId: repoId } : {}),
      ...(immutable && ownerId && repoId ? { immutableSubject: true } : {}),
      ...(workflow ? { jobWorkflowRef: workflow } : {}),
    }),
  );
const gitlabTrust = fc
  .record({
    ref: fc.constantFrom<Record<string, unknown>>({ refType: "branch", ref: "main" }, { refType: "tag", ref: "v*" }, { anyRef: true }),
    projectId: fc.option(fc.constant("77"), { nil: undefined }),
    namespaceId: fc.option(fc.constant("9"), { nil: undefined }),
  })
  .map(({ ref, projectId, namespaceId }) =>
    Trust.gitlab({ projectPath: "grp/app", ...ref, ...(projectId ? { projectId } : {}), ...(namespaceId ? { namespaceId } : {}) }),
  );
const tfcTrust = fc
  .record({ workspace: fc.constantFrom("prod", "dev-*"), runPhase: fc.constantFrom("plan" as const, "apply" as const, "any" as const) })
  .map(({ workspace, runPhase }) => Trust.terraformCloud({ organization: "acme", project: "infra", workspace, runPhase }));
const k8sTrust = fc.constantFrom("deployer", "deploy-*").map((sa) => Trust.kubernetes({ issuerUrl: EKS, namespace: "ci", serviceAccount: sa }));
const SUBJECTS = [
  "repo:octo/app:ref:refs/heads/main",
  "repo:octo/app:environment:prod",
  "repo:octo@123/app@456:environment:prod",
  "repository_owner_id:123:repository_id:456:ref:refs/heads/main",
  "repo:octo/api:ref:refs/heads/main",
  "repo:Octo/App:environment:prod",
];
const genericTrust = fc
  .record({
    exact: fc.subarray(SUBJECTS, { minLength: 0 }),
    like: fc.subarray(["repo:octo/app:ref:refs/heads/*", "repo:octo/*", "repo:oct*/app:ref:refs/heads/main", "repo:Octo/App:ref:refs/tags/V*"], { minLength: 0 }),
    claims: fc.subarray(["repository_owner_id", "repository", "environment", "repository_id", "repository_owner"]),
  })
  .filter(({ exact, like }) => exact.length + like.length > 0)
  .map(({ exact, like, claims }) => {
    const conditions: Record<string, Claim> = {
      repository_owner_id: Claim.equals("123"),
      repository: Claim.equals("octo/app"),
      environment: Claim.equals("prod"),
      repository_id: Claim.equals("456"),
      repository_owner: Claim.like("oct*"),
    };
    return new Trust({
      issuer: Issuer.githubActions(),
      subject: Subject.anyOf([...exact, ...like.map((p) => Subject.like(p))]),
      claims: Object.fromEntries(claims.map((c) => [c, conditions[c]])),
    });
  });
const audienceVariant = fc.constantFrom<string[] | undefined>(undefined, undefined, undefined, ["custom-aud"], [AUD, "sts.amazonaws.com"]);
const trusts = fc
  .tuple(fc.oneof(githubTrust, gitlabTrust, tfcTrust, k8sTrust, genericTrust), audienceVariant)
  .map(([trust, audiences]) => (audiences ? trust.withAudiences(audiences) : trust));

const MUTATIONS = ["none", "none", "otherOwner", "ownerPrefix", "otherRef", "caseChange", "extraSuffix", "missingClaim", "otherClaimValue", "otherAudience", "audienceList", "otherIssuer"] as const;
type Mutation = (typeof MUTATIONS)[number];
const FILLS = ["", "1", "main", "release-1", "a/b", "x:y", "prod"];

/** A subject the trust admits: an exact alternative, or a pattern with its wildcards filled in. */
function baseSubject(trust: Trust, pick: number, fill: number): string {
  const alt = trust.subject.alternatives[pick % trust.subject.alternatives.length];
  if (alt.kind === "exact") return alt.value;
  let i = fill;
  return alt.pattern.replace(/[*?]/g, (w) => (w === "?" ? "9" : FILLS[i++ % FILLS.length]));
}

function mutate(trust: Trust, sub: string, mutation: Mutation, seed: number): Token {
  const iss = trust.issuer.url;
  const aud = trust.audiencesFor("azure")![seed % trust.audiencesFor("azure")!.length];
  switch (mutation) {
    case "none":
      return tokenFor(iss, sub, { aud });
    case "otherOwner":
      return tokenFor(iss, sub.replace(/^(repo:|project_path:|organization:|system:serviceaccount:)[^:/@]+/, "$1evil"), { aud });
    case "ownerPrefix":
      return tokenFor(iss, sub.replace(/^(repo:|project_path:|organization:|system:serviceaccount:)([^:/@]+)/, "$1$2-evil"), { aud });
    case "otherRef":
      return tokenFor(iss, sub.replace(/(refs\/(?:heads|tags)\/|environment:|ref:|run_phase:|workspace:)[^:]*$/, "$1other"), { aud });
    case "caseChange": {
      const letters = [...sub].map((c, i) => (/[a-z]/.test(c) ? i : -1)).filter((i) => i >= 0);
      if (letters.length === 0) return tokenFor(iss, sub, { aud });
      const at = letters[seed % letters.length];
      return tokenFor(iss, sub.slice(0, at) + sub[at].toUpperCase() + sub.slice(at + 1), { aud });
    }
    case "extraSuffix":
      return tokenFor(iss, sub + [":x", "x", "/x"][seed % 3], { aud });
    case "missingClaim":
    case "otherClaimValue": {
      const token = tokenFor(iss, sub, { aud });
      const facts = subjectFacts(token);
      const candidates = Object.keys(token).filter((c) => !["iss", "sub", "aud"].includes(c) && !facts.has(c));
      if (candidates.length === 0) return token;
      const claim = candidates[seed % candidates.length];
      if (mutation === "missingClaim") delete token[claim];
      else token[claim] = "666";
      return token;
    }
    case "otherAudience":
      return tokenFor(iss, sub, { aud: ["sts.amazonaws.com", "custom-aud2", AUD.toLowerCase()][seed % 3] });
    case "audienceList":
      return tokenFor(iss, sub, { aud: ["other", aud] });
    case "otherIssuer":
      return tokenFor([`${iss}/`, iss.replace("https://", "http://"), "https://token.actions.githubusercontent.com/acme"][seed % 3], sub, { aud });
  }
}

describe("property: Azure decides every generated token exactly as trust.accepts, or refuses the trust", () => {
  const cache = new Map<string, ReturnType<typeof synthAzure>>();
  const synthCached = (trust: Trust, target: AzureTarget) => {
    const key = `${target}|${trust.issuer.url}|${trust.subject.toString()}|${JSON.stringify(trust.audiences)}|${Object.entries(trust.claims).map(([k, v]) => `${k}=${v}`).join(",")}`;
    let hit = cache.get(key);
    if (!hit) cache.set(key, (hit = synthAzure(trust, target)));
    return hit;
  };

  it.each<AzureTarget>(["managed-identity", "app-registration"])("%s", (target) => {
    const stats = { tokens: 0, accepted: 0, refusedTrusts: 0, trusts: 0 };
    fc.assert(
      fc.property(
        trusts,
        fc.array(fc.tuple(fc.constantFrom(...MUTATIONS), fc.nat(1000), fc.nat(1000)), { minLength: 10, maxLength: 10 }),
        (trust, plans) => {
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
              throw new Error(`Azure ${actual ? "accepts" : "rejects"} but trust.accepts says ${expected}: ${JSON.stringify(token)} with ${JSON.stringify(result.credentials)}`);
            }
            stats.tokens++;
            if (expected) stats.accepted++;
          }
        },
      ),
      { numRuns: target === "managed-identity" ? 1500 : 600, seed: 20261122 },
    );
    expect(stats.tokens).toBeGreaterThanOrEqual(1000);
    expect(stats.accepted).toBeGreaterThan(stats.tokens / 10);
    expect(stats.accepted).toBeLessThan(stats.tokens);
    expect(stats.refusedTrusts).toBeGreaterThan(0);
  });
});
