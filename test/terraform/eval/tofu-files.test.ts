import { discoverInputs } from "../../../src/terraform/discover";
import { isConfigurationFile, withoutShadowed } from "../../../src/terraform/configuration-files";
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

  it("discovery lists .tofu files and leaves out the .tf files they shadow", () => {
    const { units, problems } = discoverInputs(["tofu"], EVAL_FIXTURES);
    expect(problems).toEqual([]);
    expect(units.map((u) => [u.name, u.files])).toEqual([
      ["tofu", ["tofu/main.tofu"]],
      ["tofu/modules/role", ["tofu/modules/role/main.tofu", "tofu/modules/role/variables.tofu.json"]],
    ]);
  });

  it("a .tofu root and the module it calls are evaluated; the shadowed .tf and .tf.json are not read", async () => {
    const { findings, problems } = await lintFixture(["tofu"]);
    expect(problems).toEqual([]);
    // main.tofu's repo:* (not main.tf's repo:octo-org/*); var.sub unset (variables.tf.json's default not read).
    expect(summary(findings)).toEqual([
      "WIF002 tofu/main.tofu:2 aws_iam_role.ci repo:*",
      "WIF011 tofu/main.tofu:18 module.deploy.aws_iam_role.this ${var.sub}",
    ]);
  });
});
