import { AzureadProvider } from "@cdktf/provider-azuread/lib/provider";
import { Testing, TerraformStack } from "cdktf";
import "cdktf/lib/testing/adapters/jest";

import { AzureAppFederatedCredential, AzureAppFederatedCredentialProps } from "../../../src/constructs/azure";
import { Issuer, Subject, Trust, WifValidationError } from "../../../src/trust";
import { output } from "./synth-output";

const APP = "/applications/44444444-4444-4444-4444-444444444444";
const CLIENT = "55555555-5555-5555-5555-555555555555";
const release = Trust.githubActions({ repository: "octo/app", branch: "release-*", repositoryOwnerId: "1234567" });

function synth(props: Partial<AzureAppFederatedCredentialProps>): { json: string; parsed: any; construct: AzureAppFederatedCredential } {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  new AzureadProvider(stack, "azuread", {});
  const construct = new AzureAppFederatedCredential(stack, "release", { trust: release, ...props } as AzureAppFederatedCredentialProps);
  const json = Testing.synth(stack, true);
  return { json, parsed: JSON.parse(json), construct };
}

describe("AzureAppFederatedCredential", () => {
  it("creates an app registration, its service principal and a flexible credential for a pattern", () => {
    const { json, parsed, construct } = synth({ displayName: "octo-app-release" });
    expect(json).toHaveResourceWithProperties({ tfResourceType: "azuread_application_registration" }, { display_name: "octo-app-release" });
    expect(json).toHaveResourceWithProperties(
      { tfResourceType: "azuread_service_principal" },
      { client_id: expect.stringMatching(/^\$\{azuread_application_registration\.[^.]+\.client_id\}$/) },
    );
    expect(json).toHaveResourceWithProperties(
      { tfResourceType: "azuread_application_flexible_federated_identity_credential" },
      {
        application_id: expect.stringMatching(/^\$\{azuread_application_registration\.[^.]+\.id\}$/),
        issuer: "https://token.actions.githubusercontent.com",
        audience: "api://AzureADTokenExchange",
        claims_matching_expression: "claims['sub'] matches 'repo:octo/app:ref:refs/heads/release-*' and claims['repository_owner_id'] eq '1234567'",
        display_name: expect.stringMatching(/^repo-octo-app-ref-refs-heads-release-[0-9a-f]{12}$/),
      },
    );
    expect(parsed.resource.azuread_application_federated_identity_credential).toBeUndefined();
    expect(output(parsed, "client-id")).toMatch(/^\$\{azuread_application_registration\.[^.]+\.client_id\}$/);
    expect(output(parsed, "tenant-id")).toMatch(/^\$\{data\.azuread_client_config\.[^.]+\.tenant_id\}$/);
    expect(construct.servicePrincipalObjectId).toMatch(/^\$\{TfToken/);
  });

  it("adds exact credentials to an existing application, with the tenant from a prop", () => {
    const trust = new Trust({
      issuer: Issuer.fromUrl("https://app.terraform.io"),
      subject: Subject.anyOf([
        "organization:acme:project:infra:workspace:prod:run_phase:apply",
        "organization:acme:project:infra:workspace:prod:run_phase:plan",
      ]),
    });
    const { json, parsed, construct } = synth({ trust, existingApplication: { id: APP, clientId: CLIENT }, tenantId: CLIENT });
    for (const phase of ["apply", "plan"]) {
      expect(json).toHaveResourceWithProperties(
        { tfResourceType: "azuread_application_federated_identity_credential" },
        {
          application_id: APP,
          issuer: "https://app.terraform.io",
          subject: `organization:acme:project:infra:workspace:prod:run_phase:${phase}`,
          audiences: ["api://AzureADTokenExchange"],
        },
      );
    }
    expect(parsed.resource.azuread_application_registration).toBeUndefined();
    expect(parsed.data).toBeUndefined();
    expect(output(parsed, "client-id")).toBe(CLIENT);
    expect(output(parsed, "tenant-id")).toBe(CLIENT);
    expect(construct.servicePrincipalObjectId).toBeUndefined();
  });

  const refusals: Array<[string, Partial<AzureAppFederatedCredentialProps>, string]> = [
    [
      "a GitHub pattern without an id pin",
      { displayName: "x", trust: Trust.githubActions({ repository: "octo/app", branch: "release-*" }) },
      'Trust.claims.repository_owner_id: Entra requires a GitHub flexible credential to pin repository_owner_id or repository_id, and the trust for "repo:octo/app:ref:refs/heads/release-*" pins neither. Alternatives: (1) set repositoryOwnerId (or repositoryId) in Trust.githubActions({...}), e.g. repositoryOwnerId: "1234567" (gh api repos/OWNER/REPO --jq .owner.id); (2) or add claims: { repository_owner_id: Claim.equals("1234567") } to the trust.',
    ],
    [
      "a pattern for a Kubernetes issuer",
      { displayName: "x", trust: Trust.kubernetes({ issuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC", namespace: "ci", serviceAccount: "*" }) },
      'Trust.issuer: The subject pattern "system:serviceaccount:ci:*" needs a flexible credential',
    ],
    [
      "neither displayName nor existingApplication",
      {},
      'AzureAppFederatedCredential: set exactly one of displayName (to create an app registration) and existingApplication ({ id: "/applications/<objectId>", clientId }).',
    ],
    [
      "both displayName and existingApplication",
      { displayName: "x", existingApplication: { id: APP, clientId: CLIENT } },
      "AzureAppFederatedCredential: set exactly one of displayName",
    ],
    [
      "an application id that is not a resource id",
      { existingApplication: { id: CLIENT, clientId: CLIENT } },
      `AzureAppFederatedCredential.existingApplication.id: "${CLIENT}" is not valid: expected an application resource id "/applications/<objectId>".`,
    ],
    [
      "a tenant id that is not a GUID",
      { displayName: "x", tenantId: "contoso" },
      'AzureAppFederatedCredential.tenantId: "contoso" is not a tenant id: expected a GUID such as "00000000-0000-0000-0000-000000000000".',
    ],
  ];
  it.each(refusals)("refuses %s", (_name, props, message) => {
    let error: unknown;
    try {
      synth(props);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WifValidationError);
    expect((error as WifValidationError).constructPath).toBe("test/release");
    expect((error as Error).message.startsWith(`test/release: ${message}`)).toBe(true);
  });
});
