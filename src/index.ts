// Public surface of cdktf-wif. The pure model is always loaded; cloud constructs load their
// provider modules only when first used (see src/constructs/).
export * from "./trust";
export { AWS_PARTITIONS, AWS_TRUST_POLICY_MAX_LENGTH, awsEvaluatedClaims, compileAwsTrustPolicy, oidcProviderArn, parseOidcProviderArn } from "./compile/aws";
export type { AwsConditionValue, AwsPartition, AwsTrustPolicy, AwsTrustPolicyDocument, AwsTrustPolicyOptions, OidcProviderArnParts } from "./compile/aws";
export { AwsOidcProvider, AwsWorkloadIdentityRole } from "./constructs/aws";
export type { AwsOidcProviderLookup, AwsOidcProviderProps, AwsWorkloadIdentityRoleProps, IAwsOidcProvider } from "./constructs/aws";
