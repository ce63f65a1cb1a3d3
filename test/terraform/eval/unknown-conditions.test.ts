import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { lintUnits } from "../../../src/cli/commands/lint";
import { readInputs } from "../../../src/terraform/read-inputs";

/**
 * A conditional whose condition is unknown before apply (`var.prod ? a : b`) may take either
 * branch, so each branch is judged; the unknown is still reported (WIF011). Before, the whole
 * value was unknown: `var.prod ? "repo:o/r:ref:refs/heads/main" : "repo:*"` was one WIF011 info
 * and exit 0, while STS admits every GitHub repository when `prod` is false.
 */
const role = (subject: string, extra = "") => `
resource "aws_iam_openid_connect_provider" "gh" {
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
}
variable "prod" { type = bool }
variable "env" { type = string }
${extra}
resource "aws_iam_role" "r" {
  name = "r"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = aws_iam_openid_connect_provider.gh.arn }
      Condition = {
        StringLike = {
          "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"
          "token.actions.githubusercontent.com:sub" = ${subject}
        }
      }
    }]
  })
}
`;

const MAIN = '"repo:acme/app:ref:refs/heads/main"';

async function lintText(text: string): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wif-cond-"));
  try {
    fs.writeFileSync(path.join(dir, "main.tf"), text);
    const read = await readInputs(["."], { cwd: dir });
    const { findings } = lintUnits(read.units, {});
    expect(read.problems).toEqual([]);
    return findings
      .filter((f) => ["WIF001", "WIF002", "WIF003", "WIF004", "WIF011"].includes(f.rule))
      .map((f) => `${f.rule} ${f.address} ${f.value}`)
      .sort();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("unknown choices: each value an unknown condition, index or fallback may give is judged", () => {
  it.each<[string, string, string, string[]]>([
    ["false branch any repository", `var.prod ? ${MAIN} : "repo:*"`, "", ["WIF002 aws_iam_role.r repo:*"]],
    ["true branch another repository", `var.prod ? "repo:acme/*" : ${MAIN}`, "", ["WIF003 aws_iam_role.r repo:acme/*"]],
    [
      "nested, inner false branch any ref",
      `var.prod ? ${MAIN} : (var.env == "dev" ? "repo:acme/app:*" : ${MAIN})`,
      "",
      ["WIF004 aws_iam_role.r repo:acme/app:*"],
    ],
    ["through a local", "local.sub", `locals { sub = var.env != "" ? "repo:*" : ${MAIN} }`, ["WIF002 aws_iam_role.r repo:*"]],
    ["inside a list", `[${MAIN}, var.prod ? ${MAIN} : "repo:*"]`, "", ["WIF002 aws_iam_role.r repo:*"]],
    ["try falls back", `try(var.obj.sub, "repo:*")`, 'variable "obj" { type = any }', ["WIF002 aws_iam_role.r repo:*"]],
    ["coalesce falls back", `coalesce(var.env, "repo:acme/*")`, "", ["WIF003 aws_iam_role.r repo:acme/*"]],
    ["lookup in an unknown map falls back", `lookup(var.m, "sub", "repo:*")`, 'variable "m" { type = map(string) }', ["WIF002 aws_iam_role.r repo:*"]],
    [
      "an unknown key into a known map",
      "local.subs[var.env]",
      `locals { subs = { prod = ${MAIN}, dev = "repo:acme/app:*" } }`,
      ["WIF004 aws_iam_role.r repo:acme/app:*"],
    ],
    ["element at an unknown index", `element([${MAIN}, "repo:*"], var.i)`, 'variable "i" { type = number }', ["WIF002 aws_iam_role.r repo:*"]],
    ["a template if directive", `"repo:acme/app:%{ if var.prod }ref:refs/heads/main%{ else }*%{ endif }"`, "", ["WIF004 aws_iam_role.r repo:acme/app:*"]],
    ["both branches pinned", `var.prod ? ${MAIN} : "repo:acme/app:ref:refs/heads/dev"`, "", []],
    ["known condition takes one branch", `true ? ${MAIN} : "repo:*"`, "", []],
  ])("%s", async (_name, subject, extra, expected) => {
    const found = await lintText(role(subject, extra));
    const judged = found.filter((f) => !f.startsWith("WIF011"));
    expect(judged).toEqual(expected);
    if (!subject.startsWith("true")) expect(found.some((f) => f.startsWith("WIF011"))).toBe(true);
  });

  it.each<[string, string, string[]]>([
    ["sensitive() is the value", `sensitive("repo:*")`, ["WIF002 aws_iam_role.r repo:*"]],
    ["nonsensitive() is the value", `nonsensitive(sensitive("repo:acme/*"))`, ["WIF003 aws_iam_role.r repo:acme/*"]],
    ["base64decode", `base64decode("cmVwbzoq")`, ["WIF002 aws_iam_role.r repo:*"]],
    ["textdecodebase64 UTF-8", `textdecodebase64("cmVwbzoq", "UTF-8")`, ["WIF002 aws_iam_role.r repo:*"]],
    ["strrev", `strrev("*:oper")`, ["WIF002 aws_iam_role.r repo:*"]],
    ["yamldecode", `yamldecode("s: 'repo:*'").s`, ["WIF002 aws_iam_role.r repo:*"]],
    ["index into a list", `["repo:acme/app:ref:refs/heads/main", "repo:*"][index(["a", "b"], "b")]`, ["WIF002 aws_iam_role.r repo:*"]],
    ["setsubtract", `setsubtract(["repo:*", "repo:acme/app:ref:refs/heads/main"], ["repo:acme/app:ref:refs/heads/main"])`, ["WIF002 aws_iam_role.r repo:*"]],
    ["base64encode round trip", `base64decode(base64encode("repo:acme/*"))`, ["WIF003 aws_iam_role.r repo:acme/*"]],
  ])("%s", async (_name, subject, expected) => {
    expect(await lintText(role(subject))).toEqual(expected);
  });

  it("reports a finding shared by both branches once", async () => {
    const found = await lintText(role(`var.prod ? "repo:*" : "repo:*:ref:refs/heads/main"`));
    expect(found.filter((f) => f.startsWith("WIF002"))).toEqual(["WIF002 aws_iam_role.r repo:*", "WIF002 aws_iam_role.r repo:*:ref:refs/heads/main"]);
  });
});
