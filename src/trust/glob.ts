/**
 * Glob semantics shared by `Subject.like` / `Claim.like` and by every compiler: `*` matches any run
 * of characters (including none, and including `/` and `:`), `?` matches exactly one character,
 * everything else is literal and case-sensitive. These are AWS `StringLike` semantics.
 */
export function hasGlobWildcard(pattern: string): boolean {
  return pattern.includes("*") || pattern.includes("?");
}

/** An anchored JavaScript regular expression equivalent to the glob. */
export function globToRegExp(pattern: string): RegExp {
  let source = "^";
  for (const ch of pattern) {
    if (ch === "*") source += "[\\s\\S]*";
    else if (ch === "?") source += "[\\s\\S]";
    else source += ch.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
  }
  return new RegExp(source + "$", "u");
}

const cache = new Map<string, RegExp>();

/** True when `value` matches the glob `pattern` as a whole. */
export function matchesGlob(pattern: string, value: string): boolean {
  let re = cache.get(pattern);
  if (!re) {
    re = globToRegExp(pattern);
    if (cache.size > 10_000) cache.clear();
    cache.set(pattern, re);
  }
  return re.test(value);
}
