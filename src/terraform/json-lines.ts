/**
 * The 1-based line of every block of a Terraform JSON file: the line of the `"NAME"` key under
 * `"resource"` / `"data"` → `"TYPE"`, keyed `managed.TYPE.NAME` / `data.TYPE.NAME`. JSON.parse
 * keeps no positions; this scans the text once, following strings and nesting exactly.
 *
 * @example
 * jsonBlockLines('{"resource": {\n "aws_iam_role": {\n  "ci": {}}}}').get("managed.aws_iam_role.ci"); // 3
 */
export function jsonBlockLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  scanJsonKeys(text, blockLineVisitor(lines));
  return lines;
}

/** The `scanJsonKeys` visitor of `jsonBlockLines`: records each block's line in `lines`. */
export function blockLineVisitor(lines: Map<string, number>): JsonKeyVisitor {
  return (key, line, stack) => {
    if (stack.length === 3 && stack.every((s) => s.object)) {
      const [root, type] = [stack[0].key, stack[1].key];
      if (root === "resource" || root === "data") lines.set(`${root === "data" ? "data" : "managed"}.${type}.${key}`, line);
    }
  };
}

/** What `scanJsonKeys` calls for every object key. */
export type JsonKeyVisitor = (key: string, line: number, stack: readonly JsonFrame[]) => void;

/** An open object or array while `scanJsonKeys` walks a JSON text, with the object's current key. */
export interface JsonFrame {
  readonly object: boolean;
  readonly key?: string;
}

/**
 * Walks a JSON text once, iteratively, following strings and nesting exactly, and calls `visit` for
 * every object key (decoded) with its 1-based line and the open containers, outermost first (the last
 * is the object holding the key; each frame is the same object for as long as it is open).
 * Assumes valid JSON (parse it first).
 */
export function scanJsonKeys(text: string, visit: JsonKeyVisitor): void {
  const stack: { readonly object: boolean; key?: string; expectKey: boolean }[] = [];
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) line++;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) stack.push({ object: c === OPEN_BRACE, expectKey: c === OPEN_BRACE });
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) stack.pop();
    else if (c === COMMA) {
      const top = stack[stack.length - 1];
      if (top?.object) top.expectKey = true;
    } else if (c === COLON) {
      const top = stack[stack.length - 1];
      if (top) top.expectKey = false;
    } else if (c === QUOTE) {
      let end = i + 1;
      let escaped = false;
      while (end < text.length) {
        const d = text.charCodeAt(end);
        if (d === QUOTE) break;
        if (d === BACKSLASH) {
          escaped = true;
          end += 2;
        } else end++;
      }
      const top = stack[stack.length - 1];
      if (top?.object && top.expectKey) {
        // Without a backslash a closed key is its text (valid JSON has no raw control characters in strings).
        top.key = escaped || end >= text.length ? decode(text.slice(i, end + 1)) : text.slice(i + 1, end);
        visit(top.key, line, stack);
      }
      i = end;
    }
  }
}

// Character codes: the walk compares numbers, not one-character strings.
const NEWLINE = 0x0a;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function decode(raw: string): string {
  try {
    return JSON.parse(raw) as string;
  } catch {
    return raw.slice(1, -1);
  }
}
