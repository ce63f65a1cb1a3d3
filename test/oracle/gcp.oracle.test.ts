import fc from "fast-check";
import { compileGcpProvider, GcpProviderConfig } from "../../src/compile/gcp";
import { Claim, Issuer, Subject, Trust } from "../../src/trust";
import { gcpAdmits, gcpOracle } from "./gcp-oracle";

const AT = { projectNumber: "123456789012", poolId: "ci-pool", providerId: "trust-a" };
const GH = "https://token.actions.githubusercontent.com";

/** A token for `trust`: its issuer, the audience GCP expects, plus the given claims. */
function token(trust: Trust, gcp: GcpProviderConfig, claims: Record<string, unknown>): Record<string, unknown> {
  return { iss: trust.issuer.url, aud: trust.audiences?.[0] ?? gcp.providerResourceName, ...claims };
}

describe("the oracle is not vacuous", () => {
  const provider = {
    issuerUri: GH,
    attributeMapping: { "google.subject": "assertion.sub", "attribute.repo": "assertion.repository" },
    providerResourceName: "//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/pool/providers/gh",
  };
  const member = "principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/pool/*";
  const aud = provider.providerResourceName;
  const repository = "octo/app";

  test("the same condition admits one token and refuses another", () => {
    const oracle = gcpOracle({ ...provider, attributeCondition: "assertion.sub == 'repo:octo/app:ref:refs/heads/main'" }, member);
    expect(oracle.decide({ iss: GH, aud, repository, sub: "repo:octo/app:ref:refs/heads/main" })).toMatchObject({ admitted: true, stage: "admitted" });
    expect(oracle.decide({ iss: GH, aud, repository, sub: "repo:octo/app:ref:refs/heads/dev" })).toMatchObject({
      admitted: false,
      stage: "condition",
      reason: "attribute_condition evaluated to false",
    });
  });

  test("an unanchored matches() is a search: it admits subjects that merely contain the text", () => {
    const oracle = gcpOracle({ ...provider, attributeCondition: "assertion.sub.matches('repo:octo/app')" }, member);
    expect(oracle.admits({ iss: GH, aud, repository, sub: "repo:octo/app" })).toBe(true);
    expect(oracle.admits({ iss: GH, aud, repository, sub: "repo:octo/app-evil:ref:refs/heads/main" })).toBe(true);
    expect(oracle.admits({ iss: GH, aud, repository, sub: "xrepo:octo/apple" })).toBe(true);
    expect(oracle.admits({ iss: GH, aud, repository, sub: "repo:octo/ap" })).toBe(false);
  });

  test("each stage refuses on its own", () => {
    const oracle = gcpOracle(
      { ...provider, attributeCondition: "attribute.repo == 'octo/app'" },
      "principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/pool/attribute.repo/octo/app",
    );
    const ok = { iss: GH, aud, sub: "s", repository: "octo/app" };
    expect(oracle.decide(ok).stage).toBe("admitted");
    expect(oracle.decide({ ...ok, aud: `https:${aud}` }).stage).toBe("admitted");
    expect(oracle.decide({ ...ok, aud: ["x", aud] }).stage).toBe("admitted");
    expect(oracle.decide({ ...ok, iss: `${GH}/` }).stage).toBe("iss");
    expect(oracle.decide({ ...ok, aud: "sts.amazonaws.com" }).stage).toBe("aud");
    expect(oracle.decide({ iss: GH, aud, sub: "s" }).stage).toBe("mapping"); // assertion.repository missing
    expect(oracle.decide({ ...ok, sub: "s".repeat(128) }).stage).toBe("mapping"); // google.subject over 127 bytes
    expect(oracle.decide({ ...ok, repository: "octo/other" }).stage).toBe("condition");
    const other = gcpOracle(
      { ...provider, attributeCondition: "true" },
      "principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/pool/attribute.repo/octo/app",
    );
    expect(other.decide({ ...ok, repository: "octo/other" }).stage).toBe("member");
    const subjectMember = gcpOracle(provider, "principal://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/pool/subject/s");
    expect(subjectMember.admits(ok)).toBe(true);
    expect(subjectMember.admits({ ...ok, sub: "t" })).toBe(false);
    const otherPool = gcpOracle(provider, "principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/pool2/*");
    expect(otherPool.decide(ok).stage).toBe("member");
  });
});

