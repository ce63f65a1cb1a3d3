import { checkAccountId, checkPartition, oidcProviderArn, oidcProviderArnLength, parseOidcProviderArn } from "../../../src/compile/aws";

describe("OIDC provider ARNs", () => {
  it.each([
    ["aws", "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"],
    ["aws-cn", "arn:aws-cn:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"],
    ["aws-us-gov", "arn:aws-us-gov:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"],
  ] as const)("builds and parses the %s partition", (partition, arn) => {
    const parts = { partition, accountId: "111122223333", hostAndPath: "token.actions.githubusercontent.com" };
    expect(oidcProviderArn(parts)).toBe(arn);
    expect(parseOidcProviderArn(arn)).toEqual(parts);
    expect(oidcProviderArnLength(partition, parts.hostAndPath)).toBe(arn.length);
  });

  it("keeps an AKS issuer's trailing slash", () => {
    expect(
      parseOidcProviderArn(
        "arn:aws:iam::111122223333:oidc-provider/eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/00000000-0000-0000-0000-000000000002/",
      )?.hostAndPath,
    ).toBe("eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/00000000-0000-0000-0000-000000000002/");
  });

  it("keeps the issuer path", () => {
    expect(parseOidcProviderArn("arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC")?.hostAndPath).toBe(
      "oidc.eks.eu-west-1.amazonaws.com/id/ABC",
    );
  });

  it.each([
    "arn:aws:iam::111122223333:role/x",
    "arn:aws:iam::11112222333:oidc-provider/a.example",
    "arn:aws-iso:iam::111122223333:oidc-provider/a.example",
    "arn:aws:iam::111122223333:oidc-provider/a.example//x",
    "arn:aws:iam::111122223333:oidc-provider//a.example",
    "arn:aws:iam::111122223333:oidc-provider/*",
    "${TfToken[TOKEN.1]}",
  ])("does not parse %s", (arn) => {
    expect(parseOidcProviderArn(arn)).toBeUndefined();
  });

  it.each([
    [() => checkPartition("p", "aws-iso"), 'p: "aws-iso" is not an AWS partition. Use one of "aws", "aws-cn", "aws-us-gov".'],
    [() => checkAccountId("a", "1234"), 'a: "1234" is not an AWS account id. Give the 12 digits as a string, e.g. "111122223333".'],
    [() => checkAccountId("a", 111122223333), "a: 111122223333 is not an AWS account id."],
  ])("validates partitions and account ids (%#)", (run, message) => {
    expect(run).toThrow(message);
  });
});
