/**
 * Turns the events of an interrupted Stryker run (reports/mutation/<chunk>/events, written by the
 * event-recorder reporter as the run goes) into the chunk's incremental file, so that the next run of
 * the chunk reuses every mutant already tested instead of starting over. Stryker writes its incremental
 * file only when a run completes, and a chunk can take longer than the machine is available.
 *
 * The report holds, in Stryker's JSON schema: the tested mutants (status, covering and killing tests),
 * the mutated files' sources and the test files' sources and tests at the commit the run used (the
 * commit recorded in `<chunk dir>/run-commit` by scripts/mutation-chunks.sh, or given). Stryker's
 * incremental differ then reuses a result only when its code and its tests did not change since.
 *
 * @example
 * npx ts-node --transpile-only scripts/mutation-checkpoint.ts reports/mutation/lint-analysis [commit]
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

interface Position {
  readonly line: number;
  readonly column: number;
}
/** A test of the dry run (onDryRunCompleted): Stryker's 0-based start position. */
interface DryRunTest {
  readonly id: string;
  readonly name: string;
  readonly fileName?: string;
  readonly startPosition?: Position;
}
/** A tested mutant (onMutantTested): already in the report schema (1-based locations). */
interface MutantResult {
  readonly fileName: string;
  readonly id: string;
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly location: { readonly start: Position; readonly end: Position };
  readonly status: string;
  readonly [key: string]: unknown;
}
export interface CheckpointInput {
  readonly projectRoot: string;
  readonly tests: readonly DryRunTest[];
  readonly mutants: readonly MutantResult[];
  /** The source of a file (path relative to the project root) at the run's commit. */
  readonly sourceOf: (relativePath: string) => string;
}

/** The incremental report (Stryker's mutation-testing-report schema) of the mutants tested so far. */
export function checkpointReport(input: CheckpointInput) {
  const relative = (file: string) => path.relative(input.projectRoot, file).split(path.sep).join("/");
  const files: Record<string, { language: string; source: string; mutants: Omit<MutantResult, "fileName">[] }> = {};
  for (const { fileName, ...mutant } of input.mutants) {
    const file = relative(fileName);
    files[file] ??= { language: "typescript", source: input.sourceOf(file), mutants: [] };
    files[file].mutants.push(mutant);
  }
  const testFiles: Record<string, { source: string; tests: { id: string; name: string; location?: { start: Position } }[] }> = {};
  for (const t of input.tests) {
    const file = t.fileName === undefined ? "" : relative(t.fileName);
    testFiles[file] ??= { source: file === "" ? "" : input.sourceOf(file), tests: [] };
    testFiles[file].tests.push({
      id: t.id,
      name: t.name,
      ...(t.startPosition ? { location: { start: { line: t.startPosition.line + 1, column: t.startPosition.column + 1 } } } : {}),
    });
  }
  return { schemaVersion: "1.0", thresholds: { high: 80, low: 60 }, projectRoot: input.projectRoot, files, testFiles };
}

function main(): void {
  const [dir, given] = process.argv.slice(2);
  if (dir === undefined) throw new Error("No chunk directory given: pass reports/mutation/<chunk> (the run's events are in its events/ folder).");
  const commitFile = path.join(dir, "run-commit");
  const commit = given ?? (fs.existsSync(commitFile) ? fs.readFileSync(commitFile, "utf8").trim() : undefined);
  if (commit === undefined) throw new Error(`No commit for ${dir}: ${commitFile} is missing; pass the commit the run used as the second argument.`);
  const eventsDir = path.join(dir, "events");
  if (!fs.existsSync(eventsDir)) throw new Error(`${eventsDir} does not exist: the run wrote no events (is "event-recorder" among the reporters?).`);
  const events = fs.readdirSync(eventsDir).sort();
  /** One event file, in the shape the event-recorder reporter writes for its event. */
  const read = <T>(name: string): T => JSON.parse(fs.readFileSync(path.join(eventsDir, name), "utf8")) as T;
  const dryRun = events.find((e) => e.endsWith("-onDryRunCompleted.json"));
  if (dryRun === undefined) throw new Error(`${eventsDir} holds no onDryRunCompleted event: the run stopped before its dry run ended; nothing to keep.`);
  const tests = read<{ result: { tests?: DryRunTest[] } }>(dryRun).result.tests ?? [];
  const mutants = events.filter((e) => e.endsWith("-onMutantTested.json")).map((e) => read<MutantResult>(e));
  const projectRoot = process.cwd();
  const sourceOf = (file: string) => execFileSync("git", ["show", `${commit}:${file}`], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const report = checkpointReport({ projectRoot, tests, mutants, sourceOf });
  const out = path.join(dir, "incremental.json");
  fs.writeFileSync(out, JSON.stringify(report));
  console.log(`${out}: ${mutants.length} tested mutants of ${Object.keys(report.files).length} files, ${tests.length} tests (sources at ${commit}).`);
}

if (require.main === module) main();