describe("the oracle on hand-written configurations", () => {
  const providerResourceName = "//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/pool/providers/gl";
  const base = { iss: "https://gitlab.com", aud: "https://gitlab.com", sub: "project_path:grp/app:ref_type:branch:ref:main" };

  test("list attributes: google.groups and a group member; the condition may read google and attribute", () => {
    const provider = {
      issuerUri: "https://gitlab.com",
      allowedAudiences: ["https://gitlab.com"],
      providerResourceName,
      attributeMapping: { "google.subject": "assertion.sub", "google.groups": "assertion.groups", "attribute.ns": "assertion.namespace_path" },
      attributeCondition: "'admins' in google.groups && attribute.ns == 'grp' && google.subject.startsWith('project_path:grp/')",
    };
    const member = "principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/pool/group/deployers";
    expect(gcpAdmits(provider, member, { ...base, groups: ["admins", "deployers"], namespace_path: "grp" })).toBe(true);
    expect(gcpOracle(provider, member).decide({ ...base, groups: ["admins"], namespace_path: "grp" }).stage).toBe("member");
    expect(gcpOracle(provider, member).decide({ ...base, groups: ["deployers"], namespace_path: "grp" }).stage).toBe("condition");
    expect(gcpOracle(provider, member).decide({ ...base, groups: ["admins", "deployers"], namespace_path: "other" }).stage).toBe("condition");
    expect(gcpOracle(provider, member).decide({ ...base, aud: providerResourceName, groups: ["admins", "deployers"], namespace_path: "grp" }).stage).toBe(
      "aud",
    );
  });

  test("nested claims are maps", () => {
    const provider = {
      issuerUri: "https://gitlab.com",
      allowedAudiences: ["https://gitlab.com"],
      providerResourceName,
      attributeMapping: { "google.subject": "assertion.sub" },
      attributeCondition: "assertion.ext.team == 'infra' && 'x' in assertion.ext",
    };
    const member = "principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/pool/*";
    expect(gcpAdmits(provider, member, { ...base, ext: { team: "infra", x: 1 } })).toBe(true);
    expect(gcpAdmits(provider, member, { ...base, ext: { team: "infra" } })).toBe(false);
    expect(gcpAdmits(provider, member, { ...base, ext: { team: "ops", x: 1 } })).toBe(false);
  });
});

