import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { lintUnits } from "../../../src/cli/commands/lint";
import { readInputs } from "../../../src/terraform/read-inputs";
import { lintFixture, summary } from "./lint-fixture";

/**
 * Fixtures written in the style of public modules (GitHub OIDC role modules, IRSA, GCP gh-oidc,
 * HCP Terraform dynamic credentials, Azure federated credentials): every finding, at the line a
 * pull request changes (the module call for a trust inside a module).
 */
describe("wif lint evaluates Terraform: fixtures with their expected findings", () => {
  it.each<[string, Record<string, string>, string[]]>([
    [
      "github-module",
      {},
      [
        "WIF002 github-module/main.tf:8 module.deploy_anyone.aws_iam_role.this repo:*",
        "WIF003 github-module/main.tf:44 module.installed.aws_iam_role.github repo:octo-org/*:*",
        'WIF004 github-module/main.tf:26 module.service["web"].aws_iam_role.this repo:octo-org/web:*',
        'WIF007 github-module/main.tf:26 module.service["api"].aws_iam_role.this repo:octo-org/api:ref:refs/heads/main',
        "WIF008 github-module/main.tf:44 module.installed.aws_iam_role.github repo:octo-org/*:*",
        'WIF008 github-module/main.tf:26 module.service["api"].aws_iam_role.this repo:octo-org/api:ref:refs/heads/main',
        'WIF008 github-module/main.tf:26 module.service["web"].aws_iam_role.this repo:octo-org/web:*',
        "WIF011 github-module/main.tf:36 module.unset.aws_iam_role.this ${var.extra_subjects}",
        "WIF011 github-module/main.tf:52 module.registry terraform-aws-modules/iam/aws//modules/iam-github-oidc-role",
      ],
    ],
    [
      "irsa-eks-module",
      {},
      [
        "WIF011 irsa-eks-module/main.tf:2 module.eks terraform-aws-modules/eks/aws",
        "WIF011 irsa-eks-module/main.tf:25 aws_iam_role.irsa ${module.eks.oidc_provider_arn}",
        'WIF011 irsa-eks-module/main.tf:25 aws_iam_role.irsa ${replace(module.eks.cluster_oidc_issuer_url, "https://", "")}',
      ],
    ],
    [
      "irsa",
      {},
      [
        "WIF004 irsa/main.tf:66 aws_iam_role.namespace_wide system:serviceaccount:apps:*",
        "WIF007 irsa/main.tf:66 aws_iam_role.namespace_wide sts.amazonaws.com",
      ],
    ],
    [
      "policy-documents",
      {},
      [
        "WIF002 policy-documents/main.tf:42 aws_iam_role.counted[0] repo:*",
        "WIF002 policy-documents/main.tf:48 aws_iam_role.one_splat repo:*",
        "WIF003 policy-documents/main.tf:82 aws_iam_role.chosen repo:octo-org/*",
        "WIF004 policy-documents/main.tf:82 aws_iam_role.chosen repo:octo-org/infra:ref:refs/heads/release*",
        "WIF008 policy-documents/main.tf:82 aws_iam_role.chosen repo:octo-org/*",
        "WIF008 policy-documents/main.tf:82 aws_iam_role.chosen repo:octo-org/infra:ref:refs/heads/release*",
      ],
    ],
    [
      "values",
      { owner_id: "1234567" },
      [
        "WIF002 values/main.tf:36 aws_iam_role.flattened repo:*",
        "WIF004 values/main.tf:19 aws_iam_role.one_repo repo:octo-org/${var.repo}:*",
        "WIF004 values/main.tf:2 aws_iam_role.site repo:octo-org/site:*",
        "WIF007 values/main.tf:72 aws_iam_role.rendered repo:octo-org/*",
        "WIF008 values/main.tf:2 aws_iam_role.site repo:octo-org/site:*",
        "WIF011 values/main.tf:19 aws_iam_role.one_repo ${var.repo}",
        "WIF011 values/main.tf:36 aws_iam_role.flattened ${var.extra}",
      ],
    ],
    [
      "gcp-gh-oidc",
      {},
      [
        "WIF001 gcp-gh-oidc/main.tf:18 module.open.google_iam_workload_identity_pool_provider.main (no attribute_condition)",
        "WIF003 gcp-gh-oidc/main.tf:18 module.open.google_iam_workload_identity_pool_provider.main principalSet://iam.googleapis.com/${module.open.google_iam_workload_identity_pool.main.name}/*",
        "WIF003 gcp-gh-oidc/main.tf:32 module.owner_subject.google_iam_workload_identity_pool_provider.main repository_owner=octo-org",
        "WIF008 gcp-gh-oidc/main.tf:32 module.owner_subject.google_iam_workload_identity_pool_provider.main repository_owner=octo-org",
      ],
    ],
    [
      "azure-credentials",
      {},
      [
        "WIF004 azure-credentials/main.tf:29 azuread_application_flexible_federated_identity_credential.branches repo:octo-org/payments:ref:refs/heads/*",
        "WIF008 azure-credentials/main.tf:29 azuread_application_flexible_federated_identity_credential.branches repo:octo-org/payments:ref:refs/heads/*",
        'WIF008 azure-credentials/main.tf:18 azurerm_federated_identity_credential.environment["production"] repo:octo-org/payments:environment:production',
        'WIF008 azure-credentials/main.tf:18 azurerm_federated_identity_credential.environment["staging"] repo:octo-org/payments:environment:staging',
      ],
    ],
    [
      "hcp-dynamic-credentials",
      {},
      [
        "WIF003 hcp-dynamic-credentials/main.tf:48 aws_iam_role.tfc_org_wide organization:octo-org:*",
        "WIF004 hcp-dynamic-credentials/main.tf:31 aws_iam_role.tfc organization:octo-org:project:payments:workspace:${var.tfc_workspace_name}:run_phase:*",
        "WIF011 hcp-dynamic-credentials/main.tf:31 aws_iam_role.tfc ${var.tfc_workspace_name}",
      ],
    ],
    [
      // Issuers and condition-key prefixes built from variables: the kind comes from the literal
      // parts of the URL (CircleCI) or from the subjects (GitHub, Kubernetes); the variable is WIF011.
      "partial-issuers",
      {},
      [
        "WIF003 partial-issuers/circleci.tf:12 aws_iam_role.circleci_deploy org/${var.circleci_org_id}/project/*",
        "WIF011 partial-issuers/circleci.tf:12 aws_iam_role.circleci_deploy ${var.circleci_org_id}",
        "WIF004 partial-issuers/github.tf:2 aws_iam_role.github_deploy repo:${var.github_repository}:*",
        "WIF011 partial-issuers/github.tf:2 aws_iam_role.github_deploy ${var.github_repository}",
        "WIF004 partial-issuers/irsa.tf:22 aws_iam_role.irsa system:serviceaccount:payments:*",
        "WIF011 partial-issuers/irsa.tf:22 aws_iam_role.irsa ${var.cluster_oidc_provider_arn}",
        "WIF011 partial-issuers/irsa.tf:22 aws_iam_role.irsa ${var.cluster_oidc_issuer}",
        "WIF003 partial-issuers/gcp.tf:6 google_iam_workload_identity_pool_provider.gitlab project_path:platform/*",
        "WIF008 partial-issuers/gcp.tf:6 google_iam_workload_identity_pool_provider.gitlab project_path:platform/*",
        "WIF003 partial-issuers/gcp.tf:18 google_iam_workload_identity_pool_provider.github repo:octo-org/*",
        "WIF008 partial-issuers/gcp.tf:18 google_iam_workload_identity_pool_provider.github repo:octo-org/*",
        "WIF011 partial-issuers/gcp.tf:18 google_iam_workload_identity_pool_provider.github ${var.ci_issuer_host}",
      ],
    ],
    [
      // The same with the inputs set: the issuers are known, the findings are the same.
      "partial-issuers",
      {
        circleci_org_id: "01234567-89ab-cdef-0123-456789abcdef",
        github_repository: "octo-org/app",
        cluster_oidc_issuer: "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE",
        cluster_oidc_provider_arn: "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE",
        ci_issuer_host: "token.actions.githubusercontent.com",
      },
      [
        "WIF003 partial-issuers/circleci.tf:12 aws_iam_role.circleci_deploy org/01234567-89ab-cdef-0123-456789abcdef/project/*",
        "WIF004 partial-issuers/github.tf:2 aws_iam_role.github_deploy repo:octo-org/app:*",
        "WIF008 partial-issuers/github.tf:2 aws_iam_role.github_deploy repo:octo-org/app:*",
        "WIF004 partial-issuers/irsa.tf:22 aws_iam_role.irsa system:serviceaccount:payments:*",
        "WIF003 partial-issuers/gcp.tf:6 google_iam_workload_identity_pool_provider.gitlab project_path:platform/*",
        "WIF008 partial-issuers/gcp.tf:6 google_iam_workload_identity_pool_provider.gitlab project_path:platform/*",
        "WIF003 partial-issuers/gcp.tf:18 google_iam_workload_identity_pool_provider.github repo:octo-org/*",
        "WIF008 partial-issuers/gcp.tf:18 google_iam_workload_identity_pool_provider.github repo:octo-org/*",
      ],
    ],
  ])("%s", async (dir, vars, expected) => {
    const { findings, problems } = await lintFixture([dir], { vars });
    expect(problems).toEqual([]);
    expect(summary(findings)).toEqual([...expected].sort());
  });
});

