import { Evaluator, Scope } from "../../../src/terraform/eval/evaluate-expression";
import { translateRe2 } from "../../../src/terraform/eval/re2";
import { expand } from "../../../src/terraform/eval/text-functions";
import { isUnknown } from "../../../src/terraform/eval/value";

/**
 * `replace(s, "/re/", template)` fills `$1`, `$name` and `${name}` as Go's `Regexp.Expand` does.
 * Each expected value is what `terraform console` (v1.11) printed for the same expression.
 */
const scope: Scope = { readFile: () => undefined, renderTemplate: (text) => text, resolve: () => undefined };
const evaluate = (expression: string) => new Evaluator(scope).expressionText(expression);

describe("replace() expands its template as Go's Regexp.Expand", () => {
  it.each<[string, string]>([
    ['replace("octo/app:ref:refs/heads/", "/^(.*)$/", "repo:$01*")', "repo:*"],
    ['replace("repo:octo/api", "/^repo:([^/]+)/(.*)$/", "$2@$1")', "api@octo"],
    ['replace("abc", "/(b)/", "[$1é]")', "a[]c"],
    ['replace("abc", "/(b)/", "$$1")', "a$1c"],
    ['replace("abc", "/(b)/", "$$$1")', "a$bc"],
    ['replace("abc", "/(b)/", "$")', "a$c"],
    ['replace("abc", "/(b)/", "$1$")', "ab$c"],
    ['replace("abc", "/(b)/", "$-")', "a$-c"],
    ['replace("abc", "/(b)/", "$1_")', "ac"],
    ['replace("abc", "/(b)/", "$2")', "ac"],
    ['replace("abc", "/(b)/", "$0")', "abc"],
    ['replace("abc", "/(b)/", "$00")', "ac"],
    ['replace("abc", "/(b)/", "$100000000")', "ac"],
    ['replace("abc", "/(b)/", "$1000000000")', "ac"],
    ['replace("abc", "/(b)/", "$１")', "ac"],
    ['replace("abc", "/(b)/", "$ǅ")', "ac"],
    ['replace("abc", "/(b)/", "$😀")', "a$😀c"],
    ['replace("abc", "/(x)?c/", "[$1]")', "ab[]"],
    ['replace("abc", "/(?P<x>b)/", "<$x>")', "a<b>c"],
    ['replace("abc", "/(?P<x>b)/", "<$x1>")', "a<>c"],
    ['replace("abc", "/(?P<x>b)/", "<$1>")', "a<b>c"],
    ['replace("abc", "/(?P<constructor>b)/", "<$constructor$toString>")', "a<b>c"],
  ])("%s is %j", (expression, expected) => {
    expect(evaluate(expression)).toBe(expected);
  });

  // wif keeps `${` inside a string value as the mark of an unknown part, so HCL's `$${` escape makes the
  // call unknown; the braced form is checked on `expand` itself, with the template HCL passes to Go.
  it("a template with the `$${` escape is unknown, not a different known value", () => {
    expect(isUnknown(evaluate('replace("abc", "/(b)/", "[$${1}é]")'))).toBe(true);
  });

  it.each<[string, string, string]>([
    ["(b)", "[${1}é]", "a[bé]c"],
    ["(b)", "${1", "a${1c"],
    ["(b)", "${}", "a${}c"],
    ["(b)", "${1-}", "a${1-}c"],
    ["(b)", "${01}", "ac"],
    ["(b)", "${1}${1}$1$1", "abbbbc"],
    ["(?P<x>b)", "<${x}1>", "a<b1>c"],
  ])("/%s/ with %j on abc is %j", (pattern, template, expected) => {
    const t = translateRe2(pattern);
    if (!t.ok) throw new Error(t.reason);
    const m = t.regex.exec("abc");
    if (!m) throw new Error("no match");
    expect("abc".slice(0, m.index) + expand(template, m) + "abc".slice(m.index + m[0].length)).toBe(expected);
  });
});
