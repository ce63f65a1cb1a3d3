import { compileAwsTrustPolicy } from "../../../src/compile/aws";
import { Claim, Issuer, Subject, Trust, WifValidationError } from "../../../src/trust";

const GH = "https://token.actions.githubusercontent.com";
const GH_ARN = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
const ghTrust = (subject: Subject, extra: { audiences?: string[]; claims?: Record<string, Claim> } = {}) =>
  new Trust({ issuer: Issuer.fromUrl(GH), subject, ...extra });

function conditionOf(trust: Trust, providerArn = GH_ARN) {
  return compileAwsTrustPolicy(trust, { providerArn }).document.Statement[0].Condition;
}

describe("compileAwsTrustPolicy: the policy shape", () => {
  it("allows AssumeRoleWithWebIdentity from the provider ARN only, with aud and sub checked", () => {
    const policy = compileAwsTrustPolicy(Trust.githubActions({ repository: "octo-org/app", branch: "main" }), { providerArn: GH_ARN });
    expect(policy.document).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: GH_ARN },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
              "token.actions.githubusercontent.com:sub": "repo:octo-org/app:ref:refs/heads/main",
            },
          },
        },
      ],
    });
    expect(policy.json).toBe(JSON.stringify(policy.document));
    expect(policy.conditionKeyPrefix).toBe("token.actions.githubusercontent.com");
    expect(Object.isFrozen(policy.document.Statement[0].Condition)).toBe(true);
  });

  it.each([
    ["GitHub Actions", Trust.githubActions({ repository: "o/r", environment: "prod" }), "token.actions.githubusercontent.com", "sts.amazonaws.com"],
    [
      "GitHub enterprise",
      Trust.githubActions({ repository: "o/r", branch: "main", enterprise: "acme" }),
      "token.actions.githubusercontent.com/acme",
      "sts.amazonaws.com",
    ],
    ["GitHub ghe.com", Trust.githubActions({ repository: "o/r", branch: "main", gheSubdomain: "octo" }), "token.actions.octo.ghe.com", "sts.amazonaws.com"],
    [
      "EKS",
      Trust.kubernetes({ issuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC123", namespace: "ci", serviceAccount: "deployer" }),
      "oidc.eks.eu-west-1.amazonaws.com/id/ABC123",
      "sts.amazonaws.com",
    ],
    [
      "HCP Terraform",
      Trust.terraformCloud({ organization: "acme", project: "infra", workspace: "prod", runPhase: "apply" }),
      "app.terraform.io",
      "aws.workload.identity",
    ],
    ["GitLab", Trust.gitlab({ projectPath: "grp/app", refType: "branch", ref: "main", audiences: ["https://gitlab.com"] }), "gitlab.com", "https://gitlab.com"],
  ])("%s: condition keys are prefixed with the issuer URL without https:// (%s)", (_name, trust, prefix, aud) => {
    const providerArn = `arn:aws:iam::111122223333:oidc-provider/${prefix}`;
    const policy = compileAwsTrustPolicy(trust, { providerArn });
    expect(policy.conditionKeyPrefix).toBe(prefix);
    expect(policy.document.Statement[0].Condition.StringEquals).toMatchObject({ [`${prefix}:aud`]: aud });
    for (const block of Object.values(policy.document.Statement[0].Condition)) {
      for (const key of Object.keys(block ?? {})) expect(key.startsWith(`${prefix}:`)).toBe(true);
    }
  });
});

