export { AWS_PARTITIONS, checkAccountId, checkPartition, oidcProviderArn, oidcProviderArnLength, parseOidcProviderArn } from "./arn";
export type { AwsPartition, OidcProviderArnParts } from "./arn";
export { AWS_GENERIC_CLAIM_KEYS, AWS_ISSUER_CLAIM_KEYS, AWS_UNSUPPORTED_CLAIM_KEYS, awsEvaluatedClaims } from "./claim-keys";
export { iamLiteralForStringLike, iamPatternForStringLike } from "./escape";
export { awsMessages } from "./messages";
export { AWS_TRUST_POLICY_MAX_LENGTH, compileAwsTrustPolicy } from "./trust-policy";
export type { AwsConditionValue, AwsTrustPolicy, AwsTrustPolicyDocument, AwsTrustPolicyOptions } from "./trust-policy";
