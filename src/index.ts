// Public surface of cdktf-wif. The pure model is always loaded; cloud constructs load their
// provider modules only when first used (see src/constructs/).
export * from "./trust";
export { GcpWorkloadIdentity } from "./constructs/gcp";
export type { GcpWorkloadIdentityProps } from "./constructs/gcp";
export { compileGcpProvider, GCP_LIMITS } from "./compile/gcp";
export type { GcpProviderConfig, GcpProviderLocation } from "./compile/gcp";
