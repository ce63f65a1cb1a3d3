/** A comment in an HCL file: its text without the `#`, `//` or `/* *\/` markers, and its first line. */
export interface HclComment {
  readonly line: number;
  readonly text: string;
}

/**
 * A top-level `resource "TYPE" "NAME" {` or `data "TYPE" "NAME" {` block of an HCL file: where its
 * header is (1-based line) and the comments that belong to it — the run of whole-line comments
 * directly above the header (no blank line in between) and every comment inside the block.
 */
export interface HclBlock {
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly line: number;
  readonly comments: readonly HclComment[];
}

type TokenKind = "word" | "label" | "open" | "close" | "comment" | "newline" | "other";

interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly line: number;
}

/**
 * Finds the top-level `resource` and `data` blocks of an HCL file with a tokenizer that knows
 * comments (`#`, `//`, `/* *\/`), quoted templates with nested `${ }` / `%{ }` expressions, and
 * heredocs — so braces, `#` and `resource "x" "y"` inside strings or comments are never mistaken
 * for structure. hcl2json has no positions; this supplies the line numbers and comments.
 *
 * @example
 * scanHclBlocks('resource "aws_iam_role" "ci" {\n}\n'); // [{ mode: "managed", type: "aws_iam_role", name: "ci", line: 1, comments: [] }]
 */
export function scanHclBlocks(text: string): HclBlock[] {
  const tokens = tokenize(text);
  const blocks: HclBlock[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === "open") depth++;
    else if (t.kind === "close") depth = Math.max(0, depth - 1);
    else if (depth === 0 && t.kind === "word" && (t.text === "resource" || t.text === "data")) {
      const header = blockHeader(tokens, i);
      if (!header) continue;
      const end = matchingClose(tokens, header.open);
      blocks.push({
        mode: t.text === "resource" ? "managed" : "data",
        type: header.type,
        name: header.name,
        line: t.line,
        comments: [...commentsAbove(tokens, i), ...commentsIn(tokens, header.open, end)],
      });
      i = end;
    }
  }
  return blocks;
}

/** `resource LABEL LABEL {` where a label is a quoted string or a bare identifier. */
function blockHeader(tokens: readonly Token[], at: number): { type: string; name: string; open: number } | undefined {
  const labels: string[] = [];
  let j = at + 1;
  while (j < tokens.length && labels.length < 2 && (tokens[j].kind === "label" || tokens[j].kind === "word")) {
    labels.push(tokens[j].text);
    j++;
  }
  if (labels.length !== 2 || tokens[j]?.kind !== "open") return undefined;
  return { type: labels[0], name: labels[1], open: j };
}

function matchingClose(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    if (tokens[j].kind === "open") depth++;
    else if (tokens[j].kind === "close" && --depth === 0) return j;
  }
  return tokens.length - 1;
}

function commentsAbove(tokens: readonly Token[], header: number): HclComment[] {
  const found: HclComment[] = [];
  let newlines = 0;
  for (let j = header - 1; j >= 0; j--) {
    const t = tokens[j];
    if (t.kind === "newline") {
      if (++newlines > 1) break;
    } else if (t.kind === "comment" && (j === 0 || tokens[j - 1].kind === "newline")) {
      found.unshift({ line: t.line, text: t.text });
      newlines = 0;
    } else break; // code, or a comment that ends a line of code
  }
  return found;
}

function commentsIn(tokens: readonly Token[], from: number, to: number): HclComment[] {
  return tokens
    .slice(from, to + 1)
    .filter((t) => t.kind === "comment")
    .map((t) => ({ line: t.line, text: t.text }));
}

/** Splits HCL text into the few token kinds block discovery needs. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  const push = (kind: TokenKind, tokenText: string, at: number) => tokens.push({ kind, text: tokenText, line: at });

  while (i < text.length) {
    const c = text[i];
    if (c === "\n") {
      push("newline", "\n", line);
      line++;
      i++;
    } else if (c === " " || c === "\t" || c === "\r") {
      i++;
    } else if (c === "#" || (c === "/" && text[i + 1] === "/")) {
      const end = indexOrEnd(text, "\n", i);
      push("comment", text.slice(i + (c === "#" ? 1 : 2), end), line);
      i = end;
    } else if (c === "/" && text[i + 1] === "*") {
      const close = text.indexOf("*/", i + 2);
      const end = close < 0 ? text.length : close;
      push("comment", text.slice(i + 2, end), line);
      line += countNewlines(text, i, end);
      i = close < 0 ? text.length : close + 2;
    } else if (c === '"') {
      const start = line;
      const end = skipQuoted(text, i);
      const raw = text.slice(i + 1, end - 1);
      line += countNewlines(text, i, end);
      push(/[$%]\{|\\/.test(raw) ? "other" : "label", raw, start);
      i = end;
    } else if (c === "<" && text[i + 1] === "<" && /^<<-?[A-Za-z_]/.test(text.slice(i, i + 4))) {
      const start = line;
      const end = skipHeredoc(text, i);
      line += countNewlines(text, i, end);
      push("other", "<<heredoc", start);
      i = end;
    } else if (c === "{") {
      push("open", c, line);
      i++;
    } else if (c === "}") {
      push("close", c, line);
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      let end = i + 1;
      while (end < text.length && /[A-Za-z0-9_-]/.test(text[end])) end++;
      push("word", text.slice(i, end), line);
      i = end;
    } else {
      push("other", c, line);
      i++;
    }
  }
  return tokens;
}

/** From an opening `"`, the index after the closing `"`; `${ }` and `%{ }` may nest strings and braces. */
function skipQuoted(text: string, open: number): number {
  let i = open + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === "\\") i += 2;
    else if (c === '"') return i + 1;
    else if (c === "\n")
      return i; // unterminated: HCL forbids newlines in quoted strings; let hcl2json report it
    else if ((c === "$" || c === "%") && text[i + 1] === c && text[i + 2] === "{")
      i += 3; // $${ and %%{ escapes
    else if ((c === "$" || c === "%") && text[i + 1] === "{") i = skipTemplateExpression(text, i + 2);
    else i++;
  }
  return i;
}

/** From just inside `${`, the index after the matching `}`, skipping nested strings, heredocs and comments. */
function skipTemplateExpression(text: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') i = skipQuoted(text, i);
    else if (c === "#" || (c === "/" && text[i + 1] === "/")) i = indexOrEnd(text, "\n", i);
    else if (c === "/" && text[i + 1] === "*") {
      const close = text.indexOf("*/", i + 2);
      i = close < 0 ? text.length : close + 2;
    } else if (c === "{") {
      depth++;
      i++;
    } else if (c === "}") {
      i++;
      if (--depth === 0) return i;
    } else i++;
  }
  return i;
}

/** From `<<EOT` or `<<-EOT`, the index just after the terminator line's marker. */
function skipHeredoc(text: string, at: number): number {
  const match = /^<<-?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/.exec(text.slice(at, at + 200));
  if (!match) return at + 2;
  const marker = match[1];
  let i = at + match[0].length;
  while (i < text.length) {
    const end = indexOrEnd(text, "\n", i);
    if (text.slice(i, end).trim() === marker) return i + text.slice(i, end).indexOf(marker) + marker.length;
    i = end + 1;
  }
  return text.length;
}

function indexOrEnd(text: string, needle: string, from: number): number {
  const at = text.indexOf(needle, from);
  return at < 0 ? text.length : at;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}
