import { assemble } from "./assemble";
import { INVENTORY_SCHEMA_VERSION, Inventory, InventoryIdentity } from "./model";

/** Why a JSON document is not an inventory this version reads, or undefined when it is. */
export function inventoryShapeError(doc: unknown): string | undefined {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) return "is not a JSON object";
  const d = doc as Record<string, unknown>;
  if (d.schemaVersion !== INVENTORY_SCHEMA_VERSION) {
    return `has schemaVersion ${JSON.stringify(d.schemaVersion)}; this wif reads inventories of schemaVersion ${INVENTORY_SCHEMA_VERSION} (write it again with this version of wif inventory --format json)`;
  }
  if (!Array.isArray(d.identities)) return 'has no "identities" list';
  const bad = d.identities.findIndex(
    (i) =>
      i === null ||
      typeof i !== "object" ||
      typeof (i as Record<string, unknown>).id !== "string" ||
      !Array.isArray((i as Record<string, unknown>).families) ||
      !Array.isArray((i as Record<string, unknown>).permissions),
  );
  if (bad >= 0) return `identities[${bad}] lacks an "id" string or the "families" and "permissions" lists`;
  return undefined;
}

/** True when a parsed JSON document is an inventory (`schemaVersion` and `identities`). */
export function looksLikeInventory(doc: unknown): boolean {
  return doc !== null && typeof doc === "object" && !Array.isArray(doc) && "schemaVersion" in doc && "identities" in doc;
}

/**
 * Merges inventories (one per repository, say) into one: identities de-duplicated by repository and
 * address (their `id`; the later inventory's copy wins, as the newer run), workloads and summary
 * recomputed over the whole, problems kept.
 *
 * @example
 * const org = mergeInventories([JSON.parse(a), JSON.parse(b)]);
 */
export function mergeInventories(inventories: readonly Inventory[], tool = "cdktf-wif"): Inventory {
  const byId = new Map<string, InventoryIdentity>();
  for (const inv of inventories) for (const identity of inv.identities) byId.set(identityKey(identity), identity);
  return assemble([...byId.values()], { tool, problems: inventories.flatMap((i) => i.problems ?? []) });
}

function identityKey(i: InventoryIdentity): string {
  return `${i.repository ?? ""}\u0000${i.id}`;
}
