// `npm run bench`: prints each section's measurements and ratios (a benchmark, not a test: it never fails).
import { coldRequire } from "./cold-require";
import { BenchResult, BenchSection, buildLib } from "./harness";
import { benchLintThroughput } from "./lint-throughput";
import { monorepo } from "./monorepo";
import { synthRoles } from "./synth-roles";

// Sections measure the built lib/ (what ships), which main() builds first.
// Add a section: write bench/<name>.ts exporting a BenchSection and append it here.
const SECTIONS: readonly BenchSection[] = [coldRequire, synthRoles, monorepo];

function format(r: BenchResult): string {
  if (r.unit === "ms") return `  ${r.label.padEnd(66)} ${r.value.toFixed(1).padStart(9)} ms`;
  const verdict = r.target === undefined ? "" : r.value <= r.target ? `  (target ≤ ${r.target}: ok)` : `  (target ≤ ${r.target}: OVER)`;
  const value = Number.isInteger(r.value) ? String(r.value) : `${r.value.toFixed(2)}×`;
  return `  ${r.label.padEnd(66)} ${value.padStart(9)}${verdict}`;
}

async function main(): Promise<void> {
  const only = process.argv.slice(2); // e.g. npm run bench -- "cold require"
  console.log("building lib/ (npm run build) ...");
  buildLib();
  for (const section of SECTIONS) {
    if (only.length > 0 && !only.includes(section.title)) continue;
    console.log(`\n== ${section.title}\n   (${section.method})`);
    for (const result of await section.run()) console.log(format(result));
  }
  if (only.length === 0 || only.includes("lint throughput")) {
    console.log("\n== lint throughput\n   (wif lint's pipeline on generated JSON and HCL files; best of 3 runs for JSON, 1 for HCL)");
    for (const line of await benchLintThroughput()) console.log(`  ${line}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
