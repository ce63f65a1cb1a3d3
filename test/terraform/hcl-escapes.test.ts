/**
 * Issue 9, defect 11: HCL `\uNNNN` and `\UNNNNNNNN` escapes are decoded as Terraform decodes them,
 * in expressions this library parses and in `.tf` files read through hcl2json.
 */
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { evaluateExpression, HclSyntaxError } from "../../src/terraform/hcl-expression";
import { findingRows, runCli } from "../cli/run-cli";

describe("HCL unicode escapes", () => {
  it.each<[string, string, unknown]>([
    ["\\U0000002a is *", '"repo:\\U0000002a/app:*"', "repo:*/app:*"],
    ["\\u002a is *", '"repo:\\u002a"', "repo:*"],
    ["\\u003f is ?", '"repo:octo\\u003f/x:*"', "repo:octo?/x:*"],
    ["lower-case hex", '"\\u00e9"', "é"],
    ["outside the BMP", '"prod-\\U0001F600"', "prod-😀"],
    ["next to other escapes", '"a\\tb\\u0041\\\\"', "a\tbA\\"],
    ["inside jsonencode", 'jsonencode({ sub = "repo:\\U0000002a/app:*" })', '{"sub":"repo:*/app:*"}'],
  ])("%s", (_name, source, expected) => {
    expect(evaluateExpression(source)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["too few hex digits", '"\\u12"'],
    ["not hex", '"\\uZZZZ"'],
    ["\\U past U+10FFFF", '"\\U00110000"'],
    ["a surrogate code point", '"\\uD800"'],
    ["an escape Terraform does not know", '"\\q"'],
  ])("refuses %s, as Terraform does", (_name, source) => {
    expect(() => evaluateExpression(source)).toThrow(HclSyntaxError);
  });

  it("a .tf role with repo:\\U0000002a/app:* is WIF002 (read through hcl2json)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wif-escapes-"));
    try {
      const sub = String.raw`repo:\U0000002a/app:*`;
      writeFileSync(
        join(dir, "main.tf"),
        `resource "aws_iam_role" "r" {
  name = "r"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
      Condition = {
        StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }
        StringLike = { "token.actions.githubusercontent.com:sub" = "${sub}" }
      }
    }]
  })
}
`,
      );
      const run = await runCli(["lint", ".", "--format", "json"], { cwd: dir });
      expect(findingRows(run.stdout).map((r) => [r[0], r[4]])).toContainEqual(["WIF002", "repo:*/app:*"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
