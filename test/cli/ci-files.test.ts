import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { parseArgs } from "../../src/cli/args";
import { FIXTURES, runCli } from "./run-cli";
import { sarifValidator } from "./sarif-validator";

const ROOT = path.join(__dirname, "..", "..");

interface ActionStep {
  readonly id?: string;
  readonly name?: string;
  readonly if?: string;
  readonly shell?: string;
  readonly run?: string;
  readonly uses?: string;
  readonly env?: Record<string, string>;
  readonly with?: Record<string, string>;
}
interface Action {
  readonly name: string;
  readonly description: string;
  readonly inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  readonly outputs: Record<string, { description: string; value: string }>;
  readonly runs: { using: string; steps: ActionStep[] };
}

const action = parse(fs.readFileSync(path.join(ROOT, "action.yml"), "utf8")) as Action;

describe("action.yml (composite GitHub Action)", () => {
  test("has the keys GitHub requires of action metadata, and a composite runs section", () => {
    expect(typeof action.name).toBe("string");
    expect(typeof action.description).toBe("string");
    expect(action.runs.using).toBe("composite");
    expect(action.runs.steps.length).toBeGreaterThan(0);
    for (const step of action.runs.steps) {
      // Composite run steps need an explicit shell; every step either runs or uses.
      expect(step.run !== undefined || step.uses !== undefined).toBe(true);
      if (step.run !== undefined) expect(step.shell).toBe("bash");
    }
    for (const [name, input] of Object.entries(action.inputs)) {
      expect([name, typeof input.description]).toEqual([name, "string"]);
    }
  });

  test("has the inputs paths, format and fail-on, and refers only to declared inputs and steps", () => {
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(["paths", "format", "fail-on"]));
    const text = fs.readFileSync(path.join(ROOT, "action.yml"), "utf8");
    const inputs = [...text.matchAll(/\$\{\{[^}]*?inputs\.([\w-]+)/g)].map((m) => m[1]);
    expect(inputs.filter((i) => !(i in action.inputs))).toEqual([]);
    const steps = [...text.matchAll(/steps\.([\w-]+)\.outputs/g)].map((m) => m[1]);
    const ids = action.runs.steps.map((s) => s.id).filter(Boolean);
    expect(steps.filter((s) => !ids.includes(s))).toEqual([]);
    // Inputs reach scripts through env, never pasted into the script (script injection).
    for (const step of action.runs.steps) expect(step.run ?? "").not.toContain("${{");
  });

  test("uploads SARIF with github/codeql-action/upload-sarif only when format is sarif", () => {
    const upload = action.runs.steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"));
    expect(upload?.if).toContain("inputs.format == 'sarif'");
    expect(upload?.with?.sarif_file).toBe("${{ steps.lint.outputs.sarif-file }}");
  });

  /** Runs one step's script as the runner would: its env with `${{ inputs.x }}` replaced by the inputs (or their defaults). */
  function runStep(step: ActionStep, cwd: string, given: Record<string, string>, extraEnv: Record<string, string> = {}) {
    const output = path.join(cwd, "github-output.txt");
    fs.writeFileSync(output, "");
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(step.env ?? {})) {
      env[k] = v.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => given[name] ?? action.inputs[name].default ?? "");
    }
    const run = spawnSync("bash", ["-c", step.run as string], {
      cwd,
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", HOME: os.tmpdir(), GITHUB_OUTPUT: output, ...env, ...extraEnv },
    });
    const outputs = Object.fromEntries(
      fs
        .readFileSync(output, "utf8")
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
    );
    return { status: run.status, stdout: run.stdout, stderr: run.stderr, outputs };
  }

  /** A repository whose node_modules/.bin/wif runs this checkout's sources. */
  function repository(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wif-action-"));
    fs.mkdirSync(path.join(dir, ".git"));
    fs.mkdirSync(path.join(dir, "infra"));
    fs.copyFileSync(path.join(FIXTURES, "tf-json", "main.tf.json"), path.join(dir, "infra", "main.tf.json"));
    fs.mkdirSync(path.join(dir, "node_modules", ".bin"), { recursive: true });
    const shim = path.join(dir, "node_modules", ".bin", "wif");
    fs.writeFileSync(
      shim,
      `#!/usr/bin/env bash\nTS_NODE_PROJECT="${ROOT}/tsconfig.json" exec node -r "${ROOT}/node_modules/ts-node/register/transpile-only" "${ROOT}/src/cli/main.ts" "$@"\n`,
    );
    fs.chmodSync(shim, 0o755);
    return dir;
  }

  const lint = action.runs.steps.find((s) => s.id === "lint") as ActionStep;
  const fail = action.runs.steps[action.runs.steps.length - 1];

  test("the lint step annotates with --format github and records the exit code; the last step fails with it", () => {
    const dir = repository();
    const run = runStep(lint, dir, { paths: "infra" });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("::error file=infra/main.tf.json,line=10,col=1,title=WIF002 Wildcard in the tenant segment of a shared issuer::");
    expect(run.outputs).toEqual({ "exit-code": "1" });
    expect(fail.if).toContain("steps.lint.outputs.exit-code != '0'");
    const failed = runStep(fail, dir, {}, { WIF_EXIT_CODE: run.outputs["exit-code"] });
    expect(failed.status).toBe(1);
  });

  test("format sarif writes the SARIF file for the upload step; fail-on and args are passed", () => {
    const dir = repository();
    const run = runStep(lint, dir, { paths: "infra\n", format: "sarif", "fail-on": "critical", args: "--ignore WIF002" });
    expect(run.outputs).toEqual({ "sarif-file": "wif.sarif", "exit-code": "0" });
    const doc = JSON.parse(fs.readFileSync(path.join(dir, "wif.sarif"), "utf8"));
    const validate = sarifValidator();
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
    expect(doc.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(["WIF008", "WIF004"]);
  });

  test("a format other than github or sarif fails the step", () => {
    const run = runStep(lint, repository(), { format: "json" });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("::error title=wif lint::format must be github or sarif; got 'json'\n");
  });
});

