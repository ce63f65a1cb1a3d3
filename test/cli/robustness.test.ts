import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { findingRows, runCli } from "./run-cli";

/** A `repo:*` role: the finding every robustness case must still report beside its bad input. */
const ANY_REPO_ROLE = `resource "aws_iam_role" "anyone" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }
        StringLike   = { "token.actions.githubusercontent.com:sub" = "repo:*" }
      }
    }]
  })
}
`;

/** A scratch directory `infra/` holding `role.tf` and what `setup` adds; returns the scan root (cwd). */
function scratch(setup: (infra: string) => void): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "wif-robust-"));
  const infra = path.join(root, "infra");
  fs.mkdirSync(infra);
  fs.writeFileSync(path.join(infra, "role.tf"), ANY_REPO_ROLE);
  setup(infra);
  return root;
}

const deepLocals = (n: number) => `locals {\n  x = ${"{ a = ".repeat(n)}1${" }".repeat(n)}\n}\n`;

interface Case {
  readonly setup: (infra: string) => void;
  /** The problem `wif lint --format json` reports, `file[:line]: message` (message matched as a regex). */
  readonly problem: RegExp;
}

const CASES: Readonly<Record<string, Case>> = {
  "a 10,000-deep nested locals (defect 7)": {
    setup: (infra) => fs.writeFileSync(path.join(infra, "deep.tf"), deepLocals(10_000)),
    problem: /^infra\/deep\.tf: nests brackets, strings and templates more than 256 levels deep: /,
  },
};

describe("wif lint: one bad input is one problem (exit 2), and the other file's finding is still reported", () => {
  test.each(Object.entries(CASES))("%s", async (_, c) => {
    const cwd = scratch(c.setup);
    const run = await runCli(["lint", "infra", "--format", "json"], { cwd });
    const doc = JSON.parse(run.stdout) as { problems: { file: string; line: number | null; message: string }[]; exitCode: number };
    expect(run.code).toBe(2);
    expect(doc.exitCode).toBe(2);
    expect(findingRows(run.stdout).filter((r) => r[0] === "WIF002")).toEqual([["WIF002", "critical", "aws_iam_role.anyone", 1, "repo:*"]]);
    expect(doc.problems.map((p) => `${p.file}${p.line ? `:${p.line}` : ""}: ${p.message}`)).toEqual([expect.stringMatching(c.problem)]);
    expect(run.stdout).not.toContain(cwd); // no absolute path of the scanning machine
  });

  test("--output still writes the report (with the other file's finding) when a file is too deep to parse", async () => {
    const cwd = scratch((infra) => fs.writeFileSync(path.join(infra, "deep.tf"), deepLocals(10_000)));
    const run = await runCli(["lint", "infra", "--format", "sarif", "--output", "wif.sarif"], { cwd });
    const doc = JSON.parse(fs.readFileSync(path.join(cwd, "wif.sarif"), "utf8"));
    expect(run.code).toBe(2);
    expect(doc.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain("WIF002");
    expect(doc.runs[0].invocations[0].toolExecutionNotifications.map((n: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => n.locations[0].physicalLocation.artifactLocation.uri)).toEqual(["infra/deep.tf"]);
  });
});