describe("module instances", () => {
  test("a finding inside a module is at the call, with the resource block as via", async () => {
    const { findings } = await lintFixture(["github-module"]);
    const anyone = findings.find((f) => f.address === "module.deploy_anyone.aws_iam_role.this");
    expect(anyone?.location).toEqual({ file: "github-module/main.tf", line: 8 });
    expect(anyone?.via).toEqual([{ file: "github-module/modules/github-oidc-role/main.tf", line: 39, address: "module.deploy_anyone.aws_iam_role.this" }]);
  });

  test("an unset input is named with the module and why it is unknown", async () => {
    const { findings } = await lintFixture(["github-module"]);
    const unset = findings.find((f) => f.rule === "WIF011" && f.address === "module.unset.aws_iam_role.this");
    expect(unset?.risk).toContain("It is decided by var.extra_subjects, set nowhere in this configuration");
  });

  test("a module that is not installed is one info finding at the call naming its source and terraform get", async () => {
    const { findings } = await lintFixture(["github-module"]);
    const registry = findings.filter((f) => f.address === "module.registry");
    expect(registry).toHaveLength(1);
    expect(registry[0]).toMatchObject({ rule: "WIF011", severity: "info", value: "terraform-aws-modules/iam/aws//modules/iam-github-oidc-role" });
    expect(registry[0].risk).toContain("`terraform get`");
  });

  test("a scanned directory called by another is judged through its callers; alone it is a root", async () => {
    const throughCallers = await lintFixture(["github-module"]);
    expect(throughCallers.findings.filter((f) => !f.address.startsWith("module.") && f.address !== "aws_iam_openid_connect_provider.github")).toEqual([]);
    const alone = await lintFixture(["github-module/modules/github-oidc-role"]);
    expect(alone.findings.map((f) => `${f.rule} ${f.address} ${f.value}`).sort()).toEqual([
      "WIF011 aws_iam_role.this ${var.provider_arn}",
      "WIF011 aws_iam_role.this ${var.subjects}",
    ]);
  });
});

