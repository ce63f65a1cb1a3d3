import * as path from "path";
import { lintUnits } from "../../../src/cli/commands/lint";
import type { Finding } from "../../../src/lint/finding";
import type { InputProblem } from "../../../src/terraform/input-problem";
import { readInputs, ReadInputsOptions } from "../../../src/terraform/read-inputs";

export const EVAL_FIXTURES = path.join(__dirname, "../../fixtures/eval");

/** Lints fixture paths (relative to test/fixtures/eval) as `wif lint` does. */
export async function lintFixture(paths: readonly string[], options: ReadInputsOptions = {}): Promise<{ findings: Finding[]; problems: InputProblem[] }> {
  const read = await readInputs(paths, { cwd: EVAL_FIXTURES, ...options });
  const linted = lintUnits(read.units, {});
  return { findings: linted.findings, problems: [...read.problems, ...linted.problems] };
}

/** `RULE file:line address value`, one per finding, sorted. */
export function summary(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.rule} ${f.location?.file}:${f.location?.line} ${f.address} ${f.value}`).sort();
}
