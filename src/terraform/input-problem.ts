/**
 * Why an input could not be read (or read completely): the file, the 1-based line when known, and
 * what was wrong, e.g. `{ file: "infra/main.tf", line: 12, message: "bad HCL: ..." }`. Any problem
 * makes `wif lint` exit 2, after the findings of every readable file have been reported.
 */
export interface InputProblem {
  readonly file: string;
  readonly line?: number;
  readonly message: string;
}

/** `file:line: message`, the form editors and CI logs link. */
export function formatProblem(problem: InputProblem): string {
  return `${problem.file}${problem.line ? `:${problem.line}` : ""}: ${problem.message}`;
}
