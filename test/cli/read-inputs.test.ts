import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readInputs } from "../../src/terraform/read-inputs";

const FIXTURES = path.join(__dirname, "..", "fixtures");

/** `address@file:line [acknowledged rules]` for every resource of every unit. */
async function read(...paths: string[]) {
  const result = await readInputs(paths, { cwd: FIXTURES });
  return {
    units: result.units.map((u) => ({
      name: u.name,
      resources: u.resources
        .map(
          (r) =>
            `${r.address}@${r.source?.file}${r.source?.line ? `:${r.source.line}` : ""}${r.acknowledgements ? ` [${r.acknowledgements.map((a) => a.rule).join(",")}]` : ""}`,
        )
        .sort(),
    })),
    problems: result.problems,
    files: result.files,
  };
}

describe("readInputs: every input form", () => {
  test("a directory of HCL files is one unit, with block lines and comment suppressions", async () => {
    expect((await read("hcl")).units).toEqual([
      {
        name: "hcl",
        resources: [
          "aws_iam_role.anyone@hcl/aws.tf:14",
          "aws_iam_role.ci@hcl/aws.tf:34 [WIF004]",
          "aws_iam_role.deploy@hcl/aws.tf:8",
          "aws_iam_role.from_template@hcl/templates.tf:6",
          "aws_iam_role.org_wide@hcl/aws.tf:71",
          "azuread_application_flexible_federated_identity_credential.branches@hcl/azure.tf:11",
          "azurerm_federated_identity_credential.deploy@hcl/azure.tf:2",
          "azurerm_federated_identity_credential.from_local@hcl/templates.tf:12",
          "data.aws_iam_policy_document.org_wide@hcl/aws.tf:51",
          "google_iam_workload_identity_pool.ci@hcl/gcp.tf:1",
          "google_iam_workload_identity_pool_provider.github@hcl/gcp.tf:7",
          "google_project_iam_binding.pool_wide@hcl/templates.tf:22",
          "google_service_account_iam_member.deployer@hcl/gcp.tf:20",
        ],
      },
    ]);
  });

  test("HCL values keep expressions as Terraform JSON interpolations, block bodies unwrapped", async () => {
    const { units } = await readInputs(["hcl/aws.tf"], { cwd: FIXTURES });
    const byAddress = new Map(units[0].resources.map((r) => [r.address, r.values]));
    expect(byAddress.get("aws_iam_role.org_wide")).toEqual({ name: "org-wide", assume_role_policy: "${data.aws_iam_policy_document.org_wide.json}" });
    // jsonencode() is evaluated; the unset variable stays a `${...}` part of the literal text around it.
    expect(JSON.parse(String(byAddress.get("aws_iam_role.ci")?.assume_role_policy)).Statement[0].Condition.StringLike).toEqual({
      "token.actions.githubusercontent.com:sub": "repo:${var.org}/app:*",
    });
    expect(JSON.parse(String(byAddress.get("aws_iam_role.anyone")?.assume_role_policy)).Statement[0].Condition.StringLike).toEqual({
      "token.actions.githubusercontent.com:sub": "repo:*",
    });
    expect(byAddress.get("data.aws_iam_policy_document.org_wide")?.statement).toEqual([
      expect.objectContaining({
        condition: expect.arrayContaining([{ test: "StringLike", variable: "token.actions.githubusercontent.com:sub", values: ["repo:octo-org/*"] }]),
      }),
    ]);
  });

  test('Terraform JSON, with lines of the block keys and "//" suppressions removed from the values', async () => {
    const result = await readInputs(["tf-json/main.tf.json"], { cwd: FIXTURES });
    expect((await read("tf-json/main.tf.json")).units).toEqual([
      {
        name: "tf-json",
        resources: [
          "aws_iam_role.eks_deployer@tf-json/main.tf.json:14",
          "aws_iam_role.gitlab_deploy@tf-json/main.tf.json:5 [WIF008]",
          "aws_iam_role.gitlab_group@tf-json/main.tf.json:10",
          "azuread_application_federated_identity_credential.tfc_apply@tf-json/main.tf.json:20",
        ],
      },
    ]);
    expect(result.units[0].resources.map((r) => Object.keys(r.values))).toEqual([
      ["name", "assume_role_policy"],
      ["name", "assume_role_policy"],
      ["name", "assume_role_policy"],
      ["application_id", "display_name", "issuer", "subject", "audiences"],
    ]);
  });

  test("cdktf.out: one unit per stack; cdktf metadata may carry suppressions", async () => {
    expect(await read("cdktf.out")).toEqual({
      units: [
        {
          name: "cdktf.out/stacks/payments",
          resources: [
            "aws_iam_role.deploy_role_5E6F7A8B@cdktf.out/stacks/payments/cdk.tf.json:60",
            "aws_iam_role.legacy_ci@cdktf.out/stacks/payments/cdk.tf.json:70 [WIF004]",
            "data.aws_iam_policy_document.deploy_trust_0A1B2C3D@cdktf.out/stacks/payments/cdk.tf.json:12",
          ],
        },
      ],
      problems: [],
      files: ["cdktf.out/stacks/payments/cdk.tf.json"],
    });
  });

  test("plan JSON: one unit evaluated by the layer, absolute addresses, data sources read at plan time", async () => {
    const result = await readInputs(["plan/plan.json"], { cwd: FIXTURES });
    expect(result.units.map((u) => [u.name, u.resources.map((r) => r.address)])).toEqual([
      [
        "plan/plan.json",
        [
          "data.aws_iam_policy_document.tfc",
          "aws_iam_role.tfc",
          "azurerm_federated_identity_credential.pr[0]",
          "module.ci.aws_iam_role.this",
          "module.ci.data.aws_iam_policy_document.this",
          'module.gcp["prod"].google_iam_workload_identity_pool_provider.github',
        ],
      ],
    ]);
    // The line of each resource's first "address" in the plan (planned_values; prior_state for data already read).
    expect(result.units.flatMap((u) => u.resources.map((r) => r.source?.line))).toEqual([223, 8, 22, 50, 63, 116]);
  });

  test("plan JSON: resolved values are kept; a value known after apply refers to what the configuration builds it from, or names itself", async () => {
    const result = await readInputs(["plan/plan.json"], { cwd: FIXTURES });
    const [unit] = result.units;
    const values = (address: string) => unit.resources.find((r) => r.address === address)?.values;
    expect(JSON.parse(String(values("aws_iam_role.tfc")?.assume_role_policy)).Statement[0].Condition.StringLike).toEqual({
      "app.terraform.io:sub": "organization:acme:project:*:workspace:*:run_phase:*",
    });
    // Computed attributes the configuration does not set (arn, id) are left out, not guessed.
    expect(values("module.ci.aws_iam_role.this")).toEqual({
      name: "ci-main",
      max_session_duration: 3600,
      assume_role_policy: "${module.ci.data.aws_iam_policy_document.this.json}",
    });
    const statement = (values("module.ci.data.aws_iam_policy_document.this")?.statement as { principals: unknown }[])[0];
    const identifiers = "module.ci.data.aws_iam_policy_document.this.statement[0].principals[0].identifiers";
    expect(statement.principals).toEqual([{ identifiers: `\${${identifiers}}`, type: "Federated" }]);
    expect(unit.unknownInputs?.get(identifiers)).toEqual([`the apply: plan/plan.json marks ${identifiers} known after apply`]);
  });

  test("files named together from one directory are one unit; a file also found in a directory is read once", async () => {
    const result = await read("hcl/aws.tf", "hcl/gcp.tf", "hcl");
    expect(result.units.map((u) => u.name)).toEqual(["hcl"]);
    expect(result.files).toEqual(["hcl/aws.tf", "hcl/azure.tf", "hcl/gcp.tf", "hcl/templates.tf"]);
  });
});

