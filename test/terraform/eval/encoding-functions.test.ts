import { Evaluator, Scope } from "../../../src/terraform/eval/evaluate-expression";
import { isUnknown, toPlain, Unknown } from "../../../src/terraform/eval/value";

/**
 * Functions with one exact meaning are evaluated, so a trust value wrapped in them is still judged
 * (before, `base64decode("cmVwbzoq")`, i.e. `repo:*`, was an unknown: one WIF011 and exit 0). What
 * Terraform refuses (bad base64, non-UTF-8 bytes, another text encoding) stays unknown.
 */
const scope: Scope = {
  readFile: () => undefined,
  renderTemplate: () => null,
  resolve: (root, names) => (root === "var" && names[0] !== undefined ? { value: new Unknown(`var.${names[0]}`), used: 1 } : undefined),
};
const evaluate = (template: string) => new Evaluator(scope).template(template);

describe("encoding and string functions", () => {
  it.each<[string, unknown]>([
    ['${base64decode("cmVwbzoq")}', "repo:*"],
    ['${base64encode("repo:*")}', "cmVwbzoq"],
    ['${textdecodebase64("cmVwbzoq", "UTF-8")}', "repo:*"],
    ['${textencodebase64("repo:*", "utf-8")}', "cmVwbzoq"],
    ['${urlencode("repo:o/r *~")}', "repo%3Ao%2Fr+%2A~"],
    ['${strrev("*:oper")}', "repo:*"],
    ['${yamldecode("s: repo:*").s}', "repo:*"],
    ['${yamldecode("[\\"a\\", \\"b\\"]")[1]}', "b"],
    ['${index(["a", "b"], "b")}', 1],
    ['${setintersection(["a", "b"], ["b", "c"])}', ["b"]],
    ['${setsubtract(["a", "b"], ["a"])}', ["b"]],
    ["${sum([1, 2, 3])}", 6],
    ["${ceil(1.2)}", 2],
    ["${floor(1.8)}", 1],
    ['${issensitive("x")}', false],
    ["${base64decode(var.x)}", "${base64decode(var.x)}"],
  ])("%s", (template, expected) => {
    expect(toPlain(evaluate(template))).toEqual(expected);
  });

  it.each<[string]>([
    ['${base64decode("not base64!")}'],
    ['${base64decode("/w==")}'],
    ['${textdecodebase64("cmVwbzoq", "UTF-16LE")}'],
    ['${index(["a"], "z")}'],
    ['${yamldecode("a: [")}'],
  ])("%s is what Terraform refuses: unknown", (template) => {
    expect(isUnknown(evaluate(template))).toBe(true);
  });
});
