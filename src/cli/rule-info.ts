import type { RuleMeta } from "../lint/rules/rule";
import type { RuleInfo } from "./report";

/**
 * What reports say about a rule, from the engine's metadata: the description is its risk and
 * details, the help its fix and the docs page shipped in the package.
 */
export function ruleInfo(meta: RuleMeta): RuleInfo {
  return {
    id: meta.id,
    severity: meta.severity,
    title: meta.title,
    description: `${meta.why}\n\n${meta.details}`,
    help: `${meta.fix}\n\nDocs: ${meta.docs} in the cdktf-wif package.`,
  };
}