describe(".pre-commit-hooks.yaml", () => {
  const hooks = parse(fs.readFileSync(path.join(ROOT, ".pre-commit-hooks.yaml"), "utf8")) as Record<string, unknown>[];

  test("each hook has the keys pre-commit requires (id, name, entry, language)", () => {
    expect(Array.isArray(hooks)).toBe(true);
    for (const hook of hooks) {
      for (const key of ["id", "name", "entry", "language"]) expect([key, typeof hook[key]]).toEqual([key, "string"]);
      expect(() => new RegExp(hook.files as string)).not.toThrow();
    }
    expect(hooks.map((h) => h.id)).toEqual(["wif-lint"]);
  });

  test("the hook runs on Terraform files and its command is a valid wif invocation", () => {
    const [hook] = hooks;
    const files = new RegExp(hook.files as string);
    expect(["main.tf", "cdk.tf.json", "infra/x.tf"].every((f) => files.test(f))).toBe(true);
    expect(["main.ts", "plan.json", "x.tfvars"].some((f) => files.test(f))).toBe(false);
    expect(hook.pass_filenames).toBe(false);
    const [bin, ...argv] = [...(hook.entry as string).split(" "), ...(hook.args as string[])];
    expect(bin).toBe("wif");
    expect(parseArgs(argv)).toEqual({ command: "lint", options: expect.objectContaining({ paths: ["."], format: "compact" }) });
  });

  test("the hook's command runs on a repository and prints one clickable line per finding", async () => {
    const [hook] = hooks;
    const argv = [...(hook.entry as string).split(" ").slice(1), ...(hook.args as string[])];
    const run = await runCli(argv, { cwd: path.join(FIXTURES, "tf-json") });
    expect(run.code).toBe(1);
    expect(run.stdout.split("\n").slice(0, 3)).toEqual([
      expect.stringMatching(
        /^main\.tf\.json:5:1: [A-Z]+ WIF008 Mutable names without an immutable id: "project_path:acme\/app:ref_type:branch:ref:main" \(suppressed\)$/,
      ),
      'main.tf.json:10:1: CRITICAL WIF002 Wildcard in the tenant segment of a shared issuer: "project_path:*"',
      expect.stringMatching(/^main\.tf\.json:14:1: HIGH WIF004 /),
    ]);
  });
});
