// Public surface of cdktf-wif. The pure model is always loaded; cloud constructs load their
// provider modules only when first used (see src/constructs/).
export * from "./trust";

// Rule engine (pure) and Terraform extractor: shared by constructs, the TrustChecks Aspect and `wif lint`.
export type { Acknowledgement } from "./lint/acknowledgement";
export { SEVERITIES, isAtLeast } from "./lint/finding";
export type { Finding, Severity, SourceLocation } from "./lint/finding";
export type { CheckOperator, ClaimCheck, GcpMemberFacts, IssuerFacts, LimitFacts, StatementFacts, TrustFacts, UnknownValue } from "./lint/facts";
export { RULES, isRuleId, lintFacts } from "./lint/engine";
export type { LintOptions } from "./lint/engine";
export type { RuleMeta } from "./lint/rules/rule";
export { factsFromTrust } from "./lint/from-trust";
export type { FactsFromTrustOptions } from "./lint/from-trust";
export { lintTrust } from "./lint/lint-trust";
export { extractTrustFacts, resourcesFromTerraformJson } from "./terraform/extract";
export type { TerraformResource } from "./terraform/resources";
export { gateTrust } from "./constructs/trust-gate";
export type { GateTrustOptions } from "./constructs/trust-gate";
export { TrustChecks } from "./constructs/trust-checks";
export type { TrustChecksProps } from "./constructs/trust-checks";
