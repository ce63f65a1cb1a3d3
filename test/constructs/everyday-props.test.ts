import { TerraformStack, Testing } from "cdktf";
import type {} from "cdktf/lib/testing/adapters/jest";
import type { Construct } from "constructs";
import {
  AwsWorkloadIdentityRole,
  AzureAppFederatedCredential,
  AzureFederatedIdentity,
  FederatedWorkload,
  GcpWorkloadIdentity,
  Trust,
  WifValidationError,
} from "../../src";
import { allProvidersStack } from "./all-providers-stack";

const TRUST = Trust.githubActions({ repository: "octo/app", environment: "prod", repositoryOwnerId: "1", repositoryId: "2", immutableSubject: true });
const GCP = { project: "acme-prod", projectNumber: "123456789012", poolId: "ci-pool", serviceAccountEmail: "d@acme-prod.iam.gserviceaccount.com" };
const AZURE = { resourceGroupName: "rg-ci", location: "westeurope" };

function synthJson(build: (s: TerraformStack) => void): { parsed: Record<string, any>; json: string } {
  const s = allProvidersStack();
  build(s);
  const json = Testing.synth(s, true);
  return { parsed: JSON.parse(json), json };
}

// Stable, readable output names: outputs: false | { <key>: "<name>" }.
describe("outputs: stable names or none", () => {
  const cases: [string, (s: Construct, outputs: unknown) => void, Record<string, string>][] = [
    ["AwsWorkloadIdentityRole", (s, outputs) => new AwsWorkloadIdentityRole(s, "deploy", { trust: TRUST, outputs } as never), { roleArn: "aws_role_arn" }],
    [
      "GcpWorkloadIdentity",
      (s, outputs) => new GcpWorkloadIdentity(s, "deploy", { ...GCP, trust: TRUST, outputs } as never),
      { workloadIdentityProvider: "gcp_provider", serviceAccountEmail: "gcp_sa" },
    ],
    [
      "AzureFederatedIdentity",
      (s, outputs) => new AzureFederatedIdentity(s, "deploy", { ...AZURE, trust: TRUST, outputs } as never),
      { clientId: "az_client", tenantId: "az_tenant", subscriptionId: "az_sub" },
    ],
    [
      "AzureAppFederatedCredential",
      (s, outputs) => new AzureAppFederatedCredential(s, "deploy", { displayName: "deploy", trust: TRUST, outputs } as never),
      { clientId: "app_client", tenantId: "app_tenant" },
    ],
  ];

  test.each(cases)("%s: named outputs get exactly those names", (_name, build, names) => {
    const { parsed } = synthJson((s) => build(s, names));
    expect(Object.keys(parsed.output ?? {}).sort()).toEqual(Object.values(names).sort());
  });

  test.each(cases)("%s: outputs: false emits none; by default every output is emitted", (_name, build, names) => {
    expect(synthJson((s) => build(s, false)).parsed.output).toBeUndefined();
    expect(Object.keys(synthJson((s) => build(s, undefined)).parsed.output ?? {})).toHaveLength(Object.keys(names).length);
  });

  test.each(cases)("%s: only the named outputs are emitted", (_name, build, names) => {
    const [key, name] = Object.entries(names)[0];
    expect(Object.keys(synthJson((s) => build(s, { [key]: name })).parsed.output ?? {})).toEqual([name]);
  });

  test.each<[string, unknown, RegExp]>([
    ["an unknown output", { roleARN: "x" }, /^test\/deploy: AwsWorkloadIdentityRole\.outputs\.roleARN: unknown output "roleARN"\. Known outputs: roleArn\.$/],
    ["a name Terraform refuses", { roleArn: "1role" }, /^test\/deploy: AwsWorkloadIdentityRole\.outputs\.roleArn: "1role" is not a Terraform output name/],
    [
      "true",
      true,
      /^test\/deploy: AwsWorkloadIdentityRole\.outputs: expected false or an object of output names such as \{ roleArn: "role_arn" \}, got true\.$/,
    ],
  ])("refuses %s", (_name, outputs, message) => {
    expect(() => new AwsWorkloadIdentityRole(allProvidersStack(), "deploy", { trust: TRUST, outputs } as never)).toThrow(message);
  });

  test("refuses an output name already used in the stack (cdktf would silently keep only one)", () => {
    const s = allProvidersStack();
    new AwsWorkloadIdentityRole(s, "a", { trust: TRUST, outputs: { roleArn: "role_arn" } });
    expect(() => new AwsWorkloadIdentityRole(s, "b", { trust: TRUST, outputs: { roleArn: "role_arn" } })).toThrow(
      'test/b: AwsWorkloadIdentityRole.outputs.roleArn: the output name "role_arn" is already used by test/a in this stack; Terraform output names are unique per stack. Choose another name.',
    );
  });

  test("FederatedWorkload passes each cloud's names through", () => {
    const { parsed } = synthJson(
      (s) =>
        new FederatedWorkload(s, "payments", {
          trust: TRUST,
          aws: { outputs: { roleArn: "aws_role_arn" } },
          gcp: { ...GCP, outputs: { workloadIdentityProvider: "gcp_workload_identity_provider", serviceAccountEmail: "gcp_service_account" } },
          azure: { ...AZURE, outputs: { clientId: "azure_client_id", tenantId: "azure_tenant_id", subscriptionId: "azure_subscription_id" } },
        }),
    );
    expect(Object.keys(parsed.output).sort()).toEqual([
      "aws_role_arn",
      "azure_client_id",
      "azure_subscription_id",
      "azure_tenant_id",
      "gcp_service_account",
      "gcp_workload_identity_provider",
    ]);
  });
});