/** Trusts across the presets, each with tokens that must be admitted and tokens that must not. */
const CASES: ReadonlyArray<{ name: string; trust: Trust; subs: readonly string[]; claims?: readonly Record<string, unknown>[] }> = [
  {
    name: "GitHub environment + owner id",
    trust: Trust.githubActions({ repository: "octo-org/payments", environment: "production", repositoryOwnerId: "1234567" }),
    subs: [
      "repo:octo-org/payments:environment:production",
      "repo:octo-org/payments:environment:productionx",
      "Repo:octo-org/payments:environment:production",
      "repo:octo-org/payments:environment:production\n",
      "repo:octo-org/payments:environment:prod",
    ],
    claims: [
      { repository_owner_id: "1234567" },
      { repository_owner_id: "7654321" },
      { repository_owner_id: 1234567 },
      {},
      { repository_owner_id: ["1234567"] },
    ],
  },
  {
    name: "GitHub tag v*",
    trust: Trust.githubActions({ repository: "octo-org/app", tag: "v*" }),
    subs: [
      "repo:octo-org/app:ref:refs/tags/v1.2.3",
      "repo:octo-org/app:ref:refs/tags/v",
      "repo:octo-org/app:ref:refs/tags/xv1",
      "repo:octo-org/app:ref:refs/heads/v1",
      "repo:octo-org/app:ref:refs/tags/v1\nrepo:evil/x",
      "repo:octo-org/appXref:refs/tags/v1",
      "xrepo:octo-org/app:ref:refs/tags/v1",
    ],
  },
  {
    name: "GitHub release branches (dots in the repo name)",
    trust: Trust.githubActions({ repository: "octo-org/app.js", ref: "refs/heads/release-?.*" }),
    subs: [
      "repo:octo-org/app.js:ref:refs/heads/release-1.0",
      "repo:octo-org/app.js:ref:refs/heads/release-1x0",
      "repo:octo-orgX/app.js:ref:refs/heads/release-1.0",
      "repo:octo.org/appXjs:ref:refs/heads/release-1.0",
      "repo:octo-org/app.js:ref:refs/heads/release-.0",
      "repo:octo-org/app.js:ref:refs/heads/release-😀.9",
    ],
  },
  {
    name: "GitHub any ref pinned by repository id, reusable workflow",
    trust: Trust.githubActions({
      repository: "octo-org/app",
      anyRef: true,
      repositoryId: "99",
      jobWorkflowRef: "octo-org/deploy/.github/workflows/deploy.yml@refs/heads/*",
    }),
    subs: ["repo:octo-org/app:pull_request", "repo:octo-org/app:", "repo:octo-org/apps:ref:refs/heads/main"],
    claims: [
      { repository_id: "99", job_workflow_ref: "octo-org/deploy/.github/workflows/deploy.yml@refs/heads/main" },
      { repository_id: "99", job_workflow_ref: "octo-org/deploy/.github/workflows/deployXyml@refs/heads/main" },
      { repository_id: "99", job_workflow_ref: "octo-org/deploy/.github/workflows/deploy.yml@refs/tags/v1" },
      { repository_id: "98", job_workflow_ref: "octo-org/deploy/.github/workflows/deploy.yml@refs/heads/main" },
    ],
  },
  {
    name: "GitHub immutable subject",
    trust: Trust.githubActions({ repository: "octo-org/app", branch: "main", immutableSubject: true, repositoryOwnerId: "1", repositoryId: "2" }),
    subs: ["repo:octo-org@1/app@2:ref:refs/heads/main", "repo:octo-org/app:ref:refs/heads/main", "repo:octo-org@1/app@3:ref:refs/heads/main"],
  },
  {
    name: "GitLab branch + project id",
    trust: Trust.gitlab({ projectPath: "grp/sub.grp/app", refType: "branch", ref: "main", projectId: "42" }),
    subs: [
      "project_path:grp/sub.grp/app:ref_type:branch:ref:main",
      "project_path:grp/subXgrp/app:ref_type:branch:ref:main",
      "project_path:grp/sub.grp/app:ref_type:tag:ref:main",
    ],
    claims: [{ project_id: "42" }, { project_id: "43" }],
  },
  {
    name: "Kubernetes with explicit audiences",
    trust: Trust.kubernetes({
      issuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC",
      namespace: "ci",
      serviceAccount: "deploy.er",
      audiences: ["gcp", "other"],
    }),
    subs: ["system:serviceaccount:ci:deploy.er", "system:serviceaccount:ci:deployXer", "system:serviceaccount:ci:deploy.er:x"],
    claims: [{}, { aud: "other" }, { aud: ["x", "gcp"] }, { aud: "sts.amazonaws.com" }, { aud: "gcp " }],
  },
  {
    name: "HCP Terraform any run phase",
    trust: Trust.terraformCloud({ organization: "acme", project: "infra", workspace: "prod", runPhase: "any" }),
    subs: [
      "organization:acme:project:infra:workspace:prod:run_phase:apply",
      "organization:acme:project:infra:workspace:prod:run_phase:plan",
      "organization:acme:project:infra:workspace:prod-2:run_phase:apply",
      "organization:acme-evil:project:infra:workspace:prod:run_phase:apply",
    ],
  },
  {
    name: "GitHub change-over: name and immutable subjects, each pinned by the ids",
    trust: Trust.githubActions({ repository: "octo-org/app", environment: "prod", immutableSubject: "both", repositoryOwnerId: "1", repositoryId: "2" }),
    subs: [
      "repo:octo-org/app:environment:prod",
      "repo:octo-org@1/app@2:environment:prod",
      "repo:octo-org@1/app@3:environment:prod",
      "repo:octo-org/app:environment:dev",
    ],
    claims: [{ repository_owner_id: "1", repository_id: "2" }, { repository_owner_id: "9", repository_id: "2" }, {}],
  },
  {
    name: "AKS issuer with its trailing slash (issuer_uri equals iss exactly)",
    trust: Trust.kubernetes({
      issuerUrl: "https://eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/00000000-0000-0000-0000-000000000002/",
      namespace: "ci",
      serviceAccount: "deployer",
    }),
    subs: ["system:serviceaccount:ci:deployer", "system:serviceaccount:ci:other"],
  },
  {
    name: "regex-hostile subjects and claims",
    trust: new Trust({
      issuer: Issuer.fromUrl("https://issuer.example.com"),
      subject: Subject.anyOf(["it's:a+b", "dom\\user", Subject.like("x.(y)+[z]{1}|w^$*"), Subject.like("q?e")]),
      claims: { "kubernetes.io/namespace": Claim.anyOf(["ns'1", Claim.like("a.b-*")]) },
    }),
    subs: [
      "it's:a+b",
      "it's:aab",
      "its:a+b",
      "dom\\user",
      "domuser",
      "dom\\\\user",
      "x.(y)+[z]{1}|w^$",
      "x.(y)+[z]{1}|w^$tail",
      "xx(y)+[z]{1}|w^$",
      "x.yy[z]{1}|w^$",
      "x.(y)+z|w^$",
      "w^$",
      "q.e",
      "q\ne",
      "qe",
      "q'e",
      "q😀e",
    ],
    claims: [
      { "kubernetes.io/namespace": "ns'1" },
      { "kubernetes.io/namespace": "a.b-c" },
      { "kubernetes.io/namespace": "aXb-c" },
      { "kubernetes.io/namespace": "ns" },
    ],
  },
];

