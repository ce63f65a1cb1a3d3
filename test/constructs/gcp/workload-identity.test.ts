import { IamWorkloadIdentityPool } from "@cdktf/provider-google/lib/iam-workload-identity-pool";
import { IamWorkloadIdentityPoolProvider } from "@cdktf/provider-google/lib/iam-workload-identity-pool-provider";
import { ProjectIamMember } from "@cdktf/provider-google/lib/project-iam-member";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { ServiceAccountIamMember } from "@cdktf/provider-google/lib/service-account-iam-member";
import { TerraformStack, Testing } from "cdktf";
import type {} from "cdktf/lib/testing/adapters/jest"; // the typings of cdktf's jest matchers
import { GcpWorkloadIdentity, GcpWorkloadIdentityProps } from "../../../src/constructs/gcp";
import { Claim, Subject, Trust, WifValidationError } from "../../../src/trust";
import { gcpOracle, gcpProvidersFromSynth } from "../../oracle/gcp-oracle";

const TRUST = Trust.githubActions({ repository: "octo-org/payments", environment: "production", repositoryOwnerId: "1234567" });
const BASE: GcpWorkloadIdentityProps = { trust: TRUST, project: "acme-prod", projectNumber: "123456789012", poolId: "ci-pool" };
const POOL = "iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools";

function build(props: Partial<GcpWorkloadIdentityProps> & Record<string, unknown>, id = "deploy-gcp") {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  new GoogleProvider(stack, "google");
  const gcp = new GcpWorkloadIdentity(stack, id, { ...BASE, ...props } as GcpWorkloadIdentityProps);
  return { gcp, synth: Testing.synth(stack, true) };
}

function resources(synth: string, type: string): Record<string, Record<string, unknown>> {
  return JSON.parse(synth).resource?.[type] ?? {};
}

