import type { RuleMeta } from "../lint/rules/rule";
import type { RuleInfo } from "./report";

/**
 * What reports say about a rule, from the engine's metadata: the description is its risk and
 * details, the help its fix and the docs page shipped in the package; `helpUri` is the docs page
 * in the repository when the package names one.
 *
 * @example
 * ruleInfo(RULES[1], "https://github.com/cdktf-wif/cdktf-wif").helpUri; // ".../blob/main/docs/rules/WIF002.md"
 */
export function ruleInfo(meta: RuleMeta, repositoryUrl?: string): RuleInfo {
  return {
    id: meta.id,
    severity: meta.severity,
    title: meta.title,
    description: `${meta.why}\n\n${meta.details}`,
    help: `${meta.fix}\n\nDocs: ${meta.docs} in the cdktf-wif package.`,
    ...(repositoryUrl ? { helpUri: ruleDocsUrl(meta, repositoryUrl) } : {}),
  };
}

/** The rule's docs page on the repository's default branch. */
export function ruleDocsUrl(meta: Pick<RuleMeta, "docs">, repositoryUrl: string): string {
  return `${repositoryUrl}/blob/main/${meta.docs}`;
}