describe("readInputs: Terraform semantics", () => {
  const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "wif-read-"));

  test("an override file replaces the top-level arguments of the block it overrides", async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, "main.tf"), 'resource "aws_iam_role" "ci" {\n  name = "ci"\n  assume_role_policy = "old"\n}\n');
    fs.writeFileSync(path.join(dir, "main_override.tf"), 'resource "aws_iam_role" "ci" {\n  assume_role_policy = "new"\n}\n');
    const { units } = await readInputs(["."], { cwd: dir });
    expect(units[0].resources.map((r) => [r.address, r.values, r.source])).toEqual([
      ["aws_iam_role.ci", { name: "ci", assume_role_policy: "new" }, { file: "main.tf", line: 1 }],
    ]);
  });

  test("the JSON of terraform show on a state is read like a plan", async () => {
    const dir = tmp();
    const state = {
      format_version: "1.0",
      values: { root_module: { resources: [{ address: "aws_iam_role.ci", mode: "managed", type: "aws_iam_role", name: "ci", values: { name: "ci" } }] } },
    };
    fs.writeFileSync(path.join(dir, "state.json"), JSON.stringify(state));
    const { units, problems } = await readInputs(["state.json"], { cwd: dir });
    expect(problems).toEqual([]);
    expect(units.map((u) => u.resources.map((r) => [r.address, r.values]))).toEqual([[["aws_iam_role.ci", { name: "ci" }]]]);
  });

  test("hidden directories, .terraform and node_modules are not searched", async () => {
    const dir = tmp();
    for (const sub of [".terraform/modules/m", "node_modules/x", ".hidden", "live"]) {
      fs.mkdirSync(path.join(dir, sub), { recursive: true });
      fs.writeFileSync(path.join(dir, sub, "main.tf"), 'resource "a" "b" {}\n');
    }
    expect((await readInputs(["."], { cwd: dir })).files).toEqual(["live/main.tf"]);
  });

  test("symbolic links to files are read; a link back to a directory above is a loop, reported and not followed", async () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, "live"));
    fs.writeFileSync(path.join(dir, "live", "main.tf"), 'resource "a" "b" {}\n');
    fs.symlinkSync(path.join(dir, "live", "main.tf"), path.join(dir, "linked.tf"));
    fs.symlinkSync(dir, path.join(dir, "live", "loop"));
    const result = await readInputs(["."], { cwd: dir });
    expect(result.files).toEqual(["linked.tf", "live/main.tf"]);
    expect(result.problems).toEqual([
      { file: "live/loop", message: "symbolic link loop (the link leads back to itself or to a directory above it): not followed. Remove the link." },
    ]);
  });
});

