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
  scanJsonKeys(text, (key, line, stack) => {
    if (stack.length === 3 && stack.every((s) => s.object)) {
      const [root, type] = [stack[0].key, stack[1].key];
      if (root === "resource" || root === "data") lines.set(`${root === "data" ? "data" : "managed"}.${type}.${key}`, line);
    }
  });
  return lines;
}

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
export function scanJsonKeys(text: string, visit: (key: string, line: number, stack: readonly JsonFrame[]) => void): void {
  const stack: { readonly object: boolean; key?: string; expectKey: boolean }[] = [];
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") line++;
    else if (c === "{" || c === "[") stack.push({ object: c === "{", expectKey: c === "{" });
    else if (c === "}" || c === "]") stack.pop();
    else if (c === ",") {
      const top = stack[stack.length - 1];
      if (top?.object) top.expectKey = true;
    } else if (c === ":") {
      const top = stack[stack.length - 1];
      if (top) top.expectKey = false;
    } else if (c === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.object && top.expectKey) {
        top.key = decode(text.slice(i, end + 1));
        visit(top.key, line, stack);
      }
      i = end;
    }
  }
}

function decode(raw: string): string {
  try {
    return JSON.parse(raw) as string;
  } catch {
    return raw.slice(1, -1);
  }
}
