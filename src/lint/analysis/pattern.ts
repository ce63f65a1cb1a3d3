/**
 * A claim value as a sequence of tokens: literal characters, glob wildcards and unresolved parts.
 * `${...}` is unresolved (a variable or token) except AWS's escapes `${*}`, `${?}`, `${$}`, which are
 * the literal characters.
 */
export type PatternToken =
  { readonly t: "lit"; readonly c: string } | { readonly t: "star" } | { readonly t: "one" } | { readonly t: "unknown"; readonly expr: string };

const AWS_ESCAPES: Readonly<Record<string, string>> = { "${*}": "*", "${?}": "?", "${$}": "$" };

/** A piece of a value as written: literal text, an AWS escape (`${*}`), or an unresolved `${...}` part. */
export interface TemplatePart {
  readonly kind: "text" | "escape" | "unknown";
  /** The piece as written. */
  readonly text: string;
}

/**
 * The value split into literal text, AWS escapes and unresolved `${...}` parts. An unresolved part
 * ends at the `}` that closes it: braces inside its quoted strings (`${lookup(var.m, "}")}`, with
 * HCL's `\\"`, `$${` and `%%{` escapes) and nested templates (`${"a${var.x}"}`) are skipped. When
 * quotes do not balance (`${"}`), the part ends at the brace that balances its braces, as when
 * quotes are not read; a `${` that nothing closes either way is literal text. Linear time: past a
 * budget of steps, only braces are counted (`braceMatches`), never quotes again.
 */
export function templateParts(value: string): TemplatePart[] {
  const out: TemplatePart[] = [];
  const budget = { steps: 8 * value.length + 100_000 };
  let matches: Int32Array | undefined; // computed on first need
  let textFrom = 0; // where the literal text not yet pushed starts
  let at = value.indexOf("${");
  while (at >= 0) {
    const escape = AWS_ESCAPES[value.slice(at, at + 4)] !== undefined;
    let end = escape ? at + 3 : closingBrace(value, at + 2, budget);
    if (end === undefined) {
      matches ??= braceMatches(value);
      end = matches[at + 1] >= 0 ? matches[at + 1] : undefined;
    }
    if (end === undefined) {
      at = value.indexOf("${", at + 1); // nothing closes it: literal text
      continue;
    }
    if (at > textFrom) out.push({ kind: "text", text: value.slice(textFrom, at) });
    out.push({ kind: escape ? "escape" : "unknown", text: value.slice(at, end + 1) });
    textFrom = end + 1;
    at = value.indexOf("${", textFrom);
  }
  if (textFrom < value.length) out.push({ kind: "text", text: value.slice(textFrom) });
  return out;
}

/** For each `{`, the index of the `}` that balances it (quotes not read), or -1; one pass. */
function braceMatches(value: string): Int32Array {
  const out = new Int32Array(value.length).fill(-1);
  const open: number[] = [];
  for (let i = 0; i < value.length; i++) {
    if (value[i] === "{") open.push(i);
    else if (value[i] === "}" && open.length > 0) out[open.pop() as number] = i;
  }
  return out;
}

/** Tokenizes a value; `glob` decides whether `*` and `?` are wildcards (StringLike) or literals (StringEquals). */
export function tokenize(value: string, glob: boolean): PatternToken[] {
  const out: PatternToken[] = [];
  for (const part of templateParts(value)) {
    if (part.kind === "unknown") out.push({ t: "unknown", expr: part.text });
    else if (part.kind === "escape") out.push({ t: "lit", c: AWS_ESCAPES[part.text] });
    else
      for (let i = 0; i < part.text.length; i++) {
        // One token per UTF-16 code unit, as IAM reads `?` (the glob module decides per cloud).
        const ch = part.text[i];
        if (glob && ch === "*") out.push({ t: "star" });
        else if (glob && ch === "?") out.push({ t: "one" });
        else out.push({ t: "lit", c: ch });
      }
  }
  return out;
}

/**
 * The index of the `}` that closes a `${` whose body starts at `from`, reading quoted strings;
 * undefined when none does or the budget runs out. Inside a string, `\\` escapes the next
 * character, `$${` and `%%{` are literal, and a template (`${...}`, `%{...}`) is a body again.
 */
function closingBrace(value: string, from: number, budget: { steps: number }): number | undefined {
  // One entry per open body (the count of its open braces) or quoted string ("string").
  const open: (number | "string")[] = [1];
  for (let i = from; i < value.length; i++) {
    if (--budget.steps < 0) return undefined;
    const ch = value[i];
    const top = open[open.length - 1];
    if (top === "string") {
      if (ch === "\\") i++;
      else if (ch === '"') open.pop();
      else if ((ch === "$" || ch === "%") && value[i + 1] === ch && value[i + 2] === "{") i += 2;
      else if ((ch === "$" || ch === "%") && value[i + 1] === "{") {
        open.push(1);
        i++;
      }
    } else if (ch === '"') open.push("string");
    else if (ch === "{") open[open.length - 1] = top + 1;
    else if (ch === "}") {
      if (top > 1) open[open.length - 1] = top - 1;
      else {
        open.pop();
        if (open.length === 0) return i;
      }
    }
  }
  return undefined;
}

/** The unresolved `${...}` parts of a value. */
export function unknownParts(value: string): string[] {
  if (!value.includes("${")) return []; // no part can be unresolved: skip tokenizing
  return templateParts(value).flatMap((p) => (p.kind === "unknown" ? [p.text] : []));
}

/** True when the value is made only of unresolved `${...}` parts (at least one). */
export function onlyUnknownParts(value: string): boolean {
  if (!value.startsWith("${")) return false;
  const parts = templateParts(value);
  return parts.length > 0 && parts.every((p) => p.kind === "unknown");
}

/** The value as written, with each unresolved `${...}` part replaced by `by`. */
export function replaceUnknownParts(value: string, by: string): string {
  if (!value.includes("${")) return value;
  return templateParts(value)
    .map((p) => (p.kind === "unknown" ? by : p.text))
    .join("");
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
