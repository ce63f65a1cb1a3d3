import type { Acknowledgement } from "../lint/acknowledgement";
import type { SourceLocation } from "../lint/finding";
import { readLocals, substituteLocalsDeep } from "./locals";
import type { TerraformResource } from "./resources";

/**
 * The resources and data sources of a Terraform JSON configuration (`resource.<type>.<name>`,
 * `data.<type>.<name>`; each level may be an object or a list of objects, as cdktf and hcl2json
 * write them). In-source acknowledgements are read from the resource's comment key:
 * `"//": { "wif": { "acknowledge": [{ "rule": "WIF004", "reason": "..." }] } }`. String and
 * list-of-string `locals` of the same configuration are substituted into the values (`local.gh`);
 * locals of other files stay unknown.
 *
 * @example
 * resourcesFromTerraformJson(JSON.parse(fs.readFileSync("cdk.tf.json", "utf8")), { file: "cdk.tf.json" });
 */
export function resourcesFromTerraformJson(config: unknown, source?: SourceLocation): TerraformResource[] {
  const out: TerraformResource[] = [];
  for (const root of objects(config)) {
    const locals = readLocals(root);
    for (const [block, mode] of [
      ["resource", "managed"],
      ["data", "data"],
    ] as const) {
      for (const byType of objects(root[block])) {
        for (const [type, byName] of Object.entries(byType)) {
          for (const names of objects(byName)) {
            for (const [name, bodies] of Object.entries(names)) {
              for (const written of objects(bodies)) {
                const values =
                  locals.size > 0 && JSON.stringify(written).includes("local.") ? (substituteLocalsDeep(written, locals) as Record<string, unknown>) : written;
                const acknowledgements = readAcknowledgements(values);
                out.push({
                  mode,
                  type,
                  name,
                  address: mode === "data" ? `data.${type}.${name}` : `${type}.${name}`,
                  values,
                  ...(source ? { source } : {}),
                  ...(acknowledgements.length > 0 ? { acknowledgements } : {}),
                });
              }
            }
          }
        }
      }
    }
  }
  return out;
}

/** The objects of a value that is an object or a list of objects. */
export function objects(value: unknown): Record<string, unknown>[] {
  // Nested lists are flattened without recursion: a value nested thousands deep must not throw.
  const out: Record<string, unknown>[] = [];
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    } else if (v !== null && typeof v === "object") out.push(v as Record<string, unknown>);
  }
  return out;
}

function readAcknowledgements(values: Record<string, unknown>): Acknowledgement[] {
  const out: Acknowledgement[] = [];
  for (const comment of objects(values["//"])) {
    for (const wif of objects(comment.wif)) {
      const list = Array.isArray(wif.acknowledge) ? wif.acknowledge : [];
      for (const a of objects(list)) {
        if (typeof a.rule === "string" && typeof a.reason === "string") out.push({ rule: a.rule, reason: a.reason });
      }
    }
  }
  return out;
}
