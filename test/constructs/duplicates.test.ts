import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack, Testing } from "cdktf";
import type { Construct } from "constructs";
import {
  AwsOidcProvider,
  AwsWorkloadIdentityRole,
  AzureAppFederatedCredential,
  AzureFederatedIdentity,
  FederatedWorkload,
  GcpWorkloadIdentity,
  Trust,
} from "../../src";
import { allProvidersStack } from "./all-providers-stack";

const A = Trust.githubActions({ repository: "octo/app", environment: "prod", repositoryOwnerId: "1" });
const IMMUTABLE = Trust.githubActions({ repository: "octo/app", environment: "prod", repositoryOwnerId: "1", repositoryId: "2", immutableSubject: true });
const B = Trust.githubActions({ repository: "octo/web", environment: "prod", repositoryOwnerId: "1" });
const GCP = { project: "acme-prod", projectNumber: "123456789012", serviceAccountEmail: "d@acme-prod.iam.gserviceaccount.com" };
const AZURE = { resourceGroupName: "rg-ci", location: "westeurope" };
const EXISTING = {
  id: "/subscriptions/s/resourceGroups/rg-ci/providers/Microsoft.ManagedIdentity/userAssignedIdentities/ci",
  principalId: "00000000-0000-0000-0000-000000000001",
  clientId: "00000000-0000-0000-0000-000000000002",
};

// Duplicates that Terraform would create and the cloud refuse at apply time are found at synth (a stack validation).
describe("duplicates are refused at synth, with the fix", () => {
  test.each<[string, (s: Construct) => void, RegExp]>([
    [
      "two roles that each create the GitHub OIDC provider",
      (s) => {
        new AwsWorkloadIdentityRole(s, "a", { trust: A });
        new AwsWorkloadIdentityRole(s, "b", { trust: B });
      },
      /2 IAM OIDC providers for the same issuer under the same AWS provider configuration .*"test\/a\/oidc-provider\/provider", "test\/b\/oidc-provider\/provider".* Fix: create the provider once and pass it to the other roles with oidcProvider, or import it: AwsOidcProvider\.fromIssuer/,
    ],
    [
      "two AwsOidcProviders",
      (s) => {
        new AwsOidcProvider(s, "p1", { trust: A });
        new AwsOidcProvider(s, "p2", { trust: B });
      },
      /2 IAM OIDC providers for the same issuer/,
    ],
    [
      "two FederatedWorkloads with aws",
      (s) => {
        new FederatedWorkload(s, "a", { trust: A, aws: {} });
        new FederatedWorkload(s, "b", { trust: B, aws: {} });
      },
      /2 IAM OIDC providers for the same issuer/,
    ],
    [
      "two GCP pools with one id in one project",
      (s) => {
        new GcpWorkloadIdentity(s, "a", { ...GCP, trust: A, poolId: "ci-pool" });
        new GcpWorkloadIdentity(s, "b", { ...GCP, trust: B, poolId: "ci-pool" });
      },
      /2 workload identity pools with the same id in one project: "test\/a\/pool", "test\/b\/pool" .* Fix: create the pool once \(poolId\) and add the other providers to it with existingPoolId\./,
    ],
    [
      "two credentials with one issuer and subject on one managed identity",
      (s) => {
        new AzureFederatedIdentity(s, "a", { resourceGroupName: "rg-ci", existingIdentity: EXISTING, trust: IMMUTABLE, outputs: false });
        new AzureFederatedIdentity(s, "b", { resourceGroupName: "rg-ci", existingIdentity: EXISTING, trust: IMMUTABLE, outputs: false });
      },
      /2 federated credentials with the same issuer and subject on one managed identity/,
    ],
  ])("%s", (_name, build, message) => {
    const s = allProvidersStack();
    build(s);
    expect(() => Testing.synth(s, true)).toThrow(message);
  });

  test.each<[string, (s: Construct) => void]>([
    [
      "one provider shared by two roles",
      (s) => {
        const p = new AwsOidcProvider(s, "p", { trust: A });
        new AwsWorkloadIdentityRole(s, "a", { trust: A, oidcProvider: p });
        new AwsWorkloadIdentityRole(s, "b", { trust: B, oidcProvider: p });
      },
    ],
    [
      "one pool, a second provider in it by existingPoolId",
      (s) => {
        const a = new GcpWorkloadIdentity(s, "a", { ...GCP, trust: A, poolId: "ci-pool" });
        new GcpWorkloadIdentity(s, "b", { ...GCP, trust: B, existingPoolId: "ci-pool", dependsOn: [a.pool!] });
      },
    ],
    [
      "two identities with the same subject",
      (s) => {
        new AzureFederatedIdentity(s, "a", { ...AZURE, trust: IMMUTABLE });
        new AzureFederatedIdentity(s, "b", { ...AZURE, trust: IMMUTABLE });
      },
    ],
    [
      "two app registrations with the same subject",
      (s) => {
        new AzureAppFederatedCredential(s, "a", { displayName: "a", trust: A });
        new AzureAppFederatedCredential(s, "b", { displayName: "b", trust: A });
      },
    ],
  ])("accepts %s", (_name, build) => {
    const s = allProvidersStack();
    build(s);
    expect(() => Testing.synth(s, true)).not.toThrow();
  });

  test("one OIDC provider per AWS provider configuration: aliased providers (other accounts) may each hold one", () => {
    const s = new TerraformStack(Testing.app(), "test");
    new AwsProvider(s, "aws", { region: "eu-west-1" });
    const other = new AwsProvider(s, "aws-other", { region: "eu-west-1", alias: "other" });
    new AwsOidcProvider(s, "p1", { trust: A });
    new AwsOidcProvider(s, "p2", { trust: A }).resource.provider = other;
    expect(() => Testing.synth(s, true)).not.toThrow();
  });
});
