import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { lintUnits } from "../../../src/cli/commands/lint";
import { discoverInputs } from "../../../src/terraform/discover";
import { readInputs } from "../../../src/terraform/read-inputs";
import { isConfigurationFile, tofuDivergence, withoutShadowed } from "../../../src/terraform/configuration-files";
import { EVAL_FIXTURES, lintFixture, summary } from "./lint-fixture";

/**
 * OpenTofu reads `.tofu` and `.tofu.json` files like `.tf` / `.tf.json`, and ignores `x.tf`
 * (`x.tf.json`) when `x.tofu` (`x.tofu.json`) is in the same directory
 * (opentofu.org/docs/language/files, "Extension Precedence"). The lint reads them the same way.
 */
describe("OpenTofu configuration files", () => {
  it.each<[string, boolean]>([
    ["main.tf", true],
    ["main.tofu", true],
    ["main.tf.json", true],
    ["main.tofu.json", true],
    ["terraform.tfvars", false],
    ["main.tofu.bak", false],
  ])("%s is a configuration file: %s", (name, expected) => {
    expect(isConfigurationFile(name)).toBe(expected);
  });

  it.each<[string[], string[]]>([
    [
      ["m/main.tf", "m/main.tofu", "m/vars.tf"],
      ["m/main.tofu", "m/vars.tf"],
    ],
    [["m/v.tf.json", "m/v.tofu.json"], ["m/v.tofu.json"]],
    [
      ["m/v.tf.json", "m/v.tofu"],
      ["m/v.tf.json", "m/v.tofu"],
    ],
    [
      ["a/main.tf", "b/main.tofu"],
      ["a/main.tf", "b/main.tofu"],
    ],
  ])("of %j OpenTofu loads %j", (files, loaded) => {
    expect(withoutShadowed(files)).toEqual(loaded);
  });

  it.each<[string[], ReturnType<typeof tofuDivergence>]>([
    [["m/main.tf", "m/main.tofu", "m/vars.tf"], [{ file: "m/main.tf", kind: "shadowed", by: "m/main.tofu" }]],
    [["m/v.tf.json", "m/v.tofu.json"], [{ file: "m/v.tf.json", kind: "shadowed", by: "m/v.tofu.json" }]],
    [["m/main.tf", "m/override.tofu"], [{ file: "m/override.tofu", kind: "override" }]],
    [["m/main.tf", "m/x_override.tofu.json"], [{ file: "m/x_override.tofu.json", kind: "override" }]],
    // Only .tofu files: Terraform reads nothing here, OpenTofu everything; no .tf file is hidden.
    [["m/main.tofu", "m/override.tofu"], []],
    [["m/main.tf", "m/extra.tofu"], []],
  ])("where Terraform and OpenTofu read %j differently: %j", (files, expected) => {
    expect(tofuDivergence(files)).toEqual(expected);
  });

  it("discovery lists .tofu files, leaves out the .tf files they shadow, and names each shadowed file as a problem (Terraform deploys it)", () => {
    const { units, problems } = discoverInputs(["tofu"], EVAL_FIXTURES);
    expect(problems.map((p) => [p.file, p.message.slice(0, 45)])).toEqual([
      ["tofu/main.tf", "not judged: OpenTofu reads tofu/main.tofu in "],
      ["tofu/modules/role/variables.tf.json", "not judged: OpenTofu reads tofu/modules/role/"],
    ]);
    expect(units.map((u) => [u.name, u.files])).toEqual([
      ["tofu", ["tofu/main.tofu"]],
      ["tofu/modules/role", ["tofu/modules/role/main.tofu", "tofu/modules/role/variables.tofu.json"]],
    ]);
  });

  it("a .tofu root and the module it calls are evaluated; the shadowed .tf and .tf.json are not read", async () => {
    const { findings, problems } = await lintFixture(["tofu"]);
    expect(problems.map((p) => p.file)).toEqual(["tofu/main.tf", "tofu/modules/role/variables.tf.json"]);
    // main.tofu's repo:* (not main.tf's repo:octo-org/*); var.sub unset (variables.tf.json's default not read).
    expect(summary(findings)).toEqual([
      "WIF002 tofu/main.tofu:2 aws_iam_role.ci repo:*",
      "WIF011 tofu/main.tofu:18 module.deploy.aws_iam_role.this ${var.sub}",
    ]);
  });

  it.each<[string, Record<string, string>, string]>([
    // A pinned main.tofu beside a repo:* main.tf: `terraform apply` deploys repo:*.
    [
      "shadowed",
      {
        "main.tf":
          'resource "aws_iam_role" "ci" {\n  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRoleWithWebIdentity", Principal = { Federated = "arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com" }, Condition = { StringLike = { "token.actions.githubusercontent.com:sub" = "repo:*" } } }] })\n}\n',
        "main.tofu":
          'resource "aws_iam_role" "ci" {\n  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRoleWithWebIdentity", Principal = { Federated = "arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com" }, Condition = { StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com", "token.actions.githubusercontent.com:sub" = "repo:octo/app:ref:refs/heads/main" } } }] })\n}\n',
      },
      "main.tf",
    ],
    // An override.tofu pinning what main.tf leaves open: Terraform ignores the override.
    [
      "override",
      {
        "main.tf":
          'resource "aws_iam_role" "ci" {\n  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRoleWithWebIdentity", Principal = { Federated = "arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com" }, Condition = { StringLike = { "token.actions.githubusercontent.com:sub" = "repo:*" } } }] })\n}\n',
        "override.tofu":
          'resource "aws_iam_role" "ci" {\n  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRoleWithWebIdentity", Principal = { Federated = "arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com" }, Condition = { StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com", "token.actions.githubusercontent.com:sub" = "repo:octo/app:ref:refs/heads/main" } } }] })\n}\n',
      },
      "override.tofu",
    ],
  ])("a .tofu file cannot hide what Terraform deploys (%s): the file is a problem (exit 2), never silence", async (_name, files, problemFile) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wif-tofu-"));
    try {
      for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
      const read = await readInputs(["."], { cwd: dir });
      const linted = lintUnits(read.units, {});
      const problems = [...read.problems, ...linted.problems];
      expect(problems.map((p) => p.file)).toEqual([problemFile]);
      expect(problems[0].message).toMatch(/Terraform/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
