// `cdktf-wif/core`: everything that needs no cdktf or cdktn — the trust model, the compilers, the rule
// engine and the Terraform readers. Loading it loads no engine and no provider binding (a test pins it);
// the root entry (`cdktf-wif`) re-exports all of this and adds the constructs.
export {
  AZURE_DEFAULT_AUDIENCE,
  CLOUDS,
  Claim,
  ISSUER_KINDS,
  ISSUER_PROFILES,
  Issuer,
  StringCondition,
  Subject,
  Trust,
  WifValidationError,
  defaultAudience,
} from "./trust";
export type {
  AzureDevOpsTrustOptions,
  BitbucketTrustOptions,
  BuildkiteTrustOptions,
  CircleCiTrustOptions,
  Cloud,
  GitHubActionsTrustOptions,
  GitLabTrustOptions,
  GkeTrustOptions,
  IssuerKind,
  IssuerOptions,
  IssuerProfile,
  KubernetesTrustOptions,
  SpiffeTrustOptions,
  MatchAlternative,
  TerraformCloudTrustOptions,
  TerraformRunPhase,
  TokenClaims,
  TrustPresetName,
  TrustPresetOptions,
  TrustProps,
} from "./trust";

export { compileGcpProvider, GCP_LIMITS } from "./compile/gcp";
export type { GcpProviderConfig, GcpProviderLocation } from "./compile/gcp";
export { compileAzureTrust, refusalError, AZURE_MAX_CREDENTIALS, AZURE_MAX_VALUE_LENGTH } from "./compile/azure";
export type {
  AzureCompileResult,
  AzureCompiled,
  AzureCredential,
  AzureExactCredential,
  AzureFlexibleCredential,
  AzureRefusal,
  AzureTarget,
} from "./compile/azure";
export { AWS_PARTITIONS, AWS_TRUST_POLICY_MAX_LENGTH, awsEvaluatedClaims, compileAwsTrustPolicy, oidcProviderArn, parseOidcProviderArn } from "./compile/aws";
export type { AwsConditionValue, AwsPartition, AwsTrustPolicy, AwsTrustPolicyDocument, AwsTrustPolicyOptions, OidcProviderArnParts } from "./compile/aws";

// Rule engine (pure) and Terraform readers: shared by constructs, the TrustChecks Aspect and `wif lint`.
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

// Inventory (who can reach what, across clouds): `inventory()` reads the files, the rest is pure.
export { inventory } from "./api/inventory";
export type { InventoryOptions } from "./api/inventory";
export type { BuildInventoryOptions } from "./inventory/build";
export { mergeInventories } from "./inventory/merge";
export { inventoryMarkdown } from "./inventory/markdown";
export { inventoryHtml } from "./inventory/html";
export type {
  Inventory,
  InventoryCondition,
  InventoryFamily,
  InventoryIdentity,
  InventoryPermission,
  InventorySummary,
  InventoryUnknown,
  InventoryWorkload,
  PermissionKind,
} from "./inventory/model";

// Explain (why a token is in or out): `explain()` reads the files, the judges are pure.
export { explain } from "./api/explain";
export type { ExplainOptions } from "./api/explain";
export type { Decision, Explanation, ExplainQuestion, ExplainVerdict } from "./explain/model";
