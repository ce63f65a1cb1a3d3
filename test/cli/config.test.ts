import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError, parseConfig } from "../../src/cli/config/config";
import { excludeMatcher } from "../../src/cli/config/path-glob";
import { findingRows, FIXTURES, runCli } from "./run-cli";

describe("parseConfig", () => {
  test("every key", () => {
    const text = `
fail-on: medium
ignore: [WIF011]
severity:
  WIF008: low
exclude:
  - modules/legacy
  - "*_test.tf"
var-files: [env/prod.tfvars]
vars:
  region: eu-west-1
  replicas: 3
acknowledge:
  - address: module.ci.aws_iam_role.this
    rule: WIF004
    reason: "  read-only role used by every branch  "
`;
    expect(parseConfig(text, ".wif.yaml", "/repo", (p) => `/repo/${p}`)).toEqual({
      file: ".wif.yaml",
      directory: "/repo",
      failOn: "medium",
      ignore: ["WIF011"],
      severityOverrides: { WIF008: "low" },
      exclude: ["modules/legacy", "*_test.tf"],
      varFiles: ["/repo/env/prod.tfvars"],
      vars: { region: "eu-west-1", replicas: "3" },
      acknowledge: [{ address: "module.ci.aws_iam_role.this", rule: "WIF004", reason: "read-only role used by every branch" }],
    });
  });

  test("an empty file is an empty config", () => {
    expect(parseConfig("# nothing yet\n", ".wif.yaml", "/repo")).toEqual({
      file: ".wif.yaml",
      directory: "/repo",
      ignore: [],
      severityOverrides: {},
      exclude: [],
      varFiles: [],
      vars: {},
      acknowledge: [],
    });
  });

  test.each<[string, string, string]>([
    ["unknown key", "fail_on: high\n", 'unknown key "fail_on"; keys are fail-on, ignore, severity, exclude, var-files, vars, acknowledge.'],
    ["bad threshold", "fail-on: urgent\n", 'fail-on must be one of critical, high, medium, low; got "urgent".'],
    ["ignore not a list", "ignore: WIF008\n", 'ignore must be a list of non-empty strings; got "WIF008".'],
    ["ignore not rule ids", "ignore: [wif8]\n", 'ignore: "wif8" is not a rule id; rule ids look like WIF008.'],
    ["severity not a mapping", "severity: [WIF008]\n", 'severity must be a mapping of rule ids to severities, e.g. "WIF008: low"; got ["WIF008"].'],
    ["unknown severity", "severity:\n  WIF008: urgent\n", 'severity.WIF008 must be one of critical, high, medium, low, info; got "urgent".'],
    ["bad variable name", "vars:\n  1x: a\n", 'vars: "1x" is not a Terraform variable name.'],
    ["variable not a scalar", "vars:\n  tags: {a: b}\n", 'vars.tags must be a string, number or boolean (as -var takes); got {"a":"b"}.'],
    ["acknowledge not a list", "acknowledge: {}\n", "acknowledge must be a list of { address, rule, appliesTo?, reason }; got {}."],
    [
      "acknowledge unknown key",
      "acknowledge:\n  - {address: a.b, rule: WIF004, reason: long enough reason, until: 2027}\n",
      'acknowledge[0]: unknown key "until"; keys are address, rule, appliesTo, reason.',
    ],
    [
      "acknowledge without address",
      "acknowledge:\n  - {rule: WIF004, reason: long enough reason}\n",
      "acknowledge[0].address must be a resource address, e.g. aws_iam_role.ci; got undefined.",
    ],
    [
      "acknowledge without rule",
      "acknowledge:\n  - {address: a.b, reason: long enough reason}\n",
      "acknowledge[0]: undefined is not a rule id. Known rules: WIF001,",
    ],
    [
      "acknowledge of an unknown rule",
      "acknowledge:\n  - {address: a.b, rule: WIF999, reason: long enough reason}\n",
      'acknowledge[0]: "WIF999" is not a rule id. Known rules: WIF001,',
    ],
    [
      "acknowledge with empty appliesTo",
      "acknowledge:\n  - {address: a.b, rule: WIF004, appliesTo: [], reason: long enough reason}\n",
      "acknowledge[0]: appliesTo of WIF004 is []: give a non-empty list",
    ],
    [
      "acknowledge with a short reason",
      "acknowledge:\n  - {address: a.b, rule: WIF004, reason: ok}\n",
      'acknowledge[0]: the reason for acknowledging WIF004 is "ok"; give at least 10 characters saying why the risk is acceptable here.',
    ],
    ["not a mapping", "- WIF008\n", 'must be a mapping of keys (fail-on, ignore, severity, exclude, var-files, vars, acknowledge); got ["WIF008"].'],
    ["duplicate key", "fail-on: high\nfail-on: low\n", "not valid YAML (line 2): Map keys must be unique"],
    ["bad YAML", "ignore: [WIF008\n", "not valid YAML (line 2): "],
  ])("%s is an error naming the file", (_, text, message) => {
    let error: unknown;
    try {
      parseConfig(text, "ci/.wif.yaml", "/repo/ci");
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message.startsWith(`config ci/.wif.yaml: ${message}`)).toBe(true);
  });
});

