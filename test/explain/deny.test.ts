import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCli } from "../cli/run-cli";

const GH = "https://token.actions.githubusercontent.com";

// An Allow for every branch of octo/app, and a Deny for pull requests: explain does not evaluate Deny
// statements, so a token the Allow admits is undecided when a Deny may block it, never accepted.
const role = (deny: string) => `
resource "aws_iam_role" "ci" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
        Action    = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com", "token.actions.githubusercontent.com:repository_owner_id" = "1234567" }
          StringLike   = { "token.actions.githubusercontent.com:sub" = "repo:octo/app:*" }
        }
      },
      ${deny}
    ]
  })
}
`;
const PR_DENY = `{
        Effect    = "Deny"
        Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
        Action    = "sts:AssumeRoleWithWebIdentity"
        Condition = { StringEquals = { "token.actions.githubusercontent.com:sub" = "repo:octo/app:pull_request" } }
      }`;
const OTHER_DENY = `{
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "sts:TagSession"
      }`;

async function explain(deny: string): Promise<unknown> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wif-explain-deny-"));
  fs.writeFileSync(path.join(dir, "main.tf"), role(deny));
  const run = await runCli(
    [
      "explain",
      "--subject",
      "repo:octo/app:pull_request",
      "--issuer",
      GH,
      "--audience",
      "sts.amazonaws.com",
      "--claim",
      "repository_owner_id=1234567",
      ".",
      "--cloud",
      "aws",
      "--format",
      "json",
    ],
    { cwd: dir },
  );
  expect([run.code, run.stderr]).toEqual([0, ""]);
  const doc = JSON.parse(run.stdout) as { verdicts: { decision: string; reason: string; dependsOn?: string[] }[] };
  return doc.verdicts.map((v) => [v.decision, v.reason, v.dependsOn]);
}

describe("wif explain on AWS: Deny statements are never ignored", () => {
  test.each<[string, string, unknown]>([
    [
      "a Deny on the same action may block the token: undecided, naming it",
      PR_DENY,
      [["undecided", "Statement[0] allows the token, but Statement[1] may deny it: explain does not evaluate Deny statements", ["Statement[1]"]]],
    ],
    ["a Deny on another action does not matter: accepted", OTHER_DENY, [["accepted", "Statement[0]: every condition holds", undefined]]],
  ])("%s", async (_, deny, verdicts) => {
    expect(await explain(deny)).toEqual(verdicts);
  });
});
