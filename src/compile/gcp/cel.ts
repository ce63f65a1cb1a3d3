/**
 * CEL building blocks for GCP attribute mappings and conditions: string literals, claim access
 * and glob patterns as anchored RE2 regular expressions (`globToRe2`, kept with the other glob
 * helpers in `trust/glob.ts`).
 */

export { globToRe2 } from "../../trust/glob";

/**
 * A CEL single-quoted string literal for `value`. Backslashes and quotes are escaped, control
 * characters are written as `\uXXXX`, so no value can end the literal early.
 *
 * @example
 * celString("it's"); // 'it\'s'
 */
export function celString(value: string): string {
  let out = "'";
  for (const ch of value) {
    if (ch === "\\") out += "\\\\";
    else if (ch === "'") out += "\\'";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (/[\u0000-\u001f\u007f]/.test(ch)) out += `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return out + "'";
}

/** CEL reserved words: a claim with one of these names must be read as `assertion['name']`. */
const CEL_RESERVED = new Set([
  "as",
  "break",
  "const",
  "continue",
  "else",
  "false",
  "for",
  "function",
  "if",
  "import",
  "in",
  "let",
  "loop",
  "package",
  "namespace",
  "null",
  "return",
  "true",
  "var",
  "void",
  "while",
]);

/**
 * How a condition reads one claim of the token: `assertion.name` for plain identifiers,
 * `assertion['name']` for names with `.`, `/`, `-` or that are CEL reserved words.
 *
 * @example
 * claimAccess("repository_owner_id"); // assertion.repository_owner_id
 * claimAccess("https://aws.amazon.com/tags"); // assertion['https://aws.amazon.com/tags']
 */
export function claimAccess(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !CEL_RESERVED.has(name) ? `assertion.${name}` : `assertion[${celString(name)}]`;
}
