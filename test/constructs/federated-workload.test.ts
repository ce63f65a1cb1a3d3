import { Testing } from "cdktf";
import { FederatedWorkload, Trust } from "../../src";
import { allProvidersStack } from "./all-providers-stack";

const immutable = Trust.githubActions({
  repository: "octo-org/payments",
  environment: "production",
  repositoryOwnerId: "1234567",
  repositoryId: "7654321",
  immutableSubject: true,
});
const SUB = "repo:octo-org@1234567/payments@7654321:environment:production";

const gcp = { project: "acme-prod", projectNumber: "123456789012", poolId: "ci-pool", serviceAccountEmail: "deployer@acme-prod.iam.gserviceaccount.com" };
const azure = { resourceGroupName: "rg-ci", location: "westeurope" };

const stack = allProvidersStack;

describe("FederatedWorkload", () => {
  test("builds every named cloud from the one trust", () => {
    const s = stack();
    const workload = new FederatedWorkload(s, "payments", { trust: immutable, aws: { roleName: "payments-deploy" }, gcp, azure });
    const synth = Testing.synth(s, true);
    expect(synth).toHaveResourceWithProperties({ tfResourceType: "aws_iam_role" }, { name: "payments-deploy" });
    expect(synth).toHaveResourceWithProperties(
      { tfResourceType: "aws_iam_openid_connect_provider" },
      { url: "https://token.actions.githubusercontent.com", client_id_list: ["sts.amazonaws.com"] },
    );
    expect(synth).toHaveResourceWithProperties(
      { tfResourceType: "google_iam_workload_identity_pool_provider" },
      { attribute_condition: `assertion.sub == '${SUB}'` },
    );
    expect(synth).toHaveResourceWithProperties(
      { tfResourceType: "azurerm_federated_identity_credential" },
      { subject: SUB, audience: ["api://AzureADTokenExchange"] },
    );
    expect(synth).toHaveResourceWithProperties({ tfResourceType: "azurerm_user_assigned_identity" }, { name: "payments" });
    const policy = JSON.parse(JSON.parse(synth).resource.aws_iam_role[Object.keys(JSON.parse(synth).resource.aws_iam_role)[0]].assume_role_policy);
    expect(policy.Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"]).toBe(SUB);
    expect(workload.aws?.trust).toBe(immutable);
    expect(workload.gcp?.trust).toBe(immutable);
    expect(workload.azure).toBeDefined();
    expect(workload.azureApp).toBeUndefined();
    // Every cloud's CI outputs are there.
    const outputs = Object.keys(JSON.parse(synth).output);
    for (const part of ["role-arn", "workload_identity_provider", "service_account_email", "client-id", "tenant-id"]) {
      expect(outputs.some((o) => o.includes(part))).toBe(true);
    }
  });

  test("a cloud that cannot express the trust is named, and no cloud is left half-built", () => {
    const s = stack();
    const pattern = Trust.githubActions({ repository: "octo-org/payments", tag: "v*", repositoryOwnerId: "1234567" });
    expect(() => new FederatedWorkload(s, "payments", { trust: pattern, aws: {}, gcp, azure })).toThrow(
      /^test\/payments: FederatedWorkload\.azure: azure \(managed identity\) cannot take this trust, so no cloud's resources were created\. .*pattern/s,
    );
    expect(s.node.tryFindChild("payments")).toBeUndefined();
    const synth = JSON.parse(Testing.synth(s));
    expect(synth.resource).toBeUndefined();
    // The id is free again: the caller can retry with a trust every named cloud can express.
    new FederatedWorkload(s, "payments", { trust: immutable, aws: {}, gcp, azure });
    expect(JSON.parse(Testing.synth(s)).resource.aws_iam_role).toBeDefined();
  });

  test("the same pattern trust works on an Azure app registration with a flexible credential", () => {
    const s = stack();
    const pattern = Trust.githubActions({ repository: "octo-org/payments", tag: "v*", repositoryOwnerId: "1234567" });
    new FederatedWorkload(s, "payments", { trust: pattern, aws: {}, gcp, azureApp: { displayName: "payments-release" } });
    const synth = Testing.synth(s, true);
    expect(synth).toHaveResourceWithProperties(
      { tfResourceType: "azuread_application_flexible_federated_identity_credential" },
      { claims_matching_expression: "claims['sub'] matches 'repo:octo-org/payments:ref:refs/tags/v*' and claims['repository_owner_id'] eq '1234567'" },
    );
    expect(synth).toHaveResourceWithProperties({ tfResourceType: "aws_iam_role" }, {});
    expect(synth).toHaveResourceWithProperties(
      { tfResourceType: "google_iam_workload_identity_pool_provider" },
      { workload_identity_pool_provider_id: "payments" },
    );
  });

  test.each([
    [{ trust: immutable }, "test/w: FederatedWorkload: no cloud is named, so nothing would be created. Give at least one of aws, gcp, azure or azureApp."],
    [{ trust: "repo:octo/app:*", aws: {} }, 'test/w: FederatedWorkload.trust: expected a Trust (e.g. Trust.githubActions({...})), got "repo:octo/app:*".'],
    [{ trust: immutable, gpc: gcp }, 'test/w: FederatedWorkload.gpc: unknown option "gpc". Known options: trust, aws, gcp, azure, azureApp, acknowledge.'],
    [
      { trust: immutable, aws: { roleName: "bad name" } },
      /^test\/w: FederatedWorkload\.aws: aws cannot take this trust, so no cloud's resources were created\. .*roleName/s,
    ],
  ])("refuses bad props (%#)", (props, message) => {
    expect(() => new FederatedWorkload(stack(), "w", props as never)).toThrow(message);
  });
});
