import { MAX_CONDITION_LENGTH, mergePaths, readCelCondition, render } from "../../src/terraform/cel-condition";
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

describe("render: conditions as messages quote them (parentheses where CEL's precedence needs them)", () => {
  it.each<[string, string]>([
    ["a || b && c", "a || b && c"],
    ["(a || b) && c", "(a || b) && c"],
    ["!(a && b)", "!(a && b)"],
    ["!a.b", "!a.b"],
    ["a == (b == c)", "a == (b == c)"],
    ["(a ? b : c) ? d : e", "(a ? b : c) ? d : e"],
    ["a ? b : (c ? d : e)", "a ? b : c ? d : e"],
    ["a ? (b || c) : d", "a ? b || c : d"],
    ["a + b * c", "a + b * c"],
    ["(a + b) * c", "(a + b) * c"],
    ["a + (b + c)", "a + (b + c)"],
    ["a - b - c", "a - b - c"],
    ["a * (b / c)", "a * (b / c)"],
    ["a + b > c * d", "a + b > c * d"],
    ["-a", "-a"],
    ["-(a + b)", "-(a + b)"],
    ["-a.b", "-a.b"],
    ["-(-a)", "--a"],
    ["!(-a)", "!-a"],
    ["x.f(a, b)", "x.f(a, b)"],
    ["(a + b).f()", "(a + b).f()"],
    ["a[0]", "a[0]"],
    ["(a || b)[0]", "(a || b)[0]"],
    ["(a || b).c", "(a || b).c"],
    ["(-a).b", "(-a).b"],
    ["'it\\'s \\\\'", "'it\\'s \\\\'"],
    ["[1, 'a', true, null]", "[1, 'a', true, null]"],
    ["size(x) > 3", "size(x) > 3"],
    ["!(!a)", "!!a"],
    ["a in [1]", "a in [1]"],
    ["(a == b) == c", "(a == b) == c"],
  ])("%j → %j", (text, expected) => {
    expect(render(parseCel(text))).toBe(expected);
  });
});

