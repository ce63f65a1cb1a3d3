import type { TerraformResource } from "./resources";
import { objects } from "./terraform-json";
import { linked, TrustGraph } from "./eval/links";
import { evaluated, isWhollyUnknown, strings } from "./values";

/** The members a `google_*_iam_policy` grants through its `policy_data`, or the expression that hides them. */
export interface PolicyDataMembers {
  readonly members: readonly string[];
  /** Set when `policy_data` cannot be read (a variable, a function call, an unknown data source). */
  readonly unknown?: string;
}

/**
 * Reads `policy_data` of an authoritative IAM policy resource (`google_service_account_iam_policy`,
 * `google_project_iam_policy`, ...): a `${data.google_iam_policy.X.policy_data}` reference (its
 * `binding { role members }` blocks) or a JSON literal (`{"bindings":[{"role":..,"members":[..]}]}`).
 *
 * @example
 * policyDataMembers(policy, graph).members; // ["principalSet://.../workloadIdentityPools/ci-pool/*"]
 */
export function policyDataMembers(resource: TerraformResource, graph: Pick<TrustGraph, "byAddress">): PolicyDataMembers {
  const raw = evaluated(resource.values.policy_data);
  const ref = linked(graph, raw, "google_iam_policy", "data");
  if (ref?.attribute === "policy_data") {
    const data = ref.instance;
    if (!data) return { members: [], unknown: String(raw) };
    const values = evaluated(data.values) as Record<string, unknown>;
    return { members: objects(values.binding).flatMap((b) => strings(b.members)) };
  }
  if (typeof raw === "string" && !isWhollyUnknown(raw)) {
    try {
      const doc = JSON.parse(raw) as unknown;
      return { members: objects((doc as Record<string, unknown> | null)?.bindings).flatMap((b) => strings(b.members)) };
    } catch {
      return { members: [], unknown: raw.slice(0, 200) };
    }
  }
  if (raw !== null && typeof raw === "object") {
    return { members: objects((raw as Record<string, unknown>).bindings).flatMap((b) => strings(b.members)) };
  }
  return raw === undefined ? { members: [] } : { members: [], unknown: String(raw) };
}
