import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack, Testing } from "cdktf";
import type {} from "cdktf/lib/testing/adapters/jest";
import { AwsOidcProvider, AwsWorkloadIdentityRole, AwsWorkloadIdentityRoleProps, Claim, Trust, WifValidationError } from "../../../src";

const GH_ARN = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
const deploy = Trust.githubActions({ repository: "octo-org/payments", environment: "production", repositoryOwnerId: "1234567" });

function synth(build: (stack: TerraformStack) => void): { json: string; parsed: Record<string, any> } {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  build(stack);
  const json = Testing.synth(stack, true);
  return { json, parsed: JSON.parse(json) };
}

function roleProps(extra: Partial<AwsWorkloadIdentityRoleProps> = {}): AwsWorkloadIdentityRoleProps {
  return { trust: deploy, ...extra };
}

describe("AwsWorkloadIdentityRole", () => {
  it("creates the provider (client ids from the trust, no thumbprints) and a role trusting it", () => {
    const { json, parsed } = synth((stack) => new AwsWorkloadIdentityRole(stack, "deploy", roleProps({ roleName: "payments-deploy" })));
    expect(json).toHaveResourceWithProperties(IamOpenidConnectProvider, {
      url: "https://token.actions.githubusercontent.com",
      client_id_list: ["sts.amazonaws.com"],
    });
    const provider = Object.values(parsed.resource.aws_iam_openid_connect_provider)[0] as Record<string, unknown>;
    expect(provider.thumbprint_list).toBeUndefined();
    const role = Object.values(parsed.resource.aws_iam_role)[0] as Record<string, string>;
    expect(role.name).toBe("payments-deploy");
    const policy = JSON.parse(role.assume_role_policy);
    expect(policy.Statement[0].Principal.Federated).toMatch(/^\$\{aws_iam_openid_connect_provider\.deploy_oidc-provider_[A-Z0-9]+\.arn\}$/);
    expect(policy.Statement[0].Condition).toEqual({
      StringEquals: {
        "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
        "token.actions.githubusercontent.com:sub": "repo:octo-org/payments:environment:production",
        "token.actions.githubusercontent.com:repository_owner_id": "1234567",
      },
    });
  });

  it("uses a provider given by ARN and creates none", () => {
    const { json, parsed } = synth((stack) => {
      const provider = AwsOidcProvider.fromArn(stack, "gh", GH_ARN);
      new AwsWorkloadIdentityRole(stack, "deploy", roleProps({ oidcProvider: provider }));
    });
    expect(parsed.resource.aws_iam_openid_connect_provider).toBeUndefined();
    const role = Object.values(parsed.resource.aws_iam_role)[0] as Record<string, string>;
    expect(JSON.parse(role.assume_role_policy).Statement[0].Principal.Federated).toBe(GH_ARN);
    expect(json).toHaveResourceWithProperties(IamRole, { description: "Workload identity: GitHub Actions octo-org/payments environment:production" });
  });

  it("shares one created provider between roles", () => {
    const { parsed } = synth((stack) => {
      const provider = new AwsOidcProvider(stack, "github", { trust: deploy });
      new AwsWorkloadIdentityRole(stack, "a", roleProps({ oidcProvider: provider }));
      new AwsWorkloadIdentityRole(stack, "b", { trust: Trust.githubActions({ repository: "octo-org/web", branch: "main" }), oidcProvider: provider });
    });
    expect(Object.keys(parsed.resource.aws_iam_openid_connect_provider)).toHaveLength(1);
    expect(Object.keys(parsed.resource.aws_iam_role)).toHaveLength(2);
  });

  it("maps every prop to the role and its attachments", () => {
    const { json } = synth(
      (stack) =>
        new AwsWorkloadIdentityRole(stack, "deploy", {
          trust: deploy,
          roleName: "payments-deploy",
          description: "Deploys payments",
          managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws-us-gov:iam::111122223333:policy/ci/Deploy"],
          inlinePolicies: { "s3-read": { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }] } },
          maxSessionDuration: 7200,
          permissionsBoundary: "arn:aws:iam::111122223333:policy/Boundary",
          path: "/ci/",
          tags: { team: "payments" },
        }),
    );
    expect(json).toHaveResourceWithProperties(IamRole, {
      name: "payments-deploy",
      description: "Deploys payments",
      max_session_duration: 7200,
      permissions_boundary: "arn:aws:iam::111122223333:policy/Boundary",
      path: "/ci/",
      tags: { team: "payments" },
    });
    expect(json).toHaveResourceWithProperties(IamRolePolicyAttachment, { policy_arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
    expect(json).toHaveResourceWithProperties(IamRolePolicyAttachment, { policy_arn: "arn:aws-us-gov:iam::111122223333:policy/ci/Deploy" });
    expect(json).toHaveResourceWithProperties(IamRolePolicy, {
      name: "s3-read",
      policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }] }),
    });
  });

  it("creates its provider in the given partition and counts the policy length for it", () => {
    let role: AwsWorkloadIdentityRole | undefined;
    synth((stack) => (role = new AwsWorkloadIdentityRole(stack, "deploy", roleProps({ partition: "aws-us-gov" }))));
    expect(role?.oidcProvider.partition).toBe("aws-us-gov");
    const literalArn = "arn:aws-us-gov:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
    expect(role?.trustPolicy.length).toBe(role!.trustPolicy.json.replace(role!.oidcProvider.providerArn, literalArn).length);
  });

  it("emits the role ARN as an output unless opted out", () => {
    const withOutput = synth((stack) => new AwsWorkloadIdentityRole(stack, "deploy", roleProps())).parsed;
    const outputs = Object.values(withOutput.output ?? {}) as { value: string }[];
    expect(outputs).toHaveLength(1);
    expect(outputs[0].value).toMatch(/^\$\{aws_iam_role\.deploy_role_[A-Z0-9]+\.arn\}$/);
    const without = synth((stack) => new AwsWorkloadIdentityRole(stack, "deploy", roleProps({ roleArnOutput: false }))).parsed;
    expect(without.output).toBeUndefined();
  });

  it("exposes roleArn and roleName tokens", () => {
    const { parsed } = synth((stack) => {
      const role = new AwsWorkloadIdentityRole(stack, "deploy", roleProps({ roleArnOutput: false }));
      new AwsWorkloadIdentityRole(
        stack,
        "uses",
        roleProps({ roleArnOutput: false, description: role.roleName, roleName: role.roleName, oidcProvider: role.oidcProvider }),
      );
    });
    const roles = Object.values(parsed.resource.aws_iam_role) as Record<string, string>[];
    expect(roles[1].name).toMatch(/^\$\{aws_iam_role\.deploy_role_[A-Z0-9]+\.name\}$/);
  });
});