describe("compileAwsTrustPolicy: subjects and claims", () => {
  it.each<[string, Subject, object]>([
    [
      "one exact value → StringEquals string",
      Subject.exactly("repo:o/r:environment:prod"),
      { StringEquals: { "token.actions.githubusercontent.com:sub": "repo:o/r:environment:prod" } },
    ],
    [
      "several exact values → StringEquals list (OR)",
      Subject.anyOf(["repo:o/r:environment:a", "repo:o/r:environment:b"]),
      { StringEquals: { "token.actions.githubusercontent.com:sub": ["repo:o/r:environment:a", "repo:o/r:environment:b"] } },
    ],
    [
      "a pattern → StringLike",
      Subject.like("repo:o/r:ref:refs/tags/v*"),
      { StringLike: { "token.actions.githubusercontent.com:sub": "repo:o/r:ref:refs/tags/v*" } },
    ],
    [
      "exact + pattern → one StringLike list, exact values escaped (still one OR)",
      Subject.anyOf(["repo:o/r:environment:ab", Subject.like("repo:o/r:ref:refs/heads/release-?")]),
      { StringLike: { "token.actions.githubusercontent.com:sub": ["repo:o/r:environment:ab", "repo:o/r:ref:refs/heads/release-?"] } },
    ],
    [
      "a literal $ in an exact value → StringLike with ${$}",
      Subject.exactly("repo:o/r:ref:refs/heads/$aws{username}"),
      { StringLike: { "token.actions.githubusercontent.com:sub": "repo:o/r:ref:refs/heads/${$}aws{username}" } },
    ],
    [
      "a literal $ next to a pattern → ${$} in StringLike, wildcards kept",
      Subject.anyOf(["repo:o/r:environment:$x", Subject.like("repo:o/r:ref:refs/heads/$*")]),
      { StringLike: { "token.actions.githubusercontent.com:sub": ["repo:o/r:environment:${$}x", "repo:o/r:ref:refs/heads/${$}*"] } },
    ],
  ])("%s", (_name, subject, expected) => {
    const condition = conditionOf(ghTrust(subject));
    const { StringEquals = {}, StringLike = {} } = condition as Record<string, Record<string, unknown>>;
    const merged = { StringEquals: { ...StringEquals }, StringLike: { ...StringLike } };
    delete merged.StringEquals["token.actions.githubusercontent.com:aud"];
    for (const [op, keys] of Object.entries(expected)) expect(merged[op as "StringEquals"]).toEqual(keys);
    // The sub key appears under exactly one operator: two blocks would AND, not OR.
    const subBlocks = Object.values(condition).filter((block) => "token.actions.githubusercontent.com:sub" in (block as object));
    expect(subBlocks).toHaveLength(1);
  });

  it("escapes $ of exact values that share StringLike with a pattern", () => {
    const condition = conditionOf(ghTrust(Subject.anyOf(["repo:o/r:environment:$", Subject.like("repo:o/r:ref:*")])));
    expect(condition.StringLike).toEqual({ "token.actions.githubusercontent.com:sub": ["repo:o/r:environment:${$}", "repo:o/r:ref:*"] });
  });

  it("puts claim conditions AWS evaluates under their own keys, exact in StringEquals, patterns in StringLike", () => {
    const trust = Trust.githubActions({
      repository: "octo-org/app",
      branch: "main",
      repositoryOwnerId: "1234567",
      repositoryId: "7654321",
      jobWorkflowRef: "octo-org/deploy/.github/workflows/deploy.yml@refs/heads/*",
    });
    expect(conditionOf(trust)).toEqual({
      StringEquals: {
        "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
        "token.actions.githubusercontent.com:sub": "repo:octo-org/app:ref:refs/heads/main",
        "token.actions.githubusercontent.com:repository_owner_id": "1234567",
        "token.actions.githubusercontent.com:repository_id": "7654321",
      },
      StringLike: {
        "token.actions.githubusercontent.com:job_workflow_ref": "octo-org/deploy/.github/workflows/deploy.yml@refs/heads/*",
      },
    });
  });

  it("lists every explicit audience (OR)", () => {
    const condition = conditionOf(ghTrust(Subject.exactly("repo:o/r:pull_request"), { audiences: ["sts.amazonaws.com", "api://x"] }));
    expect(condition.StringEquals).toMatchObject({ "token.actions.githubusercontent.com:aud": ["sts.amazonaws.com", "api://x"] });
  });

  it("moves audiences with a $ to StringLike, escaped", () => {
    const condition = conditionOf(ghTrust(Subject.exactly("repo:o/r:pull_request"), { audiences: ["sts.amazonaws.com", "a$b"] }));
    expect(condition.StringLike).toEqual({ "token.actions.githubusercontent.com:aud": ["sts.amazonaws.com", "a${$}b"] });
    expect(condition.StringEquals).toEqual({ "token.actions.githubusercontent.com:sub": "repo:o/r:pull_request" });
  });

  it("accepts GitLab.com claims AWS evaluates (project_id, namespace_id)", () => {
    const trust = Trust.gitlab({ projectPath: "grp/app", refType: "branch", ref: "main", projectId: "42", namespaceId: "7", audiences: ["sts.amazonaws.com"] });
    expect(conditionOf(trust, "arn:aws:iam::111122223333:oidc-provider/gitlab.com").StringEquals).toMatchObject({
      "gitlab.com:project_id": "42",
      "gitlab.com:namespace_id": "7",
    });
  });
});

