import fc from "fast-check";
import { GlobCharacter, matchesGlob } from "../../src/trust/glob";
import { Issuer } from "../../src/trust/issuer";
import { Subject } from "../../src/trust/subject";
import { Trust } from "../../src/trust/trust";

/** Reference glob matcher by dynamic programming over code points (independent of the RegExp translation). */
function referenceGlob(pattern: string, value: string): boolean {
  const p = [...pattern];
  const v = [...value];
  let row = new Array<boolean>(v.length + 1).fill(false);
  row[0] = true;
  for (const pc of p) {
    const next = new Array<boolean>(v.length + 1).fill(false);
    if (pc === "*") {
      next[0] = row[0];
      for (let j = 1; j <= v.length; j++) next[j] = next[j - 1] || row[j];
    } else {
      for (let j = 1; j <= v.length; j++) next[j] = row[j - 1] && (pc === "?" || pc === v[j - 1]);
    }
    row = next;
  }
  return row[v.length];
}

describe("glob semantics (AWS StringLike: * any run incl. / and :, ? one character)", () => {
  const alphabet = fc.constantFrom("a", "b", "/", ":", ".", "*", "?", "$", "(", "\\", "\n", "é", "😀");
  const text = fc.array(alphabet, { maxLength: 8 }).map((cs) => cs.join(""));

  test("matchesGlob (? as one code point) agrees with an independent reference matcher", () => {
    fc.assert(
      fc.property(text, text, (pattern, value) => {
        expect(matchesGlob(pattern, value, { character: "code-point" })).toBe(referenceGlob(pattern, value));
      }),
      { numRuns: 3000 },
    );
  });

  test.each([
    ["repo:octo*", "repo:octo-evil/app:ref:refs/heads/main", true],
    ["repo:octo/*", "repo:octo/app:environment:prod", true],
    ["a?c", "a\nc", true],
    ["a*c", "a\n\nc", true],
    ["a.c", "abc", false],
  ])("%j matches %j: %s", (pattern, value, expected) => {
    expect(matchesGlob(pattern, value)).toBe(expected);
  });
});

/**
 * Reference for `?` per reading (issue 9, defect 14), by recursion over UTF-16 code units: a `?`
 * consumes one code unit (`code-unit`), one code point (`code-point`), or either (`either`).
 */
function referenceByUnits(pattern: string, value: string, character: GlobCharacter): boolean {
  const memo = new Map<string, boolean>();
  const pair = (j: number) => j + 1 < value.length && /[\ud800-\udbff]/.test(value[j]) && /[\udc00-\udfff]/.test(value[j + 1]);
  const go = (i: number, j: number): boolean => {
    const key = `${i},${j}`;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let r: boolean;
    if (i === pattern.length) r = j === value.length;
    else if (pattern[i] === "*") r = go(i + 1, j) || (j < value.length && go(i, j + 1));
    else if (pattern[i] === "?") {
      const unit = j < value.length && go(i + 1, j + 1);
      const point = pair(j) ? go(i + 1, j + 2) : j < value.length && go(i + 1, j + 1);
      r = character === "code-unit" ? unit : character === "code-point" ? point : unit || point;
    } else r = j < value.length && pattern[i] === value[j] && go(i + 1, j + 1);
    memo.set(key, r);
    return r;
  };
  return go(0, 0);
}

describe("? outside the Basic Multilingual Plane (defect 14)", () => {
  const alphabet = fc.constantFrom("a", "x", "*", "?", "😀", "é");
  const text = fc.array(alphabet, { maxLength: 7 }).map((cs) => cs.join(""));

  test.each<GlobCharacter>(["code-unit", "code-point", "either"])("matchesGlob(%s) agrees with the reference", (character) => {
    fc.assert(
      fc.property(text, text, (pattern, value) => {
        expect(matchesGlob(pattern, value, { character })).toBe(referenceByUnits(pattern, value, character));
      }),
      { numRuns: 2000 },
    );
  });

  test.each<[string, string, GlobCharacter, boolean]>([
    ["prod-??", "prod-😀", "code-unit", true],
    ["prod-?", "prod-😀", "code-unit", false],
    ["prod-??", "prod-😀", "code-point", false],
    ["prod-?", "prod-😀", "code-point", true],
    ["prod-??", "prod-😀", "either", true],
    ["prod-?", "prod-😀", "either", true],
    ["??x?", "😀x😀", "either", true],
    ["??x?", "😀x😀", "code-unit", false],
    ["??x?", "😀x😀", "code-point", false],
  ])("%j vs %j reading ? as %s: %s", (pattern, value, character, expected) => {
    expect(matchesGlob(pattern, value, { character })).toBe(expected);
  });

  test.each<[string, string, boolean]>([
    ["prod-??", "prod-😀", true],
    ["prod-?", "prod-😀", false],
  ])("Trust.accepts(claims, 'aws') reads %j as IAM does against %j: %s", (pattern, value, expected) => {
    const trust = new Trust({ issuer: Issuer.githubActions(), subject: Subject.like(`repo:octo/app:environment:${pattern}`) });
    expect(
      trust.accepts({ iss: "https://token.actions.githubusercontent.com", sub: `repo:octo/app:environment:${value}`, aud: "sts.amazonaws.com" }, "aws"),
    ).toBe(expected);
  });

  test.each<[string, string, boolean]>([
    ["prod-??", "prod-😀", false],
    ["prod-?", "prod-😀", true],
  ])("Trust.accepts(claims, 'gcp') reads %j as RE2 does against %j: %s", (pattern, value, expected) => {
    const trust = new Trust({ issuer: Issuer.githubActions(), subject: Subject.like(`repo:octo/app:environment:${pattern}`) });
    expect(trust.accepts({ iss: "https://token.actions.githubusercontent.com", sub: `repo:octo/app:environment:${value}` }, "gcp")).toBe(expected);
  });
});

describe("linear-time matching (defect 13)", () => {
  test.each<[string, string, boolean]>([
    ["repo:o/a:environment:" + "*a".repeat(12) + "*b", "repo:o/a:environment:" + "a".repeat(40), false],
    ["*?".repeat(14) + "X", "sts:AssumeRoleWithWebIdentity", false],
    ["*a".repeat(200) + "*b", "a".repeat(2000), false],
    ["*a".repeat(200) + "*b", "a".repeat(2000) + "b", true],
  ])("%j against %j is decided at once: %s", (pattern, value, expected) => {
    const start = Date.now();
    expect(matchesGlob(pattern, value)).toBe(expected);
    expect(Date.now() - start).toBeLessThan(500);
  });

  test("Trust.accepts on the issue's pattern returns at once", () => {
    const trust = new Trust({ issuer: Issuer.githubActions(), subject: Subject.like("repo:o/a:environment:" + "*a".repeat(12) + "*b") });
    const start = Date.now();
    expect(trust.accepts({ iss: "https://token.actions.githubusercontent.com", sub: "repo:o/a:environment:" + "a".repeat(40), aud: "sts.amazonaws.com" })).toBe(
      false,
    );
    expect(Date.now() - start).toBeLessThan(500);
  });
});
