import { Evaluator, Scope } from "../../../src/terraform/eval/evaluate-expression";
import { translateRe2 } from "../../../src/terraform/eval/re2";
import { isUnknown, toPlain, Unknown, Value } from "../../../src/terraform/eval/value";

/**
 * Functions evaluated with Terraform's semantics, checked against the examples of Terraform's own
 * function reference (developer.hashicorp.com/terraform/language/functions/<name>). Before, each of
 * these calls was unknown: a constant wrapped in one hid its trust value (WIF011, exit 0).
 */
const VARS: Record<string, Value> = { tmpl: "repo:${org}/${repo}:*", org: "octo" };
const scope: Scope = {
  readFile: () => undefined,
  renderTemplate: (text, vars) => new Evaluator(scope).template(text, new Map(Object.entries(vars))),
  resolve: (root, names) =>
    root === "var" && names[0] !== undefined
      ? { value: names[0] in VARS ? VARS[names[0]] : new Unknown(`var.${names[0]}`, [`var.${names[0]} is unset`]), used: 1 }
      : undefined,
};
const evaluate = (template: string) => new Evaluator(scope).template(template);

describe("Terraform's documented examples", () => {
  it.each<[string, unknown]>([
    ['${title("hello world")}', "Hello World"],
    ['${title("repo:octo-org/api")}', "Repo:Octo-Org/Api"],
    ['${formatlist("Hello, %s!", ["Valentina", "Ander", "Olivia", "Sam"])}', ["Hello, Valentina!", "Hello, Ander!", "Hello, Olivia!", "Hello, Sam!"]],
    ['${formatlist("%s, %s!", "Salutations", ["Valentina", "Ander"])}', ["Salutations, Valentina!", "Salutations, Ander!"]],
    ['${formatlist("repo:%s/%s:*", "octo", ["api", "web"])}', ["repo:octo/api:*", "repo:octo/web:*"]],
    ['${formatlist("repo:%s:*", ["a", var.unset])}', ["repo:a:*", "repo:${var.unset}:*"]],
    ['${formatlist("%s", "x")}', ["x"]],
    ['${chunklist(["a", "b", "c", "d", "e"], 2)}', [["a", "b"], ["c", "d"], ["e"]]],
    ['${chunklist(["a", "b", "c", "d", "e"], 1)}', [["a"], ["b"], ["c"], ["d"], ["e"]]],
    ['${chunklist(["a", "b"], 0)}', [["a", "b"]]],
    ['${chunklist(["a", var.unset, "c"], 2)}', [["a", "${var.unset}"], ["c"]]],
    ['${transpose({"a" = ["1", "2"], "b" = ["2", "3"]})}', { "1": ["a"], "2": ["a", "b"], "3": ["b"] }],
    [
      '${csvdecode("a,b,c\\n1,2,3\\n4,5,6")}',
      [
        { a: "1", b: "2", c: "3" },
        { a: "4", b: "5", c: "6" },
      ],
    ],
    ['${csvdecode("sub,aud\\n\\"repo:o/r:ref:refs/heads/main\\",sts\\n")}', [{ sub: "repo:o/r:ref:refs/heads/main", aud: "sts" }]],
    ['${csvdecode("q\\n\\"a \\"\\"b\\"\\", c\\"")}', [{ q: 'a "b", c' }]],
    ['${regex("[a-z]+", "53453453.345345aaabbbccc23454")}', "aaabbbccc"],
    ['${regex("(\\\\d\\\\d\\\\d\\\\d)-(\\\\d\\\\d)-(\\\\d\\\\d)", "2019-02-01")}', ["2019", "02", "01"]],
    ['${regex("^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?", "https://terraform.io/docs/")}', { scheme: "https", authority: "terraform.io" }],
    ['${regex("^(a)?(b)", "b")}', [null, "b"]],
    ['${regexall("[a-z]+", "1234abcd5678efgh9")}', ["abcd", "efgh"]],
    ['${length(regexall("[a-z]+", "1234abcd5678efgh9"))}', 2],
    ['${length(regexall("[a-z]+", "123456789")) > 0}', false],
    ['${regexall("a*", "baaab")}', ["", "aaa", ""]],
    [
      '${regexall("(?P<org>[^/,]+)/(?P<repo>[^,]+)", "o/a,p/b")}',
      [
        { org: "o", repo: "a" },
        { org: "p", repo: "b" },
      ],
    ],
    ['${regex("a.b", "a\\rb")}', "a\rb"],
    ['${regexall("\\\\s", "a\\u00a0b")}', []],
    ['${regex("(?i)REPO", "repo:x")}', "repo"],
    ['${replace("hello world", "/w.*d/", "everybody")}', "hello everybody"],
    ['${replace("1 + 2 + 3", "+", "-")}', "1 - 2 - 3"],
    ['${replace("repo:octo/api", "/^repo:([^/]+)/(.*)$/", "$2@$1")}', "api@octo"],
    ['${replace("a.b", "/./", "x")}', "xxx"],
    ['${templatestring(var.tmpl, { org = var.org, repo = "api" })}', "repo:octo/api:*"],
    ['${indent(2, "[\\n  foo,\\n]")}', "[\n    foo,\n  ]"],
    ['${sha256("hello world")}', "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"],
    ['${sha1("hello world")}', "2aae6c35c94fcfb415dbe95f408b9ce91ee846ed"],
    ['${md5("hello world")}', "5eb63bbbe01eeed093cb22bb8f5acdc3"],
    ['${base64sha256("hello world")}', "uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek="],
    [
      '${setproduct(["development", "staging"], ["app1", "app2"])}',
      [
        ["development", "app1"],
        ["development", "app2"],
        ["staging", "app1"],
        ["staging", "app2"],
      ],
    ],
    ['${matchkeys(["i-123", "i-abc", "i-def"], ["us-west", "us-east", "us-east"], ["us-east"])}', ["i-abc", "i-def"]],
    ['${format("Hello, %s!", "Ander")}', "Hello, Ander!"],
    ['${format("There are %d lights", 4)}', "There are 4 lights"],
    ['${format("%.2f", 3.14159)}', "3.14"],
    ['${format("%x|%X|%b|%o", 255, 255, 5, 8)}', "ff|FF|101|10"],
    ['${format("%-5s|%5s|%05d", "a", "b", 42)}', "a    |    b|00042"],
    ['${format("%#v", "hello")}', '"hello"'],
    ['${format("%v", {a = 1})}', '{"a":1}'],
    ['${format("%t %q", true, "x")}', 'true "x"'],
    ['${format("%[2]s %[1]s", "a", "b")}', "b a"],
    ['${format("%e", 1000000)}', "1.000000e+06"],
    ['${tonumber("1")}', 1],
    ['${tonumber("1.5e1")}', 15],
    ['${tobool("true")}', true],
    ["${tostring(true)}", "true"],
    ['${tolist(toset(["c", "a", "b", "a"]))}', ["a", "b", "c"]],
    ['${setunion(["b"], ["a", "b"])}', ["a", "b"]],
    ["${tomap({a = 1})}", { a: 1 }],
  ])("%s", (template, expected) => {
    expect(toPlain(evaluate(template))).toEqual(expected);
  });
});

