import { AZURE_CREDENTIAL_NAME, AzureCompiled, AzureRefusal, AzureTarget, compileAzureTrust, refusalError } from "../../../src/compile/azure";
import { Claim, Issuer, Subject, Trust, WifValidationError } from "../../../src/trust";

const AUD = "api://AzureADTokenExchange";

function compiled(trust: Trust, target: AzureTarget): AzureCompiled {
  const result = compileAzureTrust(trust, target);
  if (!result.ok) throw refusalError(result);
  return result;
}

function refused(trust: Trust, target: AzureTarget): AzureRefusal {
  const result = compileAzureTrust(trust, target);
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.credentials)}`);
  return result;
}

const gh = (subject: Subject, claims: Record<string, Claim> = {}, audiences?: string[]) =>
  new Trust({ issuer: Issuer.githubActions(), subject, claims, ...(audiences ? { audiences } : {}) });

describe("compileAzureTrust: exact credentials", () => {
  const cases: Array<[string, Trust, AzureTarget, Array<{ subject: string; audience: string }>]> = [
    [
      "GitHub environment",
      Trust.githubActions({ repository: "octo/app", environment: "prod" }),
      "managed-identity",
      [{ subject: "repo:octo/app:environment:prod", audience: AUD }],
    ],
    [
      "explicit audience",
      Trust.githubActions({ repository: "octo/app", branch: "main", audiences: ["custom-aud"] }),
      "managed-identity",
      [{ subject: "repo:octo/app:ref:refs/heads/main", audience: "custom-aud" }],
    ],
    [
      "Kubernetes",
      Trust.kubernetes({ issuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC", namespace: "ci", serviceAccount: "deployer" }),
      "managed-identity",
      [{ subject: "system:serviceaccount:ci:deployer", audience: AUD }],
    ],
    [
      "AKS (the issuer keeps its trailing slash)",
      Trust.kubernetes({
        issuerUrl: "https://eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/00000000-0000-0000-0000-000000000002/",
        namespace: "ci",
        serviceAccount: "deployer",
      }),
      "managed-identity",
      [{ subject: "system:serviceaccount:ci:deployer", audience: AUD }],
    ],
    [
      "HCP Terraform apply",
      Trust.terraformCloud({ organization: "acme", project: "infra", workspace: "prod", runPhase: "apply" }),
      "managed-identity",
      [{ subject: "organization:acme:project:infra:workspace:prod:run_phase:apply", audience: AUD }],
    ],
    [
      "GitLab branch",
      Trust.gitlab({ projectPath: "grp/app", refType: "branch", ref: "main", audiences: [AUD] }),
      "app-registration",
      [{ subject: "project_path:grp/app:ref_type:branch:ref:main", audience: AUD }],
    ],
    [
      "immutable GitHub subject: ids are in the subject",
      Trust.githubActions({ repository: "octo/app", branch: "main", repositoryOwnerId: "11", repositoryId: "22", immutableSubject: true }),
      "managed-identity",
      [{ subject: "repo:octo@11/app@22:ref:refs/heads/main", audience: AUD }],
    ],
    [
      "a pattern without a wildcard is an exact subject",
      gh(Subject.like("repo:octo/app:ref:refs/heads/main")),
      "managed-identity",
      [{ subject: "repo:octo/app:ref:refs/heads/main", audience: AUD }],
    ],
    [
      "anyOf: one credential per subject",
      gh(Subject.anyOf(["repo:octo/app:ref:refs/heads/main", "repo:octo/app:environment:prod"])),
      "managed-identity",
      [
        { subject: "repo:octo/app:ref:refs/heads/main", audience: AUD },
        { subject: "repo:octo/app:environment:prod", audience: AUD },
      ],
    ],
    [
      "repository claim implied by repo:OWNER/REPO:",
      gh(Subject.exactly("repo:octo/app:environment:prod"), { repository: Claim.equals("octo/app"), repository_owner: Claim.like("oct*") }),
      "managed-identity",
      [{ subject: "repo:octo/app:environment:prod", audience: AUD }],
    ],
    [
      "owner id implied by the immutable form",
      gh(Subject.exactly("repo:octo@11/app@22:environment:prod"), { repository_owner_id: Claim.equals("11"), repository_id: Claim.anyOf(["22", "33"]) }),
      "managed-identity",
      [{ subject: "repo:octo@11/app@22:environment:prod", audience: AUD }],
    ],
    [
      "owner id implied by a customised template",
      gh(Subject.exactly("repository_owner_id:11:repository:octo/app:ref:refs/heads/main"), {
        repository_owner_id: Claim.equals("11"),
        repository: Claim.equals("octo/app"),
      }),
      "managed-identity",
      [{ subject: "repository_owner_id:11:repository:octo/app:ref:refs/heads/main", audience: AUD }],
    ],
    [
      "HCP Terraform workspace claim implied",
      new Trust({
        issuer: Issuer.fromUrl("https://app.terraform.io"),
        subject: Subject.exactly("organization:acme:project:infra:workspace:prod:run_phase:apply"),
        claims: { terraform_workspace_name: Claim.equals("prod") },
      }),
      "managed-identity",
      [{ subject: "organization:acme:project:infra:workspace:prod:run_phase:apply", audience: AUD }],
    ],
  ];
  it.each(cases)("%s", (_name, trust, target, expected) => {
    const result = compiled(trust, target);
    expect(result.credentials.map((c) => c.kind)).toEqual(expected.map(() => "exact"));
    expect(result.credentials.map((c) => (c.kind === "exact" ? { subject: c.subject, audience: c.audience } : c))).toEqual(expected);
    for (const c of result.credentials) {
      expect(c.issuer).toBe(trust.issuer.url);
      expect(c.name).toMatch(AZURE_CREDENTIAL_NAME);
    }
  });
});

describe("compileAzureTrust: flexible credentials (app registrations)", () => {
  const cases: Array<[string, Trust, string[]]> = [
    [
      "GitHub tag pattern pinned by owner id",
      Trust.githubActions({ repository: "octo/app", tag: "v*", repositoryOwnerId: "123" }),
      ["claims['sub'] matches 'repo:octo/app:ref:refs/tags/v*' and claims['repository_owner_id'] eq '123'"],
    ],
    [
      "GitHub exact subject with an id pin Azure cannot check exactly",
      Trust.githubActions({ repository: "octo/app", environment: "prod", repositoryId: "456" }),
      ["claims['sub'] eq 'repo:octo/app:environment:prod' and claims['repository_id'] eq '456'"],
    ],
    [
      "GitHub both ids and a reusable workflow",
      Trust.githubActions({
        repository: "octo/app",
        ref: "refs/heads/release-*",
        repositoryOwnerId: "123",
        repositoryId: "456",
        jobWorkflowRef: "octo/wf/.github/workflows/deploy.yml@refs/heads/*",
      }),
      [
        "claims['sub'] matches 'repo:octo/app:ref:refs/heads/release-*' and claims['job_workflow_ref'] matches 'octo/wf/.github/workflows/deploy.yml@refs/heads/*' and claims['repository_id'] eq '456' and claims['repository_owner_id'] eq '123'",
      ],
    ],
    [
      "immutable GitHub pattern: the implied owner id is added for Entra",
      Trust.githubActions({ repository: "octo/app", anyRef: true, repositoryOwnerId: "11", repositoryId: "22", immutableSubject: true }),
      ["claims['sub'] matches 'repo:octo@11/app@22:*' and claims['repository_id'] eq '22'"],
    ],
    [
      "GitLab pattern pinned by project id",
      Trust.gitlab({ projectPath: "grp/app", refType: "tag", ref: "v*", projectId: "77", audiences: [AUD] }),
      ["claims['sub'] matches 'project_path:grp/app:ref_type:tag:ref:v*' and claims['project_id'] eq '77'"],
    ],
    [
      "HCP Terraform any run phase",
      Trust.terraformCloud({ organization: "acme", project: "infra", workspace: "prod", runPhase: "any" }),
      ["claims['sub'] matches 'organization:acme:project:infra:workspace:prod:run_phase:*'"],
    ],
    [
      "self-managed GitLab gitlab.<name>.com",
      Trust.gitlab({ host: "https://gitlab.acme.com", projectPath: "grp/app", refType: "branch", ref: "release-*", projectId: "77", audiences: [AUD] }),
      ["claims['sub'] matches 'project_path:grp/app:ref_type:branch:ref:release-*' and claims['project_id'] eq '77'"],
    ],
    [
      "self-managed GitLab gitlab.<name>.ca",
      Trust.gitlab({ host: "https://gitlab.acme.ca", projectPath: "grp/app", anyRef: true, projectId: "77", audiences: [AUD] }),
      ["claims['sub'] matches 'project_path:grp/app:*' and claims['project_id'] eq '77'"],
    ],
    [
      "GitHub change-over: the immutable subject exact, the name form flexible with the ids",
      Trust.githubActions({ repository: "octo/app", environment: "prod", repositoryOwnerId: "11", repositoryId: "22", immutableSubject: "both" }),
      [
        "claims['sub'] eq 'repo:octo/app:environment:prod' and claims['repository_id'] eq '22' and claims['repository_owner_id'] eq '11'",
        expect.objectContaining({ kind: "exact", subject: "repo:octo@11/app@22:environment:prod" }) as unknown as string,
      ],
    ],
  ];
  it.each(cases)("%s", (_name, trust, expressions) => {
    const result = compiled(trust, "app-registration");
    expect(result.credentials.map((c) => (c.kind === "flexible" ? c.claimsMatchingExpression : c))).toEqual(expressions);
    for (const c of result.credentials) expect(c.name).toMatch(AZURE_CREDENTIAL_NAME);
  });

  it("mixes exact credentials and flexible ones, one per subject alternative", () => {
    const trust = new Trust({
      issuer: Issuer.fromUrl("https://app.terraform.io"),
      subject: Subject.anyOf([
        "organization:acme:project:infra:workspace:prod:run_phase:apply",
        Subject.like("organization:acme:project:infra:workspace:dev-*:run_phase:plan"),
      ]),
    });
    const result = compiled(trust, "app-registration");
    expect(result.credentials).toEqual([
      expect.objectContaining({ kind: "exact", subject: "organization:acme:project:infra:workspace:prod:run_phase:apply", audience: AUD }),
      expect.objectContaining({
        kind: "flexible",
        audience: AUD,
        claimsMatchingExpression: "claims['sub'] matches 'organization:acme:project:infra:workspace:dev-*:run_phase:plan'",
      }),
    ]);
  });
});

describe("compileAzureTrust: refusals (messages pinned)", () => {
  const subjects21 = Array.from({ length: 21 }, (_, i) => `repo:octo/app:environment:env-${i}`);
  const longSubject = `repo:octo/app:environment:${"e".repeat(600)}`;
  const longIssuer = `https://issuer.example.com/${"p".repeat(590)}`;
  const cases: Array<[string, Trust, AzureTarget, string, string]> = [
    [
      "a pattern on a managed identity",
      Trust.githubActions({ repository: "octo/app", ref: "refs/heads/release-*" }),
      "managed-identity",
      "Trust.subject",
      'Trust.subject: azurerm cannot express the subject pattern "repo:octo/app:ref:refs/heads/release-*" on a managed identity: its federated credentials match subjects exactly (no wildcards). Entra flexible credentials can take patterns on managed identities too (preview ARM API), but azurerm cannot create them; use an app registration (AzureAppFederatedCredential). Alternatives: (1) list the exact subjects with Subject.anyOf([...]) (at most 20); (2) use AzureAppFederatedCredential (an app registration), whose flexible credential can test patterns and some claims for GitHub Actions, GitLab (gitlab.com and self-managed gitlab.<name>.com / .ca) and HCP Terraform.',
    ],
    [
      "a claim condition the subject does not imply",
      Trust.githubActions({ repository: "octo/app", environment: "prod", repositoryOwnerId: "123" }),
      "managed-identity",
      "Trust.claims.repository_owner_id",
      'Trust.claims.repository_owner_id: azurerm cannot express the claim condition repository_owner_id = "123": exact federated credentials compare only issuer, subject and audience, and the subject "repo:octo/app:environment:prod" does not imply it (flexible credentials, which test claims, exist for managed identities only in the preview ARM API, which azurerm cannot use). Dropping the condition would admit more tokens than the trust. Alternatives: (1) customise the GitHub subject template so the subject contains the claim (e.g. "repository_owner_id:123:repository_id:456:..."; gh api -X PUT repos/OWNER/REPO/actions/oidc/customization/sub) and trust that subject; (2) use AzureAppFederatedCredential (an app registration), whose flexible credential can test patterns and some claims for GitHub Actions, GitLab (gitlab.com and self-managed gitlab.<name>.com / .ca) and HCP Terraform; (3) remove the repository_owner_id condition from the trust if it is not needed.',
    ],
    [
      "more than 20 credentials",
      gh(Subject.anyOf(subjects21)),
      "managed-identity",
      "Trust.subject",
      "Trust.subject: the trust needs 21 federated credentials, and Azure allows at most 20 on one managed identity. Alternatives: (1) trust at most 20 subjects with Subject.anyOf([...]); (2) split the subjects over several identities; (3) use AzureAppFederatedCredential (an app registration), whose flexible credential can test patterns and some claims for GitHub Actions, GitLab (gitlab.com and self-managed gitlab.<name>.com / .ca) and HCP Terraform, where one pattern covers many subjects.",
    ],
    [
      "a subject over 600 characters",
      gh(Subject.exactly(longSubject)),
      "managed-identity",
      "Trust.subject",
      `Trust.subject: Azure accepts a federated credential subject of at most 600 characters; "${longSubject}" has 626. Alternatives: (1) shorten the subject.`,
    ],
    [
      "an issuer over 600 characters",
      new Trust({ issuer: Issuer.fromUrl(longIssuer), subject: Subject.exactly("workload-1") }),
      "managed-identity",
      "Trust.issuer",
      `Trust.issuer: Azure accepts a federated credential issuer of at most 600 characters; "${longIssuer}" has 617. Alternatives: (1) shorten the issuer.`,
    ],
    [
      "a GitHub flexible credential without an id pin",
      Trust.githubActions({ repository: "octo/app", ref: "refs/heads/release-*" }),
      "app-registration",
      "Trust.claims.repository_owner_id",
      'Trust.claims.repository_owner_id: Entra requires a GitHub flexible credential to pin repository_owner_id or repository_id, and the trust for "repo:octo/app:ref:refs/heads/release-*" pins neither. Alternatives: (1) set repositoryOwnerId (or repositoryId) in Trust.githubActions({...}), e.g. repositoryOwnerId: "1234567" (gh api repos/OWNER/REPO --jq .owner.id); (2) or add claims: { repository_owner_id: Claim.equals("1234567") } to the trust.',
    ],
    [
      "two audiences",
      Trust.githubActions({ repository: "octo/app", branch: "main", audiences: ["a", "b"] }),
      "managed-identity",
      "Trust.audiences",
      'Trust.audiences: Azure federated credentials check exactly one audience, and issuer plus subject must be unique on one identity, so the audiences ["a","b"] cannot all be accepted. Alternatives: (1) give the Azure trust one audience, e.g. trust.withAudiences(["api://AzureADTokenExchange"]); (2) use one identity per audience.',
    ],
    [
      "a pattern for an issuer without flexible credentials",
      Trust.kubernetes({ issuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC", namespace: "ci", serviceAccount: "deploy-*" }),
      "app-registration",
      "Trust.issuer",
      'Trust.issuer: The subject pattern "system:serviceaccount:ci:deploy-*" needs a flexible credential, and Entra supports flexible credentials only for the issuers https://token.actions.githubusercontent.com, https://gitlab.com, https://app.terraform.io, https://app.eu.terraform.io and https://gitlab.<name>.com or .ca (self-managed GitLab), not "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC". Alternatives: (1) list the exact subjects with Subject.anyOf([...]) (at most 20) and no claim conditions the subject does not imply.',
    ],
    [
      "a claim flexible credentials cannot test",
      Trust.gitlab({ projectPath: "grp/app", refType: "branch", ref: "main", namespaceId: "9", audiences: [AUD] }),
      "app-registration",
      "Trust.claims.namespace_id",
      'Trust.claims.namespace_id: Azure flexible credentials for GitLab cannot test namespace_id "9" (allowed: sub eq/matches, project_id eq). Alternatives: (1) remove the namespace_id condition or make the subject imply it; (2) list the exact subjects with Subject.anyOf([...]) (at most 20).',
    ],
    [
      "a pattern on an id claim (eq only)",
      gh(Subject.like("repo:octo/app:*"), { repository_id: Claim.like("12*") }),
      "app-registration",
      "Trust.claims.repository_id",
      'Trust.claims.repository_id: Azure flexible credentials for GitHub Actions cannot test repository_id like "12*" (allowed: sub eq/matches, job_workflow_ref eq/matches, repository_id eq, repository_owner_id eq). Alternatives: (1) remove the repository_id condition or make the subject imply it; (2) list the exact subjects with Subject.anyOf([...]) (at most 20).',
    ],
    [
      "alternatives on a claim",
      gh(Subject.like("repo:octo/app:*"), { repository_owner_id: Claim.anyOf(["1", "2"]) }),
      "app-registration",
      "Trust.claims.repository_owner_id",
      'Trust.claims.repository_owner_id: Azure flexible expressions join tests with "and" only, so the alternatives "1" | "2" of repository_owner_id cannot be expressed. Alternatives: (1) give repository_owner_id a single value or pattern; (2) declare one trust per alternative.',
    ],
    [
      "a quote inside a flexible comparand",
      Trust.githubActions({ repository: "octo/app", environment: "it's-prod", repositoryOwnerId: "123" }),
      "app-registration",
      "Trust.subject",
      `Trust.subject: "repo:octo/app:environment:it's-prod" contains a quote or backslash, which Entra's flexible expression language has no documented way to escape inside a '...' comparand. Alternatives: (1) use a value without ' or \\; (2) list the exact subjects with Subject.anyOf([...]) (at most 20).`,
    ],
  ];
  it.each(cases)("%s", (_name, trust, target, field, message) => {
    const refusal = refused(trust, target);
    expect(refusal.field).toBe(field);
    expect(refusal.alternatives.length).toBeGreaterThan(0);
    const error = refusalError(refusal);
    expect(error).toBeInstanceOf(WifValidationError);
    expect(error.message).toBe(message);
  });

  it("offers a customised subject template only for GitHub", () => {
    const refusal = refused(Trust.gitlab({ projectPath: "grp/app", refType: "branch", ref: "main", projectId: "7" }), "managed-identity");
    expect(refusal.field).toBe("Trust.claims.project_id");
    expect(refusal.alternatives).toEqual([
      "use AzureAppFederatedCredential (an app registration), whose flexible credential can test patterns and some claims for GitHub Actions, GitLab (gitlab.com and self-managed gitlab.<name>.com / .ca) and HCP Terraform",
      "remove the project_id condition from the trust if it is not needed",
    ]);
  });

  it("never drops a claim condition: a managed identity refuses even when the subject is exact", () => {
    const trust = gh(Subject.exactly("repo:octo/app:ref:refs/heads/main"), { repository: Claim.equals("other/app") });
    expect(refused(trust, "managed-identity").field).toBe("Trust.claims.repository");
  });

  it("reads implied values only from the literal prefix of a pattern", () => {
    // "repo:oct*/app:..." does not prove the owner matches oct*: the "*" may hold "/" or ":".
    const trust = gh(Subject.like("repo:oct*/app:ref:refs/heads/main"), { repository_owner: Claim.like("oct*"), repository_owner_id: Claim.equals("123") });
    expect(refused(trust, "app-registration").field).toBe("Trust.claims.repository_owner");
  });

  it("does not read implied values out of an unfinished literal prefix", () => {
    // "repo:octo*" could be "repo:octo-evil/app:...": no owner is implied.
    const trust = gh(Subject.like("repo:octo*"), { repository_owner: Claim.equals("octo") });
    expect(refused(trust, "app-registration").field).toBe("Trust.claims.repository_owner");
  });
});

