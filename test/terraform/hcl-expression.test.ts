import { evaluateExpression, evaluateTemplate, HclSyntaxError } from "../../src/terraform/hcl-expression";

describe("evaluateExpression", () => {
  it.each<[string, unknown]>([
    ['"a"', "a"],
    ["42", 42],
    ["-1.5", -1.5],
    ["true", true],
    ["false", false],
    ["null", null],
    ['["a", 1, true]', ["a", 1, true]],
    ['{ a = "x", "b" = 2, c: [1] }', { a: "x", b: 2, c: [1] }],
    ["{\n  a = 1\n  b = 2\n}", { a: 1, b: 2 }],
    ["var.org", "${var.org}"],
    ["aws_iam_openid_connect_provider.gh.arn", "${aws_iam_openid_connect_provider.gh.arn}"],
    ["local.list[0]", "${local.list[0]}"],
    ['"repo:${var.org}/app:*"', "repo:${var.org}/app:*"],
    ['"${var.a}"', "${var.a}"],
    ['"$${literal}"', "${literal}"],
    ['"esc\\"aped\\n"', 'esc"aped\n'],
    ['jsonencode({ a = "b" })', '{"a":"b"}'],
    ['jsonencode({ sub = "repo:${var.org}/*" })', '{"sub":"repo:${var.org}/*"}'],
    ["jsonencode(var.policy)", "${jsonencode(var.policy)}"],
    ['templatefile("trust.json", { org = var.org })', '${templatefile("trust.json", { org = var.org })}'],
    // format() is evaluated: the unknown argument stays an unknown part of the known text.
    ['format("repo:%s/*", var.org)', "repo:${var.org}/*"],
    ["var.a ? 1 : 2", "${var.a ? 1 : 2}"],
    ["var.a == 1", "${var.a == 1}"],
    ["!var.a", "${!var.a}"],
    ["[for s in var.subs : s]", "${[for s in var.subs : s]}"],
    ["{ for k, v in var.m : k => v }", "${{ for k, v in var.m : k => v }}"],
    ['{ (var.key) = "v" }', '${{ (var.key) = "v" }}'],
    ['"%{ if var.x }a%{ endif }"', '${"%{ if var.x }a%{ endif }"}'],
    ['"%{ if true }a%{ else }b%{ endif }"', "a"],
    ["{ 1 = 2 }", { "1": 2 }],
    ["(1)", 1],
    ["# comment\n1", 1],
    ["<<EOT\nrepo:${var.org}/x\nEOT\n", "repo:${var.org}/x\n"],
  ])("%s", (src, expected) => {
    expect(evaluateExpression(src)).toEqual(expected);
  });

  it.each(["", "{ a = }", "[1, 2", '"unterminated', "a b"])("rejects %j", (src) => {
    expect(() => evaluateExpression(src)).toThrow(HclSyntaxError);
  });
});

describe("evaluateTemplate", () => {
  it("keeps a lone interpolation's value (cdktf Fn.jsonencode output)", () => {
    const text = '${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Allow"}]})}';
    expect(JSON.parse(evaluateTemplate(text) as string)).toEqual({ Version: "2012-10-17", Statement: [{ Effect: "Allow" }] });
  });
  it("concatenates literals and known values", () => {
    expect(evaluateTemplate('repo:${"octo"}/${1}:*')).toBe("repo:octo/1:*");
  });
  it("keeps AWS escapes that are not HCL as unknown text", () => {
    expect(evaluateTemplate("a${*}b")).toBe("a${*}b");
  });
});
