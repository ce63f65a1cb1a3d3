import { Evaluator, Scope } from "../../../src/terraform/eval/evaluate-expression";
import { toPlain, Unknown, Value } from "../../../src/terraform/eval/value";

const VARS: Record<string, Value> = {
  url: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC",
  org: "octo-org",
  repos: ["api", "web"],
  envs: { prod: "production", stg: "staging" },
  empty: "",
  nothing: null,
};

const FILES: Record<string, string> = { "t/trust.tpl": '{"sub": ${jsonencode(subs)}}', "t/plain.json": '{"a": 1}' };

const scope: Scope = {
  readFile: (p) => FILES[p],
  renderTemplate: (text, vars) => new Evaluator(scope).template(text, new Map(Object.entries(vars))),
  resolve: (root, names) => {
    if (root === "var" && names[0] !== undefined) return { value: names[0] in VARS ? VARS[names[0]] : new Unknown(`var.${names[0]}`), used: 1 };
    return undefined;
  },
};

const evaluate = (template: string) => toPlain(new Evaluator(scope).template(template));

describe("expressions and functions, with Terraform's semantics", () => {
  it.each<[string, unknown]>([
    ['${replace(var.url, "https://", "")}:sub', "oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub"],
    ['${format("repo:%s/%s:*", var.org, "app")}', "repo:octo-org/app:*"],
    ['${format("repo:%s/app:*", var.unset)}', "repo:${var.unset}/app:*"],
    ['${join(",", var.repos)}', "api,web"],
    ['${split(",", "a,b")}', ["a", "b"]],
    ['${concat(var.repos, ["x"])}', ["api", "web", "x"]],
    ['${flatten([var.unset, "repo:*"])}', ["${var.unset}", "repo:*"]],
    ['${flatten([["a"], [["b"]]])}', ["a", "b"]],
    ['${distinct(["a", "a", "b"])}', ["a", "b"]],
    ['${compact(["a", "", "b"])}', ["a", "b"]],
    ["${merge({a = 1}, {b = 2})}", { a: 1, b: 2 }],
    // An object key with an unknown part keeps its literal parts (the IRSA idiom), unless it may equal another key.
    [
      '${{ "${var.issuer}:aud" = "sts.amazonaws.com", "${var.issuer}:sub" = "system:serviceaccount:a:b" }}',
      { "${var.issuer}:aud": "sts.amazonaws.com", "${var.issuer}:sub": "system:serviceaccount:a:b" },
    ],
    [
      '${{ "oidc.circleci.com/org/${var.org_id}:sub" = "org/${var.org_id}/project/*" }}',
      { "oidc.circleci.com/org/${var.org_id}:sub": "org/${var.org_id}/project/*" },
    ],
    ['${{ "${var.a}:sub" = "x", "${var.b}:sub" = "y" }}', '${{ "${var.a}:sub" = "x", "${var.b}:sub" = "y" }}'],
    ['${{ "app:sub" = "x", "${var.b}:sub" = "y" }}', '${{ "app:sub" = "x", "${var.b}:sub" = "y" }}'],
    ["${{ (var.unset) = 1 }}", "${{ (var.unset) = 1 }}"],
    ['${lookup(var.envs, "prod", "x")}', "production"],
    ['${lookup(var.envs, "dev", "x")}', "x"],
    ["${element(var.repos, 3)}", "web"],
    ['${one(["x"])}', "x"],
    ["${one([])}", null],
    ['${try(var.envs.dev, "fallback")}', "fallback"],
    ['${coalesce(var.empty, var.nothing, "c")}', "c"],
    ['${tolist(toset(["b", "a", "b"]))}', ["a", "b"]],
    ["${tostring(1)}", "1"],
    ['${lower("ABC")}-${upper("def")}', "abc-DEF"],
    ['${trimprefix(var.url, "https://")}', "oidc.eks.eu-west-1.amazonaws.com/id/ABC"],
    ['${trimsuffix("a/", "/")}', "a"],
    ['${jsonencode({sub = "repo:${var.unset}:*"})}', '{"sub":"repo:${var.unset}:*"}'],
    ['${jsondecode("{\\"a\\": [1]}")}', { a: [1] }],
    ['${templatefile("t/trust.tpl", { subs = ["repo:a/b:*"] })}', '{"sub": ["repo:a/b:*"]}'],
    ['${file("t/plain.json")}', '{"a": 1}'],
    ['${[for r in var.repos : "repo:octo-org/${r}:*"]}', ["repo:octo-org/api:*", "repo:octo-org/web:*"]],
    ['${{for k, v in var.envs : v => k if k != "stg"}}', { production: "prod" }],
    ["${[for r in var.repos : r][1]}", "web"],
    ['${var.envs["prod"]}', "production"],
    ['${[{a = "x"}, {a = "y"}][*].a}', ["x", "y"]],
    ['${var.org == "octo-org" ? "yes" : "no"}', "yes"],
    ['${var.unset ? "a" : "b"}', '${var.unset ? "a" : "b"}'],
    ["${1 + 2 * 3}", 7],
    ["${!true || false}", false],
    ["%{ for r in var.repos }${r};%{ endfor }", "api;web;"],
    ['%{ if var.org == "octo-org" }pinned%{ else }open%{ endif }', "pinned"],
    ["$${aws:username}", "${aws:username}"],
    ['${bcrypt("x")}', '${bcrypt("x")}'],
    ["${var.repos[5]}", "${var.repos[5]}"],
    ["${(((1)))}", 1],
  ])("%s", (template, expected) => {
    expect(evaluate(template)).toEqual(expected);
  });

  test("nothing throws: unreadable syntax is an unknown with its text", () => {
    for (const text of ["${", "${a b}", "${[1, 2}", '${"x', "${" + "(".repeat(500) + "1" + ")".repeat(500) + "}"]) {
      expect(() => evaluate(text)).not.toThrow();
    }
  });
});
