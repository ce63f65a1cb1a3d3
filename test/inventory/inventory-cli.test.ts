import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCli } from "../cli/run-cli";
import { schemaValidator } from "./schema";

const DIR = path.join(__dirname, "..", "fixtures", "inventory");
const validInventory = schemaValidator("inventory");

test("wif inventory --format json writes a valid inventory and exits 0; the repository comes from GITHUB_REPOSITORY", async () => {
  const run = await runCli(["inventory", "payments", "--format", "json"], { cwd: DIR, env: { GITHUB_REPOSITORY: "octo/payments" } });
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  const doc = JSON.parse(run.stdout) as { identities: { repository: string }[]; summary: { identities: number } };
  expect(validInventory(doc)).toBe("");
  expect(doc.summary.identities).toBe(5);
  expect(new Set(doc.identities.map((i) => i.repository))).toEqual(new Set(["octo/payments"]));
});

test("wif inventory a.json b.json merges, de-duplicated by repository and address; md is the default format", async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "wif-inventory-"));
  for (const repo of ["payments", "platform"]) {
    const run = await runCli(["inventory", repo, "--format", "json", "--repository", `octo/${repo}`, "-o", path.join(tmp, `${repo}.json`)], { cwd: DIR });
    expect([run.code, run.stderr]).toEqual([0, `wif: inventory written to ${path.join(tmp, `${repo}.json`)}: 5 identities, 5 workloads\n`]);
  }
  const merged = await runCli(["inventory", "payments.json", "platform.json", "payments.json", "--format", "json"], { cwd: tmp });
  expect(merged.code).toBe(0);
  const doc = JSON.parse(merged.stdout) as { summary: { identities: number; repositories: string[] } };
  expect(validInventory(doc)).toBe("");
  expect(doc.summary.identities).toBe(10);
  expect(doc.summary.repositories).toEqual(["octo/payments", "octo/platform"]);

  const md = await runCli(["inventory", "payments.json", "platform.json"], { cwd: tmp });
  expect(md.code).toBe(0);
  expect(md.stdout).toContain("# Workload identity inventory");
  expect(md.stdout).toContain("10 identities (aws 6, gcp 2, azure 2), 10 workload families from 2 repositories (octo/payments, octo/platform).");
  expect(md.stdout).toContain("| any repository of octo on GitHub | https://token.actions.githubusercontent.com | ⚠ whole tenant, any branch | 1 on aws |");
  expect(md.stdout).toContain("- Who: **GitHub octo/payments, environment production**");
  expect(md.stdout).toContain("`AdministratorAccess` **admin**");
});

test.each([
  [
    ["inventory"],
    'wif: no paths: name cdktf.out/, a directory of Terraform files, *.tf, *.tf.json, plan JSON or inventory JSON files.\nRun "wif inventory --help" for usage.\n',
  ],
  [["inventory", "payments", "--format", "sarif"], 'wif: --format must be one of md, json, html; got "sarif".\nRun "wif inventory --help" for usage.\n'],
])("bad usage exits 2: %j", async (argv, stderr) => {
  const run = await runCli(argv, { cwd: DIR });
  expect([run.code, run.stderr, run.stdout]).toEqual([2, stderr, ""]);
});

test("an inventory of another schemaVersion is named, the rest is still written, exit 2", async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "wif-inventory-"));
  fs.writeFileSync(path.join(tmp, "old.json"), JSON.stringify({ schemaVersion: 0, identities: [] }));
  const run = await runCli(["inventory", "old.json", path.join(DIR, "platform"), "--format", "json"], { cwd: tmp });
  expect(run.code).toBe(2);
  expect(run.stderr).toBe(
    "wif: old.json: this inventory has schemaVersion 0; this wif reads inventories of schemaVersion 1 (write it again with this version of wif inventory --format json).\n",
  );
  expect((JSON.parse(run.stdout) as { summary: { identities: number } }).summary.identities).toBe(5);
});

test("wif inventory --help", async () => {
  const run = await runCli(["inventory", "--help"]);
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^Usage: wif inventory <paths\.\.\.\|inventory\.json\.\.\.>/);
});

test("wif inventory --format html writes one self-contained page", async () => {
  const run = await runCli(["inventory", "payments", "platform", "--format", "html"], { cwd: DIR });
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^<!DOCTYPE html>/);
  expect(run.stdout).toContain("default-src 'none'");
  expect(run.stdout).not.toMatch(/(src|href)="https?:/);
  expect((run.stdout.match(/<tr data-id=/g) ?? []).length).toBe(10);
  expect(run.stdout).toContain('<svg id="diagram"');
});

test("cdktf.out and plan JSON are inputs too: identities with the plan's module paths", async () => {
  const run = await runCli(["inventory", "cdktf.out", "plan/plan.json", "--format", "json"]);
  expect([run.code, run.stderr]).toEqual([0, ""]);
  const doc = JSON.parse(run.stdout) as { identities: { address: string; file: string; who: string }[] };
  expect(doc.identities.map((i) => [i.address, i.file, i.who]).sort()).toEqual([
    ["aws_iam_role.deploy_role_5E6F7A8B", "cdktf.out/stacks/payments/cdk.tf.json", "GitHub octo-org/payments, environment production"],
    ["aws_iam_role.legacy_ci", "cdktf.out/stacks/payments/cdk.tf.json", "GitHub octo-org/legacy, any branch, tag, environment or pull request"],
    ["aws_iam_role.tfc", "plan/plan.json", "any project/workspace of acme on HCP Terraform"],
    ["azurerm_federated_identity_credential.pr[0]", "plan/plan.json", "GitHub octo-org/app, pull requests"],
    ["module.ci.aws_iam_role.this", "plan/plan.json", "GitHub octo-org/app, branch main"],
    ['module.gcp["prod"].google_iam_workload_identity_pool_provider.github', "plan/plan.json", "any repository of octo-org on GitHub"],
  ]);
});

test("wif --help names the inventory and explain commands", async () => {
  const run = await runCli(["--help"]);
  // Generated from the command table: one line per command with its summary.
  expect(run.stdout).toMatch(/^ {2}inventory +who can reach what/m);
  expect(run.stdout).toMatch(/^ {2}explain +why a token is in or out/m);
});
