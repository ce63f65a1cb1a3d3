import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import "cdktf/lib/testing/adapters/jest";

import { AzureFederatedIdentity, AzureFederatedIdentityProps } from "../../../src/constructs/azure";
import { Subject, Trust, WifValidationError, Issuer } from "../../../src/trust";
import { output } from "./synth-output";

const ID = "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-ci/providers/Microsoft.ManagedIdentity/userAssignedIdentities/deployer";
const GUID_A = "22222222-2222-2222-2222-222222222222";
const GUID_B = "33333333-3333-3333-3333-333333333333";
const prod = Trust.githubActions({ repository: "octo/app", environment: "prod" });

function synth(props: Partial<AzureFederatedIdentityProps>, id = "deploy"): { json: string; parsed: any; construct: AzureFederatedIdentity } {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  const construct = new AzureFederatedIdentity(stack, id, {
    trust: prod,
    resourceGroupName: "rg-ci",
    location: "westeurope",
    ...props,
  } as AzureFederatedIdentityProps);
  const json = Testing.synth(stack, true);
  return { json, parsed: JSON.parse(json), construct };
}

describe("AzureFederatedIdentity", () => {
  it("synthesizes an AKS trust with the issuer's trailing slash, no finding", () => {
    const aks = "https://eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/00000000-0000-0000-0000-000000000002/";
    const { json, construct } = synth({ trust: Trust.kubernetes({ issuerUrl: aks, namespace: "ci", serviceAccount: "deployer" }) });
    expect(json).toHaveResourceWithProperties(
      { tfResourceType: "azurerm_federated_identity_credential" },
      { issuer: aks, subject: "system:serviceaccount:ci:deployer", audience: ["api://AzureADTokenExchange"] },
    );
    expect(
      construct.node
        .findAll()
        .flatMap((c) => c.node.metadata)
        .filter((m) => m.type.startsWith("@cdktf/"))
        .map((m) => m.data),
    ).toEqual([]);
  });

  it("creates the identity, one credential per exact subject and the role assignments", () => {
    const { json, parsed } = synth({
      trust: new Trust({ issuer: Issuer.githubActions(), subject: Subject.anyOf(["repo:octo/app:environment:prod", "repo:octo/app:ref:refs/heads/main"]) }),
      roleAssignments: [
        { scope: "/subscriptions/1/resourceGroups/rg-app", roleDefinitionName: "Contributor" },
        { scope: "/subscriptions/1", roleDefinitionId: "/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7" },
      ],
    });
    expect(json).toHaveResourceWithProperties(
      { tfResourceType: "azurerm_user_assigned_identity" },
      { name: "deploy", resource_group_name: "rg-ci", location: "westeurope" },
    );
    for (const subject of ["repo:octo/app:environment:prod", "repo:octo/app:ref:refs/heads/main"]) {
      expect(json).toHaveResourceWithProperties(
        { tfResourceType: "azurerm_federated_identity_credential" },
        {
          issuer: "https://token.actions.githubusercontent.com",
          subject,
          audience: ["api://AzureADTokenExchange"],
          resource_group_name: "rg-ci",
          parent_id: expect.stringMatching(/^\$\{azurerm_user_assigned_identity\.[^.]+\.id\}$/),
          name: expect.stringMatching(/^repo-octo-app-[A-Za-z0-9_-]+-[0-9a-f]{12}$/),
        },
      );
    }
    expect(Object.keys(parsed.resource.azurerm_federated_identity_credential)).toHaveLength(2);
    expect(json).toHaveResourceWithProperties(
      { tfResourceType: "azurerm_role_assignment" },
      {
        scope: "/subscriptions/1/resourceGroups/rg-app",
        role_definition_name: "Contributor",
        principal_type: "ServicePrincipal",
        principal_id: expect.stringMatching(/principal_id\}$/),
      },
    );
    expect(json).toHaveResourceWithProperties(
      { tfResourceType: "azurerm_role_assignment" },
      {
        scope: "/subscriptions/1",
        role_definition_id: "/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7",
        principal_type: "ServicePrincipal",
      },
    );
    expect(output(parsed, "client-id")).toMatch(/^\$\{azurerm_user_assigned_identity\.[^.]+\.client_id\}$/);
    expect(output(parsed, "tenant-id")).toMatch(/^\$\{azurerm_user_assigned_identity\.[^.]+\.tenant_id\}$/);
    expect(output(parsed, "subscription-id")).toMatch(/^\$\{element\(split\("\/", azurerm_user_assigned_identity\.[^.]+\.id\), 2\)\}$/);
  });

  it("uses an existing identity, with the tenant from azurerm_client_config and the subscription from the id", () => {
    const { json, parsed, construct } = synth({ location: undefined, existingIdentity: { id: ID, principalId: GUID_A, clientId: GUID_B } });
    expect(parsed.resource.azurerm_user_assigned_identity).toBeUndefined();
    expect(json).toHaveResourceWithProperties(
      { tfResourceType: "azurerm_federated_identity_credential" },
      { parent_id: ID, subject: "repo:octo/app:environment:prod" },
    );
    expect(Object.keys(parsed.data.azurerm_client_config)).toHaveLength(1);
    expect(construct.subscriptionId).toBe("11111111-1111-1111-1111-111111111111");
    expect(output(parsed, "client-id")).toBe(GUID_B);
    expect(output(parsed, "tenant-id")).toMatch(/^\$\{data\.azurerm_client_config\.[^.]+\.tenant_id\}$/);
    expect(output(parsed, "subscription-id")).toBe("11111111-1111-1111-1111-111111111111");
  });

  it("accepts unresolved values for an existing identity", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "test");
    new AzurermProvider(stack, "azurerm", { features: [{}] });
    const id = new TerraformVariable(stack, "identity_id", { type: "string" }).stringValue;
    const construct = new AzureFederatedIdentity(stack, "deploy", {
      trust: prod,
      resourceGroupName: "rg-ci",
      existingIdentity: { id, principalId: GUID_A, clientId: GUID_B },
    });
    const parsed = JSON.parse(Testing.synth(stack, true));
    expect(construct.identityId).toBe(id);
    expect(output(parsed, "subscription-id")).toBe('${element(split("/", var.identity_id), 2)}');
    expect(Object.values(parsed.resource.azurerm_federated_identity_credential)).toEqual([expect.objectContaining({ parent_id: "${var.identity_id}" })]);
  });

  it("takes the tenant id from a prop without a data source", () => {
    const { parsed } = synth({ location: undefined, existingIdentity: { id: ID, principalId: GUID_A, clientId: GUID_B }, tenantId: GUID_A });
    expect(parsed.data).toBeUndefined();
    expect(output(parsed, "tenant-id")).toBe(GUID_A);
  });

  it("keeps credential addresses when a subject is added", () => {
    const addresses = (subjects: string[]) =>
      Object.keys(
        synth({ trust: new Trust({ issuer: Issuer.githubActions(), subject: Subject.anyOf(subjects) }) }).parsed.resource.azurerm_federated_identity_credential,
      );
    const before = addresses(["repo:octo/app:environment:prod"]);
    const after = addresses(["repo:octo/app:ref:refs/heads/main", "repo:octo/app:environment:prod"]);
    expect(after).toEqual(expect.arrayContaining(before));
  });

  it.each([
    ["d", "d-identity"],
    ["Deploy to prod", "Deploy-to-prod"],
    ["_x", "x-identity"],
  ])("derives a valid identity name from the construct id %j: %j", (id, name) => {
    expect(synth({}, id).json).toHaveResourceWithProperties({ tfResourceType: "azurerm_user_assigned_identity" }, { name });
  });

  it("checks attribute values, not only attribute names", () => {
    const { json } = synth({});
    expect(json).not.toHaveResourceWithProperties({ tfResourceType: "azurerm_federated_identity_credential" }, { subject: "repo:octo/app:environment:prodX" });
    expect(json).not.toHaveResourceWithProperties(
      { tfResourceType: "azurerm_federated_identity_credential" },
      { audience: ["api://AzureADTokenExchange", "x"] },
    );
  });

  it("loads only the azurerm modules it uses", () => {
    synth({});
    const loaded = Object.keys(require.cache).filter((p) => p.includes("@cdktf/provider-"));
    expect(loaded.some((p) => /provider-azurerm[\\/]lib[\\/]index\.js$/.test(p))).toBe(false);
    expect(loaded.some((p) => p.includes("federated-identity-credential"))).toBe(true);
    expect(loaded.some((p) => p.includes("provider-aws") || p.includes("provider-google"))).toBe(false);
  });

  const refusals: Array<[string, Partial<AzureFederatedIdentityProps>, string]> = [
    [
      "a pattern subject",
      { trust: Trust.githubActions({ repository: "octo/app", branch: "release-*" }) },
      'Trust.subject: azurerm cannot express the subject pattern "repo:octo/app:ref:refs/heads/release-*" on a managed identity: its federated credentials match subjects exactly (no wildcards). Entra flexible credentials can take patterns on managed identities too (preview ARM API), but azurerm cannot create them; use an app registration (AzureAppFederatedCredential). Alternatives: (1) list the exact subjects with Subject.anyOf([...]) (at most 20); (2) use AzureAppFederatedCredential (an app registration), whose flexible credential can test patterns and some claims for GitHub Actions, GitLab (gitlab.com and self-managed gitlab.<name>.com / .ca) and HCP Terraform.',
    ],
    [
      "a claim the subject does not imply",
      { trust: Trust.githubActions({ repository: "octo/app", environment: "prod", repositoryOwnerId: "42" }) },
      'Trust.claims.repository_owner_id: azurerm cannot express the claim condition repository_owner_id = "42": exact federated credentials compare only issuer, subject and audience, and the subject "repo:octo/app:environment:prod" does not imply it (flexible credentials, which test claims, exist for managed identities only in the preview ARM API, which azurerm cannot use).',
    ],
    [
      "no location",
      { location: undefined },
      'AzureFederatedIdentity.location: is required to create the identity (got undefined); e.g. "westeurope". Or pass existingIdentity.',
    ],
    [
      "location with an existing identity",
      { existingIdentity: { id: ID, principalId: GUID_A, clientId: GUID_B } },
      `AzureFederatedIdentity.location: has no effect with existingIdentity ("${ID}"); remove it.`,
    ],
    [
      "a malformed identity id",
      { location: undefined, existingIdentity: { id: "deployer", principalId: GUID_A, clientId: GUID_B } },
      'AzureFederatedIdentity.existingIdentity.id: "deployer" is not valid: expected a user-assigned identity resource id (/subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>).',
    ],
    [
      "a resource group other than the identity's",
      { location: undefined, resourceGroupName: "rg-other", existingIdentity: { id: ID, principalId: GUID_A, clientId: GUID_B } },
      'AzureFederatedIdentity.resourceGroupName: "rg-other" is not the resource group of the existing identity ("rg-ci"); its federated credentials must live in the identity\'s resource group.',
    ],
    [
      "a client id that is not a GUID",
      { location: undefined, existingIdentity: { id: ID, principalId: GUID_A, clientId: "deployer" } },
      'AzureFederatedIdentity.existingIdentity.clientId: "deployer" is not a client id: expected a GUID such as "00000000-0000-0000-0000-000000000000".',
    ],
    [
      "a role assignment with both role fields",
      { roleAssignments: [{ scope: "/subscriptions/1", roleDefinitionName: "Reader", roleDefinitionId: "/x" }] },
      'AzureFederatedIdentity.roleAssignments[0]: set exactly one of roleDefinitionName (e.g. "Contributor") and roleDefinitionId; got {"scope":"/subscriptions/1","roleDefinitionName":"Reader","roleDefinitionId":"/x"}.',
    ],
    [
      "a role assignment without a scope",
      { roleAssignments: [{ scope: "rg-app", roleDefinitionName: "Reader" }] },
      'AzureFederatedIdentity.roleAssignments[0].scope: "rg-app" is not valid: expected an Azure scope such as "/subscriptions/<id>/resourceGroups/<rg>".',
    ],
    [
      "an invalid identity name",
      { identityName: "my identity" },
      `AzureFederatedIdentity.identityName: "my identity" is not valid: expected 3-128 letters, digits, '-' or '_', starting with a letter or digit.`,
    ],
    [
      "an unknown prop",
      { roles: [] } as never,
      'AzureFederatedIdentity.roles: unknown option "roles". Known options: trust, resourceGroupName, location, identityName, existingIdentity, roleAssignments, tenantId, tags, acknowledge, outputs.',
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
    expect((error as WifValidationError).constructPath).toBe("test/deploy");
    expect((error as Error).message.startsWith(`test/deploy: ${message}`)).toBe(true);
  });
});
