import { celString, claimAccess, globToRe2 } from "../../../src/compile/gcp";
import { celProgram } from "../../oracle/gcp-oracle";

describe("celString", () => {
  test.each([
    ["plain", "'plain'"],
    ["it's", "'it\\'s'"],
    ["back\\slash", "'back\\\\slash'"],
    ['say "hi"', "'say \"hi\"'"],
    ["line\nbreak\ttab\rcr", "'line\\nbreak\\ttab\\rcr'"],
    ["bell\u0007", "'bell\\u0007'"],
    ["ünïcødé 😀", "'ünïcødé 😀'"],
  ])("%j → %s", (value, literal) => {
    expect(celString(value)).toBe(literal);
  });

  test.each(["it's", "a\\'b", "\\", "'", "x' || true || '", "\n\r\t\u0000\u007f", "😀\\'"])("round-trips %j through the CEL engine", (value) => {
    expect(celProgram(celString(value))({})).toBe(value);
  });
});

describe("claimAccess", () => {
  test.each([
    ["repository_owner_id", "assertion.repository_owner_id"],
    ["sub", "assertion.sub"],
    ["namespace", "assertion['namespace']"],
    ["in", "assertion['in']"],
    ["kubernetes.io/namespace", "assertion['kubernetes.io/namespace']"],
    ["oidc.circleci.com/project-id", "assertion['oidc.circleci.com/project-id']"],
    ["9lives", "assertion['9lives']"],
  ])("%s → %s", (name, access) => {
    expect(claimAccess(name)).toBe(access);
  });

  test("reads the claim in the CEL engine", () => {
    const assertion = new Map<string, unknown>([
      ["namespace", "ns"],
      ["kubernetes.io/namespace", "k"],
      ["a_b", "c"],
    ]);
    expect(celProgram(claimAccess("namespace"))({ assertion })).toBe("ns");
    expect(celProgram(claimAccess("kubernetes.io/namespace"))({ assertion })).toBe("k");
    expect(celProgram(claimAccess("a_b"))({ assertion })).toBe("c");
  });
});

describe("globToRe2", () => {
  test.each([
    ["repo:octo/app:*", "^(?s)repo:octo/app:.*$"],
    ["v1.?", "^(?s)v1\\..$"],
    ["a+b(c)|d[e]{f}^g$h\\i", "^(?s)a\\+b\\(c\\)\\|d\\[e\\]\\{f\\}\\^g\\$h\\\\i$"],
    ["x'y*", "^(?s)x'y.*$"],
  ])("%j → %s", (glob, re) => {
    expect(globToRe2(glob)).toBe(re);
  });

  test.each([
    ["a.c", "a.c", true],
    ["a.c", "abc", false],
    ["a+", "a+", true],
    ["a+", "aa", false],
    ["(x)", "(x)", true],
    ["(x)", "x", false],
    ["a|b", "a|b", true],
    ["a|b", "a", false],
    ["[ab]", "[ab]", true],
    ["[ab]", "a", false],
    ["x{2}", "x{2}", true],
    ["x{2}", "xx", false],
    ["^a$", "^a$", true],
    ["^a$", "a", false],
    ["a\\d", "a\\d", true],
    ["a\\d", "a1", false],
    ["pre*", "pre\nline", true],
    ["pre?", "pre\n", true],
    ["pre?", "pre😀", true],
    ["pre?", "pre", false],
    ["exact", "exact\n", false],
    ["exact", "xexact", false],
    ["exact", "exactx", false],
  ])("glob %j on %j → %s (RE2 via CEL matches)", (glob, value, expected) => {
    expect(celProgram(`v.matches(${celString(globToRe2(glob))})`)({ v: value })).toBe(expected);
  });
});
