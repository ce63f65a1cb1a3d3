import { compileGcpProvider, GcpProviderLocation } from "../../../src/compile/gcp";
import { Claim, Issuer, Subject, Trust, WifValidationError } from "../../../src/trust";

const AT: GcpProviderLocation = { projectNumber: "123456789012", poolId: "ci-pool", providerId: "github" };
const GH = "https://token.actions.githubusercontent.com";
const generic = (subject: Subject, extra: Partial<ConstructorParameters<typeof Trust>[0]> = {}) =>
  new Trust({ issuer: Issuer.fromUrl("https://issuer.example.com"), subject, ...extra });

describe("compileGcpProvider: the configuration", () => {
  test("a GitHub environment trust", () => {
    const gcp = compileGcpProvider(Trust.githubActions({ repository: "octo-org/payments", environment: "production" }), AT);
    expect(gcp).toEqual({
      issuerUri: GH,
      allowedAudiences: [],
      defaultAudiences: [
        "//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/ci-pool/providers/github",
        "https://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/ci-pool/providers/github",
      ],
      attributeMapping: {
        "google.subject": "assertion.sub",
        "attribute.wif_provider": `assertion.iss == '${GH}' ? 'github' : ''`,
      },
      attributeCondition: "assertion.sub == 'repo:octo-org/payments:environment:production'",
      providerName: "projects/123456789012/locations/global/workloadIdentityPools/ci-pool/providers/github",
      providerResourceName: "//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/ci-pool/providers/github",
      member: "principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/ci-pool/attribute.wif_provider/github",
    });
    expect(Object.isFrozen(gcp)).toBe(true);
    expect(Object.isFrozen(gcp.attributeMapping)).toBe(true);
  });

  test.each<[string, Trust, string]>([
    [
      "owner and repo id pins, sorted by claim name",
      Trust.githubActions({ repository: "octo-org/app", branch: "main", repositoryOwnerId: "42", repositoryId: "7" }),
      "assertion.sub == 'repo:octo-org/app:ref:refs/heads/main' && assertion.repository_id == '7' && assertion.repository_owner_id == '42'",
    ],
    ["a tag pattern", Trust.githubActions({ repository: "octo-org/app", tag: "v*" }), "assertion.sub.matches('^(?s)repo:octo-org/app:ref:refs/tags/v.*$')"],
    [
      "a reusable workflow pattern",
      Trust.githubActions({ repository: "octo-org/app", environment: "prod", jobWorkflowRef: "octo-org/deploy/.github/workflows/deploy.yml@refs/heads/*" }),
      "assertion.sub == 'repo:octo-org/app:environment:prod' && assertion.job_workflow_ref.matches('^(?s)octo-org/deploy/\\\\.github/workflows/deploy\\\\.yml@refs/heads/.*$')",
    ],
    ["several exact subjects", generic(Subject.anyOf(["a:1", "b:2", "c'3"])), "assertion.sub in ['a:1', 'b:2', 'c\\'3']"],
    [
      "exact and pattern subjects",
      generic(Subject.anyOf(["a:1", Subject.like("b:*"), Subject.like("c.?")])),
      "(assertion.sub == 'a:1' || assertion.sub.matches('^(?s)b:.*$') || assertion.sub.matches('^(?s)c\\\\..$'))",
    ],
    ["a like() without wildcard is compared exactly", generic(Subject.like("plain:value")), "assertion.sub == 'plain:value'"],
    [
      "claims with awkward names and several values",
      generic(Subject.exactly("s"), { claims: { "kubernetes.io/namespace": Claim.anyOf(["a", "b"]), namespace: Claim.like("x-*") } }),
      "assertion.sub == 's' && assertion['kubernetes.io/namespace'] in ['a', 'b'] && assertion['namespace'].matches('^(?s)x-.*$')",
    ],
    ["a backslash subject", generic(Subject.exactly("dom\\user")), "assertion.sub == 'dom\\\\user'"],
    [
      "GitLab with project id",
      Trust.gitlab({ projectPath: "grp/app", refType: "branch", ref: "main", projectId: "99" }),
      "assertion.sub == 'project_path:grp/app:ref_type:branch:ref:main' && assertion.project_id == '99'",
    ],
    [
      "HCP Terraform any phase",
      Trust.terraformCloud({ organization: "acme", project: "infra", workspace: "prod", runPhase: "any" }),
      "assertion.sub.matches('^(?s)organization:acme:project:infra:workspace:prod:run_phase:.*$')",
    ],
  ])("condition: %s", (_name, trust, condition) => {
    expect(compileGcpProvider(trust, AT).attributeCondition).toBe(condition);
  });

  test("explicit audiences become allowed_audiences", () => {
    const trust = Trust.kubernetes({
      issuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC",
      namespace: "ci",
      serviceAccount: "deployer",
      audiences: ["gcp", "other"],
    });
    const gcp = compileGcpProvider(trust, AT);
    expect(gcp.allowedAudiences).toEqual(["gcp", "other"]);
    expect(gcp.issuerUri).toBe("https://oidc.eks.eu-west-1.amazonaws.com/id/ABC");
  });

  test("the member names the provider id, never the whole pool", () => {
    const gcp = compileGcpProvider(generic(Subject.exactly("s")), { ...AT, providerId: "other-one" });
    expect(gcp.member).toBe(
      "principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/ci-pool/attribute.wif_provider/other-one",
    );
    expect(gcp.member.endsWith("/*")).toBe(false);
  });

  test("every matches() is anchored at both ends", () => {
    const trust = generic(Subject.anyOf([Subject.like("a*"), Subject.like("*b"), Subject.like("c?d")]), { claims: { x: Claim.like("y*") } });
    const matches = [...compileGcpProvider(trust, AT).attributeCondition.matchAll(/matches\('([^']*)'\)/g)].map((m) => m[1]);
    expect(matches).toHaveLength(4);
    for (const re of matches) expect(re).toMatch(/^\^.*\$$/);
  });
});

describe("compileGcpProvider: refusals", () => {
  const sub = (n: number) => `repo:octo/app:environment:${"e".repeat(n - "repo:octo/app:environment:".length)}`;
  test.each<[string, () => unknown, string]>([
    [
      "pool id too short",
      () => compileGcpProvider(generic(Subject.exactly("s")), { ...AT, poolId: "ci" }),
      'poolId: "ci" is not a valid workload identity pool/provider id: use 4-32 characters, lowercase letters, digits or "-", e.g. "ci-pool".',
    ],
    [
      "pool id too long",
      () => compileGcpProvider(generic(Subject.exactly("s")), { ...AT, poolId: "p".repeat(33) }),
      `poolId: "${"p".repeat(33)}" is not a valid workload identity pool/provider id: use 4-32 characters, lowercase letters, digits or "-", e.g. "ci-pool".`,
    ],
    [
      "provider id with upper case",
      () => compileGcpProvider(generic(Subject.exactly("s")), { ...AT, providerId: "GitHub" }),
      'providerId: "GitHub" is not a valid workload identity pool/provider id: use 4-32 characters, lowercase letters, digits or "-", e.g. "ci-pool".',
    ],
    [
      "reserved gcp- prefix",
      () => compileGcpProvider(generic(Subject.exactly("s")), { ...AT, poolId: "gcp-pool" }),
      'poolId: "gcp-pool" starts with "gcp-", a prefix Google reserves. Choose an id without it, e.g. "wif-pool".',
    ],
    [
      "project id instead of number",
      () => compileGcpProvider(generic(Subject.exactly("s")), { ...AT, projectNumber: "acme-prod" }),
      `projectNumber: "acme-prod" is not a project number. IAM principal identifiers need the numeric project number, not the project id: give it as a string of digits, e.g. "123456789012" (gcloud projects describe PROJECT_ID --format='value(projectNumber)').`,
    ],
    [
      "exact subject over 127 bytes",
      () => compileGcpProvider(generic(Subject.exactly(sub(128))), AT),
      `Trust.subject: "${sub(128)}" is 128 bytes long, but GCP maps "sub" to google.subject, which holds at most 127 bytes: the token exchange would always fail. ` +
        "Shorten the subject (a shorter environment, branch or workspace name), or have the issuer emit a shorter one (GitHub: customize the OIDC subject template for the repository to fewer claims).",
    ],
    [
      "multi-byte subject over 127 bytes",
      () => compileGcpProvider(generic(Subject.exactly("é".repeat(64))), AT),
      `Trust.subject: "${"é".repeat(64)}" is 128 bytes long, but GCP maps "sub" to google.subject, which holds at most 127 bytes: the token exchange would always fail. ` +
        "Shorten the subject (a shorter environment, branch or workspace name), or have the issuer emit a shorter one (GitHub: customize the OIDC subject template for the repository to fewer claims).",
    ],
    [
      "pattern whose shortest match is over 127 bytes",
      () => compileGcpProvider(generic(Subject.like(`${sub(127)}?*`)), AT),
      `Trust.subject: "${sub(127)}?*" is at least 128 bytes long, but GCP maps "sub" to google.subject, which holds at most 127 bytes: the token exchange would always fail. ` +
        "Shorten the subject (a shorter environment, branch or workspace name), or have the issuer emit a shorter one (GitHub: customize the OIDC subject template for the repository to fewer claims).",
    ],
    [
      "a lone surrogate",
      () => compileGcpProvider(generic(Subject.exactly("repo:\ud800x")), AT),
      'Trust.subject: "repo:\\ud800x" contains a lone UTF-16 surrogate, which no token can carry. Remove it.',
    ],
    [
      "more than 10 audiences",
      () => compileGcpProvider(generic(Subject.exactly("s"), { audiences: Array.from({ length: 11 }, (_, i) => `a${i}`) }), AT),
      'Trust.audiences: 11 audiences ("a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10"); a GCP provider accepts at most 10. Keep the audiences your workloads request, or split the trust into several providers.',
    ],
  ])("%s", (_name, build, message) => {
    expect(build).toThrow(WifValidationError);
    expect(build).toThrow(message);
  });

  test("boundaries that pass: 127-byte subject, 10 audiences, 4- and 32-character ids", () => {
    const atLimits = compileGcpProvider(generic(Subject.exactly(sub(127)), { audiences: Array.from({ length: 10 }, (_, i) => `a${i}`) }), {
      projectNumber: "1",
      poolId: "abcd",
      providerId: "p".repeat(32),
    });
    expect(atLimits.allowedAudiences).toHaveLength(10);
    expect(atLimits.providerName).toBe(`projects/1/locations/global/workloadIdentityPools/abcd/providers/${"p".repeat(32)}`);
    expect(atLimits.attributeCondition).toBe(`assertion.sub == '${sub(127)}'`);
    const pattern = compileGcpProvider(generic(Subject.like(`${sub(126)}?*`)), AT);
    expect(pattern.attributeCondition).toContain(".matches('^(?s)");
  });

  test("an issuer URL that makes the mapping expression exceed 2048 characters", () => {
    const url = `https://issuer.example.com/${"p".repeat(2020)}`;
    const build = () => compileGcpProvider(new Trust({ issuer: Issuer.fromUrl(url), subject: Subject.exactly("s") }), AT);
    expect(build).toThrow(WifValidationError);
    expect(build).toThrow(
      /^attribute_mapping\.attribute\.wif_provider: the expression is 20\d\d characters long; GCP accepts at most 2048\. Use a shorter issuer URL\.$/,
    );
  });

  test("a condition over 4096 characters", () => {
    const values = Array.from({ length: 60 }, (_, i) => `repo:octo-org/app-${i}:environment:${"p".repeat(60)}`);
    const build = () => compileGcpProvider(generic(Subject.anyOf(values)), AT);
    expect(build).toThrow(WifValidationError);
    expect(build).toThrow(
      /^attribute_condition: the condition compiled from "repo:octo-org\/app-0:environment:p+" \| .* is 5\d\d\d characters long; GCP accepts at most 4096\. Split the trust into several trusts \(one provider each\) or use fewer subjects and claim values\.$/,
    );
  });
});

describe("compileGcpProvider: AKS issuers", () => {
  it("sets issuer_uri to the issuer exactly as tokens carry it, trailing slash included", () => {
    const trust = Trust.kubernetes({
      issuerUrl: "https://eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/00000000-0000-0000-0000-000000000002/",
      namespace: "ci",
      serviceAccount: "deployer",
    });
    expect(compileGcpProvider(trust, AT).issuerUri).toBe(
      "https://eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/00000000-0000-0000-0000-000000000002/",
    );
  });
});