describe("exclude patterns", () => {
  test.each<[string, string, boolean]>([
    ["modules/legacy", "modules/legacy/main.tf", true],
    ["modules/legacy", "modules/legacy-v2/main.tf", false],
    ["modules/legacy", "other/modules/legacy/main.tf", false],
    ["*_test.tf", "infra/deep/iam_test.tf", true],
    ["*_test.tf", "infra/iam.tf", false],
    ["fixtures", "a/fixtures/b.tf", true],
    ["modules/**/test", "modules/a/b/test/x.tf", true],
    ["modules/**/test", "modules/test/x.tf", true],
    ["infra/*.tf", "infra/a.tf", true],
    ["infra/*.tf", "infra/sub/a.tf", false],
    ["infra/**", "infra/sub/a.tf", true],
    ["infra/**", "infrastructure/a.tf", false],
    ["./a?.tf", "ab.tf", true],
    ["./a?.tf", "sub/ab.tf", false],
  ])("%s on %s: %s", (pattern, file, excluded) => {
    expect(excludeMatcher([pattern])(file)).toBe(excluded);
  });
});

/** A repository in a temporary directory: `.git/`, the tf-json fixture in infra/ and legacy/, and the given files. */
function repo(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wif-config-"));
  fs.mkdirSync(path.join(dir, ".git"));
  for (const sub of ["infra", "legacy"]) {
    fs.mkdirSync(path.join(dir, sub));
    fs.copyFileSync(path.join(FIXTURES, "tf-json", "main.tf.json"), path.join(dir, sub, "main.tf.json"));
  }
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

// tf-json findings: WIF008 (suppressed in source) and WIF002 critical and WIF004 high, in infra/ and legacy/.
const CONFIG = `
fail-on: critical
ignore: [WIF008]
severity:
  WIF004: low
exclude: [legacy]
acknowledge:
  - address: aws_iam_role.gitlab_group
    rule: WIF002
    reason: the group role only reads public artefacts
`;

describe("wif lint with .wif.yaml", () => {
  test("found above the paths; its threshold, ignore, severities, exclude and acknowledgements apply", async () => {
    const dir = repo({ ".wif.yaml": CONFIG });
    const run = await runCli(["lint", ".", "--format", "json"], { cwd: dir });
    const doc = JSON.parse(run.stdout);
    expect(doc.files).toEqual(["infra/main.tf.json"]);
    expect(doc.failOn).toBe("critical");
    expect(findingRows(run.stdout)).toEqual([
      ["WIF002", "critical", "aws_iam_role.gitlab_group", 10, "project_path:*", "suppressed"],
      ["WIF004", "low", "aws_iam_role.eks_deployer", 14, "system:serviceaccount:*:deployer"],
    ]);
    expect(doc.findings[0].suppressed).toEqual({ reason: "the group role only reads public artefacts" });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
  });

  test("found by walking up from a path below it (run from a subdirectory)", async () => {
    const dir = repo({ ".wif.yaml": "fail-on: critical\nignore: [WIF002]\n" });
    const run = await runCli(["lint", ".", "--format", "json"], { cwd: path.join(dir, "infra") });
    expect(findingRows(run.stdout).map((r) => r[0])).toEqual(["WIF008", "WIF004"]);
    expect(run.code).toBe(0);
  });

  test("the command line wins: --fail-on over fail-on, --severity over severity; ignores add up", async () => {
    const dir = repo({ ".wif.yaml": "fail-on: critical\nignore: [WIF002]\nseverity: {WIF004: low}\n" });
    const run = await runCli(["lint", "infra", "--format", "json", "--fail-on", "high", "--severity", "WIF004=high", "--ignore", "WIF008"], { cwd: dir });
    expect(findingRows(run.stdout)).toEqual([["WIF004", "high", "aws_iam_role.eks_deployer", 14, "system:serviceaccount:*:deployer"]]);
    expect(run.code).toBe(1);
  });

  test("--config names another file; its relative paths are relative to it", async () => {
    const dir = repo({ ".wif.yaml": "fail-on: low\n", "ci/strict.yaml": "fail-on: critical\nexclude: [../legacy]\nignore: [WIF002]\n" });
    const run = await runCli(["lint", ".", "--config", "ci/strict.yaml", "--format", "json"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).failOn).toBe("critical");
  });

  test.each<[string, Record<string, string>, string[], string]>([
    [
      "an unknown key",
      { ".wif.yaml": "fail_on: high\n" },
      [],
      'wif: config .wif.yaml: unknown key "fail_on"; keys are fail-on, ignore, severity, exclude, var-files, vars, acknowledge.\n',
    ],
    [
      "an unknown rule",
      { ".wif.yaml": "ignore: [WIF999]\n" },
      [],
      "wif: config .wif.yaml: ignore: unknown rule WIF999. Rules: WIF001, WIF002, WIF003, WIF004, WIF005, WIF006, WIF007, WIF008, WIF009, WIF010, WIF011.\n",
    ],
    [
      "a bad value",
      { "infra/.wif.yaml": "severity: {WIF004: urgent}\n" },
      [],
      'wif: config infra/.wif.yaml: severity.WIF004 must be one of critical, high, medium, low, info; got "urgent".\n',
    ],
    ["a missing --config", {}, ["--config", "nope.yaml"], "wif: config nope.yaml: no such file; check the --config path.\n"],
    ["a directory as --config", {}, ["--config", "infra"], "wif: config infra: cannot be read (EISDIR).\n"],
    [
      "paths under two config files",
      { "infra/.wif.yaml": "", "legacy/.wif.yaml": "" },
      [],
      "wif: config infra/.wif.yaml: the paths lie under different config files, infra/.wif.yaml and legacy/.wif.yaml; lint them in separate runs or name one with --config.\n",
    ],
  ])("%s exits 2 naming the file, key and value", async (_, files, extra, stderr) => {
    const dir = repo(files);
    const run = await runCli(["lint", "infra", "legacy", ...extra], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(`${stderr}Run "wif lint --help" for usage.\n`);
  });

  test("an acknowledgement that matches no finding is a warning on stderr", async () => {
    const dir = repo({ ".wif.yaml": "acknowledge:\n  - {address: aws_iam_role.gone, rule: WIF002, reason: removed last sprint already}\n" });
    const run = await runCli(["lint", "infra", "--format", "json"], { cwd: dir });
    expect(run.stderr).toBe("wif: config .wif.yaml: acknowledge WIF002 on aws_iam_role.gone matched no finding; remove it or correct the address.\n");
    expect(run.code).toBe(1);
  });

  test("appliesTo narrows an acknowledgement to the listed finding values", async () => {
    const ack = (value: string) =>
      `acknowledge:\n  - {address: aws_iam_role.eks_deployer, rule: WIF004, appliesTo: ["${value}"], reason: only the deployer account of every namespace}\n`;
    const hit = await runCli(["lint", "infra", "--format", "json"], { cwd: repo({ ".wif.yaml": ack("system:serviceaccount:*:deployer") }) });
    expect(findingRows(hit.stdout).find((r) => r[0] === "WIF004")).toEqual([
      "WIF004",
      "high",
      "aws_iam_role.eks_deployer",
      14,
      "system:serviceaccount:*:deployer",
      "suppressed",
    ]);
    const miss = await runCli(["lint", "infra", "--format", "json"], { cwd: repo({ ".wif.yaml": ack("system:serviceaccount:ci:deployer") }) });
    expect(findingRows(miss.stdout).find((r) => r[0] === "WIF004")).toEqual([
      "WIF004",
      "high",
      "aws_iam_role.eks_deployer",
      14,
      "system:serviceaccount:*:deployer",
    ]);
    expect(miss.stderr).toBe(
      "wif: config .wif.yaml: acknowledge WIF004[system:serviceaccount:ci:deployer] on aws_iam_role.eks_deployer matched no finding; remove it or correct the address.\n",
    );
  });

  test("the walk stops at the repository root", async () => {
    const outer = repo({});
    const inner = path.join(outer, "nested");
    fs.mkdirSync(path.join(inner, ".git"), { recursive: true });
    fs.writeFileSync(path.join(outer, ".wif.yaml"), "fail-on: critical\nignore: [WIF002]\n");
    fs.cpSync(path.join(outer, "infra"), path.join(inner, "infra"), { recursive: true });
    expect((await runCli(["lint", "nested/infra"], { cwd: outer })).code).toBe(1);
    expect((await runCli(["lint", "infra"], { cwd: outer })).code).toBe(0);
  });
});

describe("gradual adoption", () => {
  test("--soft-fail reports findings and exits 0; unreadable input still exits 2", async () => {
    const soft = await runCli(["lint", "tf-json", "--soft-fail"]);
    expect(soft.code).toBe(0);
    expect(soft.stdout).toContain("CRITICAL WIF002");
    expect(soft.stdout.trimEnd().split("\n").pop()).toBe("2 findings (1 critical, 1 high) in 1 file, 1 suppressed; passed (--soft-fail; 2 at or above high).");
    expect(JSON.parse((await runCli(["lint", "tf-json", "--soft-fail", "--format", "json"])).stdout).exitCode).toBe(0);
    expect((await runCli(["lint", "tf-json", "broken/bad.tf", "--soft-fail"])).code).toBe(2);
  });

  test("--baseline: findings of the previous report are existing and do not fail; new ones do", async () => {
    const dir = repo({});
    const baseline = path.join(dir, "baseline.json");
    expect((await runCli(["lint", "infra", "--format", "json", "--output", baseline], { cwd: dir })).code).toBe(1);
    // Edits above the findings move their lines: still existing.
    const file = path.join(dir, "infra", "main.tf.json");
    fs.writeFileSync(file, `\n\n${fs.readFileSync(file, "utf8")}`);
    const same = await runCli(["lint", "infra", "--baseline", "baseline.json", "--format", "json"], { cwd: dir });
    expect(same.code).toBe(0);
    expect(JSON.parse(same.stdout).findings.map((f: { rule: string; line: number; baseline: string }) => [f.rule, f.line, f.baseline])).toEqual([
      ["WIF008", 7, "existing"],
      ["WIF002", 12, "existing"],
      ["WIF004", 16, "existing"],
    ]);
    // A new over-broad trust fails the run, and is the one marked new.
    fs.writeFileSync(
      file,
      fs
        .readFileSync(file, "utf8")
        .replace(
          '"gitlab_group": {',
          '"gitlab_all": { "name": "x", "assume_role_policy": "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Principal\\":{\\"Federated\\":\\"arn:aws:iam::111122223333:oidc-provider/gitlab.com\\"},\\"Action\\":\\"sts:AssumeRoleWithWebIdentity\\",\\"Condition\\":{\\"StringEquals\\":{\\"gitlab.com:aud\\":\\"sts.amazonaws.com\\"},\\"StringLike\\":{\\"gitlab.com:sub\\":\\"project_path:*\\"}}}]}" },\n      "gitlab_group": {',
        ),
    );
    const added = await runCli(["lint", "infra", "--baseline", "baseline.json", "--format", "json"], { cwd: dir });
    expect(added.code).toBe(1);
    const doc = JSON.parse(added.stdout);
    expect(
      doc.findings
        .filter((f: { baseline: string }) => f.baseline === "new")
        .map((f: { rule: string; address: string; failing: boolean }) => [f.rule, f.address, f.failing]),
    ).toEqual([["WIF002", "aws_iam_role.gitlab_all", true]]);
    expect(doc.summary.existing).toBe(2);
    const text = await runCli(["lint", "infra", "--baseline", "baseline.json"], { cwd: dir });
    expect(text.stdout).toContain('CRITICAL WIF002 Wildcard in the tenant segment of a shared issuer: "project_path:*" (existing, in the baseline)');
  });

  test.each<[string, string | undefined, string]>([
    ["a missing baseline", undefined, "wif: baseline old.json: no such file; write one with wif lint ... --format json --output FILE.\n"],
    [
      "a baseline that is not JSON",
      "not json",
      "wif: baseline old.json: not JSON (Unexpected token 'o', \"not json\" is not valid JSON); a baseline is a wif lint --format json report.\n",
    ],
    [
      "a SARIF file as baseline",
      '{"version": "2.1.0", "runs": []}',
      'wif: baseline old.json: not a wif lint --format json report of version 1 (got version "2.1.0").\n',
    ],
    [
      "a finding without its fields",
      '{"version": 1, "findings": [{"rule": "WIF002"}]}',
      'wif: baseline old.json: findings[0] lacks rule, address, value or file: {"rule":"WIF002"}.\n',
    ],
  ])("%s exits 2", async (_, text, stderr) => {
    const dir = repo(text === undefined ? {} : { "old.json": text });
    const run = await runCli(["lint", "infra", "--baseline", "old.json"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`${stderr}Run "wif lint --help" for usage.\n`);
  });
});

describe("Terraform variables (--var-file, --var, var-files)", () => {
  /** hcl/aws.tf: aws_iam_role.ci trusts "repo:${var.org}/app:*", a WIF011 while var.org is unset. */
  function withVariable(files: Record<string, string>): string {
    const dir = repo(files);
    fs.mkdirSync(path.join(dir, "iam"), { recursive: true });
    fs.copyFileSync(path.join(FIXTURES, "hcl", "aws.tf"), path.join(dir, "iam", "aws.tf"));
    return dir;
  }
  const ciRows = (json: string) =>
    findingRows(json)
      .filter((r) => r[2] === "aws_iam_role.ci")
      .map((r) => [r[0], r[4]]);

  test.each<[string, Record<string, string>, string[]]>([
    ["--var", {}, ["--var", "org=octo-org"]],
    ["--var-file", { "env/prod.tfvars": 'org = "octo-org"\n' }, ["--var-file", "env/prod.tfvars"]],
    ["the config's vars", { ".wif.yaml": "vars: {org: octo-org}\n" }, []],
    [
      "the config's var-files, relative to the config file",
      { "ci/.wif.yaml": "var-files: [../env/prod.tfvars]\n", "env/prod.tfvars": 'org = "octo-org"\n' },
      ["--config", "ci/.wif.yaml"],
    ],
    ["--var over the config's vars", { ".wif.yaml": "vars: {org: someone-else}\n" }, ["--var", "org=octo-org"]],
  ])("%s sets a variable the trust is built from", async (_, files, args) => {
    const dir = withVariable(files);
    const run = await runCli(["lint", "iam", "--format", "json", ...args], { cwd: dir });
    expect(run.stderr).toBe("");
    // Known now: WIF004 on the substituted value, and WIF008 (a mutable owner name), instead of WIF011.
    expect(ciRows(run.stdout)).toEqual([
      ["WIF004", "repo:octo-org/app:*"],
      ["WIF008", "repo:octo-org/app:*"],
    ]);
  });

  test.each<[string, Record<string, string>, Record<string, string>, string[], string]>([
    ["TF_VAR_org sets it", {}, { TF_VAR_org: "octo-org" }, [], "repo:octo-org/app:*"],
    ["terraform.tfvars wins over TF_VAR_org", { "iam/terraform.tfvars": 'org = "from-tfvars"\n' }, { TF_VAR_org: "octo-org" }, [], "repo:from-tfvars/app:*"],
    ["--var wins over TF_VAR_org", {}, { TF_VAR_org: "someone-else" }, ["--var", "org=octo-org"], "repo:octo-org/app:*"],
    ["tf_var_org (another name) is not read", {}, { tf_var_org: "octo-org", TF_VAR_ORG: "octo-org" }, [], "repo:${var.org}/app:*"],
  ])("%s (Terraform's precedence: environment < tfvars < --var)", async (_, files, env, args, value) => {
    const run = await runCli(["lint", "iam", "--format", "json", ...args], { cwd: withVariable(files), env });
    expect(run.stderr).toBe("");
    expect(ciRows(run.stdout)[0]).toEqual(["WIF004", value]);
  });

  test("unset, the variable is reported as unverifiable", async () => {
    const run = await runCli(["lint", "iam", "--format", "json"], { cwd: withVariable({}) });
    expect(ciRows(run.stdout)).toEqual([
      ["WIF004", "repo:${var.org}/app:*"],
      ["WIF011", "${var.org}"],
    ]);
  });

  test("a var file that cannot be read is unreadable input (exit 2), named as given or relative to the config", async () => {
    const dir = repo({ ".wif.yaml": "var-files: [env/missing.tfvars]\n" });
    const run = await runCli(["lint", "infra", "--var-file", "other.tfvars", "--format", "json"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).problems).toEqual([
      { file: "env/missing.tfvars", line: null, message: "cannot be read: no such file or directory (ENOENT)." },
      { file: "other.tfvars", line: null, message: "cannot be read: no such file or directory (ENOENT)." },
    ]);
  });
});