describe("the compiled mapping and condition decide exactly as trust.accepts", () => {
  let total = 0;
  afterAll(() => expect(total).toBeGreaterThanOrEqual(40));

  test.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const gcp = compileGcpProvider(c.trust, AT);
    const oracle = gcpOracle(gcp, gcp.member);
    const seen = new Set<boolean>();
    for (const sub of c.subs) {
      for (const extra of c.claims ?? [{}]) {
        const claims = token(c.trust, gcp, { sub, ...extra });
        const expected = c.trust.accepts(claims, "gcp");
        const decision = oracle.decide(claims);
        expect({ claims, admitted: decision.admitted, reason: decision.reason }).toEqual({ claims, admitted: expected, reason: decision.reason });
        if (expected) expect(decision.attributes?.["attribute.wif_provider"]).toBe("trust-a");
        seen.add(expected);
        total++;
      }
    }
    expect([...seen].sort()).toEqual([false, true]); // every case admits some tokens and refuses others
  });

  test("an AKS token whose iss lacks the trailing slash is refused by both: the slash is never normalised away", () => {
    const trust = Trust.kubernetes({
      issuerUrl: "https://eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/00000000-0000-0000-0000-000000000002/",
      namespace: "ci",
      serviceAccount: "deployer",
    });
    const gcp = compileGcpProvider(trust, AT);
    expect(gcp.issuerUri).toBe(trust.issuer.url);
    const claims = { ...token(trust, gcp, { sub: "system:serviceaccount:ci:deployer" }), iss: trust.issuer.url.slice(0, -1) };
    expect(trust.accepts(claims, "gcp")).toBe(false);
    expect(gcpOracle(gcp, gcp.member).decide(claims).stage).toBe("iss");
  });

  test("a token from another issuer is refused by both", () => {
    const trust = CASES[0].trust;
    const gcp = compileGcpProvider(trust, AT);
    const claims = {
      ...token(trust, gcp, { sub: "repo:octo-org/payments:environment:production", repository_owner_id: "1234567" }),
      iss: "https://token.actions.githubusercontent.com/evil",
    };
    expect(trust.accepts(claims, "gcp")).toBe(false);
    expect(gcpOracle(gcp, gcp.member).decide(claims).stage).toBe("iss");
  });
});

