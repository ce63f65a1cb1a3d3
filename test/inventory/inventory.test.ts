import * as fs from "fs";
import * as path from "path";
import { inventory } from "../../src/api/inventory";
import { mergeInventories } from "../../src/inventory/merge";
import type { Inventory, InventoryIdentity } from "../../src/inventory/model";
import { schemaValidator } from "./schema";

const DIR = path.join(__dirname, "..", "fixtures", "inventory");
const validInventory = schemaValidator("inventory");

let payments: Inventory;
let platform: Inventory;
beforeAll(async () => {
  payments = await inventory(["payments"], { cwd: DIR, repository: "octo/payments", tool: "wif test" });
  platform = await inventory(["platform"], { cwd: DIR, repository: "octo/platform", tool: "wif test" });
});

function byAddress(inv: Inventory, address: string): InventoryIdentity {
  const found = inv.identities.find((i) => i.address === address);
  if (!found) throw new Error(`no identity ${address} in ${inv.identities.map((i) => i.address).join(", ")}`);
  return found;
}

test("the inventories validate against the shipped JSON Schema (schemaVersion 1)", () => {
  expect(validInventory(payments)).toBe("");
  expect(validInventory(platform)).toBe("");
  expect(payments.schemaVersion).toBe(1);
  expect(validInventory({ ...payments, schemaVersion: 2 })).not.toBe("");
  expect(validInventory({ ...payments, identities: [{ ...payments.identities[0], cloud: "oracle" }] })).not.toBe("");
});

test("the fixtures' inventories equal the expected output", () => {
  const expected = JSON.parse(fs.readFileSync(path.join(DIR, "expected.json"), "utf8")) as unknown;
  expect(mergeInventories([payments, platform], "wif test")).toEqual(expected);
});

// [repository, address, cloud, target, who, admin permissions, other permissions, rules]
test.each([
  [
    "payments",
    "aws_iam_role.deploy",
    "aws",
    "role payments-deploy",
    "GitHub octo/payments, environment production",
    ["arn:aws:iam::aws:policy/AdministratorAccess"],
    [],
    ["WIF008"],
  ],
  ["payments", "aws_iam_role.ci", "aws", "role octo-ci", "any repository of octo on GitHub", [], ["artifacts-read"], ["WIF003", "WIF008"]],
  ["payments", "aws_iam_role.branches", "aws", "role payments-branches", "GitHub octo/payments, any branch", [], ["payments-storage"], ["WIF004", "WIF008"]],
  [
    "payments",
    "aws_iam_role.release",
    "aws",
    "role payments-release",
    "GitHub subject ${var.subjects} (unknown here)",
    [],
    ["arn:aws:iam::aws:policy/ReadOnlyAccess", "${var.extra_policy}"],
    ["WIF011"],
  ],
  [
    "payments",
    "google_iam_workload_identity_pool_provider.github",
    "gcp",
    "deployer@octo-prod.iam.gserviceaccount.com",
    "GitHub octo/payments, branch main",
    [],
    ["roles/run.admin", "roles/storage.objectAdmin"],
    ["WIF008"],
  ],
  [
    "platform",
    "aws_iam_role.cluster_app",
    "aws",
    "role cluster-app",
    "service account apps/api of cluster https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789",
    [],
    ["arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess"],
    [],
  ],
  [
    "platform",
    "aws_iam_role.terraform",
    "aws",
    "role hcp-terraform",
    "HCP Terraform octo/infra/platform, any run phase",
    ["arn:aws:iam::aws:policy/PowerUserAccess"],
    [],
    ["WIF004"],
  ],
  [
    "platform",
    "azurerm_federated_identity_credential.main",
    "azure",
    "deployer (azurerm_user_assigned_identity.deployer)",
    "GitHub octo/platform, branch main",
    ["Contributor"],
    [],
    ["WIF008"],
  ],
  [
    "platform",
    "azuread_application_flexible_federated_identity_credential.any_branch",
    "azure",
    "octo-reader (azuread_application.reader)",
    "GitHub octo/platform, any branch",
    [],
    ["Reader"],
    ["WIF004"],
  ],
  [
    "platform",
    "google_iam_workload_identity_pool_provider.gitlab",
    "gcp",
    "pool members (no service account)",
    "any project of octo-group on GitLab",
    [],
    ["roles/viewer"],
    ["WIF003", "WIF008"],
  ],
])("%s %s: %s, %s, %s", (repo, address, cloud, target, who, admin, other, rules) => {
  const identity = byAddress(repo === "payments" ? payments : platform, address);
  expect([identity.cloud, identity.target, identity.who, identity.repository]).toEqual([cloud, target, who, `octo/${repo}`]);
  expect(identity.permissions.filter((p) => p.admin).map((p) => p.name)).toEqual(admin);
  expect(identity.permissions.filter((p) => !p.admin).map((p) => p.name)).toEqual(other);
  expect([...new Set(identity.findings.map((f) => f.rule))].sort()).toEqual(rules);
  expect(identity.file).toMatch(/\.tf$/);
  expect(identity.line).toBeGreaterThan(0);
});

test("AWS policies are summarised: actions and resources read, s3:* flagged as a wildcard, not admin", () => {
  const ci = byAddress(payments, "aws_iam_role.ci").permissions[0];
  expect(ci).toMatchObject({
    kind: "aws-inline-policy",
    actions: ["s3:GetObject", "s3:ListBucket"],
    scope: "arn:aws:s3:::octo-artifacts, arn:aws:s3:::octo-artifacts/*",
    wildcard: false,
    admin: false,
  });
  const storage = byAddress(payments, "aws_iam_role.branches").permissions[0];
  expect(storage).toMatchObject({
    kind: "aws-managed-policy",
    actions: ["s3:*"],
    scope: "*",
    wildcard: true,
    admin: false,
    via: "aws_iam_role_policy_attachment.branches_storage",
  });
});

