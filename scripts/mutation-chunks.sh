#!/usr/bin/env bash
# Mutation testing of the whole stryker.config.json scope, one chunk of files at a time, so that each
# chunk completes on its own and an interrupted run resumes (each chunk has its own incremental file).
# Reports: reports/mutation/<chunk>.json; totals: npx ts-node --transpile-only scripts/mutation-summary.ts.
# Usage: scripts/mutation-chunks.sh [chunk ...]   (default: every chunk, in the order below)
set -euo pipefail
cd "$(dirname "$0")/.."

declare -A CHUNKS=(
  [lint-analysis]="src/lint/analysis/**/*.ts"
  [lint-rules]="src/lint/rules/**/*.ts"
  [lint-engine]="src/lint/*.ts"
  [aws-reader]="src/terraform/aws-trust.ts,src/terraform/iam-policy-variables.ts"
  [gcp-reader]="src/terraform/gcp-trust.ts,src/terraform/gcp-policy-data.ts,src/terraform/cel-condition.ts"
  [cel-parser]="src/terraform/cel-parser.ts"
  [other-readers]="src/terraform/azure-trust.ts,src/terraform/values.ts,src/terraform/terraform-json.ts,src/terraform/extract.ts,src/terraform/eval/links.ts"
)
ORDER=(lint-analysis lint-rules lint-engine aws-reader gcp-reader cel-parser other-readers)

mkdir -p reports/mutation
for chunk in "${@:-${ORDER[@]}}"; do
  mutate="${CHUNKS[$chunk]:?unknown chunk \"$chunk\": use one of ${ORDER[*]}}"
  echo "== $chunk: $mutate ($(date -u +%H:%M:%S))"
  started=$(date +%s)
  nice -n 5 npx stryker run --mutate "$mutate" --incremental --incrementalFile "reports/mutation/$chunk.incremental.json" \
    --concurrency "${STRYKER_CONCURRENCY:-2}"
  cp reports/mutation/mutation.json "reports/mutation/$chunk.json"
  echo "== $chunk done in $(($(date +%s) - started)) s"
done
