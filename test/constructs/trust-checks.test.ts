import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { App, Aspects, Fn, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { TrustChecks, TrustChecksProps } from "../../src/constructs/trust-checks";
import { WifValidationError } from "../../src/trust/errors";
import { gateTrust } from "../../src/constructs/trust-gate";
import { lintTrust } from "../../src/lint/lint-trust";
import { Claim, Subject, Trust, Issuer } from "../../src/trust";

const GH = "token.actions.githubusercontent.com";

function stackWith(
  build: (stack: TerraformStack, provider: IamOpenidConnectProvider) => void,
  checks = new TrustChecks(),
): { stack: TerraformStack; checks: TrustChecks } {
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

/** The error annotations of a synthesized stack, as cdktf lists them: `[<construct path>] <message>`. */
function errors(stack: TerraformStack): string[] {
  Testing.synth(stack);
  return stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/error").map((m) => `[${c.node.path}] ${String(m.data)}`));
}

describe("TrustChecks Aspect", () => {
  it("addToStacks covers every stack of an app (Aspects on the App itself are not invoked by cdktf 0.21)", () => {
    const app = Testing.app();
    const stacks = [new TerraformStack(app, "a"), new TerraformStack(app, "b")];
    for (const s of stacks)
      new IamRole(s, "ci", {
        name: "ci",
        assumeRolePolicy: JSON.stringify(policy({ arn: `arn:aws:iam::1:oidc-provider/${GH}` } as IamOpenidConnectProvider, "repo:*")),
      });
    const checks = TrustChecks.addToStacks(app);
    for (const s of stacks) expect(errors(s)).toEqual([expect.stringMatching(/^\[[ab]\/ci\] WIF002 \(critical\) "repo:\*"/)]);
    expect(checks.findings.map((f) => f.rule)).toEqual(["WIF002", "WIF002"]);
  });

  it("fails synthesis on a hand-written repo:* role (inline JSON), listing the finding and its fix", () => {
    const { stack } = stackWith((s, p) => {
      new IamRole(s, "ci", {
        name: "ci",
        assumeRolePolicy: JSON.stringify({
          ...policy(p, "repo:*"),
          Statement: [{ ...(policy(p, "repo:*").Statement as object[])[0], Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${GH}` } }],
        }),
      });
    });
    expect(errors(stack)).toEqual([
      expect.stringMatching(/^\[stack\/ci\] WIF002 \(critical\) "repo:\*": .* Fix: Pin the tenant.* \(TrustChecks failOn "high"\)$/),
    ]);
  });

  it("reads Fn.jsonencode with a reference to the OIDC provider", () => {
    const { stack } = stackWith((s, p) => {
      new IamRole(s, "ci", { name: "ci", assumeRolePolicy: Fn.jsonencode(policy(p, "repo:*")) });
    });
    expect(errors(stack)).toEqual([expect.stringMatching(/^\[stack\/ci\] WIF002 \(critical\) "repo:\*"/)]);
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
    expect(errors(stack)).toEqual([expect.stringMatching(/^\[stack\/ci\] WIF003 \(high\) "repo:octo\/\*"/)]);
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
    const { stack } = stackWith(
      (s, p) => {
        new IamRole(s, "ci", { name: "ci", assumeRolePolicy: Fn.jsonencode(policy(p, "repo:octo/app:*")) });
      },
      new TrustChecks({ failOn: "medium" }),
    );
    expect(errors(stack)).toEqual([
      expect.stringMatching(/^\[stack\/ci\] WIF004 \(medium\) .*\(TrustChecks failOn "medium"\)$/),
      expect.stringMatching(/^\[stack\/ci\] WIF008 \(medium\) .*\(TrustChecks failOn "medium"\)$/),
    ]);
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
        const trust = new Trust({
          issuer: Issuer.githubActions(),
          subject: Subject.like("repo:octo/app:*"),
          audiences: ["sts.amazonaws.com"],
          claims: { repository_owner_id: Claim.equals("1") },
        });
        gateTrust(this, trust, { cloud: "aws", acknowledge: [{ rule: "WIF004", reason: "read-only role for every branch" }] });
        const p = policy(provider, "repo:octo/app:*");
        const statement = (p.Statement as Record<string, unknown>[])[0];
        new IamRole(this, "role", {
          name: "ci",
          assumeRolePolicy: Fn.jsonencode({
            ...p,
            Statement: [
              {
                ...statement,
                Condition: {
                  StringLike: { [`${GH}:sub`]: "repo:octo/app:*" },
                  StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com", [`${GH}:repository_owner_id`]: "1" },
                },
              },
            ],
          }),
        });
      }
    }
    const { stack, checks } = stackWith((s, p) => new Role(s, "deploy", p), new TrustChecks({ failOn: "medium" }));
    expect(() => Testing.synth(stack)).not.toThrow();
    expect(checks.findings.map((f) => [f.rule, f.suppressed?.reason])).toEqual([["WIF004", "read-only role for every branch"]]);
  });

  it("cdktf synth fails listing every failing resource with its construct path, not only the first", () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), "trust-checks-")) });
    const stack = new TerraformStack(app, "stack");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    const arn = `arn:aws:iam::111122223333:oidc-provider/${GH}`;
    for (const id of ["first", "second"]) {
      new IamRole(stack, id, { name: id, assumeRolePolicy: JSON.stringify(policy({ arn } as IamOpenidConnectProvider, "repo:*")) });
    }
    const checks = TrustChecks.addToStacks(app);
    expect(() => app.synth()).toThrow(/\[stack\/first\] WIF002 \(critical\) "repo:\*".*\n.*\[stack\/second\] WIF002 \(critical\) "repo:\*"/s);
    expect(checks.failures.map((f) => [f.rule, f.address, f.constructPath])).toEqual([
      ["WIF002", "aws_iam_role.first", "stack/first"],
      ["WIF002", "aws_iam_role.second", "stack/second"],
    ]);
  });

  it.each<[string, unknown, string]>([
    [
      "a misspelt severity",
      { failOn: "High" },
      'TrustChecks.failOn: "High" is not a severity. Use one of "critical", "high", "medium", "low", "info" (lowercase).',
    ],
    ["an unknown option", { failon: "high" }, 'TrustChecks.failon: unknown option "failon". Known options: severityOverrides, ignore, failOn.'],
    ["an unknown rule to ignore", { ignore: ["WIF02"] }, 'TrustChecks.ignore[0]: "WIF02" is not a rule id. Known rules: WIF001'],
    ["ignore as a string", { ignore: "WIF002" }, 'TrustChecks.ignore: expected a list of rule ids, got "WIF002".'],
    ["a bad override", { severityOverrides: { WIF008: "informational" } }, 'TrustChecks.severityOverrides.WIF008: "informational" is not a severity.'],
    ["an override of an unknown rule", { severityOverrides: { WIF999: "info" } }, 'TrustChecks.severityOverrides: "WIF999" is not a rule id.'],
    ["not an object", "high", 'TrustChecks: expected an options object, got "high".'],
  ])("refuses %s (enforcement is never switched off by a typo)", (_name, props, message) => {
    expect(() => new TrustChecks(props as TrustChecksProps)).toThrow(WifValidationError);
    expect(() => new TrustChecks(props as TrustChecksProps)).toThrow(message);
  });
});
