import Ajv from "ajv";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCli } from "./run-cli";

const SCHEMA = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "schemas", "lint.schema.json"), "utf8")) as object;
const validate = new Ajv({ allErrors: true, strict: true }).compile(SCHEMA);
const errors = (doc: unknown) => (validate(doc) ? [] : validate.errors);

describe("schemas/lint.schema.json: the --format json contract", () => {
  test.each<[string, string[]]>([
    ["HCL with suppressions", ["lint", "hcl"]],
    ["Terraform JSON and an unreadable file", ["lint", "tf-json", "broken/bad.tf"]],
    ["plan JSON", ["lint", "plan/plan.json"]],
    ["a clean cdktf.out", ["lint", "cdktf.out"]],
  ])("%s", async (_, argv) => {
    const run = await runCli([...argv, "--format", "json"]);
    expect(errors(JSON.parse(run.stdout))).toEqual([]);
  });

  test("with --baseline and via (a module call)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wif-schema-"));
    fs.mkdirSync(path.join(dir, "modules", "ci"), { recursive: true });
    fs.copyFileSync(path.join(__dirname, "..", "fixtures", "hcl", "aws.tf"), path.join(dir, "modules", "ci", "main.tf"));
    fs.writeFileSync(path.join(dir, "main.tf"), 'module "ci" {\n  source = "./modules/ci"\n  org    = "octo-org"\n}\n');
    fs.writeFileSync(path.join(dir, "old.json"), JSON.stringify({ version: 1, findings: [] }));
    const doc = JSON.parse((await runCli(["lint", ".", "--format", "json", "--baseline", "old.json"], { cwd: dir })).stdout);
    expect(doc.findings.some((f: { via?: unknown }) => f.via !== undefined)).toBe(true);
    expect(doc.findings.every((f: { baseline: string }) => f.baseline === "new")).toBe(true);
    expect(errors(doc)).toEqual([]);
  });

  test("the schema is not vacuous: a renamed field, an unknown severity and a missing count are refused", async () => {
    const doc = JSON.parse((await runCli(["lint", "hcl", "--format", "json"])).stdout);
    doc.findings[0].severity = "urgent";
    doc.findings[0].ruleId = doc.findings[0].rule;
    delete doc.findings[0].rule;
    delete doc.summary.existing;
    expect((errors(doc) ?? []).map((e) => `${e.instancePath} ${e.keyword}`).sort()).toEqual([
      "/findings/0 additionalProperties",
      "/findings/0 required",
      "/findings/0/severity enum",
      "/summary required",
    ]);
  });
});
