export { compileAzureTrust } from "./compile";
export { renderExpression, isQuotable } from "./expression";
export type { FlexibleClause } from "./expression";
export { impliedClaims, literalPrefix } from "./implied-claims";
export { AZURE_CREDENTIAL_NAME, AZURE_MAX_CREDENTIALS, AZURE_MAX_VALUE_LENGTH, FLEXIBLE_ISSUERS } from "./limits";
export type { FlexibleIssuer, FlexibleOperator } from "./limits";
export { credentialName } from "./names";
export { refusalError } from "./types";
export type { AzureCompileResult, AzureCompiled, AzureCredential, AzureExactCredential, AzureFlexibleCredential, AzureRefusal, AzureTarget } from "./types";
