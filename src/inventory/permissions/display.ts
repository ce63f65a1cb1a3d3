import type { TerraformResource } from "../../terraform/resources";
import { evaluated, str } from "../../terraform/values";

/**
 * A value for people: a literal as is; a reference to a resource of the configuration as its
 * `name` (or `account_id`, `display_name`) when that is literal, else its address; anything else
 * as written.
 */
export function display(raw: unknown, byAddress: ReadonlyMap<string, TerraformResource>): string {
  const value = evaluated(raw);
  const ref = resourceRef(value);
  if (ref) {
    const target = byAddress.get(ref.address);
    if (target) {
      for (const key of ["name", "display_name", "account_id", "bucket"]) {
        const v = str(evaluated(target.values[key]));
        if (v !== undefined && !v.includes("${")) return `${v} (${ref.address})`;
      }
    }
    return ref.address;
  }
  return str(value) ?? JSON.stringify(value);
}

/**
 * `${<address>.<attribute>}` → { address, attribute }, for references to other resources, with the
 * module path and instance keys the evaluation writes (`${module.ci.aws_iam_policy.p.arn}`,
 * `${google_service_account.sa["a"].email}`).
 */
export function resourceRef(value: unknown): { address: string; attribute: string } | undefined {
  if (typeof value !== "string") return undefined;
  const m = /^\$\{((?:module\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.)*(?:data\.)?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?)\.([A-Za-z0-9_]+)\}$/.exec(value);
  return m ? { address: m[1], attribute: m[2] } : undefined;
}

/** The resource type of an address (`module.ci.aws_iam_policy.p` → `aws_iam_policy`). */
export function typeOf(address: string): string {
  const parts = address.replace(/\[[^\]]*\]/g, "").split(".");
  const i = parts[0] === "data" || parts.length < 2 ? 0 : parts.length - 2;
  return parts[0] === "data" ? parts[1] : parts[i];
}
