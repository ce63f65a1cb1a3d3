// Public surface of cdktf-wif: all of `cdktf-wif/core` (the pure model, compilers, rule engine and
// Terraform readers) plus the constructs. Cloud constructs load their provider modules only when first
// used (see src/constructs/).
export * from "./core";

export { GcpWorkloadIdentity } from "./constructs/gcp";
export type { GcpWorkloadIdentityProps } from "./constructs/gcp";
export { AzureAppFederatedCredential, AzureFederatedIdentity } from "./constructs/azure";
export type {
  AzureAppFederatedCredentialProps,
  AzureExistingApplication,
  AzureExistingIdentity,
  AzureFederatedIdentityProps,
  AzureRoleAssignment,
} from "./constructs/azure";
export { AwsOidcProvider, AwsWorkloadIdentityRole } from "./constructs/aws";
export type { AwsOidcProviderLookup, AwsOidcProviderProps, AwsWorkloadIdentityRoleProps, IAwsOidcProvider } from "./constructs/aws";
export { FederatedWorkload } from "./constructs/federated-workload";
export type { IEngineAspect, ITerraformDependable, ITerraformOutput } from "./constructs/engine-types";
export type { FederatedWorkloadProps } from "./constructs/federated-workload";
export { gateTrust } from "./constructs/trust-gate";
export type { GateTrustOptions } from "./constructs/trust-gate";
export { TrustChecks } from "./constructs/trust-checks";
export type { TrustChecksProps } from "./constructs/trust-checks";