describe("readCelCondition: each check as read (claim, operator, values, native) and the unread parts", () => {
  // "other.sub" is no attribute (GCP maps only google.* and attribute.*): other.sub stays unread; an
  // attribute mapped to another attribute (attribute.chain) names no claim.
  const MORE = { ...MAPPING, "attribute.idx": "assertion['x']", "other.sub": "assertion.sub", "attribute.chain": "attribute.repository" };
  const read = (text: string) => {
    const r = readCelCondition(text, MORE);
    // Every check the condition yields is of origin "condition"; another origin would show.
    return [
      r.paths.map((p) =>
        p.map((c) => `${c.claim} ${c.operator} [${c.values.join("|")}] (${c.native})${c.origin === "condition" ? "" : ` origin ${c.origin}`}`),
      ),
      r.unknowns,
    ];
  };
  it.each<[string, string[][], string[]]>([
    ["assertion.sub == 'a' && assertion.ref != 'b'", [["sub equals [a] (assertion.sub == 'a')", "ref negated [b] (assertion.ref != 'b')"]], []],
    // ! is pushed inward: !(a || b) is !a && !b, !(a && b) is !a || !b.
    ["!(assertion.sub == 'a' || assertion.ref == 'b')", [["sub negated [a] (!(assertion.sub == 'a'))", "ref negated [b] (!(assertion.ref == 'b'))"]], []],
    ["!(assertion.sub == 'a' && assertion.ref == 'b')", [["sub negated [a] (!(assertion.sub == 'a'))"], ["ref negated [b] (!(assertion.ref == 'b'))"]], []],
    // c ? t : f is (c && t) || (!c && f).
    [
      "assertion.a == 'x' ? assertion.b == 'y' : assertion.c == 'z'",
      [
        ["a equals [x] (assertion.a == 'x')", "b equals [y] (assertion.b == 'y')"],
        ["a negated [x] (!(assertion.a == 'x'))", "c equals [z] (assertion.c == 'z')"],
      ],
      [],
    ],
    ["!(assertion.sub.startsWith('a*'))", [["sub negated [a${*}*] (!(assertion.sub.startsWith('a*')))"]], []],
    ["assertion.sub.contains('${x}')", [["sub like [*${$}{x}*] (assertion.sub.contains('${x}'))"]], []],
    ["assertion.sub.matches('^repo:(a|b)$')", [["sub like [repo:a|repo:b] (assertion.sub.matches('^repo:(a|b)$'))"]], []],
    ["assertion.sub.matches('(a')", [["sub regex [(a] (assertion.sub.matches('(a'))"]], ["assertion.sub.matches('(a')"]],
    ["attribute.idx == 'v'", [["x equals [v] (attribute.idx == 'v')"]], []],
    ["attribute.missing == 'v'", [["? unread [] (attribute.missing == 'v')"]], ["attribute.missing == 'v'"]],
    ["google.subject == assertion.sub", [["sub constrains-nothing [] (google.subject == assertion.sub)"]], []],
    ["assertion.sub != assertion.ref", [["? unread [] (assertion.sub != assertion.ref)"]], ["assertion.sub != assertion.ref"]],
    ["assertion.sub in ['a', 1]", [["? unread [] (assertion.sub in ['a', 1])"]], ["assertion.sub in ['a', 1]"]],
    ["x.startsWith('a')", [["? unread [] (x.startsWith('a'))"]], ["x.startsWith('a')"]],
    ["assertion.sub.startsWith('a', 'b')", [["? unread [] (assertion.sub.startsWith('a', 'b'))"]], ["assertion.sub.startsWith('a', 'b')"]],
    ["assertion.sub.startsWith(assertion.ref)", [["? unread [] (assertion.sub.startsWith(assertion.ref))"]], ["assertion.sub.startsWith(assertion.ref)"]],
    ["assertion.sub.size('a')", [["? unread [] (assertion.sub.size('a'))"]], ["assertion.sub.size('a')"]],
    ["!size(assertion.sub)", [["? unread [] (!(size(assertion.sub)))"]], ["size(assertion.sub)"]],
    ["other.sub == 'a'", [["? unread [] (other.sub == 'a')"]], ["other.sub == 'a'"]],
    ["assertion.sub.x == 'a'", [["? unread [] (assertion.sub.x == 'a')"]], ["assertion.sub.x == 'a'"]],
    ["assertion[0] == 'a'", [["? unread [] (assertion[0] == 'a')"]], ["assertion[0] == 'a'"]],
    // Only a claim compared with == or != to a string, or in a list of strings, is read; a claim is
    // assertion.<name>, or a google.* / attribute.* name the mapping maps to one.
    ["other.x == other.y", [["? constrains-nothing [] (other.x == other.y)"]], []],
    ["attribute.chain == 'a'", [["? unread [] (attribute.chain == 'a')"]], ["attribute.chain == 'a'"]],
    ["assertion.sub.x == assertion.ref.y", [["? unread [] (assertion.sub.x == assertion.ref.y)"]], ["assertion.sub.x == assertion.ref.y"]],
    ["assertion.a['x'] == assertion.b['y']", [["? unread [] (assertion.a['x'] == assertion.b['y'])"]], ["assertion.a['x'] == assertion.b['y']"]],
    ["assertion.sub > 'b'", [["? unread [] (assertion.sub > 'b')"]], ["assertion.sub > 'b'"]],
    ["assertion.sub == 1", [["? unread [] (assertion.sub == 1)"]], ["assertion.sub == 1"]],
    ["assertion.sub == ['a']", [["? unread [] (assertion.sub == ['a'])"]], ["assertion.sub == ['a']"]],
    ["assertion.sub in ['a', 1]", [["? unread [] (assertion.sub in ['a', 1])"]], ["assertion.sub in ['a', 1]"]],
    ["other.sub in ['a']", [["? unread [] (other.sub in ['a'])"]], ["other.sub in ['a']"]],
    [
      "assertion.sub in assertion.list && assertion.ref == 'b'",
      [["? unread [] (assertion.sub in assertion.list)", "ref equals [b] (assertion.ref == 'b')"]],
      ["assertion.sub in assertion.list"],
    ],
    ["!true", [], []],
    // A literal that is not boolean is no condition GCP accepts: unread, never "true".
    ["'yes'", [["? unread [] ('yes')"]], ["'yes'"]],
    ["1 && assertion.sub == 'a'", [["? unread [] (1)", "sub equals [a] (assertion.sub == 'a')"]], ["1"]],
    ["!false", [["true constrains-nothing [] (true)"]], []],
    ["true && assertion.sub == 'a'", [["true constrains-nothing [] (true)", "sub equals [a] (assertion.sub == 'a')"]], []],
    ["false || assertion.sub == 'a'", [["sub equals [a] (assertion.sub == 'a')"]], []],
    ["assertion.sub ==", [["? unread [] (assertion.sub ==)"]], ["assertion.sub =="]],
  ])("%s", (text, paths, unknowns) => {
    expect(read(text)).toEqual([paths, unknowns]);
  });

  it("lists at most 20 unread parts, then how many more", () => {
    const text = Array.from({ length: 25 }, (_, i) => `size(assertion.s${i}) > 1`).join(" && ");
    expect(readCelCondition(text, MAPPING).unknowns.slice(18)).toEqual([
      "size(assertion.s18) > 1",
      "size(assertion.s19) > 1",
      "... and 5 more unread parts of the condition",
    ]);
  });

  it("refuses text longer than it reads, and nesting deeper than it parses, naming why", () => {
    const long = readCelCondition("a".repeat(MAX_CONDITION_LENGTH + 1), MAPPING);
    expect(long.unknowns).toEqual([
      `${"a".repeat(240)}... (${MAX_CONDITION_LENGTH + 1} characters; GCP accepts at most 4096, the reader reads at most ${MAX_CONDITION_LENGTH})`,
    ]);
    expect(long.paths).toEqual([[{ claim: "?", operator: "unread", values: [], native: long.unknowns[0], origin: "condition" }]]);
    const deep = readCelCondition(`${"(".repeat(201)}a${")".repeat(201)}`, MAPPING);
    expect(deep.unknowns).toEqual([`${"(".repeat(201)}a${")".repeat(38)}... (nested deeper than 200 levels at offset 200)`]);
  });

  it.each<[string, string, string[][], string[]]>([
    // Each bound on both sides: the longest text read, the most unread parts listed, the longest text shown whole.
    ["the longest text it reads", `assertion.sub == '${"a".repeat(MAX_CONDITION_LENGTH - 19)}'`, [[`sub equals ${"a".repeat(MAX_CONDITION_LENGTH - 19)}`]], []],
    [
      "20 unread parts: every one listed",
      Array.from({ length: 20 }, (_, i) => `size(assertion.s${i}) > 1`).join(" && "),
      [Array.from({ length: 20 }, () => "? unread ")],
      Array.from({ length: 20 }, (_, i) => `size(assertion.s${i}) > 1`),
    ],
    ["an unparsable text of 240 characters, shown whole", `${"a".repeat(239)})`, [["? unread "]], [`${"a".repeat(239)})`]],
    ["one of 241 characters, clipped", `${"a".repeat(240)})`, [["? unread "]], [`${"a".repeat(240)}...`]],
  ])("bounds: %s", (_name, text, expectedPaths, unknowns) => {
    expect(paths(text)).toEqual(expectedPaths);
    expect(readCelCondition(text, MAPPING).unknowns).toEqual(unknowns);
  });

  it("stops after 200,000 reading steps (a ternary reads its test twice, so nested ones double): the condition is unread, naming why", () => {
    let text = "assertion.sub == 'a'";
    for (let i = 0; i < 15; i++) text = `(${text} ? assertion.x == 'b' : assertion.y == 'c')`;
    const note = `${text.slice(0, 240)}... (more than 200000 reading steps)`;
    expect(readCelCondition(text, MAPPING)).toEqual({
      paths: [[{ claim: "?", operator: "unread", values: [], native: note, origin: "condition" }]],
      unknowns: [note],
    });
  });
});

