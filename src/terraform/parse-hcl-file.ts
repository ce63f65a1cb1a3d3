import { hclNestingDepth } from "./hcl-nesting";
import { HclParseError, parseHclIsolated } from "./hcl-parser";
import { INPUT_MESSAGES } from "./input-messages";
import type { InputProblem } from "./input-problem";

/** Largest `*.tf` file parsed (a bound on the parser's time and memory). */
export const MAX_HCL_BYTES = 16 * 1024 * 1024;
/** Deepest nesting of brackets, strings and templates parsed in a `*.tf` file (hcl2json crashes far deeper). */
export const MAX_HCL_NESTING = 256;

/** Options of `parseHclFile`. */
export interface ParseHclFileOptions {
  /**
   * Longest one file may take to parse; past it the file is reported and the parser restarted.
   * @default 60_000
   */
  readonly timeoutMs?: number;
}

/**
 * One `*.tf` file's Terraform JSON, or the problem that names it: too large (`MAX_HCL_BYTES`), nested
 * too deep (`MAX_HCL_NESTING`, checked before parsing), bad HCL (with hcl2json's line and words), a
 * parser crash or a parse past the timeout (`parseHclIsolated` runs the parser in a worker thread).
 * Never throws for what the file holds.
 *
 * @example
 * const read = await parseHclFile("infra/main.tf", text);
 * if ("problem" in read) problems.push(read.problem);
 */
export async function parseHclFile(
  file: string,
  text: string,
  options: ParseHclFileOptions = {},
): Promise<{ config: Record<string, unknown> } | { problem: InputProblem }> {
  const problem = (message: string, line?: number) => ({ problem: line === undefined ? { file, message } : { file, line, message } });
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_HCL_BYTES) return problem(INPUT_MESSAGES.tooLarge(bytes, MAX_HCL_BYTES));
  if (hclNestingDepth(text, MAX_HCL_NESTING) > MAX_HCL_NESTING) return problem(INPUT_MESSAGES.tooDeep(MAX_HCL_NESTING));
  try {
    return { config: await parseHclIsolated(file, text, options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) };
  } catch (err) {
    if (!(err instanceof HclParseError)) return problem(INPUT_MESSAGES.parserCrashed(`the HCL parser failed (${String((err as Error)?.message ?? err)})`));
    switch (err.kind) {
      case "missing-parser":
        return problem(INPUT_MESSAGES.noHclParser());
      case "crash":
        return problem(INPUT_MESSAGES.parserCrashed(err.message));
      case "timeout":
        return problem(INPUT_MESSAGES.parserTimeout(err.message));
      case "syntax": {
        const { line, message } = hclError(file, err);
        return problem(INPUT_MESSAGES.badHcl(message), line);
      }
    }
  }
}

/** hcl2json reports `parse config: [main.tf:3,14-15: Summary; Detail]` (or a range `3,14-4,1`): keep the first line and the words. */
function hclError(file: string, err: unknown): { line?: number; message: string } {
  const raw = String((err as Error)?.message ?? err);
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`${escaped}:(\\d+),\\d+(?:-\\d+(?:,\\d+)?)?: ([^\\]]*)`).exec(raw);
  if (!match) return { message: raw.replace(/^parse config: /, "") };
  return {
    line: Number(match[1]),
    message: match[2]
      .trim()
      .replace(/;\s*/, ": ")
      .replace(/([^.])$/, "$1."),
  };
}