test("GCP: the service account reached through roles/iam.workloadIdentityUser and its project and bucket roles", () => {
  const gh = byAddress(payments, "google_iam_workload_identity_pool_provider.github");
  expect(gh.permissions.map((p) => [p.name, p.scope])).toEqual([
    ["roles/run.admin", "project octo-prod"],
    ["roles/storage.objectAdmin", "storage bucket octo-assets"],
  ]);
  expect(byAddress(platform, "google_iam_workload_identity_pool_provider.gitlab").permissions[0]).toMatchObject({
    name: "roles/viewer",
    scope: "project octo-platform",
    via: "google_project_iam_member.gitlab_viewer (direct)",
  });
});

test("unknowns keep their provenance", () => {
  expect(byAddress(payments, "aws_iam_role.release").unknowns).toEqual([
    {
      value: "${var.subjects}",
      from: "aws_iam_role.release token.actions.githubusercontent.com:sub (var.subjects, set nowhere in this configuration (no default, no TF_VAR_subjects, terraform.tfvars, *.auto.tfvars, --var-file or --var))",
    },
    { value: "${var.extra_policy}", from: "aws_iam_role.release policy_arn" },
  ]);
});

test("workloads: families with their blast radius, whole-tenant families marked", () => {
  const org = payments.workloads.find((w) => w.family === "https://token.actions.githubusercontent.com|octo|*|*");
  expect(org).toMatchObject({ wholeTenant: true, admitsOtherTenants: false, anyBranch: true, who: "any repository of octo on GitHub" });
  const main = payments.workloads.find((w) => w.who === "GitHub octo/payments, branch main");
  expect(main?.clouds).toEqual(["gcp"]);
  expect(main?.permissions.map((p) => p.name)).toEqual(["roles/run.admin", "roles/storage.objectAdmin"]);
});

test("summary: counts by cloud and issuer, tenants, broad identities, admin reachable from any branch", () => {
  const all = mergeInventories([payments, platform]);
  expect(all.summary).toEqual({
    identities: 10,
    workloads: 10,
    byCloud: { aws: 6, gcp: 2, azure: 2 },
    byIssuer: {
      "https://token.actions.githubusercontent.com": 7,
      "https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789": 1,
      "https://app.terraform.io": 1,
      "https://gitlab.com": 1,
    },
    tenants: [
      "https://app.terraform.io octo",
      "https://gitlab.com octo-group",
      "https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789",
      "https://token.actions.githubusercontent.com octo",
    ],
    broad: 2,
    adminFromAnyBranch: 1,
    repositories: ["octo/payments", "octo/platform"],
  });
});

test("a trust admitting every owner is marked as admitting other tenants", async () => {
  const inv = await inventory([path.join(__dirname, "..", "fixtures", "hcl", "aws.tf")]);
  const anyone = inv.identities.find((i) => i.address === "aws_iam_role.anyone");
  expect(anyone?.who).toBe("anyone on GitHub");
  expect(anyone?.families[0]).toMatchObject({ admitsOtherTenants: true, tenant: "*" });
  expect(inv.workloads[0].admitsOtherTenants).toBe(true);
});

test("module instances (for_each) are identities located at the module call, with the resource as via, and reach the policies the module attaches", async () => {
  const inv = await inventory(["shared"], { cwd: DIR, repository: "octo/shared" });
  expect(validInventory(inv)).toBe("");
  expect(
    inv.identities.map((i) => [
      i.address,
      i.file,
      i.line,
      i.via?.map((v) => `${v.file}:${v.line}`),
      i.who,
      i.permissions.map((p) => [p.name, p.actions, p.wildcard, p.admin]),
    ]),
  ).toEqual([
    [
      "module.any_ref.aws_iam_role.this",
      "shared/main.tf",
      11,
      ["shared/modules/github-role/main.tf:14"],
      "GitHub octo/docs, any branch, tag, environment or pull request",
      [["docs-any-ref-deploy", ["ecr:*", "ecs:UpdateService"], true, false]],
    ],
    [
      'module.deploy["api"].aws_iam_role.this',
      "shared/main.tf",
      3,
      ["shared/modules/github-role/main.tf:14"],
      "GitHub octo/api, environment production",
      [["deploy-api-deploy", ["ecr:*", "ecs:UpdateService"], true, false]],
    ],
    [
      'module.deploy["web"].aws_iam_role.this',
      "shared/main.tf",
      3,
      ["shared/modules/github-role/main.tf:14"],
      "GitHub octo/web, environment production",
      [["deploy-web-deploy", ["ecr:*", "ecs:UpdateService"], true, false]],
    ],
  ]);
  expect(inv.summary.byCloud).toEqual({ aws: 3 });
});

test("--var values decide what was unknown: who and what the role can do", async () => {
  const inv = await inventory(["payments"], {
    cwd: DIR,
    vars: { subjects: '["repo:octo/payments:environment:release"]', extra_policy: "arn:aws:iam::aws:policy/AdministratorAccess" },
  });
  const release = byAddress(inv, "aws_iam_role.release");
  expect([release.who, release.unknowns, release.permissions.filter((p) => p.admin).map((p) => p.name)]).toEqual([
    "GitHub octo/payments, environment release",
    [],
    ["arn:aws:iam::aws:policy/AdministratorAccess"],
  ]);
});