describe("AwsWorkloadIdentityRole: refusals (pinned messages)", () => {
  const build =
    (props: Partial<AwsWorkloadIdentityRoleProps>, withProvider?: (stack: TerraformStack) => AwsWorkloadIdentityRoleProps["oidcProvider"]) => () => {
      const stack = new TerraformStack(Testing.app(), "test");
      new AwsWorkloadIdentityRole(stack, "r", { trust: deploy, ...(withProvider ? { oidcProvider: withProvider(stack) } : {}), ...props });
    };
  const cases: [string, () => void, string][] = [
    [
      "role name too long",
      build({ roleName: "x".repeat(65) }),
      `test/r: AwsWorkloadIdentityRole.roleName: "${"x".repeat(65)}" is not a valid IAM role name: 1-64 characters from letters, digits and "+=,.@_-". Shorten or rename it, e.g. "payments-deploy".`,
    ],
    ["role name with a space", build({ roleName: "my role" }), 'AwsWorkloadIdentityRole.roleName: "my role" is not a valid IAM role name'],
    [
      "session too short",
      build({ maxSessionDuration: 900 }),
      "AwsWorkloadIdentityRole.maxSessionDuration: 900 is out of range: IAM accepts a whole number of seconds from 3600 (1 hour) to 43200 (12 hours).",
    ],
    ["session too long", build({ maxSessionDuration: 43201 }), "AwsWorkloadIdentityRole.maxSessionDuration: 43201 is out of range"],
    ["path without trailing slash", build({ path: "/ci" }), 'AwsWorkloadIdentityRole.path: "/ci" is not a valid IAM path: it must start and end with "/"'],
    ["aws: tag", build({ tags: { "aws:owner": "x" } }), 'AwsWorkloadIdentityRole.tags: tag key "aws:owner" is not valid'],
    [
      "bad managed policy ARN",
      build({ managedPolicyArns: ["ReadOnlyAccess"] }),
      'AwsWorkloadIdentityRole.managedPolicyArns[0]: "ReadOnlyAccess" is not an IAM policy ARN.',
    ],
    ["bad inline JSON", build({ inlinePolicies: { p: "{nope" } }), "AwsWorkloadIdentityRole.inlinePolicies.p: the policy document is not valid JSON"],
    [
      "unknown prop",
      build({ acknowledgements: [] } as unknown as AwsWorkloadIdentityRoleProps),
      'AwsWorkloadIdentityRole.acknowledgements: unknown option "acknowledgements".',
    ],
    [
      "provider of another issuer",
      build({}, (stack) => AwsOidcProvider.fromArn(stack, "gl", "arn:aws:iam::111122223333:oidc-provider/gitlab.com")),
      'AwsWorkloadIdentityRole.oidcProvider: the OIDC provider is for "https://gitlab.com" but the trust\'s issuer is "https://token.actions.githubusercontent.com". AWS accepts a token only through the provider of its own "iss", so this role could never be assumed.',
    ],
    [
      "provider without the trust's audience",
      build({}, (stack) => new AwsOidcProvider(stack, "gh", { issuerUrl: "https://token.actions.githubusercontent.com", clientIds: ["api://other"] })),
      'AwsWorkloadIdentityRole.oidcProvider: the provider\'s client ids ["api://other"] do not include the trust\'s audience "sts.amazonaws.com": STS would reject those tokens before reading the trust policy.',
    ],
    [
      "claim AWS cannot check",
      build({ trust: deploy.withClaims({ head_ref: Claim.equals("main") }) }),
      'test/r: Trust.claims.head_ref: AWS STS does not evaluate the claim "head_ref"',
    ],
    [
      "no AWS audience",
      build({ trust: Trust.gitlab({ projectPath: "grp/app", refType: "branch", ref: "main" }) }),
      'test/r/oidc-provider: Trust.audiences: tokens from "https://gitlab.com" (gitlab) have no usual AWS audience',
    ],
    [
      "trust policy over 2048 characters",
      build({
        trust: Trust.githubActions({ repository: "octo-org/app", branch: "main" }).withClaims({
          environment: Claim.anyOf(Array.from({ length: 120 }, (_, i) => `environment-${i}`)),
        }),
      }),
      "AWS trust policy: the compiled trust policy is",
    ],
  ];
  it.each(cases)("%s", (_name, run, message) => {
    expect(run).toThrow(WifValidationError);
    expect(run).toThrow(message);
  });

  it("accepts the length limit raised to 4096", () => {
    const trust = Trust.githubActions({ repository: "octo-org/app", branch: "main" }).withClaims({
      environment: Claim.anyOf(Array.from({ length: 120 }, (_, i) => `environment-${i}`)),
    });
    expect(build({ trust, maxTrustPolicyLength: 2048 })).toThrow(/over the limit of 2048/);
    const stack = new TerraformStack(Testing.app(), "test");
    const role = new AwsWorkloadIdentityRole(stack, "r", { trust, maxTrustPolicyLength: 4096 });
    expect(role.trustPolicy.length).toBeGreaterThan(2048);
    expect(role.trustPolicy.length).toBeLessThanOrEqual(4096);
    const synthesized = JSON.parse(Testing.synth(stack));
    const policy = JSON.parse((Object.values(synthesized.resource.aws_iam_role)[0] as { assume_role_policy: string }).assume_role_policy);
    expect(policy.Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:environment"]).toHaveLength(120);
  });
});
