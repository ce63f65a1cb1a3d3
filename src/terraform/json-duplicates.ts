import { INPUT_MESSAGES } from "./input-messages";
import type { InputProblem } from "./input-problem";

/** A property named twice in one JSON object: its name, the path of the object, and both lines. */
export interface DuplicateJsonKey {
  readonly key: string;
  /** Keys from the root to the object holding the duplicate, e.g. `["resource", "aws_iam_role"]`. */
  readonly path: readonly string[];
  readonly firstLine: number;
  readonly line: number;
}

/**
 * Every property named twice in one object of a JSON text. `JSON.parse` keeps only the last, so
 * the first value would go unread; Terraform's JSON parser refuses the file ("Duplicate JSON
 * object property"). Iterative and linear; keys are compared decoded (`"a"` and `"\u0061"` are
 * one key). Assumes the text is valid JSON (parse it first).
 *
 * @example
 * jsonDuplicateKeys('{"a": 1,\n "a": 2}'); // [{ key: "a", path: [], firstLine: 1, line: 2 }]
 */
export function jsonDuplicateKeys(text: string): DuplicateJsonKey[] {
  const out: DuplicateJsonKey[] = [];
  const stack: { readonly object: boolean; readonly keys: Map<string, number>; key?: string; expectKey: boolean }[] = [];
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") line++;
    else if (c === "{" || c === "[") {
      stack.push({ object: c === "{", keys: new Map(), expectKey: c === "{" });
    } else if (c === "}" || c === "]") stack.pop();
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
        const key = decode(text.slice(i, end + 1));
        const first = top.keys.get(key);
        if (first !== undefined) out.push({ key, path: stack.slice(0, -1).map((s) => s.key ?? "[]"), firstLine: first, line });
        else top.keys.set(key, line);
        top.key = key;
      }
      i = end;
    }
  }
  return out;
}

function decode(raw: string): string {
  try {
    return JSON.parse(raw) as string;
  } catch {
    return raw.slice(1, -1);
  }
}

/** One problem per duplicate property of a JSON file, at the line of its second appearance. */
export function duplicateKeyProblems(file: string, text: string): InputProblem[] {
  return jsonDuplicateKeys(text).map((d) => ({ file, line: d.line, message: INPUT_MESSAGES.duplicateJsonKey(d.path, d.key, d.firstLine) }));
}
