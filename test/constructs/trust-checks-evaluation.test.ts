import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Fn, TerraformLocal, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { checkStack } from "../../src/constructs/trust-checks";

const GH = "token.actions.githubusercontent.com";

/** The Aspect reads a synthesized stack through the evaluation layer, as `wif lint` reads cdk.tf.json. */
describe("TrustChecks evaluates the stack's Terraform", () => {
  it.each<[string, (stack: TerraformStack) => unknown]>([
    ["a variable's default", (stack) => new TerraformVariable(stack, "subjects", { type: "list(string)", default: ["repo:*"] }).listValue],
    ["a local", (stack) => new TerraformLocal(stack, "subjects", ["repo:*"]).asList],
  ])("a subject from %s is judged (WIF002)", (_name, subjects) => {
    const stack = new TerraformStack(Testing.app(), "stack");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    const provider = new IamOpenidConnectProvider(stack, "gh", { url: `https://${GH}`, clientIdList: ["sts.amazonaws.com"] });
    new IamRole(stack, "ci", {
      name: "ci",
      assumeRolePolicy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: "sts:AssumeRoleWithWebIdentity",
            Principal: { Federated: provider.arn },
            Condition: { StringLike: { [`${GH}:sub`]: subjects(stack) }, StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com" } },
          },
        ],
      }),
    });
    const findings = checkStack(stack);
    expect(findings.map((f) => `${f.rule} ${f.value}`)).toContain("WIF002 repo:*");
  });
});
