/**
 * The one glob/regex module of the library: matching (`matchesGlob`, used by `Subject.like` /
 * `Claim.like`, `Trust.accepts` and the lint's IAM action matching), the translation of a glob to
 * RE2 for GCP conditions (`globToRe2`), and the reading of a CEL `matches()` regex as globs for the
 * lint (`regexToGlobs`). Semantics are AWS
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

/** The RE2 metacharacters outside a character class; each is escaped with a backslash in literal parts. */
const RE2_META = /[\\.+*?()|[\]{}^$]/;

/**
 * The anchored RE2 regular expression equivalent to a glob (`*` any run of characters, `?` one
 * character, everything else literal). `(?s)` lets `.` match a newline too, as the glob's "any
 * character" does; `^` and `$` anchor at the ends of the text (RE2's `$` never matches before a
 * final newline without `(?m)`), because CEL `matches()` is an unanchored search.
 *
 * @example
 * globToRe2("repo:octo/app:ref:refs/heads/release-*"); // ^(?s)repo:octo/app:ref:refs/heads/release-.*$
 * globToRe2("v1.?");                                     // ^(?s)v1\..$
 */
export function globToRe2(pattern: string): string {
  let body = "";
  for (const ch of pattern) {
    if (ch === "*") body += ".*";
    else if (ch === "?") body += ".";
    else if (RE2_META.test(ch)) body += `\\${ch}`;
    else body += ch;
  }
  return `^(?s)${body}$`;
}

/** What a CEL `matches()` regex means as globs, and how it is anchored. */
export interface RegexReading {
  /** Equivalent-or-wider glob patterns (`*`, `?`; literal `*`/`?` as `${*}`/`${?}`); undefined when unreadable. */
  readonly globs?: readonly string[];
  readonly anchoredStart: boolean;
  readonly anchoredEnd: boolean;
  /** `^a|b$`: anchors bind to the first and last alternative only. */
  readonly oneSidedAlternation: boolean;
}

const MAX_ALTERNATIVES = 32;
const MAX_REGEX_LENGTH = 4096;

/**
 * Reads an RE2 regex as used by CEL `matches()` (a search: unanchored unless `^`/`$`). Character
 * classes and `\d`, `\w` become `?` (or `*` when repeated): the globs are never narrower than the regex.
 *
 * @example
 * regexToGlobs("^repo:octo/app:ref:refs/heads/(main|release)$").globs; // ["repo:octo/app:ref:refs/heads/main", "repo:octo/app:ref:refs/heads/release"]
 */
export function regexToGlobs(source: string): RegexReading {
  // Longer than a whole GCP condition (4096 characters): not read (the caller reports it unread).
  if (source.length > MAX_REGEX_LENGTH) return { anchoredStart: source.startsWith("^"), anchoredEnd: source.endsWith("$"), oneSidedAlternation: false };
  // A leading `(?s)` only lets `.` match a newline too, which the globs' `?` and `*` already do.
  const alts = splitTopLevel(source).map((a) => a.replace(/^(\^?)\(\?s\)/, "$1"));
  const starts = alts.map((a) => a.startsWith("^"));
  const ends = alts.map((a) => a.endsWith("$") && !a.endsWith("\\$"));
  const anchoredStart = starts.every(Boolean);
  const anchoredEnd = ends.every(Boolean);
  const oneSidedAlternation = alts.length > 1 && (starts.some(Boolean) || ends.some(Boolean)) && !(anchoredStart && anchoredEnd);
  const globs: string[] = [];
  for (let n = 0; n < alts.length; n++) {
    let body = alts[n];
    if (starts[n]) body = body.slice(1);
    if (ends[n]) body = body.slice(0, -1);
    const read = readSequence(body);
    if (read === undefined) return { anchoredStart, anchoredEnd, oneSidedAlternation };
    for (const g of read) globs.push((starts[n] ? "" : "*") + g + (ends[n] ? "" : "*"));
    if (globs.length > MAX_ALTERNATIVES) return { anchoredStart, anchoredEnd, oneSidedAlternation };
  }
  return { globs, anchoredStart, anchoredEnd, oneSidedAlternation };
}

/** Splits at `|` outside groups and classes. */
function splitTopLevel(src: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let cur = "";
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === "\\") {
      cur += c + (src[i + 1] ?? "");
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
    } else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) {
      out.push(cur);
      cur = "";
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out;
}

const GLOB_LITERAL: Readonly<Record<string, string>> = { "*": "${*}", "?": "${?}", $: "${$}" };

/** The globs of a sequence of atoms (no top-level `|`), or undefined when unreadable. */
function readSequence(src: string): string[] | undefined {
  let results = [""];
  let i = 0;
  while (i < src.length) {
    let atom: string[] | undefined;
    let wildcard = false;
    const c = src[i];
    if (c === "\\") {
      const e = src[i + 1];
      if (e === undefined) return undefined;
      if ("dDwWsS".includes(e)) {
        atom = ["?"];
        wildcard = true;
      } else if (/[A-Za-z0-9]/.test(e)) return undefined;
      else atom = [GLOB_LITERAL[e] ?? e];
      i += 2;
    } else if (c === ".") {
      atom = ["?"];
      wildcard = true;
      i++;
    } else if (c === "[") {
      const end = src.indexOf("]", src[i + 1] === "]" || src[i + 1] === "^" ? i + 2 : i + 1);
      if (end < 0) return undefined;
      atom = ["?"];
      wildcard = true;
      i = end + 1;
    } else if (c === "(") {
      let depth = 1;
      let j = i + 1;
      for (; j < src.length && depth > 0; j++) {
        if (src[j] === "\\") j++;
        else if (src[j] === "(") depth++;
        else if (src[j] === ")") depth--;
      }
      if (depth > 0) return undefined;
      let inner = src.slice(i + 1, j - 1);
      if (inner.startsWith("?:")) inner = inner.slice(2);
      else if (inner.startsWith("?")) return undefined;
      const parts: string[] = [];
      for (const alt of splitTopLevel(inner)) {
        const r = readSequence(alt);
        if (r === undefined) return undefined;
        parts.push(...r);
      }
      atom = parts;
      i = j;
    } else if ("^$|)*+?{".includes(c)) return undefined;
    else {
      atom = [GLOB_LITERAL[c] ?? c];
      i++;
    }
    const q = src[i];
    if (q === "*" || q === "+" || q === "{") {
      if (q === "{") {
        const end = src.indexOf("}", i);
        if (end < 0) return undefined;
        i = end + 1;
      } else i++;
      if (src[i] === "?") i++;
      atom = [q === "+" && !wildcard && atom.length === 1 ? atom[0] + "*" : "*"];
    } else if (q === "?") {
      i++;
      atom = [...atom, ""];
    }
    const next: string[] = [];
    for (const r of results) for (const a of atom) next.push(r + a);
    if (next.length > MAX_ALTERNATIVES) return undefined;
    results = next;
  }
  return results.map((g) => g.replace(/\*(\?|\*)+|\?\*/g, "*"));
}
