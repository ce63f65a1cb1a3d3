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

/**
 * Reads an RE2 regex as used by CEL `matches()` (a search: unanchored unless `^`/`$`). Character
 * classes and `\d`, `\w` become `?` (or `*` when repeated): the globs are never narrower than the regex.
 *
 * @example
 * regexToGlobs("^repo:octo/app:ref:refs/heads/(main|release)$").globs; // ["repo:octo/app:ref:refs/heads/main", "repo:octo/app:ref:refs/heads/release"]
 */
export function regexToGlobs(source: string): RegexReading {
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
