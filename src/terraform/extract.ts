import type { TrustFacts } from "../lint/facts";
import { awsTrustFacts } from "./aws-trust";
import { azureTrustFacts } from "./azure-trust";
import { gcpTrustFacts } from "./gcp-trust";
import type { TerraformResource } from "./resources";

export { resourcesFromTerraformJson } from "./terraform-json";

/**
 * The trust facts of every trust-bearing resource: AWS roles (inline JSON, `jsonencode(...)`, or a
 * `data.aws_iam_policy_document`), GCP workload identity pool providers with the IAM members that
 * name their pool, and Azure federated identity credentials (azurerm and azuread, exact and flexible).
 * Unresolved values are kept as unknowns (WIF011), never guessed.
 *
 * @example
 * const facts = extractTrustFacts(resourcesFromTerraformJson(JSON.parse(text)));
 */
export function extractTrustFacts(resources: readonly TerraformResource[]): TrustFacts[] {
  const byAddress = new Map(resources.map((r) => [r.address, r]));
  return [...awsTrustFacts(resources, byAddress), ...gcpTrustFacts(resources, byAddress), ...azureTrustFacts(resources)];
}
