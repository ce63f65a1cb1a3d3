export { AwsOidcProvider } from "./oidc-provider";
export type { AwsOidcProviderLookup, AwsOidcProviderProps, IAwsOidcProvider } from "./oidc-provider";
export { AwsWorkloadIdentityRole } from "./workload-identity-role";
export type { AwsWorkloadIdentityRoleProps } from "./workload-identity-role";