describe("compileAwsTrustPolicy: refusals (pinned messages)", () => {
  const cases: [string, () => unknown, string][] = [
    [
      "a claim AWS does not evaluate for the issuer",
      () => compileAwsTrustPolicy(ghTrust(Subject.exactly("repo:o/r:pull_request"), { claims: { head_ref: Claim.equals("main") } }), { providerArn: GH_ARN }),
      'Trust.claims.head_ref: AWS STS does not evaluate the claim "head_ref" for tokens from "https://token.actions.githubusercontent.com", so a condition on "token.actions.githubusercontent.com:head_ref" would never be true (no token could assume the role). AWS evaluates only "actor", "actor_id", "enterprise_id", "environment", "job_workflow_ref", "ref", "repository", "repository_id", "repository_owner_id", "workflow" besides "sub" and "aud" for this issuer. Move the condition into the subject (e.g. Subject.exactly(...) on the full "sub" value), drop it for the AWS deployment, or deploy this trust to a cloud that can check the claim (GCP).',
    ],
    [
      "GitLab claims on a self-managed GitLab (AWS evaluates them for gitlab.com only)",
      () =>
        compileAwsTrustPolicy(
          Trust.gitlab({
            projectPath: "grp/app",
            refType: "branch",
            ref: "main",
            host: "https://gitlab.example.com",
            projectId: "42",
            audiences: ["sts.amazonaws.com"],
          }),
          { providerArn: "arn:aws:iam::111122223333:oidc-provider/gitlab.example.com" },
        ),
      'Trust.claims.project_id: AWS STS does not evaluate the claim "project_id" for tokens from "https://gitlab.example.com"',
    ],
    [
      "the multi-valued amr claim",
      () => compileAwsTrustPolicy(ghTrust(Subject.exactly("repo:o/r:pull_request"), { claims: { amr: Claim.equals("pwd") } }), { providerArn: GH_ARN }),
      'Trust.claims.amr: "amr" is multi-valued in AWS ("ForAnyValue:" semantics), which a single-valued claim condition cannot express exactly.',
    ],
    [
      "no audience known for AWS",
      () =>
        compileAwsTrustPolicy(Trust.gitlab({ projectPath: "grp/app", refType: "branch", ref: "main" }), {
          providerArn: "arn:aws:iam::111122223333:oidc-provider/gitlab.com",
        }),
      'Trust.audiences: tokens from "https://gitlab.com" (gitlab) have no usual AWS audience, so AWS could not check "aud". Set audiences to the value your workload requests, e.g. audiences: ["sts.amazonaws.com"].',
    ],
    [
      "a provider ARN of another issuer",
      () => compileAwsTrustPolicy(ghTrust(Subject.exactly("repo:o/r:pull_request")), { providerArn: "arn:aws:iam::111122223333:oidc-provider/gitlab.com" }),
      'compileAwsTrustPolicy.providerArn: the OIDC provider is for "https://gitlab.com" but the trust\'s issuer is "https://token.actions.githubusercontent.com".',
    ],
    [
      "something that is not a provider ARN",
      () => compileAwsTrustPolicy(ghTrust(Subject.exactly("repo:o/r:pull_request")), { providerArn: "arn:aws:iam::111122223333:role/x" }),
      'compileAwsTrustPolicy.providerArn: "arn:aws:iam::111122223333:role/x" is not an IAM OIDC provider ARN.',
    ],
    [
      "Google's built-in provider",
      () =>
        compileAwsTrustPolicy(new Trust({ issuer: Issuer.fromUrl("https://accounts.google.com"), subject: Subject.exactly("1234"), audiences: ["x"] }), {
          providerArn: "arn:aws:iam::111122223333:oidc-provider/accounts.google.com",
        }),
      'Trust.issuer: "https://accounts.google.com" is a built-in identity provider on AWS',
    ],
    [
      "an issuer with a port (AWS condition keys allow one colon)",
      () =>
        compileAwsTrustPolicy(new Trust({ issuer: Issuer.fromUrl("https://ci.example.com:8443/oidc"), subject: Subject.exactly("job:1"), audiences: ["x"] }), {
          providerArn: "arn:aws:iam::111122223333:oidc-provider/ci.example.com:8443/oidc",
        }),
      'Trust.issuer: "https://ci.example.com:8443/oidc" has a ":" after "https://" (a port or a colon in the path). AWS condition keys are "<issuer without https://>:<claim>" and IAM refuses keys with more than one colon, so this issuer cannot be trusted on AWS. Serve the issuer on port 443 without ":" in its path.',
    ],
    [
      "a bad length limit",
      () => compileAwsTrustPolicy(ghTrust(Subject.exactly("repo:o/r:pull_request")), { providerArn: GH_ARN, maxLength: 5000 }),
      "compileAwsTrustPolicy.maxLength: 5000 is not a usable limit. Give an integer from 1 to 4096",
    ],
  ];
  it.each(cases)("%s", (_name, run, message) => {
    expect(run).toThrow(WifValidationError);
    expect(run).toThrow(message);
  });
});

