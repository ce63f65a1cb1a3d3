export { celString, claimAccess, globToRe2 } from "./cel";
export { attributeCondition, conditionFor } from "./condition";
export { compileGcpProvider, PROVIDER_ATTRIBUTE } from "./compile";
export type { GcpProviderConfig, GcpProviderLocation } from "./compile";
export { checkGcpId, checkProjectNumber, GCP_LIMITS } from "./limits";
