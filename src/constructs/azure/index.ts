export { AzureAppFederatedCredential } from "./app-federated-credential";
export type { AzureAppFederatedCredentialProps, AzureExistingApplication } from "./app-federated-credential";
export { AzureFederatedIdentity } from "./federated-identity";
export type { AzureExistingIdentity, AzureFederatedIdentityProps, AzureRoleAssignment } from "./federated-identity";
