import { unknownParts } from "../lint/analysis/pattern";
import type { TrustFacts, UnknownValue } from "../lint/facts";
import { awsTrustFacts } from "./aws-trust";
import { azureTrustFacts } from "./azure-trust";
import { trustGraph } from "./eval/links";
import { gcpTrustFacts } from "./gcp-trust";
import { errorText, INPUT_MESSAGES } from "./input-messages";
import type { InputProblem } from "./input-problem";
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
  const graph = trustGraph(resources);
  const facts = [...awsTrustFacts(graph), ...gcpTrustFacts(graph), ...azureTrustFacts(graph)];
  if (!unknownInputs || unknownInputs.size === 0) return facts;
  return facts.map((f) => ({ ...f, unknowns: f.unknowns.map((u) => withInput(u, unknownInputs)) }));
}

/**
 * Names what would decide an unknown, when the evaluation recorded it (`${var.x}` → `var.x of module.ci,
 * set nowhere ...`): for each unresolved part of the expression (`https://${var.host}/${var.path}` has two).
 */
function withInput(u: UnknownValue, inputs: ReadonlyMap<string, readonly string[]>): UnknownValue {
  const why = [...new Set(unknownParts(u.expression).flatMap((part) => inputs.get(part.slice(2, -1).trim()) ?? []))];
  return why.length > 0 ? { ...u, decidedBy: why.join("; ") } : u;
}

/** Resource types that hold a trust: tried first when isolating a failure, so a binding or a data source beside them takes the blame for its own value. */
const TRUST_TYPES =
  /^(aws_iam_role|google_iam_workload_identity_pool_provider|azurerm_federated_identity_credential|azuread_application(_flexible)?_federated_identity_credential)$/;

/**
 * `extractTrustFacts` that never loses a unit to one bad resource: when the extraction throws (a
 * reader meeting a value it cannot walk), the resources that make it throw are found by halving
 * (trust-bearing resources first, then the rest, each half kept when the extraction still
 * succeeds with it) and each is a problem naming its address, file and line; the facts of all the
 * other resources are returned. Costs nothing when nothing throws.
 *
 * @example
 * const { facts, problems } = extractTrustFactsIsolated(unit.resources);
 */
export function extractTrustFactsIsolated(
  resources: readonly TerraformResource[],
  unknownInputs?: ReadonlyMap<string, readonly string[]>,
): { facts: TrustFacts[]; problems: InputProblem[] } {
  try {
    return { facts: extractTrustFacts(resources, unknownInputs), problems: [] };
  } catch {
    // isolate below
  }
  const ordered = [...resources.filter((r) => TRUST_TYPES.test(r.type)), ...resources.filter((r) => !TRUST_TYPES.test(r.type))];
  let accepted: TerraformResource[] = [];
  const problems: InputProblem[] = [];
  const add = (candidates: readonly TerraformResource[]): void => {
    if (candidates.length === 0) return;
    try {
      extractTrustFacts([...accepted, ...candidates], unknownInputs);
      accepted = [...accepted, ...candidates];
      return;
    } catch (err) {
      if (candidates.length === 1) {
        const r = candidates[0];
        problems.push({
          file: r.source?.file ?? "?",
          ...(r.source?.line ? { line: r.source.line } : {}),
          message: INPUT_MESSAGES.resourceFailed(r.address, errorText(err)),
        });
        return;
      }
    }
    const mid = candidates.length >> 1;
    add(candidates.slice(0, mid));
    add(candidates.slice(mid));
  };
  add(ordered);
  return { facts: extractTrustFacts(accepted, unknownInputs), problems };
}
