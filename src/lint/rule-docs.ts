import { RULES } from "./engine";
import type { RuleMeta } from "./rules/rule";

/** Background reading per rule (RULES.md "Sources"). */
const SOURCES: Readonly<Record<string, readonly string[]>> = {
  WIF001: [
    'Unit 42, "OIDC misconfigurations in CI/CD"',
    "checkov CKV_GCP_118 / CKV_GCP_125 (GCP provider condition)",
    "Google Cloud: workload identity federation with deployment pipelines (attribute conditions on shared issuers)",
  ],
  WIF002: [
    'Datadog Security Labs, "Exploring GitHub-to-AWS keyless authentication flaws"',
    "checkov CKV_AWS_358 (checks only the first value and knows no operators)",
    "GitHub docs: OpenID Connect subject claim formats",
  ],
  WIF003: [
    'Datadog Security Labs, "Exploring GitHub-to-AWS keyless authentication flaws"',
    "trivy GCP-0068",
    "GitHub docs: reusable workflows and `job_workflow_ref`",
  ],
  WIF004: ['Unit 42, "OIDC misconfigurations in CI/CD"', "GitHub docs: deployment environments with required reviewers"],
  WIF005: ["GitHub docs: customizing the subject claim template", 'Unit 42, "OIDC misconfigurations in CI/CD"'],
  WIF006: ["AWS IAM: creating OIDC identity providers (the `:aud` condition)", "Microsoft Entra: workload identity federation (one audience)"],
  WIF007: [
    "AWS IAM: condition operators and `ForAllValues` with missing keys",
    "octo-sts, one-side-anchored regex fix (PR 1643)",
    "CEL `matches()` is an RE2 search",
  ],
  WIF008: ['Astrix, "Sub:jugation" (recycled namespaces)', "GitHub docs: immutable subject claims and `repository_owner_id`"],
  WIF009: ["AWS IAM: OIDC provider URL and condition keys", "Google Cloud: workload identity pool providers (`issuer_uri`)"],
  WIF010: ["AWS IAM quotas (role trust policy length)", "Google Cloud: attribute mapping limits", "Microsoft Entra: federated identity credential limits"],
  WIF011: ["Terraform: `terraform show -json` plan output for resolved values"],
};

/** The markdown page of one rule. */
export function renderRuleDoc(meta: RuleMeta): string {
  const list = (items: readonly string[]) => (items.length === 0 ? "- (none listed)\n" : items.map((i) => `- ${i}\n`).join(""));
  return (
    `<!-- Generated from src/lint/rules by scripts/generate-rule-docs.ts; do not edit. -->\n` +
    `# ${meta.id}: ${meta.title}\n\n` +
    `Default severity: **${meta.severity}**\n\n` +
    `## Why it matters\n\n${meta.why}\n\n${meta.details}\n\n` +
    `## How to fix\n\n${meta.fix}\n\n` +
    `## Fires on\n\n${list(meta.fires.map((e) => e.text))}\n` +
    `## Does not fire on\n\n${list(meta.passes.map((e) => e.text))}\n` +
    `## Suppressing\n\nAcknowledge the finding with a reason of at least 10 characters: ` +
    `\`acknowledge: [{ rule: "${meta.id}", reason: "..." }]\` on the construct, or ` +
    `\`"//": { "wif": { "acknowledge": [{ "rule": "${meta.id}", "reason": "..." }] } }\` on a Terraform JSON resource. ` +
    `Suppressed findings are still reported, as suppressed.\n\n` +
    `## References\n\n${list(SOURCES[meta.id] ?? [])}`
  );
}

/** The index page listing every rule. */
export function renderRuleIndex(): string {
  return (
    `<!-- Generated from src/lint/rules by scripts/generate-rule-docs.ts; do not edit. -->\n` +
    `# Trust lint rules\n\n| id | severity | title |\n|---|---|---|\n` +
    RULES.map((r) => `| [${r.id}](${r.id}.md) | ${r.severity} | ${r.title} |\n`).join("")
  );
}

/** Every generated file: path (relative to the package root) → content. */
export function ruleDocFiles(): Record<string, string> {
  const files: Record<string, string> = { "docs/rules/README.md": renderRuleIndex() };
  for (const r of RULES) files[r.docs] = renderRuleDoc(r);
  return files;
}
