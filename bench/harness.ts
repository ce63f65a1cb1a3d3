import { execFileSync } from "child_process";
import * as path from "path";

/** The repository root (bench/..). */
export const ROOT = path.resolve(__dirname, "..");

/** One line of the report: a measurement, or a ratio with its target. */
export interface BenchResult {
  readonly label: string;
  readonly value: number;
  readonly unit: "ms" | "x";
  /** For ratios: the largest acceptable value. */
  readonly target?: number;
}

/**
 * One section of `npm run bench`: a function that measures one thing and returns its lines.
 * To add one (e.g. lint throughput), write `bench/<name>.ts` exporting a `BenchSection` and list it
 * in `bench/run.ts`.
 */
export interface BenchSection {
  readonly title: string;
  /** How the numbers are obtained, printed under the title. */
  readonly method: string;
  run(): Promise<readonly BenchResult[]> | readonly BenchResult[];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Builds lib/ (npm run build), so measurements run against what ships. */
export function buildLib(): void {
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(ROOT, "tsconfig.build.json")], {
    cwd: ROOT,
    stdio: "inherit",
  });
}

/** Runs `node -e <script>` in a fresh process (cwd = repo root) and returns its stdout. */
export function runNode(script: string): string {
  return execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" });
}

export function ratio(label: string, numerator: number, denominator: number, target?: number): BenchResult {
  return { label, value: numerator / denominator, unit: "x", ...(target !== undefined ? { target } : {}) };
}