describe("what Terraform refuses is an error (try/can catch it), what wif does not translate stays unknown", () => {
  it.each<[string, boolean]>([
    ['${can(regex("[a-z]+", "53453453.34534523454"))}', false],
    ['${can(regex("^repo:", "repo:x"))}', true],
    ['${can(tonumber("no"))}', false],
    ['${can(tobool("yes"))}', false],
    ['${can(tomap(["a"]))}', false],
    ['${can(formatlist("%s %s", ["a"], ["b", "c"]))}', false],
    ['${can(csvdecode("a,b\\n1"))}', false],
    ['${can(format("%d", "x"))}', false],
    ['${can(chunklist(["a"], -1))}', false],
  ])("%s", (template, expected) => {
    expect(evaluate(template)).toBe(expected);
  });

  it.each<[string, string]>([
    ['${regex("a(?=b)", "ab")}', "regex()"],
    ['${regexall("(a)\\\\1", "aa")}', "regexall()"],
    ['${regex("[[:alpha:]]+", "ab")}', "regex()"],
    ['${replace("ab", "/(?<!a)b/", "")}', "replace()"],
    ['${can(regex("a(?=b)", "ab"))}', "regex()"],
    ['${templatestring("repo:${var.org}", {})}', "templatestring"],
  ])("%s is unknown, naming the function", (template, name) => {
    const v = evaluate(template);
    expect(isUnknown(v)).toBe(true);
    expect([(v as Unknown).text, ...(v as Unknown).why].join(" ")).toContain(name);
  });

  it.each<[string]>([
    ['${regex("^repo:(.*)$", var.unset)}'],
    ["${title(var.unset)}"],
    ["${transpose(var.unset)}"],
    ["${csvdecode(var.unset)}"],
    ["${sha256(var.unset)}"],
  ])("%s: an unknown argument makes it unknown, with what decides it", (template) => {
    const v = evaluate(template);
    expect(isUnknown(v)).toBe(true);
    expect((v as Unknown).why).toEqual(["var.unset is unset"]);
  });

  it("an unknown function is unknown with its name and text", () => {
    const v = evaluate('${provider::aws::arn_parse("x")}') as Unknown;
    expect(isUnknown(v)).toBe(true);
    expect(v.text).toContain("arn_parse");
  });
});

describe("RE2 patterns are translated only when JavaScript reads them the same way", () => {
  it.each<[string, string, boolean]>([
    ["^repo:(?P<org>[^/]+)/", "a named group becomes (?<org>...)", true],
    ["\\Arepo\\z", "\\A and \\z become text-edge assertions", true],
    ["a{2,3}b{", "a literal { stays literal", true],
    ["\\x{41}\\x42", "hex escapes", true],
    ["(?m)^a$", "multi-line anchors at \\n only", true],
    ["a(?=b)", "lookahead (RE2 refuses it)", false],
    ["(?<n>a)", "(?<name>) (not RE2 syntax before Go 1.22)", false],
    ["(a)\\1", "backreference", false],
    ["\\pL", "Unicode classes", false],
    ["\\Qa.b\\E", "quoted literals", false],
    ["(?i)\\bA", "\\b with case folding", false],
    ["[\\w-z]", "a range next to a class escape", false],
  ])("%s: %s", (pattern, _why, ok) => {
    expect(translateRe2(pattern).ok).toBe(ok);
  });

  it.each<[string, string, boolean]>([
    ["\\Arepo\\z", "repo", true],
    ["\\Arepo\\z", "repo\n", false],
    ["(?m)^b$", "a\r\nb", true],
    ["(?m)^a$", "a\rb", false],
    ["^\\w+$", "é", false],
    ["^.$", "\u2028", true],
    ["^[]a]+$", "]a", true],
  ])("%s on %j matches: %s", (pattern, subject, matches) => {
    const t = translateRe2(pattern);
    if (!t.ok) throw new Error(t.reason);
    expect(t.regex.test(subject)).toBe(matches);
  });
});