describe("credential names", () => {
  it("are stable when subjects are added or removed", () => {
    const a = "repo:octo/app:ref:refs/heads/main";
    const b = "repo:octo/app:environment:prod";
    const c = "repo:octo/app:environment:staging";
    const names = (subjects: string[]) =>
      new Map(compiled(gh(Subject.anyOf(subjects)), "managed-identity").credentials.map((x) => [x.kind === "exact" ? x.subject : "", x.name]));
    const before = names([a, b]);
    const after = names([c, b, a]);
    expect(after.get(a)).toBe(before.get(a));
    expect(after.get(b)).toBe(before.get(b));
    expect(names([b]).get(b)).toBe(before.get(b));
  });

  it("are readable and unique", () => {
    const result = compiled(gh(Subject.anyOf(["repo:octo/app:environment:prod", "repo:octo/app:environment:prod%3Aeu"])), "managed-identity");
    const [first, second] = result.credentials.map((x) => x.name);
    expect(first).toMatch(/^repo-octo-app-environment-prod-[0-9a-f]{12}$/);
    expect(second).not.toBe(first);
  });
});

// Entra refuses a GitLab flexible credential with a project_path: subject that does not test project_id.
describe("compileAzureTrust: GitLab flexible credentials need a project id pin", () => {
  it.each([
    ["gitlab.com", "https://gitlab.com"],
    ["self-managed gitlab.<name>.com", "https://gitlab.acme.com"],
  ])("%s without projectId is refused with the fix", (_name, host) => {
    const result = compileAzureTrust(Trust.gitlab({ host, projectPath: "grp/app", refType: "tag", ref: "v*", audiences: [AUD] }), "app-registration");
    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : refusalError(result).message).toBe(
      'Trust.claims.project_id: Entra requires a GitLab flexible credential with a project_path: subject to test project_id as well (it refuses the credential otherwise: "lacks all required claims"), ' +
        'and the trust for "project_path:grp/app:ref_type:tag:ref:v*" does not pin it. Alternatives: (1) set projectId in Trust.gitlab({...}), e.g. projectId: "42" (the project\'s numeric id, Settings > General); ' +
        '(2) or add claims: { project_id: Claim.equals("42") } to the trust.',
    );
  });

  it("an exact GitLab subject needs no flexible credential, so no pin", () => {
    const result = compiled(Trust.gitlab({ projectPath: "grp/app", refType: "branch", ref: "main", audiences: [AUD] }), "app-registration");
    expect(result.credentials).toEqual([expect.objectContaining({ kind: "exact", subject: "project_path:grp/app:ref_type:branch:ref:main" })]);
  });

  it.each(["https://gitlab.example.org", "https://code.acme.com", "https://gitlab.acme.co.uk"])("%s has no flexible credentials on Entra", (host) => {
    const result = compileAzureTrust(
      Trust.gitlab({ host, projectPath: "grp/app", refType: "tag", ref: "v*", projectId: "1", audiences: [AUD] }),
      "app-registration",
    );
    expect(result.ok ? undefined : result.field).toBe("Trust.issuer");
  });
});
