import { AzureadProvider } from "@cdktf/provider-azuread/lib/provider";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { Testing, TerraformStack } from "cdktf";

import type { AzureTarget } from "../../src/compile/azure";
import type { Acknowledgement } from "../../src/lint/acknowledgement";
import { AzureAppFederatedCredential, AzureFederatedIdentity } from "../../src/constructs/azure";
import { Trust, WifValidationError } from "../../src/trust";
import { credentialsFromSynth, OracleCredentials } from "./azure-oracle";

/** What the Azure constructs make of a trust: the synthesized credentials, or the construct-time refusal. */
export type AzureSynthResult = { readonly refused: WifValidationError } | { readonly credentials: OracleCredentials };

/**
 * Synthesizes `AzureFederatedIdentity` ("managed-identity") or `AzureAppFederatedCredential`
 * ("app-registration") for the trust in a fresh stack and reads the credentials back from the JSON.
 * `acknowledge` lets a test judge the compiled form of a trust the rule engine would refuse.
 */
export function synthAzure(trust: Trust, target: AzureTarget, acknowledge?: readonly Acknowledgement[]): AzureSynthResult {
  const app = Testing.app();
  const stack = new TerraformStack(app, "oracle");
  try {
    if (target === "managed-identity") {
      new AzurermProvider(stack, "azurerm", { features: [{}] });
      new AzureFederatedIdentity(stack, "identity", { trust, resourceGroupName: "rg-ci", location: "westeurope", acknowledge });
    } else {
      new AzureadProvider(stack, "azuread", {});
      new AzureAppFederatedCredential(stack, "app", { trust, displayName: "oracle", acknowledge });
    }
  } catch (e) {
    if (e instanceof WifValidationError) return { refused: e };
    throw e;
  }
  return { credentials: credentialsFromSynth(Testing.synth(stack)) };
}
