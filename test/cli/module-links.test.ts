import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { findingRows, runCli } from "./run-cli";

// A module directory reached only through a module call, holding the role; `link` adds a symbolic link
// inside it. The link is followed when its target is in the tree, and a problem (exit 2) otherwise.
const ROLE = `variable "subjects" { type = list(string) }
resource "aws_iam_role" "this" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }
        StringLike   = { "token.actions.githubusercontent.com:sub" = var.subjects }
      }
    }]
  })
}
`;
const OUTSIDE = fs.mkdtempSync(path.join(os.tmpdir(), "wif-outside-"));
fs.writeFileSync(path.join(OUTSIDE, "secret.tf"), 'resource "x" "y" { a = "top secret bytes" }\n');

function scratch(link: (moduleDir: string) => void): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "wif-modlink-"));
  fs.mkdirSync(path.join(root, "modules", "role"), { recursive: true });
  fs.mkdirSync(path.join(root, "live"));
  fs.writeFileSync(path.join(root, "modules", "role", "main.tf"), ROLE);
  fs.writeFileSync(path.join(root, "live", "main.tf"), 'module "ci" {\n  source   = "../modules/role"\n  subjects = ["repo:*"]\n}\n');
  link(path.join(root, "modules", "role"));
  return root;
}

describe("wif lint: symbolic links inside a called module directory (defect 9)", () => {
  test.each<[string, (dir: string) => void, number, string | undefined, number]>([
    ["a dangling link", (dir) => fs.symlinkSync("/missing/x.tf", path.join(dir, "extra.tf")), 2, "symbolic link to a file or directory that does not exist", 1],
    [
      "a link loop",
      (dir) => {
        fs.symlinkSync("b.tf", path.join(dir, "a.tf"));
        fs.symlinkSync("a.tf", path.join(dir, "b.tf"));
      },
      2,
      "symbolic link loop",
      2,
    ],
    [
      "a link out of the tree",
      (dir) => fs.symlinkSync(path.join(OUTSIDE, "secret.tf"), path.join(dir, "secret.tf")),
      2,
      "symbolic link to a path outside the scanned tree",
      1,
    ],
    [
      "a link to a directory named like a file",
      (dir) => {
        fs.mkdirSync(path.join(dir, "..", "d.tf"));
        fs.symlinkSync(path.join(dir, "..", "d.tf"), path.join(dir, "d.tf"));
      },
      2,
      "the link leads to a directory",
      1,
    ],
    ["a link inside the tree is read", (dir) => fs.symlinkSync(path.join(dir, "..", "..", "live", "main.tf"), path.join(dir, "shared.tf")), 1, undefined, 0],
  ])("%s", async (_, link, code, problem, count) => {
    const root = scratch(link);
    const run = await runCli(["lint", "--format", "json", "live"], { cwd: root });
    expect(run.code).toBe(code);
    const doc = JSON.parse(run.stdout) as { problems: { file: string; message: string }[] };
    expect(
      findingRows(run.stdout)
        .filter((r) => r[0] === "WIF002")
        .map((r) => r[2]),
    ).toEqual(["module.ci.aws_iam_role.this"]);
    if (problem === undefined) expect(doc.problems).toEqual([]);
    else
      expect(doc.problems).toEqual(
        Array(count).fill({ file: expect.stringMatching(/^modules\/role\/\w+\.tf$/), line: null, message: expect.stringContaining(problem) }),
      );
    expect(run.stdout + run.stderr).not.toContain("top secret bytes");
    expect(run.stdout + run.stderr).not.toContain(OUTSIDE);
  });
});
