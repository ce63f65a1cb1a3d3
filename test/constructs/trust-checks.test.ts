import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Aspects, Fn, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { TrustChecks } from "../../src/constructs/trust-checks";
import { gateTrust } from "../../src/constructs/trust-gate";
import { lintTrust } from "../../src/lint/lint-trust";
import { Claim, Subject, Trust, Issuer } from "../../src/trust";

const GH = "token.actions.githubusercontent.com";

function stackWith(build: (stack: TerraformStack, provider: IamOpenidConnectProvider) => void, checks = new TrustChecks()): { stack: TerraformStack; checks: TrustChecks } {
  const app = Testing.app();
  const stack = new TerraformStack(app, "stack");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  const provider = new IamOpenidConnectProvider(stack, "gh", { url: `https://${GH}`, clientIdList: ["sts.amazonaws.com"] });
  build(stack, provider);
  Aspects.of(stack).add(checks);
  return { stack, checks };
}

function policy(provider: IamOpenidConnectProvider, sub: string, op = "StringLike"): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: "sts:AssumeRoleWithWebIdentity",
        Principal: { Federated: provider.arn },
        Condition: { [op]: { [`${GH}:sub`]: sub }, StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com" } },
      },
    ],
  };
}

describe("TrustChecks Aspect", () => {
  it("addToStacks covers every stack of an app (Aspects on the App itself are not invoked by cdktf 0.21)", () => {
    const app = Testing.app();
    const stacks = [new TerraformStack(app, "a"), new TerraformStack(app, "b")];
    for (const s of stacks) new IamRole(s, "ci", { name: "ci", assumeRolePolicy: JSON.stringify(policy({ arn: `arn:aws:iam::1:oidc-provider/${GH}` } as IamOpenidConnectProvider, "repo:*")) });
    const checks = TrustChecks.addToStacks(app);
    for (const s of stacks) expect(() => Testing.synth(s)).toThrow(/WIF002/);
    expect(checks.findings.map((f) => f.rule)).toEqual(["WIF002", "WIF002"]);
  });

  it("fails synthesis on a hand-written repo:* role (inline JSON), listing the finding and its fix", () => {
    const { stack } = stackWith((s, p) => {
      new IamRole(s, "ci", { name: "ci", assumeRolePolicy: JSON.stringify({ ...policy(p, "repo:*"), Statement: [{ ...(policy(p, "repo:*").Statement as object[])[0], Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${GH}` } }] }) });
    });
    expect(() => Testing.synth(stack)).toThrow(
      /TrustChecks\(stack\): Stack stack has 1 finding at or above "high":\n {2}- aws_iam_role\.ci: WIF002 \(critical\) "repo:\*": .* Fix: Pin the tenant/,
    );
  });

  it("reads Fn.jsonencode with a reference to the OIDC provider", () => {
    const { stack } = stackWith((s, p) => {
      new IamRole(s, "ci", { name: "ci", assumeRolePolicy: Fn.jsonencode(policy(p, "repo:*")) });
    });
    expect(() => Testing.synth(stack)).toThrow(/WIF002 \(critical\) "repo:\*"/);
  });

  it("reads a DataAwsIamPolicyDocument", () => {
    const { stack } = stackWith((s, p) => {
      const doc = new DataAwsIamPolicyDocument(s, "trust", {
        statement: [
          {
            actions: ["sts:AssumeRoleWithWebIdentity"],
            principals: [{ type: "Federated", identifiers: [p.arn] }],
            condition: [
              { test: "StringLike", variable: `${GH}:sub`, values: ["repo:octo/*"] },
              { test: "StringEquals", variable: `${GH}:aud`, values: ["sts.amazonaws.com"] },
            ],
          },
        ],
      });
      new IamRole(s, "ci", { name: "ci", assumeRolePolicy: doc.json });
    });
    expect(() => Testing.synth(stack)).toThrow(/aws_iam_role\.ci: WIF003 \(high\) "repo:octo\/\*"/);
  });

  it("lets medium findings through as warnings and records them", () => {
    const { stack, checks } = stackWith((s, p) => {
      new IamRole(s, "ci", { name: "ci", assumeRolePolicy: Fn.jsonencode(policy(p, "repo:octo/app:*")) });
    });
    expect(() => Testing.synth(stack)).not.toThrow();
    expect(checks.findings.map((f) => [f.rule, f.address])).toEqual([
      ["WIF004", "aws_iam_role.ci"],
      ["WIF008", "aws_iam_role.ci"],
    ]);
  });

  it("failOn: medium fails on medium findings", () => {
    const { stack } = stackWith((s, p) => {
      new IamRole(s, "ci", { name: "ci", assumeRolePolicy: Fn.jsonencode(policy(p, "repo:octo/app:*")) });
    }, new TrustChecks({ failOn: "medium" }));
    expect(() => Testing.synth(stack)).toThrow(/2 findings at or above "medium"/);
  });

  it("reports in-source acknowledgements as suppressed", () => {
    const { stack, checks } = stackWith((s, p) => {
      const role = new IamRole(s, "ci", { name: "ci", assumeRolePolicy: Fn.jsonencode(policy(p, "repo:octo/*")) });
      role.addOverride("//.wif.acknowledge", [{ rule: "WIF003", reason: "every repo of octo deploys docs here" }]);
    });
    expect(() => Testing.synth(stack)).not.toThrow();
    expect(checks.findings.find((f) => f.rule === "WIF003")?.suppressed).toEqual({ reason: "every repo of octo deploys docs here" });
  });

  it("gives the same rule ids as lintTrust on the declaration", () => {
    const trust = new Trust({
      issuer: Issuer.githubActions(),
      subject: Subject.like("repo:octo/app:ref:*"),
      audiences: ["sts.amazonaws.com"],
      claims: { repository_owner_id: Claim.equals("1") },
    });
    const { checks, stack } = stackWith((s, p) => {
      new IamRole(s, "ci", {
        name: "ci",
        assumeRolePolicy: Fn.jsonencode({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: "sts:AssumeRoleWithWebIdentity",
              Principal: { Federated: p.arn },
              Condition: {
                StringLike: { [`${GH}:sub`]: "repo:octo/app:ref:*" },
                StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com", [`${GH}:repository_owner_id`]: "1" },
              },
            },
          ],
        }),
      });
    });
    Testing.synth(stack);
    expect(checks.findings.map((f) => f.rule)).toEqual(lintTrust(trust, { cloud: "aws" }).map((f) => f.rule));
  });

  it("applies a construct's acknowledgements to the resources it creates", () => {
    class Role extends Construct {
      constructor(scope: Construct, id: string, provider: IamOpenidConnectProvider) {
        super(scope, id);
        const trust = new Trust({ issuer: Issuer.githubActions(), subject: Subject.like("repo:octo/app:*"), audiences: ["sts.amazonaws.com"], claims: { repository_owner_id: Claim.equals("1") } });
        gateTrust(this, trust, { cloud: "aws", acknowledge: [{ rule: "WIF004", reason: "read-only role for every branch" }] });
        const p = policy(provider, "repo:octo/app:*");
        const statement = (p.Statement as Record<string, unknown>[])[0];
        new IamRole(this, "role", {
          name: "ci",
          assumeRolePolicy: Fn.jsonencode({ ...p, Statement: [{ ...statement, Condition: { StringLike: { [`${GH}:sub`]: "repo:octo/app:*" }, StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com", [`${GH}:repository_owner_id`]: "1" } } }] }),
        });
      }
    }
    const { stack, checks } = stackWith((s, p) => new Role(s, "deploy", p), new TrustChecks({ failOn: "medium" }));
    expect(() => Testing.synth(stack)).not.toThrow();
    expect(checks.findings.map((f) => [f.rule, f.suppressed?.reason])).toEqual([["WIF004", "read-only role for every branch"]]);
  });
});
