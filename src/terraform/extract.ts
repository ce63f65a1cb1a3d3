import type { TrustFacts, UnknownValue } from "../lint/facts";
import { awsTrustFacts } from "./aws-trust";
import { azureTrustFacts } from "./azure-trust";
import { gcpTrustFacts } from "./gcp-trust";
import type { TerraformResource } from "./resources";

export { resourcesFromTerraformJson } from "./terraform-json";

/**
 * The trust facts of every trust-bearing resource: AWS roles (inline JSON, `jsonencode(...)`, or a
 * `data.aws_iam_policy_document`), GCP workload identity pool providers with the IAM members that
 * name their pool, and Azure federated identity credentials (azurerm and azuread, exact and flexible).
 * Unresolved values are kept as unknowns (WIF011), never guessed; given the evaluation's
 * `unknownInputs`, each unknown names the input that would decide it.
 *
 * @example
 * const facts = extractTrustFacts(resourcesFromTerraformJson(JSON.parse(text)));
 */
export function extractTrustFacts(resources: readonly TerraformResource[], unknownInputs?: ReadonlyMap<string, readonly string[]>): TrustFacts[] {
  const byAddress = new Map(resources.map((r) => [r.address, r]));
  const facts = [...awsTrustFacts(resources, byAddress), ...gcpTrustFacts(resources, byAddress), ...azureTrustFacts(resources)];
  if (!unknownInputs || unknownInputs.size === 0) return facts;
  return facts.map((f) => ({ ...f, unknowns: f.unknowns.map((u) => withInput(u, unknownInputs)) }));
}

/** Names what would decide an unknown, when the evaluation recorded it (`${var.x}` → `var.x of module.ci, set nowhere ...`). */
function withInput(u: UnknownValue, inputs: ReadonlyMap<string, readonly string[]>): UnknownValue {
  const text = /^\$\{([\s\S]*)\}$/.exec(u.expression)?.[1]?.trim();
  const why = text !== undefined ? inputs.get(text) : undefined;
  return why && why.length > 0 ? { ...u, decidedBy: why.join("; ") } : u;
}
