import { readCelCondition } from "../../src/terraform/cel-condition";
import { CelSyntaxError, parseCel } from "../../src/terraform/cel-parser";
import { regexToGlobs } from "../../src/trust/glob";

const MAPPING = {
  "google.subject": "assertion.sub",
  "attribute.repository": "assertion.repository",
  "attribute.odd": "assertion.a + assertion.b",
  "attribute.broken": "assertion.sub +",
  "attribute.constant": "'github'",
};

function paths(text: string): string[][] {
  return readCelCondition(text, MAPPING).paths.map((p) => p.map((c) => `${c.claim} ${c.operator} ${c.values.join("|")}`));
}

describe("readCelCondition", () => {
  it.each<[string, string[][]]>([
    ["assertion.sub == 'a'", [["sub equals a"]]],
    ["'a' == assertion.sub", [["sub equals a"]]],
    ["assertion['sub'] == 'a'", [["sub equals a"]]],
    ["google.subject == 'a'", [["sub equals a"]]],
    ["attribute.repository == 'o/r'", [["repository equals o/r"]]],
    ["attribute.odd == 'x'", [["? unread "]]],
    ["assertion.sub in ['a', 'b']", [["sub equals a|b"]]],
    ["assertion.sub.startsWith('repo:o/')", [["sub like repo:o/*"]]],
    ["assertion.sub.endsWith(':pull_request')", [["sub like *:pull_request"]]],
    ["assertion.sub.contains('*')", [["sub like *${*}*"]]],
    ["assertion.sub.matches('^a.*$')", [["sub like a*"]]],
    ["a == 'x' || assertion.sub == 'b'", [["? unread "], ["sub equals b"]]],
    [
      "assertion.a == 'x' && (assertion.b == 'y' || assertion.c == 'z')",
      [
        ["a equals x", "b equals y"],
        ["a equals x", "c equals z"],
      ],
    ],
    ["!(assertion.sub == 'a')", [["sub negated a"]]],
    ["assertion.sub != 'a'", [["sub negated a"]]],
    ["true", [["true constrains-nothing "]]],
    ["false", []],
    ["attribute.repository == assertion.repository", [["repository constrains-nothing "]]],
    // A mapping that does not parse, or that is not a claim of the token, names no claim.
    ["attribute.broken == 'x'", [["? unread "]]],
    ["attribute.constant == 'x'", [["? unread "]]],
    // String escapes: the value compared is the unescaped text; raw strings keep backslashes.
    ["assertion.sub == 'a\\tb\\'c\\\\d'", [["sub equals a\tb'c\\d"]]],
    ["assertion.sub == r'a\\qb'", [["sub equals a\\qb"]]],
  ])("%s", (text, expected) => {
    expect(paths(text)).toEqual(expected);
  });

  it("records what it could not read", () => {
    expect(readCelCondition("size(assertion.sub) > 3 && assertion.sub == 'a'", MAPPING).unknowns).toEqual(["size(assertion.sub) > 3"]);
  });

  it.each(["assertion.sub ==", "(a", "'x", "a.b.", "a @ b", "assertion.sub == 'a\\qb'"])("rejects %j", (text) => {
    expect(() => parseCel(text)).toThrow(CelSyntaxError);
  });
});

describe("regexToGlobs", () => {
  it.each<[string, string[] | undefined, boolean, boolean, boolean]>([
    ["^repo:o/r:ref:refs/heads/main$", ["repo:o/r:ref:refs/heads/main"], true, true, false],
    ["repo:o/r", ["*repo:o/r*"], false, false, false],
    ["^repo:o/r", ["repo:o/r*"], true, false, false],
    ["^repo:o/r:(main|dev)$", ["repo:o/r:main", "repo:o/r:dev"], true, true, false],
    ["^a|b$", ["a*", "*b"], false, false, true],
    ["^(a|b)$", ["a", "b"], true, true, false],
    ["^repo:o/[^:]+:ref:refs/heads/main$", ["repo:o/*:ref:refs/heads/main"], true, true, false],
    ["^repo:o/r\\.x$", ["repo:o/r.x"], true, true, false],
    ["^a\\*b$", ["a${*}b"], true, true, false],
    ["^ab?c$", ["abc", "ac"], true, true, false],
    ["^a.c$", ["a?c"], true, true, false],
    ["^a\\d+$", ["a*"], true, true, false],
    ["^a(?i)b$", undefined, true, true, false],
    ["^(?s)repo:o/r:.*$", ["repo:o/r:*"], true, true, false],
    ["(?s)^repo:o/r:.$", ["repo:o/r:?"], true, true, false],
    ["^(?i)repo:o/r$", undefined, true, true, false],
    ["^a\\bb$", undefined, true, true, false],
  ])("%s", (src, globs, start, end, oneSided) => {
    const r = regexToGlobs(src);
    expect(r.globs).toEqual(globs);
    expect([r.anchoredStart, r.anchoredEnd, r.oneSidedAlternation]).toEqual([start, end, oneSided]);
  });
});