describe("compileAwsTrustPolicy: the 2048-character quota", () => {
  const subjects = (n: number) => Subject.anyOf(Array.from({ length: n }, (_, i) => `repo:octo-org/app:environment:env-${String(i).padStart(4, "0")}`));

  it("counts the compact JSON as AWS does, with the literal ARN", () => {
    const policy = compileAwsTrustPolicy(ghTrust(subjects(3)), { providerArn: GH_ARN });
    expect(policy.length).toBe(policy.json.length);
    expect(policy.json).not.toMatch(/\s(?=(?:[^"]*"[^"]*")*[^"]*$)/); // no whitespace outside strings
  });

  it.each([
    ["aws", "arn:aws:iam::"],
    ["aws-cn", "arn:aws-cn:iam::"],
    ["aws-us-gov", "arn:aws-us-gov:iam::"],
  ] as const)("uses the deployed ARN length when the ARN is a token (%s)", (partition, prefix) => {
    const token = "${TfToken[TOKEN.42]}";
    const literal = compileAwsTrustPolicy(ghTrust(subjects(3)), { providerArn: `${prefix}111122223333:oidc-provider/token.actions.githubusercontent.com` });
    const viaToken = compileAwsTrustPolicy(ghTrust(subjects(3)), { providerArn: token, partition });
    const viaTemplate = compileAwsTrustPolicy(ghTrust(subjects(3)), { providerArn: `${prefix}${token}:oidc-provider/token.actions.githubusercontent.com` });
    expect(viaToken.length).toBe(literal.length);
    expect(viaTemplate.length).toBe(literal.length);
    expect(viaToken.json).toContain(token);
  });

  it("counts conservatively: UTF-8 bytes, and <, >, & as the escapes Go's JSON encoder may send", () => {
    const plain = compileAwsTrustPolicy(ghTrust(Subject.exactly("repo:o/r:environment:aaa")), { providerArn: GH_ARN });
    const special = compileAwsTrustPolicy(ghTrust(Subject.exactly("repo:o/r:environment:é<&")), { providerArn: GH_ARN });
    expect(special.json.length).toBe(plain.json.length);
    expect(special.length).toBe(plain.length + 1 + 5 + 5);
  });

  it("accepts a policy of exactly the limit and refuses one character more", () => {
    const trust = ghTrust(subjects(20));
    const { length } = compileAwsTrustPolicy(trust, { providerArn: GH_ARN, maxLength: 4096 });
    expect(compileAwsTrustPolicy(trust, { providerArn: GH_ARN, maxLength: length }).length).toBe(length);
    expect(() => compileAwsTrustPolicy(trust, { providerArn: GH_ARN, maxLength: length - 1 })).toThrow(
      `AWS trust policy: the compiled trust policy is ${length} characters (counted as AWS does, without whitespace), over the limit of ${length - 1}; ` +
        `IAM would reject it at apply time. The subject has 20 alternatives: split the trust over several roles, or replace exact values by one narrow pattern, ` +
        `or raise the IAM quota "Role trust policy length" (up to 4096) and set maxTrustPolicyLength.`,
    );
  });

  it("refuses by default above 2048 characters", () => {
    expect(() => compileAwsTrustPolicy(ghTrust(subjects(60)), { providerArn: GH_ARN })).toThrow(/over the limit of 2048/);
    expect(compileAwsTrustPolicy(ghTrust(subjects(60)), { providerArn: GH_ARN, maxLength: 4096 }).length).toBeGreaterThan(2048);
  });
});

describe("compileAwsTrustPolicy: AKS issuers keep their trailing slash", () => {
  it("writes the condition keys with the slash before the colon, and the provider ARN with it", () => {
    const trust = Trust.kubernetes({
      issuerUrl: "https://eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/00000000-0000-0000-0000-000000000002/",
      namespace: "ci",
      serviceAccount: "deployer",
      audiences: ["sts.amazonaws.com"],
    });
    const providerArn =
      "arn:aws:iam::111122223333:oidc-provider/eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/00000000-0000-0000-0000-000000000002/";
    const { document, conditionKeyPrefix } = compileAwsTrustPolicy(trust, { providerArn });
    expect(conditionKeyPrefix).toBe("eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/00000000-0000-0000-0000-000000000002/");
    expect(document.Statement[0].Principal.Federated).toBe(providerArn);
    expect(document.Statement[0].Condition).toEqual({
      StringEquals: {
        "eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/00000000-0000-0000-0000-000000000002/:aud": "sts.amazonaws.com",
        "eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/00000000-0000-0000-0000-000000000002/:sub": "system:serviceaccount:ci:deployer",
      },
    });
  });
});
