import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { AzureadProvider } from "@cdktf/provider-azuread/lib/provider";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { Testing, TerraformStack } from "cdktf";

/** A stack "test" with every provider configured, so `Testing.synth(stack, true)` validations pass. */
export function allProvidersStack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), "test");
  new AwsProvider(s, "aws", { region: "eu-west-1" });
  new GoogleProvider(s, "google", { project: "acme-prod" });
  new AzurermProvider(s, "azurerm", { features: [{}] });
  new AzureadProvider(s, "azuread", {});
  return s;
}
