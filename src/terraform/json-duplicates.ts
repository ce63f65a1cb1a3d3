import { INPUT_MESSAGES } from "./input-messages";
import type { InputProblem } from "./input-problem";
import { blockLineVisitor, scanJsonKeys, type JsonFrame, type JsonKeyVisitor } from "./json-lines";

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
  scanJsonKeys(text, duplicateVisitor(out));
  return out;
}

/** The `scanJsonKeys` visitor of `jsonDuplicateKeys`: adds each duplicate to `out`. */
function duplicateVisitor(out: DuplicateJsonKey[]): JsonKeyVisitor {
  const keysOf = new WeakMap<JsonFrame, Map<string, number>>();
  return (key, line, stack) => {
    const top = stack[stack.length - 1];
    const keys = keysOf.get(top) ?? new Map<string, number>();
    keysOf.set(top, keys);
    const first = keys.get(key);
    if (first !== undefined) out.push({ key, path: stack.slice(0, -1).map((s) => s.key ?? "[]"), firstLine: first, line });
    else keys.set(key, line);
  };
}

/**
 * The problems of a JSON file's duplicate properties (one each, at the line of its second
 * appearance) and its block lines (`jsonBlockLines`), from one walk of its text.
 *
 * @example
 * const { problems, lines } = jsonKeyChecks("cdk.tf.json", text);
 */
export function jsonKeyChecks(file: string, text: string): { problems: InputProblem[]; lines: Map<string, number> } {
  const duplicates: DuplicateJsonKey[] = [];
  const lines = new Map<string, number>();
  const [duplicate, blockLine] = [duplicateVisitor(duplicates), blockLineVisitor(lines)];
  scanJsonKeys(text, (key, line, stack) => {
    duplicate(key, line, stack);
    blockLine(key, line, stack);
  });
  return { problems: duplicates.map((d) => duplicateProblem(file, d)), lines };
}

function duplicateProblem(file: string, d: DuplicateJsonKey): InputProblem {
  return { file, line: d.line, message: INPUT_MESSAGES.duplicateJsonKey(d.path, d.key, d.firstLine) };
}
