import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack, Testing } from "cdktf";
import type {} from "cdktf/lib/testing/adapters/jest";
import { AwsOidcProvider, AwsWorkloadIdentityRole, Trust, WifValidationError } from "../../../src";

const stack = () => {
  const s = new TerraformStack(Testing.app(), "test");
  new AwsProvider(s, "aws", { region: "eu-west-1" });
  return s;
};

describe("AwsOidcProvider", () => {
  it.each([
    [
      "a GitHub trust",
      { trust: Trust.githubActions({ repository: "o/r", branch: "main" }) },
      "https://token.actions.githubusercontent.com",
      ["sts.amazonaws.com"],
    ],
    [
      "an HCP Terraform trust",
      { trust: Trust.terraformCloud({ organization: "acme", project: "p", workspace: "w", runPhase: "plan" }) },
      "https://app.terraform.io",
      ["aws.workload.identity"],
    ],
    [
      "explicit client ids",
      { issuerUrl: "https://gitlab.com", clientIds: ["https://gitlab.com", "sts.amazonaws.com"] },
      "https://gitlab.com",
      ["https://gitlab.com", "sts.amazonaws.com"],
    ],
  ])("creates aws_iam_openid_connect_provider from %s", (_name, props, url, clientIds) => {
    const s = stack();
    const provider = new AwsOidcProvider(s, "p", props);
    const json = Testing.synth(s, true);
    expect(json).toHaveResourceWithProperties(IamOpenidConnectProvider, { url, client_id_list: clientIds });
    expect(provider.issuerUrl).toBe(url);
    expect(provider.partition).toBe("aws");
    expect(provider.providerArn).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
  });

  it("imports by ARN (every partition)", () => {
    const s = stack();
    for (const partition of ["aws", "aws-cn", "aws-us-gov"] as const) {
      const arn = `arn:${partition}:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC`;
      const p = AwsOidcProvider.fromArn(s, `imported-${partition}`, arn);
      expect({ arn: p.providerArn, url: p.issuerUrl, partition: p.partition, clientIds: p.clientIds }).toEqual({
        arn,
        url: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC",
        partition,
        clientIds: undefined,
      });
    }
  });

  it("imports by issuer and account (the account may be a token)", () => {
    const s = stack();
    const p = AwsOidcProvider.fromIssuer(s, "gh", { issuerUrl: "https://token.actions.githubusercontent.com", accountId: "111122223333", partition: "aws-cn" });
    expect(p.providerArn).toBe("arn:aws-cn:iam::111122223333:oidc-provider/token.actions.githubusercontent.com");
    const q = AwsOidcProvider.fromIssuer(s, "gh2", { issuerUrl: "https://token.actions.githubusercontent.com", accountId: "${TfToken[TOKEN.9]}" });
    expect(q.providerArn).toBe("arn:aws:iam::${TfToken[TOKEN.9]}:oidc-provider/token.actions.githubusercontent.com");
  });

  it("takes an AKS issuer with its trailing slash (created, by issuer, by ARN) and a role trusting it", () => {
    const s = stack();
    const trust = Trust.kubernetes({
      issuerUrl: "https://eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/00000000-0000-0000-0000-000000000002/",
      namespace: "ci",
      serviceAccount: "deployer",
      audiences: ["sts.amazonaws.com"],
    });
    const created = new AwsOidcProvider(s, "aks", { trust });
    expect(created.issuerUrl).toBe("https://eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/00000000-0000-0000-0000-000000000002/");
    const byIssuer = AwsOidcProvider.fromIssuer(s, "aks-by-issuer", {
      issuerUrl: "https://eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/00000000-0000-0000-0000-000000000002/",
      accountId: "111122223333",
    });
    expect(byIssuer.providerArn).toBe(
      "arn:aws:iam::111122223333:oidc-provider/eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/00000000-0000-0000-0000-000000000002/",
    );
    const byArn = AwsOidcProvider.fromArn(s, "aks-by-arn", byIssuer.providerArn);
    expect(byArn.issuerUrl).toBe("https://eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/00000000-0000-0000-0000-000000000002/");
    const role = new AwsWorkloadIdentityRole(s, "role", { trust, oidcProvider: byArn });
    expect(role.trustPolicy.conditionKeyPrefix).toBe(
      "eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/00000000-0000-0000-0000-000000000002/",
    );
    const json = Testing.synth(s, true);
    expect(json).toHaveResourceWithProperties(IamOpenidConnectProvider, {
      url: "https://eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/00000000-0000-0000-0000-000000000002/",
      client_id_list: ["sts.amazonaws.com"],
    });
  });

  const cases: [string, () => unknown, string][] = [
    [
      "fromArn with a role ARN",
      () => AwsOidcProvider.fromArn(stack(), "x", "arn:aws:iam::111122223333:role/x"),
      'AwsOidcProvider.fromArn: "arn:aws:iam::111122223333:role/x" is not an IAM OIDC provider ARN.',
    ],
    [
      "fromArn with https:// in the ARN",
      () => AwsOidcProvider.fromArn(stack(), "x", "arn:aws:iam::111122223333:oidc-provider/https://token.actions.githubusercontent.com"),
      'AwsOidcProvider.fromArn: "arn:aws:iam::111122223333:oidc-provider/https://token.actions.githubusercontent.com" has a URL scheme after "oidc-provider/": IAM names an OIDC provider by its issuer URL without "https://", so no provider has this ARN (the issuer would read "https://https://..."). Write "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com".',
    ],
    [
      "fromArn with a token",
      () => AwsOidcProvider.fromArn(stack(), "x", "${TfToken[TOKEN.1]}"),
      "AwsOidcProvider.fromArn: \"${TfToken[TOKEN.1]}\" is not a literal ARN, so the provider's issuer cannot be checked against the role's trust. Use AwsOidcProvider.fromIssuer",
    ],
    [
      "fromIssuer with a short account",
      () => AwsOidcProvider.fromIssuer(stack(), "x", { issuerUrl: "https://gitlab.com", accountId: "1234" }),
      'AwsOidcProvider.fromIssuer.accountId: "1234" is not an AWS account id.',
    ],
    [
      "fromIssuer with a bad partition",
      () => AwsOidcProvider.fromIssuer(stack(), "x", { issuerUrl: "https://gitlab.com", accountId: "111122223333", partition: "aws-iso" as never }),
      'AwsOidcProvider.fromIssuer.partition: "aws-iso" is not an AWS partition.',
    ],
    [
      "fromIssuer with a trailing slash",
      () => AwsOidcProvider.fromIssuer(stack(), "x", { issuerUrl: "https://gitlab.com/", accountId: "111122223333" }),
      'AwsOidcProvider.fromIssuer.issuerUrl: "https://gitlab.com/" ends with "/".',
    ],
    [
      "neither trust nor issuer",
      () => new AwsOidcProvider(stack(), "x", {}),
      "test/x: AwsOidcProvider: give the trust (or the issuerUrl and clientIds) the provider serves.",
    ],
    [
      "issuer without client ids",
      () => new AwsOidcProvider(stack(), "x", { issuerUrl: "https://gitlab.com" }),
      'AwsOidcProvider.clientIds: without a trust, list the audiences tokens carry, e.g. clientIds: ["sts.amazonaws.com"].',
    ],
    [
      "trust and another issuer",
      () => new AwsOidcProvider(stack(), "x", { trust: Trust.githubActions({ repository: "o/r", branch: "main" }), issuerUrl: "https://gitlab.com" }),
      'AwsOidcProvider.issuerUrl: "https://gitlab.com" differs from the trust\'s issuer "https://token.actions.githubusercontent.com"',
    ],
    [
      "a wildcard client id",
      () => new AwsOidcProvider(stack(), "x", { issuerUrl: "https://gitlab.com", clientIds: ["*"] }),
      'AwsOidcProvider.clientIds: "*" contains a wildcard.',
    ],
    [
      "101 client ids",
      () => new AwsOidcProvider(stack(), "x", { issuerUrl: "https://gitlab.com", clientIds: Array.from({ length: 101 }, (_, i) => `c${i}`) }),
      "AwsOidcProvider.clientIds: 101 client ids given; IAM accepts at most 100.",
    ],
  ];
  it.each(cases)("refuses %s", (_name, run, message) => {
    expect(run).toThrow(WifValidationError);
    expect(run).toThrow(message);
  });
});