describe("readCelCondition: at most 64 alternatives, past it one wider path and a note (never a dropped conjunct)", () => {
  /** `(assertion.<claim> == '<claim>0' || ...)` with `n` alternatives. */
  const alternatives = (claim: string, n: number, op = "||") =>
    `(${Array.from({ length: n }, (_, i) => `assertion.${claim} == '${claim}${i}'`).join(` ${op} `)})`;
  const values = (claim: string, n: number) => Array.from({ length: n }, (_, i) => `${claim}${i}`);
  const note = (text: string, neg = false) =>
    `${neg ? "!(" : ""}${text.length > 240 ? `${text.slice(0, 240)}...` : text}${neg ? ")" : ""} (more than 64 alternatives: read as the union of their values)`;
  const wide = (text: string) => text.slice(1, -1);

  it.each<[string, string, string[][], string[]]>([
    ["64 alternatives: each its own path", alternatives("sub", 64), values("sub", 64).map((v) => [`sub equals ${v}`]), []],
    [
      "65: one path, the union and the note",
      alternatives("sub", 65),
      [[`sub like ${values("sub", 65).join("|")}`, "? unread "]],
      [note(wide(alternatives("sub", 65)))],
    ],
    [
      "65 negated: no claim every alternative checks positively, so the note alone",
      `!${alternatives("sub", 65, "&&")}`,
      [["? unread "]],
      [note(wide(alternatives("sub", 65, "&&")), true)],
    ],
    [
      "8 x 8 conjoined alternatives: 64 paths",
      `${alternatives("sub", 8)} && ${alternatives("ref", 8)}`,
      values("sub", 8).flatMap((s) => values("ref", 8).map((r) => [`sub equals ${s}`, `ref equals ${r}`])),
      [],
    ],
    [
      "9 x 9: the later side (as many paths) becomes one",
      `${alternatives("sub", 9)} && ${alternatives("ref", 9)}`,
      values("sub", 9).map((s) => [`sub equals ${s}`, `ref like ${values("ref", 9).join("|")}`, "? unread "]),
      [note(`${alternatives("sub", 9)} && ${alternatives("ref", 9)}`)],
    ],
    [
      "9 x 9 x 9: each step stays within 64 paths",
      `${alternatives("sub", 9)} && ${alternatives("ref", 9)} && ${alternatives("actor", 9)}`,
      values("sub", 9).map((s) => [`sub equals ${s}`, `ref like ${values("ref", 9).join("|")}`, `actor like ${values("actor", 9).join("|")}`, "? unread "]),
      [note(`${alternatives("sub", 9)} && ${alternatives("ref", 9)} && ${alternatives("actor", 9)}`)],
    ],
    [
      "13 x 5: the side with more paths (the earlier one) becomes one",
      `${alternatives("sub", 13)} && ${alternatives("ref", 5)}`,
      values("ref", 5).map((r) => [`sub like ${values("sub", 13).join("|")}`, `ref equals ${r}`, "? unread "]),
      [note(`${alternatives("sub", 13)} && ${alternatives("ref", 5)}`)],
    ],
  ])("%s", (_name, text, expected, unknowns) => {
    expect(paths(text)).toEqual(expected);
    expect(readCelCondition(text, MAPPING).unknowns).toEqual(unknowns);
  });
});