describe("GcpWorkloadIdentity: synthesized resources", () => {
  test("pool + provider + impersonation binding + outputs", () => {
    const { gcp, synth } = build({ serviceAccountEmail: "deployer@acme-prod.iam.gserviceaccount.com" });
    const [poolName] = Object.keys(resources(synth, "google_iam_workload_identity_pool"));
    const [providerName] = Object.keys(resources(synth, "google_iam_workload_identity_pool_provider"));
    expect(synth).toHaveResourceWithProperties(IamWorkloadIdentityPool, {
      project: "acme-prod",
      workload_identity_pool_id: "ci-pool",
      display_name: "ci-pool",
      description: "cdktf-wif: GitHub Actions octo-org/payments environment:production",
    });
    expect(synth).toHaveResourceWithProperties(IamWorkloadIdentityPoolProvider, {
      project: "acme-prod",
      workload_identity_pool_id: `\${google_iam_workload_identity_pool.${poolName}.workload_identity_pool_id}`,
      workload_identity_pool_provider_id: "deploy-gcp",
      display_name: "deploy-gcp",
      attribute_mapping: {
        "google.subject": "assertion.sub",
        "attribute.wif_provider": "assertion.iss == 'https://token.actions.githubusercontent.com' ? 'deploy-gcp' : ''",
      },
      attribute_condition: "assertion.sub == 'repo:octo-org/payments:environment:production' && assertion.repository_owner_id == '1234567'",
      oidc: { issuer_uri: "https://token.actions.githubusercontent.com" },
    });
    const provider = Object.values(resources(synth, "google_iam_workload_identity_pool_provider"))[0] as { oidc: Record<string, unknown> };
    expect(provider.oidc.allowed_audiences).toBeUndefined(); // GCP default: the provider's resource name
    expect(synth).toHaveResourceWithProperties(ServiceAccountIamMember, {
      service_account_id: "projects/acme-prod/serviceAccounts/deployer@acme-prod.iam.gserviceaccount.com",
      role: "roles/iam.workloadIdentityUser",
      member: `principalSet://${POOL}/ci-pool/attribute.wif_provider/deploy-gcp`,
      depends_on: [`google_iam_workload_identity_pool_provider.${providerName}`],
    });
    expect(Object.keys(resources(synth, "google_project_iam_member"))).toHaveLength(0);
    const outputs = JSON.parse(synth).output;
    expect(Object.values(outputs)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ value: "projects/123456789012/locations/global/workloadIdentityPools/ci-pool/providers/deploy-gcp" }),
        expect.objectContaining({ value: "deployer@acme-prod.iam.gserviceaccount.com" }),
      ]),
    );
    expect(gcp.providerName).toBe("projects/123456789012/locations/global/workloadIdentityPools/ci-pool/providers/deploy-gcp");
    expect(gcp.providerResourceName).toBe(`//${POOL}/ci-pool/providers/deploy-gcp`);
    expect(gcp.principalSet).toBe(`principalSet://${POOL}/ci-pool/attribute.wif_provider/deploy-gcp`);
    expect(gcp.serviceAccountEmail).toBe("deployer@acme-prod.iam.gserviceaccount.com");
  });

  test("existing pool + project roles, explicit provider id and audiences, no service account", () => {
    const trust = Trust.githubActions({ repository: "octo-org/app", branch: "main", audiences: ["https://gcp.example.com"] });
    const { gcp, synth } = build({
      trust,
      poolId: undefined,
      existingPoolId: "shared-pool",
      providerId: "app-main",
      projectRoles: ["roles/storage.objectViewer", "projects/acme-prod/roles/deployer"],
    });
    expect(Object.keys(resources(synth, "google_iam_workload_identity_pool"))).toHaveLength(0);
    expect(Object.keys(resources(synth, "google_service_account_iam_member"))).toHaveLength(0);
    expect(synth).toHaveResourceWithProperties(IamWorkloadIdentityPoolProvider, {
      workload_identity_pool_id: "shared-pool",
      workload_identity_pool_provider_id: "app-main",
      oidc: { issuer_uri: "https://token.actions.githubusercontent.com", allowed_audiences: ["https://gcp.example.com"] },
    });
    for (const role of ["roles/storage.objectViewer", "projects/acme-prod/roles/deployer"]) {
      expect(synth).toHaveResourceWithProperties(ProjectIamMember, {
        project: "acme-prod",
        role,
        member: `principalSet://${POOL}/shared-pool/attribute.wif_provider/app-main`,
      });
    }
    expect(gcp.pool).toBeUndefined();
    expect(gcp.serviceAccountBinding).toBeUndefined();
    expect(gcp.projectRoleBindings).toHaveLength(2);
    expect(Object.values(JSON.parse(synth).output)).toHaveLength(1);
  });

  test("both service account and project roles", () => {
    const { synth } = build({ serviceAccountEmail: "ci@other-proj.iam.gserviceaccount.com", projectRoles: ["roles/viewer"] });
    expect(synth).toHaveResourceWithProperties(ServiceAccountIamMember, {
      service_account_id: "projects/other-proj/serviceAccounts/ci@other-proj.iam.gserviceaccount.com",
    });
    expect(synth).toHaveResourceWithProperties(ProjectIamMember, { role: "roles/viewer" });
  });

  test("a default compute service account lives in the construct's project", () => {
    const { synth } = build({ serviceAccountEmail: "123456789012-compute@developer.gserviceaccount.com" });
    expect(synth).toHaveResourceWithProperties(ServiceAccountIamMember, {
      service_account_id: "projects/acme-prod/serviceAccounts/123456789012-compute@developer.gserviceaccount.com",
    });
  });

  test("a service account email token (a service account of the same stack) is passed through", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "test");
    new GoogleProvider(stack, "google");
    const pool = new IamWorkloadIdentityPool(stack, "marker", { workloadIdentityPoolId: "marker" });
    new GcpWorkloadIdentity(stack, "deploy-gcp", { ...BASE, serviceAccountEmail: pool.name });
    expect(Testing.synth(stack, true)).toHaveResourceWithProperties(ServiceAccountIamMember, {
      service_account_id: "projects/acme-prod/serviceAccounts/${google_iam_workload_identity_pool.marker.name}",
    });
  });

  test("idSuffix renames the created pool and the provider (the way out of soft delete)", () => {
    const { gcp, synth } = build({ idSuffix: "v2", displayName: "CI pool" });
    expect(synth).toHaveResourceWithProperties(IamWorkloadIdentityPool, { workload_identity_pool_id: "ci-pool-v2", display_name: "CI pool" });
    expect(synth).toHaveResourceWithProperties(IamWorkloadIdentityPoolProvider, {
      workload_identity_pool_provider_id: "deploy-gcp-v2",
      display_name: "CI pool",
    });
    expect(gcp.providerName).toBe("projects/123456789012/locations/global/workloadIdentityPools/ci-pool-v2/providers/deploy-gcp-v2");
    expect(gcp.principalSet).toBe(`principalSet://${POOL}/ci-pool-v2/attribute.wif_provider/deploy-gcp-v2`);
  });

  test("idSuffix with an existing pool renames the provider only", () => {
    const { gcp } = build({ poolId: undefined, existingPoolId: "shared-pool", idSuffix: "b" });
    expect([gcp.poolId, gcp.providerId]).toEqual(["shared-pool", "deploy-gcp-b"]);
  });

  test("dependsOn orders the provider after another construct's pool in the same stack", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "test");
    new GoogleProvider(stack, "google");
    const first = new GcpWorkloadIdentity(stack, "first", { ...BASE, projectRoles: ["roles/viewer"] });
    new GcpWorkloadIdentity(stack, "second", {
      ...BASE,
      poolId: undefined,
      existingPoolId: first.poolId,
      dependsOn: [first.pool!],
      projectRoles: ["roles/viewer"],
    });
    const synth = Testing.synth(stack, true);
    const [poolName] = Object.keys(resources(synth, "google_iam_workload_identity_pool"));
    expect(synth).toHaveResourceWithProperties(IamWorkloadIdentityPoolProvider, {
      workload_identity_pool_provider_id: "second",
      workload_identity_pool_id: "ci-pool",
      depends_on: [`google_iam_workload_identity_pool.${poolName}`],
    });
    const members = Object.values(resources(synth, "google_project_iam_member")).map((r) => r.member);
    expect(members.sort()).toEqual([
      `principalSet://${POOL}/ci-pool/attribute.wif_provider/first`,
      `principalSet://${POOL}/ci-pool/attribute.wif_provider/second`,
    ]);
  });

  test("the default provider id is the construct id, lowercased and sanitized", () => {
    expect(build({}, "Deploy_GCP.Prod").gcp.providerId).toBe("deploy-gcp-prod");
  });
});

