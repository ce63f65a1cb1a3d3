/**
 * Sums the per-chunk mutation reports of scripts/mutation-chunks.sh (reports/mutation/<chunk>.json,
 * Stryker's JSON schema) into one table: per file and in total, killed, timed out, survived, no
 * coverage, and the score (detected / valid, as Stryker computes it). With `--survivors`, lists
 * each surviving or uncovered mutant (file:line, mutator, replacement).
 *
 * @example
 * npx ts-node --transpile-only scripts/mutation-summary.ts reports/mutation/lint-*.json
 */
import * as fs from "fs";

interface Mutant {
  readonly status: string;
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly location: { readonly start: { readonly line: number; readonly column: number } };
}
interface Report {
  readonly files: Readonly<Record<string, { readonly mutants: readonly Mutant[] }>>;
}

const STATUSES = ["Killed", "Timeout", "Survived", "NoCoverage", "RuntimeError", "CompileError", "Ignored"] as const;
type Counts = Record<(typeof STATUSES)[number], number>;

const args = process.argv.slice(2);
const survivors = args.includes("--survivors");
const files = args.filter((a) => a !== "--survivors");
if (files.length === 0) throw new Error("No report given: pass the chunk reports, e.g. reports/mutation/*.json (written by scripts/mutation-chunks.sh).");

const byFile = new Map<string, Counts>();
for (const reportPath of files) {
  const report = JSON.parse(fs.readFileSync(reportPath, "utf8")) as Report;
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const counts = byFile.get(file) ?? (Object.fromEntries(STATUSES.map((s) => [s, 0])) as Counts);
    for (const m of mutants) {
      if (!(m.status in counts)) throw new Error(`${reportPath}: mutant status "${m.status}" is not one of ${STATUSES.join(", ")}`);
      counts[m.status as keyof Counts]++;
      if (survivors && (m.status === "Survived" || m.status === "NoCoverage")) {
        console.log(`${m.status} ${file}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName} ${JSON.stringify(m.replacement ?? "")}`);
      }
    }
    byFile.set(file, counts);
  }
}

const score = (c: Counts) => {
  const detected = c.Killed + c.Timeout;
  const valid = detected + c.Survived + c.NoCoverage;
  return valid === 0 ? "n/a" : `${((100 * detected) / valid).toFixed(1)} %`;
};
const row = (name: string, c: Counts) =>
  `| ${name} | ${c.Killed + c.Timeout + c.Survived + c.NoCoverage} | ${c.Killed} | ${c.Timeout} | ${c.Survived} | ${c.NoCoverage} | ${score(c)} |`;
const total = Object.fromEntries(STATUSES.map((s) => [s, [...byFile.values()].reduce((n, c) => n + c[s], 0)])) as Counts;

console.log("| File | Mutants | Killed | Timed out | Survived | No coverage | Score |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const [file, c] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) console.log(row(`\`${file}\``, c));
console.log(row("**Total**", total));