describe("values from tfvars and the command line", () => {
  const values = async (files: Record<string, string>, options: { varFiles?: string[]; vars?: Record<string, string>; paths?: string[] } = {}) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wif-eval-"));
    try {
      for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
      }
      const read = await readInputs(options.paths ?? ["."], { cwd: dir, varFiles: options.varFiles, vars: options.vars });
      return { ...lintUnits(read.units, {}), problems: read.problems };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  const role = `variable "sub" {\n  type = string\n}\nresource "aws_iam_role" "r" {\n  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRoleWithWebIdentity", Principal = { Federated = "arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com" }, Condition = { StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }, StringLike = { "token.actions.githubusercontent.com:sub" = var.sub } } }] })\n}\n`;

  it.each<[string, Record<string, string>, { varFiles?: string[]; vars?: Record<string, string>; paths?: string[] }, string]>([
    ["terraform.tfvars", { "terraform.tfvars": 'sub = "repo:*"\n' }, {}, "repo:*"],
    ["*.auto.tfvars after terraform.tfvars", { "terraform.tfvars": 'sub = "repo:a/b:*"\n', "z.auto.tfvars": 'sub = "repo:*"\n' }, {}, "repo:*"],
    ["terraform.tfvars.json", { "terraform.tfvars.json": '{"sub": "repo:*"}' }, {}, "repo:*"],
    [
      "--var-file after the auto-loaded files",
      { "terraform.tfvars": 'sub = "repo:a/b:*"\n', "prod.tfvars": 'sub = "repo:*"\n' },
      { varFiles: ["prod.tfvars"] },
      "repo:*",
    ],
    ["--var after --var-file", { "prod.tfvars": 'sub = "repo:a/b:*"\n' }, { varFiles: ["prod.tfvars"], vars: { sub: "repo:*" } }, "repo:*"],
    ["a .tfvars named as a path is read as tfvars", { "prod.tfvars": 'sub = "repo:*"\n' }, { paths: [".", "prod.tfvars"] }, "repo:*"],
    ["a .tfvars named alone lints the module next to it", { "prod.tfvars": 'sub = "repo:*"\n' }, { paths: ["prod.tfvars"] }, "repo:*"],
  ])("%s", async (_name, files, options, widest) => {
    const result = await values({ "main.tf": role, ...files }, options);
    expect(result.problems).toEqual([]);
    expect(result.findings.find((f) => f.rule === "WIF002")?.value).toBe(widest);
  });

  test("a directory holding only tfvars is not an error", async () => {
    const result = await values({ "main.tf": role, "envs/prod/prod.tfvars": 'sub = "repo:*"\n' }, { paths: [".", "envs/prod"] });
    expect(result.problems).toEqual([]);
  });

  test("locals that refer to each other are a problem, not a hang", async () => {
    const result = await values({
      "main.tf": role.replace("var.sub", "local.a"),
      "locals.tf": "locals {\n  a = local.b\n  b = local.a\n}\n",
    });
    expect(result.problems.map((p) => p.message).join("\n")).toMatch(/local\.a refers to itself \(local\.a → local\.b → local\.a\)/);
    expect(result.findings.map((f) => f.rule)).toContain("WIF011");
  });

  test("a module that calls itself (twice per level) is bounded: one info finding, no hang", async () => {
    const result = await values({
      "main.tf": role + 'module "loop" {\n  source = "./m"\n}\n',
      "m/main.tf": 'module "again" {\n  source = "./"\n  count  = 2\n}\n',
    });
    const unread = result.findings.filter((f) => f.rule === "WIF011" && f.value === "./");
    expect(unread.length).toBeGreaterThan(0);
    expect(unread[0].risk).toMatch(/more than 2000 module instances|deeper than 16 levels/);
  });

  test("an unsupported expression is an unknown with its text, never a crash", async () => {
    const result = await values({ "main.tf": role.replace("var.sub", 'bcrypt("x")') });
    expect(result.problems).toEqual([]);
    expect(result.findings.map((f) => `${f.rule} ${f.value}`)).toContain('WIF011 ${bcrypt("x")}');
  });
});
