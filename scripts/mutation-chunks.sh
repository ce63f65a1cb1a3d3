#!/usr/bin/env bash
# Mutation testing of the whole stryker.config.json scope, one chunk of files at a time, so that each
# chunk completes on its own, two chunks can run side by side, and an interrupted run resumes (each
# chunk has its own incremental file). Per chunk, under reports/mutation/<chunk>/: config.json (the
# stryker.config.json settings with this chunk's files and report paths), mutation.json, mutation.html,
# incremental.json, events/ (one file per tested mutant, written as the run goes) and run-commit.
# Resuming: Stryker writes incremental.json only when a run completes; after an interrupted run,
# npx ts-node --transpile-only scripts/mutation-checkpoint.ts reports/mutation/<chunk> writes it from the
# events, so the next run of the chunk tests only the mutants not tested yet (or whose code or tests changed).
# Totals: npx ts-node --transpile-only scripts/mutation-summary.ts reports/mutation/*/mutation.json
# Usage: scripts/mutation-chunks.sh [chunk ...]   (default: every chunk, in the order below)
# STRYKER_CONCURRENCY (default 2) sets the test runner processes per chunk.
set -euo pipefail
cd "$(dirname "$0")/.."

declare -A CHUNKS=(
  [lint-engine]="src/lint/*.ts"
  [lint-rules]="src/lint/rules/**/*.ts"
  [lint-analysis]="src/lint/analysis/**/*.ts"
  [aws-reader]="src/terraform/aws-trust.ts"
  [gcp-reader]="src/terraform/gcp-trust.ts,src/terraform/cel-condition.ts"
  [cel-parser]="src/terraform/cel-parser.ts"
  [reader-helpers]="src/terraform/azure-trust.ts,src/terraform/iam-policy-variables.ts,src/terraform/gcp-policy-data.ts,src/terraform/values.ts,src/terraform/terraform-json.ts,src/terraform/extract.ts,src/terraform/eval/links.ts"
)
ORDER=(lint-engine lint-rules lint-analysis aws-reader gcp-reader cel-parser reader-helpers)

for chunk in "${@:-${ORDER[@]}}"; do
  mutate="${CHUNKS[$chunk]:-}"
  if [ -z "$mutate" ]; then
    echo "unknown chunk \"$chunk\": use one of ${ORDER[*]}" >&2
    exit 2
  fi
  # The test directories (under test/) every chunk runs: the rule engine's tests (test/lint), the
  # Terraform reader tests, the soundness properties, and explain (the only reader of AWS Deny
  # statements). The readers are exercised through the lint as much as through their own tests.
  tests="lint,terraform,property,explain"
  dir="reports/mutation/$chunk"
  mkdir -p "$dir"
  node -e '
    const [dir, mutate] = process.argv.slice(1);
    const c = JSON.parse(require("fs").readFileSync("stryker.config.json", "utf8"));
    delete c.$schema;
    Object.assign(c, {
      mutate: mutate.split(","),
      incrementalFile: `${dir}/incremental.json`,
      jsonReporter: { fileName: `${dir}/mutation.json` },
      htmlReporter: { fileName: `${dir}/mutation.html` },
      eventReporter: { baseDir: `${dir}/events` },
    });
    require("fs").writeFileSync(`${dir}/config.json`, JSON.stringify(c, null, 2));
  ' "$dir" "$mutate"
  # The commit the run's sources come from, for scripts/mutation-checkpoint.ts (an interrupted run's
  # events become the incremental file; uncommitted changes would not be in it).
  git diff --quiet HEAD -- src test || echo "warning: uncommitted changes under src or test: a checkpoint of this run would not hold them" >&2
  git rev-parse HEAD > "$dir/run-commit"
  rm -rf "$dir/events"
  echo "== $chunk: $mutate, tests: $tests (start $(date -u +%H:%M:%S) UTC)"
  started=$(date +%s)
  WIF_MUTATION_TESTS="$tests" nice -n 5 npx stryker run "$dir/config.json" --concurrency "${STRYKER_CONCURRENCY:-2}"
  echo "== $chunk done in $(($(date +%s) - started)) s"
done
