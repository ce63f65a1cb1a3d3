import type { TerraformResource } from "../../terraform/resources";
import { reference } from "../../terraform/eval/links";
import { evaluated, str } from "../../terraform/values";

/**
 * A value for people: a literal as is; a reference to a resource of the configuration as its
 * `name` (or `account_id`, `display_name`) when that is literal, else its address; anything else
 * as written.
 */
export function display(raw: unknown, byAddress: ReadonlyMap<string, TerraformResource>): string {
  const value = evaluated(raw);
  const ref = reference(value);
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