describe("GcpWorkloadIdentity: the synthesized stack decides as trust.accepts (CEL oracle)", () => {
  test.each([
    ["impersonation", { serviceAccountEmail: "deployer@acme-prod.iam.gserviceaccount.com" }],
    ["project roles on an existing pool", { poolId: undefined, existingPoolId: "shared-pool", projectRoles: ["roles/viewer"] }],
  ])("%s", (_name, props) => {
    const { synth } = build(props);
    const [found] = gcpProvidersFromSynth(synth, "123456789012");
    expect(found.bindings).toHaveLength(1);
    const oracle = gcpOracle(found.provider, found.bindings[0].member);
    const aud = found.provider.providerResourceName;
    const tokens = [
      { sub: "repo:octo-org/payments:environment:production", repository_owner_id: "1234567" },
      { sub: "repo:octo-org/payments:environment:production", repository_owner_id: "666" },
      { sub: "repo:octo-org/payments:environment:staging", repository_owner_id: "1234567" },
      { sub: "repo:octo-org/payments:environment:production" },
    ].map((c) => ({ iss: "https://token.actions.githubusercontent.com", aud, ...c }));
    expect(tokens.map((t) => oracle.admits(t))).toEqual([true, false, false, false]);
    expect(tokens.map((t) => TRUST.accepts(t, "gcp"))).toEqual([true, false, false, false]);
  });
});

