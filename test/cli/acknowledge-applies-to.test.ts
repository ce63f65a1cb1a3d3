import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { findingRows, runCli } from "./run-cli";

// One role admitting pull requests of two repositories: two WIF005 findings with different values.
const role = (comment: string) => `
${comment}
resource "aws_iam_role" "pr" {
  name               = "pr"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "token.actions.githubusercontent.com:aud"                 = "sts.amazonaws.com"
          "token.actions.githubusercontent.com:sub"                 = ["repo:octo/app:pull_request", "repo:octo/lib:pull_request"]
          "token.actions.githubusercontent.com:repository_owner_id" = "1234567"
        }
      }
    }]
  })
}
`;

async function lint(comment: string): Promise<unknown[][]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wif-ack-"));
  fs.writeFileSync(path.join(dir, "main.tf"), role(comment));
  const run = await runCli(["lint", "--format", "json", "main.tf"], { cwd: dir });
  return findingRows(run.stdout).filter((r) => r[0] === "WIF005");
}

describe("in-source acknowledgements with appliesTo (wif lint)", () => {
  test.each<[string, string, unknown[][]]>([
    [
      "none",
      "",
      [
        ["WIF005", "medium", "aws_iam_role.pr", 3, "repo:octo/app:pull_request"],
        ["WIF005", "medium", "aws_iam_role.pr", 3, "repo:octo/lib:pull_request"],
      ],
    ],
    [
      "the whole rule",
      "# wif:acknowledge WIF005 reason: PR checks only read a public bucket",
      [
        ["WIF005", "medium", "aws_iam_role.pr", 3, "repo:octo/app:pull_request", "suppressed"],
        ["WIF005", "medium", "aws_iam_role.pr", 3, "repo:octo/lib:pull_request", "suppressed"],
      ],
    ],
    [
      "one finding value",
      "# wif:acknowledge WIF005[repo:octo/lib:pull_request] reason: lib PR checks only read a public bucket",
      [
        ["WIF005", "medium", "aws_iam_role.pr", 3, "repo:octo/app:pull_request"],
        ["WIF005", "medium", "aws_iam_role.pr", 3, "repo:octo/lib:pull_request", "suppressed"],
      ],
    ],
  ])("%s", async (_, comment, rows) => {
    expect(await lint(comment)).toEqual(rows);
  });
});