describe("where GCP is narrower than trust.accepts (fails closed)", () => {
  test("a pattern admits a subject longer than 127 bytes, which GCP's google.subject cannot hold", () => {
    const trust = Trust.githubActions({ repository: "octo-org/app", ref: "refs/heads/feature/*" });
    const gcp = compileGcpProvider(trust, AT);
    const claims = token(trust, gcp, { sub: `repo:octo-org/app:ref:refs/heads/feature/${"x".repeat(100)}` });
    expect(trust.accepts(claims, "gcp")).toBe(true);
    expect(gcpOracle(gcp, gcp.member).decide(claims)).toMatchObject({ admitted: false, stage: "mapping" });
  });
});

describe("audiences: the GCP default", () => {
  const trust = Trust.githubActions({ repository: "octo-org/app", branch: "main" });
  const gcp = compileGcpProvider(trust, AT);
  const oracle = gcpOracle(gcp, gcp.member);
  const base = { iss: GH, sub: "repo:octo-org/app:ref:refs/heads/main" };

  test.each([
    [gcp.providerResourceName, true],
    [`https:${gcp.providerResourceName}`, true],
    ["sts.amazonaws.com", false],
    [gcp.providerName, false],
  ])('aud %s → %s; trust.accepts(claims, "gcp") leaves aud to the provider', (aud, admitted) => {
    expect(trust.accepts({ ...base, aud }, "gcp")).toBe(true);
    expect(oracle.admits({ ...base, aud })).toBe(admitted);
  });
});

describe("the binding member admits this provider's tokens only", () => {
  const trustA = Trust.githubActions({ repository: "octo-org/app", branch: "main" });
  const trustB = new Trust({ issuer: Issuer.fromUrl("https://evil.example.com"), subject: Subject.like("repo:*") });
  const a = compileGcpProvider(trustA, AT);
  const b = compileGcpProvider(trustB, { ...AT, providerId: "trust-b" });
  const tokenA = token(trustA, a, { sub: "repo:octo-org/app:ref:refs/heads/main" });
  const tokenB = token(trustB, b, { sub: "repo:octo-org/app:ref:refs/heads/main" });

  test("A's member admits A's accepted token", () => {
    expect(gcpOracle(a, a.member).admits(tokenA)).toBe(true);
  });

  test("a broad provider B in the same pool cannot use A's binding, though its token carries A's subject", () => {
    expect(gcpOracle(b, b.member).admits(tokenB)).toBe(true);
    expect(gcpOracle(b, a.member).decide(tokenB)).toMatchObject({ admitted: false, stage: "member" });
  });

  test("a pool-wide member or a subject member would have let B in: why the construct never binds them", () => {
    expect(gcpOracle(b, "principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/ci-pool/*").admits(tokenB)).toBe(true);
    expect(
      gcpOracle(
        b,
        "principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/ci-pool/subject/repo:octo-org/app:ref:refs/heads/main",
      ).admits(tokenB),
    ).toBe(true);
  });
});

describe("property: generated subjects with regex metacharacters", () => {
  const alphabet = fc.constantFrom("a", "b", ".", "+", "(", ")", "'", "\\", "|", "[", "]", "{", "}", "^", "$", ":", "/", "\n", "😀");
  const literal = fc.array(alphabet, { minLength: 1, maxLength: 6 }).map((cs) => cs.join(""));
  const glob = fc.array(fc.oneof(alphabet, fc.constantFrom("*", "?")), { minLength: 1, maxLength: 6 }).map((cs) => cs.join(""));

  test("oracle(compiled trust) equals trust.accepts", () => {
    fc.assert(
      fc.property(glob, fc.array(literal, { minLength: 1, maxLength: 4 }), (pattern, subs) => {
        fc.pre(!/^[*?]*$/.test(pattern) && !/[\n]/.test(pattern) && pattern.trim() === pattern);
        const trust = new Trust({ issuer: Issuer.fromUrl("https://issuer.example.com"), subject: Subject.like(`p${pattern}`) });
        const gcp = compileGcpProvider(trust, AT);
        const oracle = gcpOracle(gcp, gcp.member);
        for (const s of [...subs, pattern.replace(/[*?]/g, "a")]) {
          const claims = token(trust, gcp, { sub: `p${s}` });
          if (oracle.admits(claims) !== trust.accepts(claims, "gcp")) return false;
        }
        return true;
      }),
      { numRuns: 300, seed: 20261122 },
    );
  });
});
