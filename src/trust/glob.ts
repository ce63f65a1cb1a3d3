/**
 * The one glob implementation of the library: `Subject.like` / `Claim.like`, `Trust.accepts`, the lint's
 * IAM action matching and the Terraform readers all match through `matchesGlob`. Semantics are AWS
 * `StringLike`: `*` matches any run of characters (including none, and including `/` and `:`), `?`
 * matches exactly one character, everything else is literal and case-sensitive.
 *
 * Matching is a single pass over the pattern with one boolean row over the value (O(pattern × value)
 * time, O(value) memory): no backtracking, so `"*a".repeat(12) + "*b"` or `"*?".repeat(14) + "X"`
 * cost what their length costs, never an exponential search.
 *
 * What "one character" is for `?` differs between the clouds for characters outside the Basic
 * Multilingual Plane (`😀` is two UTF-16 code units, one code point):
 * - `"code-unit"`: AWS IAM (the IAM policy simulator agrees: `prod-??` matches `prod-😀`, `prod-?`
 *   does not);
 * - `"code-point"`: GCP, whose CEL `matches()` is RE2 over code points (`.` matches `😀`);
 * - `"either"` (the default): `?` matches one code unit or one whole code point, so the answer is never
 *   narrower than any cloud's. Used when no cloud is named (and for Azure).
 */
export type GlobCharacter = "code-unit" | "code-point" | "either";

export interface GlobOptions {
  /** What `?` consumes. @default "either" */
  readonly character?: GlobCharacter;
  /** Compare literals case-insensitively (IAM action names). @default false */
  readonly ignoreCase?: boolean;
}

/** True when the pattern holds a wildcard. */
export function hasGlobWildcard(pattern: string): boolean {
  return pattern.includes("*") || pattern.includes("?");
}

/**
 * An anchored JavaScript regular expression equivalent to the glob (`?` as one code point). For
 * display and interop only: the library matches with `matchesGlob`, which cannot backtrack.
 */
export function globToRegExp(pattern: string): RegExp {
  let source = "^";
  for (const ch of pattern) {
    if (ch === "*") source += "[\\s\\S]*";
    else if (ch === "?") source += "[\\s\\S]";
    else source += ch.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
  }
  return new RegExp(source + "$", "u");
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** True when `value` matches the glob `pattern` as a whole. */
export function matchesGlob(pattern: string, value: string, options: GlobOptions = {}): boolean {
  const character = options.character ?? "either";
  let p = pattern;
  let v = value;
  if (options.ignoreCase) {
    p = p.toLowerCase();
    v = v.toLowerCase();
  }
  if (!hasGlobWildcard(p)) return p === v;
  const n = v.length;
  // pairEnd[j]: value[j-2..j) is one surrogate pair (a character outside the BMP).
  const pairEnd = new Uint8Array(n + 1);
  for (let j = 2; j <= n; j++) if (isHigh(v.charCodeAt(j - 2)) && isLow(v.charCodeAt(j - 1))) pairEnd[j] = 1;
  let row = new Uint8Array(n + 1);
  row[0] = 1;
  let next = new Uint8Array(n + 1);
  for (let i = 0; i < p.length; i++) {
    const pc = p.charCodeAt(i);
    next.fill(0);
    if (pc === 42 /* * */) {
      let any = 0;
      for (let j = 0; j <= n; j++) {
        any |= row[j];
        next[j] = any;
      }
      // `**` is `*`: skip the run.
      while (p.charCodeAt(i + 1) === 42) i++;
    } else if (pc === 63 /* ? */) {
      for (let j = 1; j <= n; j++) {
        const unit = row[j - 1] === 1;
        const pair = pairEnd[j] === 1 && row[j - 2] === 1;
        if (character === "code-unit") next[j] = unit ? 1 : 0;
        else if (character === "code-point") {
          // One code point: a whole pair, or a unit that is neither half of a pair.
          const midPair = pairEnd[j + 1] === 1 || pairEnd[j] === 1;
          next[j] = pair || (unit && !midPair) ? 1 : 0;
        } else next[j] = unit || pair ? 1 : 0;
      }
    } else {
      for (let j = 1; j <= n; j++) next[j] = row[j - 1] === 1 && v.charCodeAt(j - 1) === pc ? 1 : 0;
    }
    const t = row;
    row = next;
    next = t;
  }
  return row[n] === 1;
}