describe("GcpWorkloadIdentity: refusals", () => {
  const ID_RULE = 'is not a valid workload identity pool/provider id: use 4-32 characters, lowercase letters, digits or "-", e.g. "ci-pool".';
  const REFUSALS: [string, Record<string, unknown>, string, string?][] = [
    [
      "no pool",
      { poolId: undefined },
      "GcpWorkloadIdentity.poolId: set poolId to create a workload identity pool, or existingPoolId to add the provider to an existing one.",
    ],
    [
      "both pools",
      { existingPoolId: "other-pool" },
      'GcpWorkloadIdentity.poolId: poolId ("ci-pool") and existingPoolId ("other-pool") are both set; set only one.',
    ],
    ["pool id too short", { poolId: "ci" }, `GcpWorkloadIdentity.poolId: "ci" ${ID_RULE}`],
    ["pool id with capitals", { poolId: "CI-Pool" }, `GcpWorkloadIdentity.poolId: "CI-Pool" ${ID_RULE}`],
    [
      "pool id reserved prefix",
      { poolId: "gcp-ci" },
      'GcpWorkloadIdentity.poolId: "gcp-ci" starts with "gcp-", a prefix Google reserves. Choose an id without it, e.g. "wif-ci".',
    ],
    ["existing pool id invalid", { poolId: undefined, existingPoolId: "shared_pool" }, `GcpWorkloadIdentity.existingPoolId: "shared_pool" ${ID_RULE}`],
    ["provider id too long", { providerId: "p".repeat(33) }, `GcpWorkloadIdentity.providerId: "${"p".repeat(33)}" ${ID_RULE}`],
    [
      "provider id reserved prefix",
      { providerId: "gcp-github" },
      'GcpWorkloadIdentity.providerId: "gcp-github" starts with "gcp-", a prefix Google reserves. Choose an id without it, e.g. "wif-github".',
    ],
    ["suffix pushes the id over 32", { poolId: "p".repeat(30), idSuffix: "v2" }, `GcpWorkloadIdentity.poolId: "${"p".repeat(30)}-v2" ${ID_RULE}`],
    ["bad suffix", { idSuffix: "V-2" }, 'GcpWorkloadIdentity.idSuffix: "V-2" is not a usable id suffix: use 1-8 lowercase letters or digits, e.g. "v2".'],
    [
      "project id as project number",
      { projectNumber: "acme-prod" },
      `GcpWorkloadIdentity.projectNumber: "acme-prod" is not a project number. IAM principal identifiers need the numeric project number, not the project id: give it as a string of digits, e.g. "123456789012" (gcloud projects describe PROJECT_ID --format='value(projectNumber)').`,
    ],
    [
      "project number as a number",
      { projectNumber: 123456789012 },
      `GcpWorkloadIdentity.projectNumber: 123456789012 is not a project number. IAM principal identifiers need the numeric project number, not the project id: give it as a string of digits, e.g. "123456789012" (gcloud projects describe PROJECT_ID --format='value(projectNumber)').`,
    ],
    ["no project", { project: "" }, 'GcpWorkloadIdentity.project: expected the project id, got "".'],
    [
      "not a trust",
      { trust: { subject: "repo:*" } },
      'GcpWorkloadIdentity.trust: expected a Trust, got {"subject":"repo:*"}. Build one with Trust.githubActions(...) or new Trust({...}).',
    ],
    [
      "unknown prop",
      { serviceAccount: "x" },
      'GcpWorkloadIdentity.serviceAccount: unknown option "serviceAccount". Known options: trust, project, projectNumber, poolId, existingPoolId, providerId, idSuffix, serviceAccountEmail, projectRoles, displayName, dependsOn, acknowledge, outputs.',
    ],
    [
      "service account not an email",
      { serviceAccountEmail: "deployer" },
      'GcpWorkloadIdentity.serviceAccountEmail: "deployer" is not a service account email. Give e.g. "deployer@acme-prod.iam.gserviceaccount.com".',
    ],
    [
      "user email as service account",
      { serviceAccountEmail: "alice@example.com" },
      'GcpWorkloadIdentity.serviceAccountEmail: "alice@example.com" is not a service account email. Give e.g. "deployer@acme-prod.iam.gserviceaccount.com".',
    ],
    ["empty roles", { projectRoles: [] }, "GcpWorkloadIdentity.projectRoles: expected a non-empty list of roles, got []. Omit projectRoles to grant none."],
    [
      "bad role",
      { projectRoles: ["storage.admin"] },
      'GcpWorkloadIdentity.projectRoles: "storage.admin" is not a role name. Use a predefined role ("roles/storage.objectViewer") or a custom one ("projects/PROJECT/roles/NAME", "organizations/ORG/roles/NAME").',
    ],
    [
      "duplicate role",
      { projectRoles: ["roles/viewer", "roles/viewer"] },
      'GcpWorkloadIdentity.projectRoles: "roles/viewer" is listed twice. List each role once.',
    ],
    [
      "long display name",
      { displayName: "x".repeat(33) },
      `GcpWorkloadIdentity.displayName: "${"x".repeat(33)}" is not a usable display name: GCP accepts 1-32 characters.`,
    ],
    [
      "subject over 127 bytes",
      { trust: Trust.githubActions({ repository: "octo-org/payments", environment: "e".repeat(101) }) },
      `Trust.subject: "repo:octo-org/payments:environment:${"e".repeat(101)}" is 136 bytes long, but GCP maps "sub" to google.subject, which holds at most 127 bytes: the token exchange would always fail. Shorten the subject (a shorter environment, branch or workspace name), or have the issuer emit a shorter one (GitHub: customize the OIDC subject template for the repository to fewer claims).`,
    ],
    [
      "more than 10 audiences",
      { trust: TRUST.withAudiences(Array.from({ length: 11 }, (_, i) => `aud-${i}`)) },
      'Trust.audiences: 11 audiences ("aud-0", "aud-1", "aud-2", "aud-3", "aud-4", "aud-5", "aud-6", "aud-7", "aud-8", "aud-9", "aud-10"); a GCP provider accepts at most 10. Keep the audiences your workloads request, or split the trust into several providers.',
    ],
  ];
  test.each(REFUSALS.map(([name, props, message, id]) => [name, props, message, id ?? "deploy-gcp"] as const))("%s", (_name, props, message, id) => {
    const attempt = () => build(props as Partial<GcpWorkloadIdentityProps>, id);
    expect(attempt).toThrow(WifValidationError);
    expect(attempt).toThrow(message);
  });

  test("a condition over 4096 characters", () => {
    const trust = Trust.githubActions({ repository: "octo-org/app", branch: "main" });
    const many = new Trust({
      ...trust.toProps(),
      subject: Subject.anyOf(Array.from({ length: 60 }, (_, i) => `repo:octo-org/app-${i}:environment:${"p".repeat(60)}`)),
    });
    expect(() => build({ trust: many })).toThrow(
      /^test\/deploy-gcp: attribute_condition: the condition compiled from .* is 5\d{3} characters long; GCP accepts at most 4096\./,
    );
  });

  // A cdktf token (a Terraform reference) is not a literal the condition can be compiled from:
  // the Trust model refuses it with one message, before any cloud sees it.
  test.each<[string, (t: string) => Trust]>([
    ["Subject.exactly", (t) => new Trust({ ...TRUST.toProps(), subject: Subject.exactly(`repo:${t}:ref:refs/heads/main`) })],
    ["Claim.equals", (t) => TRUST.withClaims({ repository_owner_id: Claim.equals(t) })],
    ["Trust.audiences", (t) => TRUST.withAudiences([t])],
  ])("a token inside the trust (%s) is refused", (field, make) => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "test");
    const marker = new IamWorkloadIdentityPool(stack, "marker", { workloadIdentityPoolId: "marker" });
    expect(() => new GcpWorkloadIdentity(stack, "deploy-gcp", { ...BASE, trust: make(marker.workloadIdentityPoolId) })).toThrow(
      new RegExp(
        `^${field.replace(/\./g, "\\.")}: ".*\\$\\{TfToken\\[TOKEN\\.\\d+\\]\\}.*" is a cdktf token \\(a TerraformVariable, another construct's attribute or an Fn call\\), not a literal\\. Trust values must be literals known at synth`,
      ),
    );
  });

  test.each(["projectNumber", "poolId", "providerId"])("a token for %s is refused", (key) => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "test");
    new GoogleProvider(stack, "google");
    const pool = new IamWorkloadIdentityPool(stack, "marker", { workloadIdentityPoolId: "marker" });
    expect(() => new GcpWorkloadIdentity(stack, "deploy-gcp", { ...BASE, [key]: pool.workloadIdentityPoolId })).toThrow(
      new RegExp(
        `^test/deploy-gcp: GcpWorkloadIdentity\\.${key}: is a token \\(\\$\\{TfToken\\[TOKEN\\.\\d+\\]\\}\\), but it must be a literal: the provider's resource name and the IAM member are built from it at synth time\\.$`,
      ),
    );
  });
});

describe("GcpWorkloadIdentity: provider modules load lazily", () => {
  test("importing the construct loads no provider module; using it without @cdktf/provider-google says what to install", () => {
    jest.isolateModules(() => {
      jest.doMock("@cdktf/provider-google/lib/iam-workload-identity-pool", () => {
        throw Object.assign(new Error("Cannot find module '@cdktf/provider-google/lib/iam-workload-identity-pool'"), { code: "MODULE_NOT_FOUND" });
      });
      const isolated = require("../../../src/constructs/gcp") as typeof import("../../../src/constructs/gcp");
      const trust = require("../../../src/trust") as typeof import("../../../src/trust");
      const stack = new TerraformStack(Testing.app(), "test");
      expect(
        () =>
          new isolated.GcpWorkloadIdentity(stack, "deploy-gcp", { ...BASE, trust: trust.Trust.githubActions({ repository: "octo-org/app", branch: "main" }) }),
      ).toThrow(
        "GcpWorkloadIdentity: needs the peer dependency @cdktf/provider-google (module @cdktf/provider-google/lib/iam-workload-identity-pool was not found). Install it: npm install @cdktf/provider-google.",
      );
    });
  });
});
