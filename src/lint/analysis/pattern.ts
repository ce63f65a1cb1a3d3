/**
 * A claim value as a sequence of tokens: literal characters, glob wildcards and unresolved parts.
 * `${...}` is unresolved (a variable or token) except AWS's escapes `${*}`, `${?}`, `${$}`, which are
 * the literal characters.
 */
export type PatternToken =
  { readonly t: "lit"; readonly c: string } | { readonly t: "star" } | { readonly t: "one" } | { readonly t: "unknown"; readonly expr: string };

const AWS_ESCAPES: Readonly<Record<string, string>> = { "${*}": "*", "${?}": "?", "${$}": "$" };

/** Tokenizes a value; `glob` decides whether `*` and `?` are wildcards (StringLike) or literals (StringEquals). */
export function tokenize(value: string, glob: boolean): PatternToken[] {
  const out: PatternToken[] = [];
  let i = 0;
  while (i < value.length) {
    const ch = value[i];
    if (ch === "$" && value[i + 1] === "{") {
      const escape = AWS_ESCAPES[value.slice(i, i + 4)];
      if (escape !== undefined) {
        out.push({ t: "lit", c: escape });
        i += 4;
        continue;
      }
      const end = closingBrace(value, i + 2);
      if (end !== undefined) {
        out.push({ t: "unknown", expr: value.slice(i, end + 1) });
        i = end + 1;
        continue;
      }
    }
    if (glob && ch === "*") out.push({ t: "star" });
    else if (glob && ch === "?") out.push({ t: "one" });
    else out.push({ t: "lit", c: ch });
    i++;
  }
  return out;
}

/** The index of the `}` that closes a `${` whose body starts at `from`; undefined when none does. */
function closingBrace(value: string, from: number): number | undefined {
  let depth = 1;
  for (let i = from; i < value.length; i++) {
    if (value[i] === "{") depth++;
    else if (value[i] === "}" && --depth === 0) return i;
  }
  return undefined;
}

/** The unresolved `${...}` parts of a value. */
export function unknownParts(value: string): string[] {
  if (!value.includes("${")) return []; // no part can be unresolved: skip tokenizing
  return tokenize(value, false).flatMap((t) => (t.t === "unknown" ? [t.expr] : []));
}

/** True when the tokens hold a wildcard. */
export function hasWildcard(tokens: readonly PatternToken[]): boolean {
  return tokens.some((t) => t.t === "star" || t.t === "one");
}

/** The literal text before the first wildcard or unknown part. */
export function literalPrefix(tokens: readonly PatternToken[]): string {
  let s = "";
  for (const t of tokens) {
    if (t.t !== "lit") break;
    s += t.c;
  }
  return s;
}

/** The literal text after the last star (unknown parts count as opaque text `\u0000`). */
export function literalTail(tokens: readonly PatternToken[]): string {
  let s = "";
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i];
    if (t.t === "star" || t.t === "one") break;
    s = (t.t === "lit" ? t.c : "\u0000") + s;
  }
  return s;
}

/** Text of the tokens, wildcards shown as `*` / `?`. */
export function tokensText(tokens: readonly PatternToken[]): string {
  return tokens.map((t) => (t.t === "lit" ? t.c : t.t === "star" ? "*" : t.t === "one" ? "?" : t.expr)).join("");
}