describe("mergePaths: one path every alternative implies", () => {
  const c = (claim: string, operator: "equals" | "like" | "negated", ...values: string[]) => ({ claim, operator, values, native: "n" });
  it.each<[string, Parameters<typeof mergePaths>[0], ReturnType<typeof mergePaths>]>([
    ["none", [], []],
    ["one path, as it is", [[c("a", "equals", "x*")]], [c("a", "equals", "x*")]],
    [
      // Exact values become escaped globs; the first check of a claim in a path is kept; claims not
      // checked positively on every path (b, c, ?) are dropped.
      "two paths",
      [
        [c("a", "equals", "x*"), c("b", "like", "y"), c("a", "like", "z")],
        [c("a", "like", "w*"), c("?", "equals", "q"), c("c", "negated", "q")],
      ],
      [{ claim: "a", operator: "like", values: ["x${*}", "w*"], native: "a (union of 2 alternatives)", origin: "condition" }],
    ],
    // Only positive checks of a named claim merge: never an unnamed one (?), a negated or an unread one.
    ["the unnamed claim on every path", [[c("?", "equals", "q")], [c("?", "like", "r")]], []],
    ["negated checks on every path", [[c("a", "negated", "x")], [c("a", "negated", "y")]], []],
    [
      "the same value twice",
      [[c("a", "like", "x")], [c("a", "like", "x")]],
      [{ claim: "a", operator: "like", values: ["x"], native: "a (union of 2 alternatives)", origin: "condition" }],
    ],
  ])("%s", (_name, paths, expected) => {
    expect(mergePaths(paths)).toEqual(expected);
  });
});