describe("readInputs: unreadable input is named, and does not hide the other files", () => {
  test("bad HCL, bad JSON, unknown format, a binary plan, a missing path, an empty directory", async () => {
    const result = await read("broken", "broken/unknown.json", "broken/plan.out", "missing.tf", "hcl/../plan/none");
    expect(result.problems).toEqual([
      { file: "missing.tf", message: "no such file or directory." },
      { file: "hcl/../plan/none", message: "no such file or directory." },
      {
        file: "broken/bad.tf",
        line: 1,
        message:
          "bad HCL: Unclosed configuration block: There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.",
      },
      { file: "broken/bad.tf.json", line: 3, message: "bad JSON: Expected property name or '}' in JSON at position 39." },
      { file: "broken/plan.out", message: "not a text file (a binary plan? Convert it first: terraform show -json plan.out > plan.json)." },
      {
        file: "broken/unknown.json",
        message:
          "unknown format: neither Terraform JSON configuration (top-level resource, data, provider, ...) nor plan JSON (format_version with planned_values, from terraform show -json plan.out).",
      },
    ]);
  });

  test("an HCL error whose range spans lines keeps its first line", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wif-hcl-range-"));
    try {
      fs.writeFileSync(path.join(dir, "m.tf"), 'resource "a" "b" {\n  x = {\n    a = 1\n    b\n  }\n}\n');
      const result = await readInputs(["m.tf"], { cwd: dir });
      expect(result.problems).toEqual([
        { file: "m.tf", line: 4, message: 'bad HCL: Missing attribute value: Expected an attribute value, introduced by an equals sign ("=").' },
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the good files next to a corrupt one are still read", async () => {
    const result = await read("broken/bad.tf", "hcl/azure.tf", "tf-json");
    expect(result.problems.map((p) => p.file)).toEqual(["broken/bad.tf"]);
    expect(result.units.flatMap((u) => u.resources)).toHaveLength(6);
  });

  test("a malformed suppression is a problem with its line; the resource is still read", async () => {
    const { mkdtempSync, writeFileSync } = await import("fs");
    const { tmpdir } = await import("os");
    const dir = mkdtempSync(path.join(tmpdir(), "wif-ack-"));
    writeFileSync(path.join(dir, "main.tf"), 'resource "aws_iam_role" "ci" {\n  # wif:acknowledge WIF004 reason: ok\n  name = "ci"\n}\n');
    const result = await readInputs(["main.tf"], { cwd: dir });
    expect(result.problems).toEqual([
      {
        file: "main.tf",
        line: 2,
        message: 'aws_iam_role.ci: the reason for acknowledging WIF004 is "ok"; give at least 10 characters saying why the risk is acceptable here.',
      },
    ]);
    expect(result.units[0].resources.map((r) => [r.address, r.acknowledgements])).toEqual([["aws_iam_role.ci", undefined]]);
  });

  test("an empty directory is reported", async () => {
    const { mkdtempSync } = await import("fs");
    const { tmpdir } = await import("os");
    const dir = mkdtempSync(path.join(tmpdir(), "wif-empty-"));
    expect((await readInputs(["."], { cwd: dir })).problems).toEqual([
      { file: ".", message: "no Terraform files (*.tf, *.tf.json, *.tofu, *.tofu.json) in this directory or below it." },
    ]);
  });
});

describe("readInputs: a file that breaks the reader is one problem of that file", () => {
  const ROLE = 'resource "aws_iam_role" "ok" {\n  name = "ok"\n}\n';
  function dirWith(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wif-isolate-"));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
  }

  test.each<[string, Record<string, string>, RegExp]>([
    [
      "an HCL file past the nesting bound is not handed to the parser",
      { "deep.tf": `locals {\n  x = ${"[".repeat(300)}1${"]".repeat(300)}\n}\n` },
      /^nests brackets, strings and templates more than 256 levels deep: wif lint does not parse HCL nested this deep/,
    ],
    [
      "a Terraform JSON value nested 100,000 deep (the reader's recursion overflows)",
      { "deep.tf.json": `{"locals": {"a": "x"}, "resource": {"aws_iam_role": {"deep": {"v": ${"[".repeat(100_000)}"local.a"${"]".repeat(100_000)}}}}}` },
      /^could not be evaluated: RangeError: Maximum call stack size exceeded; nothing in this file was checked \(the rest of its module was\)\./,
    ],
  ])("%s", async (_, files, message) => {
    const dir = dirWith({ "ok.tf": ROLE, ...files });
    const result = await readInputs(["."], { cwd: dir });
    expect(result.problems).toEqual([{ file: Object.keys(files)[0], message: expect.stringMatching(message) }]);
    expect(result.units.flatMap((u) => u.resources.map((r) => r.address))).toEqual(["aws_iam_role.ok"]);
  });

  test("an HCL parse past the timeout is reported for its file; the next file is parsed by a fresh parser", async () => {
    const big = Array.from({ length: 2_000 }, (_, i) => ROLE.replace(/ok/g, `a${i}`)).join(""); // well over 1 ms to parse
    const dir = dirWith({ "a.tf": big, "b.tf": ROLE.replace(/ok/g, "b") });
    const first = await readInputs(["a.tf"], { cwd: dir, hclTimeoutMs: 1 });
    const second = await readInputs(["b.tf"], { cwd: dir });
    expect(first.problems).toEqual([
      { file: "a.tf", message: "the HCL parser did not finish within 0.001 s: nothing in it was checked. Split or simplify the file." },
    ]);
    expect(second.units.flatMap((u) => u.resources.map((r) => r.address))).toEqual(["aws_iam_role.b"]);
  });
});
