/**
 * A value's unresolved `${...}` parts end at the `}` that closes them, with the braces inside their
 * quoted strings and nested templates skipped. Before, `${trimsuffix(var.p, "}")}` ended at the
 * quoted `}` and `${var.m["{"]}` never closed, so the rest of the text read as literal: a
 * `Principal` of that shape, which may be `*`, hid its statement.
 */
import { onlyUnknownParts, replaceUnknownParts, templateParts, tokenize, unknownParts } from "../../src/lint/analysis/pattern";

const shape = (value: string) => templateParts(value).map((p) => `${p.kind}:${p.text}`);

describe("templateParts: literal text, AWS escapes, unresolved parts", () => {
  it.each<[string, string[]]>([
    ["repo:octo/app", ["text:repo:octo/app"]],
    ["${var.x}", ["unknown:${var.x}"]],
    ["a${var.x}b", ["text:a", "unknown:${var.x}", "text:b"]],
    ['${trimsuffix(var.p, "}")}', ['unknown:${trimsuffix(var.p, "}")}']],
    ['${var.m["{"]}', ['unknown:${var.m["{"]}']],
    ['${var.m["}"]}x', ['unknown:${var.m["}"]}', "text:x"]],
    // An escaped quote stays inside the string.
    ['${replace(var.p, "\\"}", "")}', ['unknown:${replace(var.p, "\\"}", "")}']],
    // A template inside a quoted string is read as a body again (its quotes and braces).
    ['${"a${var.m["}"]}b"}', ['unknown:${"a${var.m["}"]}b"}']],
    ['${"%{if var.c}}%{endif}"}', ['unknown:${"%{if var.c}}%{endif}"}']],
    ["${merge({a = 1}, var.x)}", ["unknown:${merge({a = 1}, var.x)}"]],
    ["${var.a}${var.b}", ["unknown:${var.a}", "unknown:${var.b}"]],
    ["${*}${var.a}${?}", ["escape:${*}", "unknown:${var.a}", "escape:${?}"]],
    ["${$}", ["escape:${$}"]],
    // HCL's escapes inside a string: `$${` and `%%{` are literal, no template starts there.
    ['${var.b ? "sts:AssumeRoleWithWebIdentity" : "$${"}', ['unknown:${var.b ? "sts:AssumeRoleWithWebIdentity" : "$${"}']],
    ['repo:${var.x ? "%%{" : "b"}/x:*', ["text:repo:", 'unknown:${var.x ? "%%{" : "b"}', "text:/x:*"]],
    // Quotes that do not balance: the part ends where its braces balance, as when quotes are not
    // read (an evaluation that failed keeps its text so: never literal text).
    ['${var.m["}', ['unknown:${var.m["}']],
    ['repo:${%{ if var.b }"octo%{ endif }/x:*}', ["text:repo:", 'unknown:${%{ if var.b }"octo%{ endif }/x:*}']],
    // Nothing closes it: literal text, as before.
    ["a${var.x", ["text:a${var.x"]],
    ["a${{var.x}", ["text:a${{var.x}"]],
    ["", []],
  ])("%j", (value, expected) => {
    expect(shape(value)).toEqual(expected);
  });
});

describe("the helpers over the parts", () => {
  it.each<[string, string[], boolean, string]>([
    // value, unknownParts, onlyUnknownParts, replaceUnknownParts(value, "*")
    ['${trimsuffix(var.p, "}")}', ['${trimsuffix(var.p, "}")}'], true, "*"],
    ['sts:${var.m["}"]}', ['${var.m["}"]}'], false, "sts:*"],
    ["${var.a}${var.b}", ["${var.a}", "${var.b}"], true, "**"],
    ["${var.a}-${var.b}", ["${var.a}", "${var.b}"], false, "*-*"],
    ["${var.a}${*}", ["${var.a}"], false, "*${*}"],
    ["${*}", [], false, "${*}"],
    ["plain", [], false, "plain"],
  ])("%j", (value, parts, only, replaced) => {
    expect(unknownParts(value)).toEqual(parts);
    expect(onlyUnknownParts(value)).toBe(only);
    expect(replaceUnknownParts(value, "*")).toBe(replaced);
  });

  // Each `${` that never closes used to be scanned to the end: quadratic (about 30 s on 100 KB).
  it.each(["${", '${"', '"${', '${"%{', "${{"])("100 KB of %j splits in linear time", (unit) => {
    const value = unit.repeat(Math.ceil(100_000 / unit.length));
    const started = Date.now();
    const parts = templateParts(value);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(parts.length).toBeGreaterThan(0);
  });

  it("tokenizes per UTF-16 code unit, as IAM reads `?`", () => {
    expect(tokenize("a😀${var.x}?", true)).toEqual([
      { t: "lit", c: "a" },
      { t: "lit", c: "\ud83d" },
      { t: "lit", c: "\ude00" },
      { t: "unknown", expr: "${var.x}" },
      { t: "one" },
    ]);
  });
});
