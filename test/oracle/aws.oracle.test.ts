/**
 * Oracle tests: the trust policy the AWS compiler produces, evaluated by the IAM policy simulator
 * (`@cloud-copilot/iam-simulate`, test-only), decides every token exactly as `trust.accepts(claims, "aws")`.
 *
 * How the simulator is driven, and why that is faithful despite the known `runSimulation` snag
 * (it drops the generic `<issuer>:sub` / `:aud` context keys, which the Service Authorization
 * Reference does not list for `sts:AssumeRoleWithWebIdentity`): see the header of ./aws-oracle.ts.
 * In short, we call `runUnsafeSimulation` with the policy pre-validated by the simulator's own
 * `validateTrustPolicy` and passed as a named `ValidatedPolicy`, and with the context keys STS
 * evaluates (generic OIDC keys + the keys the simulator's data lists for the action). The
 * "non-vacuous" block below proves the oracle can both allow and deny, that its wildcard semantics
 * are AWS's, and that the validated `runSimulation` really would deny even the right token.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { TerraformStack, Testing } from "cdktf";
import { compileAwsTrustPolicy } from "../../src/compile/aws";
import { AwsOidcProvider, AwsWorkloadIdentityRole } from "../../src/constructs/aws";
import { Claim, Issuer, Subject, Trust } from "../../src/trust";
import { AwsOracle, createAwsOracle } from "./aws-oracle";
import { renderTerraformLiteral } from "./terraform-render";

const ACCOUNT = "111122223333";
const AKS = "https://eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/00000000-0000-0000-0000-000000000002/";
const providerArnFor = (trust: Trust, partition = "aws") => `arn:${partition}:iam::${ACCOUNT}:oidc-provider/${trust.issuer.hostAndPath}`;

let oracle: AwsOracle;
beforeAll(async () => {
  oracle = await createAwsOracle();
});

describe("the oracle is not vacuous", () => {
  const trust = new Trust({
    issuer: Issuer.fromUrl("https://token.actions.githubusercontent.com"),
    subject: Subject.exactly("repo:octo-org/app:ref:refs/heads/main"),
  });
  const providerArn = providerArnFor(trust);
  const { json } = compileAwsTrustPolicy(trust, { providerArn });
  const token = { iss: trust.issuer.url, aud: "sts.amazonaws.com", sub: "repo:octo-org/app:ref:refs/heads/main" };

  it("allows the right sub and denies a wrong sub on the same policy", () => {
    expect(oracle.decide(json, providerArn, token)).toBe("Allowed");
    expect(oracle.decide(json, providerArn, { ...token, sub: "repo:octo-org/app:ref:refs/heads/dev" })).toBe("ImplicitlyDenied");
  });

  it("evaluates StringLike wildcards as AWS documents: * crosses / and :, ? is one character, case-sensitive", () => {
    const policy = (pattern: string) =>
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Federated: providerArn },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: {
              StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
              StringLike: { "token.actions.githubusercontent.com:sub": pattern },
            },
          },
        ],
      });
    const allows = (pattern: string, sub: string) => oracle.allows(policy(pattern), providerArn, { ...token, sub });
    expect(allows("repo:octo*", "repo:octo-evil/x:ref:refs/heads/a/b")).toBe(true);
    expect(allows("repo:octo/app:ref:refs/heads/v?", "repo:octo/app:ref:refs/heads/v1")).toBe(true);
    expect(allows("repo:octo/app:ref:refs/heads/v?", "repo:octo/app:ref:refs/heads/v12")).toBe(false);
    expect(allows("repo:octo/app:ref:refs/heads/v?", "repo:octo/app:ref:refs/heads/v")).toBe(false);
    expect(allows("repo:octo/*", "repo:Octo/app:ref:refs/heads/main")).toBe(false);
    expect(allows("repo:octo/${*}", "repo:octo/app")).toBe(false);
    expect(allows("repo:octo/${*}", "repo:octo/*")).toBe(true);
  });

  it("demonstrates the snag: the validated runSimulation drops :sub and :aud and denies the right token", async () => {
    const result = await runSimulation(
      {
        request: {
          principal: providerArn,
          action: "sts:AssumeRoleWithWebIdentity",
          resource: { resource: `arn:aws:iam::${ACCOUNT}:role/r`, accountId: ACCOUNT },
          contextVariables: oracle.contextFor(token),
        },
        identityPolicies: [],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: JSON.parse(json),
      },
      {},
    );
    expect(result.resultType).toBe("single");
    if (result.resultType !== "single") return;
    expect(result.overallResult).toBe("ImplicitlyDenied");
    expect(result.result.ignoredContextKeys).toEqual(["token.actions.githubusercontent.com:aud", "token.actions.githubusercontent.com:sub"]);
  });

  it("refuses to evaluate a policy IAM would reject", () => {
    const bad = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRoleWithWebIdentity" }] });
    expect(() => oracle.decide(bad, providerArn, token)).toThrow(/IAM would reject this trust policy/);
  });
});

type Row = readonly [label: string, claims: Record<string, unknown>, expected: boolean];
interface Case {
  readonly name: string;
  readonly trust: Trust;
  readonly partition?: string;
  readonly tokens: readonly Row[];
}

const GH = "https://token.actions.githubusercontent.com";
const gh = (sub: string, extra: Record<string, unknown> = {}) => ({ iss: GH, aud: "sts.amazonaws.com", sub, ...extra });
const CIRCLE_ORG = "0f4c2b1e-aaaa-bbbb-cccc-123456789abc";
const EKS = "https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123";

const cases: readonly Case[] = [
  {
    name: "GitHub preset: environment + owner id pin",
    trust: Trust.githubActions({ repository: "octo-org/payments", environment: "production", repositoryOwnerId: "1234567" }),
    tokens: [
      ["matching", gh("repo:octo-org/payments:environment:production", { repository_owner_id: "1234567", actor: "x" }), true],
      ["wrong owner", gh("repo:other-org/payments:environment:production", { repository_owner_id: "1234567" }), false],
      ["owner prefix octo-org-evil", gh("repo:octo-org-evil/payments:environment:production", { repository_owner_id: "1234567" }), false],
      ["other context (branch)", gh("repo:octo-org/payments:ref:refs/heads/main", { repository_owner_id: "1234567" }), false],
      ["other case", gh("repo:Octo-Org/payments:environment:production", { repository_owner_id: "1234567" }), false],
      ["missing aud", { iss: GH, sub: "repo:octo-org/payments:environment:production", repository_owner_id: "1234567" }, false],
      ["wrong aud", gh("repo:octo-org/payments:environment:production", { aud: "sts.amazonaws.com.evil", repository_owner_id: "1234567" }), false],
      ["owner id mismatch (re-registered name)", gh("repo:octo-org/payments:environment:production", { repository_owner_id: "999" }), false],
      ["owner id claim missing", gh("repo:octo-org/payments:environment:production"), false],
      [
        "other issuer (GHE enterprise)",
        { ...gh("repo:octo-org/payments:environment:production", { repository_owner_id: "1234567" }), iss: `${GH}/acme` },
        false,
      ],
      [
        "non-https iss",
        { ...gh("repo:octo-org/payments:environment:production", { repository_owner_id: "1234567" }), iss: "http://token.actions.githubusercontent.com" },
        false,
      ],
    ],
  },
  {
    name: "GitHub preset: release-* branches",
    trust: Trust.githubActions({ repository: "octo-org/app", ref: "refs/heads/release-*" }),
    tokens: [
      ["release-1", gh("repo:octo-org/app:ref:refs/heads/release-1"), true],
      ["release- (empty run)", gh("repo:octo-org/app:ref:refs/heads/release-"), true],
      ["release-1/hotfix (* crosses /)", gh("repo:octo-org/app:ref:refs/heads/release-1/hotfix"), true],
      ["other branch", gh("repo:octo-org/app:ref:refs/heads/main"), false],
      ["other case", gh("repo:octo-org/app:ref:refs/heads/Release-1"), false],
      ["repo prefix app-evil", gh("repo:octo-org/app-evil:ref:refs/heads/release-1"), false],
      ["tag, not branch", gh("repo:octo-org/app:ref:refs/tags/release-1"), false],
    ],
  },
  {
    name: "GitHub preset: immutable subject, reusable workflow pattern",
    trust: Trust.githubActions({
      repository: "octo-org/app",
      branch: "main",
      repositoryOwnerId: "1234567",
      repositoryId: "7654321",
      immutableSubject: true,
      jobWorkflowRef: "octo-org/deploy/.github/workflows/deploy.yml@refs/heads/*",
    }),
    tokens: [
      [
        "matching",
        gh("repo:octo-org@1234567/app@7654321:ref:refs/heads/main", { job_workflow_ref: "octo-org/deploy/.github/workflows/deploy.yml@refs/heads/main" }),
        true,
      ],
      [
        "mutable subject form",
        gh("repo:octo-org/app:ref:refs/heads/main", { job_workflow_ref: "octo-org/deploy/.github/workflows/deploy.yml@refs/heads/main" }),
        false,
      ],
      [
        "re-created repo (other id)",
        gh("repo:octo-org@1234567/app@1:ref:refs/heads/main", { job_workflow_ref: "octo-org/deploy/.github/workflows/deploy.yml@refs/heads/main" }),
        false,
      ],
      [
        "workflow from a tag",
        gh("repo:octo-org@1234567/app@7654321:ref:refs/heads/main", { job_workflow_ref: "octo-org/deploy/.github/workflows/deploy.yml@refs/tags/v1" }),
        false,
      ],
      ["no reusable workflow", gh("repo:octo-org@1234567/app@7654321:ref:refs/heads/main"), false],
    ],
  },
  {
    name: "GitHub generic: owner wildcard repo:octo* (what the lint must refuse) behaves as AWS does",
    trust: new Trust({ issuer: Issuer.fromUrl(GH), subject: Subject.like("repo:octo*") }),
    tokens: [
      ["owner octo-evil gets in", gh("repo:octo-evil/x:ref:refs/heads/main"), true],
      ["other owner", gh("repo:acme/x:ref:refs/heads/main"), false],
    ],
  },
  {
    name: "GitLab preset: gitlab.com, project id pin",
    trust: Trust.gitlab({ projectPath: "grp/app", refType: "branch", ref: "main", projectId: "42", audiences: ["https://gitlab.com"] }),
    tokens: [
      ["matching", { iss: "https://gitlab.com", aud: "https://gitlab.com", sub: "project_path:grp/app:ref_type:branch:ref:main", project_id: "42" }, true],
      [
        "wrong project id",
        { iss: "https://gitlab.com", aud: "https://gitlab.com", sub: "project_path:grp/app:ref_type:branch:ref:main", project_id: "43" },
        false,
      ],
      [
        "group prefix grp-evil",
        { iss: "https://gitlab.com", aud: "https://gitlab.com", sub: "project_path:grp-evil/app:ref_type:branch:ref:main", project_id: "42" },
        false,
      ],
      ["tag named main", { iss: "https://gitlab.com", aud: "https://gitlab.com", sub: "project_path:grp/app:ref_type:tag:ref:main", project_id: "42" }, false],
      ["wrong aud", { iss: "https://gitlab.com", aud: "sts.amazonaws.com", sub: "project_path:grp/app:ref_type:branch:ref:main", project_id: "42" }, false],
    ],
  },
  {
    name: "Kubernetes preset: EKS IRSA (aws-cn partition)",
    partition: "aws-cn",
    trust: Trust.kubernetes({ issuerUrl: EKS, namespace: "ci", serviceAccount: "deployer" }),
    tokens: [
      ["matching", { iss: EKS, aud: "sts.amazonaws.com", sub: "system:serviceaccount:ci:deployer" }, true],
      ["other namespace", { iss: EKS, aud: "sts.amazonaws.com", sub: "system:serviceaccount:prod:deployer" }, false],
      ["other service account", { iss: EKS, aud: "sts.amazonaws.com", sub: "system:serviceaccount:ci:admin" }, false],
      [
        "other cluster",
        { iss: "https://oidc.eks.eu-west-1.amazonaws.com/id/OTHER", aud: "sts.amazonaws.com", sub: "system:serviceaccount:ci:deployer" },
        false,
      ],
    ],
  },
  {
    name: "HCP Terraform preset: apply only",
    trust: Trust.terraformCloud({ organization: "acme", project: "infra", workspace: "prod", runPhase: "apply" }),
    tokens: [
      ["apply", { iss: "https://app.terraform.io", aud: "aws.workload.identity", sub: "organization:acme:project:infra:workspace:prod:run_phase:apply" }, true],
      ["plan", { iss: "https://app.terraform.io", aud: "aws.workload.identity", sub: "organization:acme:project:infra:workspace:prod:run_phase:plan" }, false],
      [
        "org acme-evil",
        { iss: "https://app.terraform.io", aud: "aws.workload.identity", sub: "organization:acme-evil:project:infra:workspace:prod:run_phase:apply" },
        false,
      ],
      [
        "default GitHub aud",
        { iss: "https://app.terraform.io", aud: "sts.amazonaws.com", sub: "organization:acme:project:infra:workspace:prod:run_phase:apply" },
        false,
      ],
    ],
  },
  {
    name: "HCP Terraform preset: any run phase, project name with a space",
    trust: Trust.terraformCloud({ organization: "acme", project: "core infra", workspace: "prod", runPhase: "any" }),
    tokens: [
      [
        "plan",
        { iss: "https://app.terraform.io", aud: "aws.workload.identity", sub: "organization:acme:project:core infra:workspace:prod:run_phase:plan" },
        true,
      ],
      [
        "other workspace",
        { iss: "https://app.terraform.io", aud: "aws.workload.identity", sub: "organization:acme:project:core infra:workspace:dev:run_phase:plan" },
        false,
      ],
    ],
  },
  {
    name: "generic: exact + pattern stay an OR, with $ literals",
    trust: new Trust({
      issuer: Issuer.fromUrl("https://issuer.example.com/tenant/a"),
      subject: Subject.anyOf(["deploy:$special", Subject.like("build:*:main")]),
      audiences: ["api://wif", "sts.amazonaws.com", "aud$1"],
    }),
    tokens: [
      ["exact value", { iss: "https://issuer.example.com/tenant/a", aud: "api://wif", sub: "deploy:$special" }, true],
      ["pattern value, second audience", { iss: "https://issuer.example.com/tenant/a", aud: "sts.amazonaws.com", sub: "build:x/y:main" }, true],
      ["escape text is not the value", { iss: "https://issuer.example.com/tenant/a", aud: "api://wif", sub: "deploy:${$}special" }, false],
      ["audience with a literal $", { iss: "https://issuer.example.com/tenant/a", aud: "aud$1", sub: "deploy:$special" }, true],
      ["pattern suffix", { iss: "https://issuer.example.com/tenant/a", aud: "api://wif", sub: "build:x:main:evil" }, false],
      ["exact value is not a prefix", { iss: "https://issuer.example.com/tenant/a", aud: "api://wif", sub: "deploy:$special2" }, false],
    ],
  },
  {
    name: "generic: regex-hostile characters and policy-variable text",
    trust: new Trust({
      issuer: Issuer.fromUrl("https://issuer.example.com"),
      subject: Subject.anyOf(["a.b+c(d)[e]{f}|g^h\\i", "ci:$aws{username}"]),
      audiences: ["aud"],
    }),
    tokens: [
      ["regex-hostile value itself", { iss: "https://issuer.example.com", aud: "aud", sub: "a.b+c(d)[e]{f}|g^h\\i" }, true],
      [". is not a wildcard", { iss: "https://issuer.example.com", aud: "aud", sub: "aXb+c(d)[e]{f}|g^h\\i" }, false],
      ["policy-variable-like text is literal", { iss: "https://issuer.example.com", aud: "aud", sub: "ci:$aws{username}" }, true],
      ["no variable substitution", { iss: "https://issuer.example.com", aud: "aud", sub: "ci:" }, false],
    ],
  },
  {
    name: "generic: * literal in tokens, ? in claim patterns, workflow",
    trust: new Trust({
      issuer: Issuer.fromUrl(GH),
      subject: Subject.anyOf([Subject.like("job:*:done"), "job:exact"]),
      claims: { environment: Claim.like("prod-?"), workflow: Claim.equals("deploy") },
    }),
    tokens: [
      ["literal * in the token", gh("job:*:done", { environment: "prod-1", workflow: "deploy" }), true],
      ["token * is not a wildcard for exact values", gh("job:*", { environment: "prod-1", workflow: "deploy" }), false],
      ["? is one character (two)", gh("job:x:done", { environment: "prod-12", workflow: "deploy" }), false],
      ["? is one character (none)", gh("job:exact", { environment: "prod-", workflow: "deploy" }), false],
      ["workflow mismatch", gh("job:exact", { environment: "prod-9", workflow: "other" }), false],
      ["all good", gh("job:exact", { environment: "prod-9", workflow: "deploy" }), true],
    ],
  },
  {
    name: "GitHub change-over: name and immutable subjects (immutableSubject: both)",
    trust: Trust.githubActions({ repository: "octo-org/app", environment: "prod", immutableSubject: "both", repositoryOwnerId: "1", repositoryId: "2" }),
    tokens: [
      ["name form with the ids", gh("repo:octo-org/app:environment:prod", { repository_owner_id: "1", repository_id: "2" }), true],
      ["immutable form with the ids", gh("repo:octo-org@1/app@2:environment:prod", { repository_owner_id: "1", repository_id: "2" }), true],
      ["name form, re-registered owner", gh("repo:octo-org/app:environment:prod", { repository_owner_id: "9", repository_id: "2" }), false],
      ["immutable form of another repository", gh("repo:octo-org@1/app@3:environment:prod", { repository_owner_id: "1", repository_id: "3" }), false],
      ["another environment", gh("repo:octo-org/app:environment:dev", { repository_owner_id: "1", repository_id: "2" }), false],
    ],
  },
  {
    name: "AKS issuer with its trailing slash: condition keys <host>/<tenant>/<uuid>/:sub",
    trust: Trust.kubernetes({ issuerUrl: AKS, namespace: "ci", serviceAccount: "deployer", audiences: ["sts.amazonaws.com"] }),
    tokens: [
      ["the service account", { iss: AKS, aud: "sts.amazonaws.com", sub: "system:serviceaccount:ci:deployer" }, true],
      ["another service account", { iss: AKS, aud: "sts.amazonaws.com", sub: "system:serviceaccount:ci:other" }, false],
      ["iss without the slash", { iss: AKS.slice(0, -1), aud: "sts.amazonaws.com", sub: "system:serviceaccount:ci:deployer" }, false],
    ],
  },
  {
    name: "generic: CircleCI project id claim",
    trust: new Trust({
      issuer: Issuer.fromUrl(`https://oidc.circleci.com/org/${CIRCLE_ORG}`),
      subject: Subject.like(`org/${CIRCLE_ORG}/project/p-1/user/*`),
      audiences: [CIRCLE_ORG],
      claims: { "oidc.circleci.com/project-id": Claim.equals("p-1") },
    }),
    tokens: [
      [
        "matching",
        {
          iss: `https://oidc.circleci.com/org/${CIRCLE_ORG}`,
          aud: CIRCLE_ORG,
          sub: `org/${CIRCLE_ORG}/project/p-1/user/u1`,
          "oidc.circleci.com/project-id": "p-1",
        },
        true,
      ],
      [
        "other project id",
        {
          iss: `https://oidc.circleci.com/org/${CIRCLE_ORG}`,
          aud: CIRCLE_ORG,
          sub: `org/${CIRCLE_ORG}/project/p-1/user/u1`,
          "oidc.circleci.com/project-id": "p-2",
        },
        false,
      ],
    ],
  },
];

describe.each(cases)("$name", ({ trust, partition, tokens }) => {
  const providerArn = providerArnFor(trust, partition);
  const { json } = compileAwsTrustPolicy(trust, { providerArn });

  it.each(tokens)("%s", (_label, claims, expected) => {
    const reference = trust.accepts(claims, "aws");
    const simulated = oracle.allows(json, providerArn, claims);
    expect({ reference, simulated }).toEqual({ reference: expected, simulated: expected });
  });
});

it("covers at least 40 tokens, allowed and denied", () => {
  const rows = cases.flatMap((c) => c.tokens);
  expect(rows.length).toBeGreaterThanOrEqual(40);
  expect(rows.filter((r) => r[2]).length).toBeGreaterThanOrEqual(10);
  expect(rows.filter((r) => !r[2]).length).toBeGreaterThanOrEqual(20);
});

describe("end to end: a literal $ survives Terraform and reaches IAM as ${$}", () => {
  const trust = new Trust({
    issuer: Issuer.fromUrl("https://idp.example.com"),
    subject: Subject.anyOf(["job:a$b", Subject.like("job:$x-*")]),
    audiences: ["wif"],
  });
  const providerArn = providerArnFor(trust, "aws");
  const stack = new TerraformStack(Testing.app(), "dollar");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  new AwsWorkloadIdentityRole(stack, "role", { trust, oidcProvider: AwsOidcProvider.fromArn(stack, "p", providerArn) });
  const written = (Object.values(JSON.parse(Testing.synth(stack, true)).resource.aws_iam_role)[0] as { assume_role_policy: string }).assume_role_policy;

  it("is written $${$} for Terraform", () => {
    expect(written).toContain('"job:a$${$}b"');
    expect(written).toContain('"job:$${$}x-*"');
  });

  it.each<Row>([
    ["exact with $", { iss: "https://idp.example.com", sub: "job:a$b", aud: "wif" }, true],
    ["pattern with $", { iss: "https://idp.example.com", sub: "job:$x-1", aud: "wif" }, true],
    ["the escape itself is not a wildcard", { iss: "https://idp.example.com", sub: "job:aXb", aud: "wif" }, false],
  ])("%s", (_label, claims, expected) => {
    expect({ reference: trust.accepts(claims, "aws"), simulated: oracle.allows(renderTerraformLiteral(written), providerArn, claims) }).toEqual({
      reference: expected,
      simulated: expected,
    });
  });
});

describe("end to end: the policy synthesized by AwsWorkloadIdentityRole", () => {
  const trust = Trust.githubActions({ repository: "octo-org/payments", ref: "refs/tags/v*", repositoryId: "42" });
  const providerArn = providerArnFor(trust, "aws-us-gov");
  const stack = new TerraformStack(Testing.app(), "e2e");
  new AwsProvider(stack, "aws", { region: "us-gov-west-1" });
  new AwsWorkloadIdentityRole(stack, "release", { trust, oidcProvider: AwsOidcProvider.fromArn(stack, "gh", providerArn) });
  const synthesized = JSON.parse(Testing.synth(stack, true));
  // As Terraform renders it (the IAM escapes ${$}, ${*}, ${?} are written $${...} for Terraform).
  const policyJson = renderTerraformLiteral((Object.values(synthesized.resource.aws_iam_role)[0] as { assume_role_policy: string }).assume_role_policy);

  it.each<Row>([
    ["tag v1.2.3", gh("repo:octo-org/payments:ref:refs/tags/v1.2.3", { repository_id: "42" }), true],
    ["branch v1", gh("repo:octo-org/payments:ref:refs/heads/v1", { repository_id: "42" }), false],
    ["re-created repository", gh("repo:octo-org/payments:ref:refs/tags/v1", { repository_id: "43" }), false],
  ])("%s", (_label, claims, expected) => {
    expect({ reference: trust.accepts(claims, "aws"), simulated: oracle.allows(policyJson, providerArn, claims) }).toEqual({
      reference: expected,
      simulated: expected,
    });
  });
});