// Every string a construct writes reaches Terraform escaped: "${" and "%{" are never evaluated.
describe("strings the constructs write are escaped for Terraform templates", () => {
  const EVIL = 'deploy ${file("/etc/hostname")} %{ if true }x%{ endif }';
  const ESCAPED = 'deploy $${file("/etc/hostname")} %%{ if true }x%%{ endif }';
  const cases: [string, (s: Construct) => void, string, Record<string, unknown>][] = [
    ["role description", (s) => new AwsWorkloadIdentityRole(s, "r", { trust: TRUST, description: EVIL }), "aws_iam_role", { description: ESCAPED }],
    [
      "role output description (trust description)",
      (s) => new AwsWorkloadIdentityRole(s, "r", { trust: new Trust({ ...TRUST.toProps(), description: EVIL }) }),
      "output",
      { description: `ARN of the role for ${ESCAPED}` },
    ],
    [
      "inline policy with an IAM policy variable",
      (s) =>
        new AwsWorkloadIdentityRole(s, "r", {
          trust: TRUST,
          inlinePolicies: {
            home: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/${aws:username}/*" }] },
          },
        }),
      "aws_iam_role_policy",
      {
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/$${aws:username}/*" }],
        }),
      },
    ],
    [
      "GCP display name",
      (s) => new GcpWorkloadIdentity(s, "g", { ...GCP, trust: TRUST, displayName: "ci ${x}" }),
      "google_iam_workload_identity_pool",
      { display_name: "ci $${x}" },
    ],
    [
      "GCP description (trust description)",
      (s) => new GcpWorkloadIdentity(s, "g", { ...GCP, trust: new Trust({ ...TRUST.toProps(), description: EVIL }) }),
      "google_iam_workload_identity_pool_provider",
      { description: `cdktf-wif: ${ESCAPED}` },
    ],
    [
      "Azure tags and location",
      (s) => new AzureFederatedIdentity(s, "z", { ...AZURE, location: "west${x}", trust: TRUST, tags: { team: EVIL } }),
      "azurerm_user_assigned_identity",
      { location: "west$${x}", tags: { team: ESCAPED } },
    ],
    [
      "Azure role assignment description",
      (s) =>
        new AzureFederatedIdentity(s, "z", {
          ...AZURE,
          trust: TRUST,
          roleAssignments: [{ scope: "/subscriptions/1", roleDefinitionName: "Reader", description: EVIL }],
        }),
      "azurerm_role_assignment",
      { description: ESCAPED },
    ],
    [
      "app registration display name",
      (s) => new AzureAppFederatedCredential(s, "a", { displayName: EVIL, trust: TRUST }),
      "azuread_application_registration",
      { display_name: ESCAPED },
    ],
  ];
  test.each(cases)("%s", (_name, build, type, expected) => {
    const { parsed } = synthJson(build);
    const blocks = type === "output" ? Object.values(parsed.output) : Object.values(parsed.resource[type]);
    expect(blocks).toEqual(expect.arrayContaining([expect.objectContaining(expected)]));
  });

  test("cdktf tokens inside a written string stay references", () => {
    const { parsed } = synthJson((s) => {
      const a = new AwsWorkloadIdentityRole(s, "a", { trust: TRUST, outputs: false });
      new AwsWorkloadIdentityRole(s, "b", { trust: TRUST, description: `after ${a.roleName}`, outputs: false, oidcProvider: a.oidcProvider });
    });
    const descriptions = Object.values(parsed.resource.aws_iam_role).map((r) => (r as { description: string }).description);
    expect(descriptions).toContainEqual(expect.stringMatching(/^after \$\{aws_iam_role\.a_role_[A-F0-9]+\.name\}$/));
  });

  test("a GCP project id that is not one (a template) is refused", () => {
    expect(() => new GcpWorkloadIdentity(allProvidersStack(), "g", { ...GCP, project: "${var.p}", trust: TRUST })).toThrow(WifValidationError);
  });
});

// Escape hatches: the underlying resources as typed public properties.
describe("escape hatches", () => {
  test("the resources are public and changes to them reach the synthesized JSON", () => {
    const { parsed } = synthJson((s) => {
      const role = new AwsWorkloadIdentityRole(s, "r", { trust: TRUST, managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] });
      role.resource.forceDetachPolicies = true;
      role.oidcProvider.node.tryFindChild("provider");
      expect(Object.keys(role.policyAttachments)).toEqual(["arn:aws:iam::aws:policy/ReadOnlyAccess"]);
      const gcp = new GcpWorkloadIdentity(s, "g", { ...GCP, trust: TRUST });
      gcp.provider.addOverride("lifecycle.prevent_destroy", true);
      const az = new AzureFederatedIdentity(s, "z", { ...AZURE, trust: TRUST });
      az.identity!.addOverride("lifecycle.prevent_destroy", true);
      expect(Object.keys(az.credentialResources)).toHaveLength(1);
      const app = new AzureAppFederatedCredential(s, "a", { displayName: "a", trust: TRUST });
      app.application!.addOverride("lifecycle.prevent_destroy", true);
      expect(Object.keys(app.credentialResources)).toHaveLength(1);
    });
    expect(Object.values(parsed.resource.aws_iam_role)[0]).toMatchObject({ force_detach_policies: true });
    for (const type of ["google_iam_workload_identity_pool_provider", "azurerm_user_assigned_identity", "azuread_application_registration"]) {
      expect(Object.values(parsed.resource[type])[0]).toMatchObject({ lifecycle: { prevent_destroy: true } });
    }
  });

  test("managed-policy attachments are keyed by the policy ARN: reordering the list keeps every address", () => {
    const addresses = (arns: string[]) =>
      Object.keys(
        synthJson((s) => new AwsWorkloadIdentityRole(s, "r", { trust: TRUST, managedPolicyArns: arns })).parsed.resource.aws_iam_role_policy_attachment,
      ).sort();
    const a = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    const b = "arn:aws:iam::111122223333:policy/ci/Deploy";
    expect(addresses([a, b])).toEqual(addresses([b, a]));
    expect(addresses([a, b])).toEqual(expect.arrayContaining(addresses([b])));
    expect(addresses([a])[0]).toMatch(/^r_managed-policy-ReadOnlyAccess-[0-9a-f]{8}_[A-F0-9]+$/);
  });
});
