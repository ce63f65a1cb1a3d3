import fc from "fast-check";
import { matchesGlob } from "../../src/trust/glob";

/** Reference glob matcher by dynamic programming (independent of the RegExp translation). */
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

  test("matchesGlob agrees with an independent reference matcher", () => {
    fc.assert(
      fc.property(text, text, (pattern, value) => {
        expect(matchesGlob(pattern, value)).toBe(referenceGlob(pattern, value));
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
