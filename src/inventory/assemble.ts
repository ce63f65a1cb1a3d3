import type { Cloud } from "../trust/audiences";
import { INVENTORY_SCHEMA_VERSION } from "./model";
import type { Inventory, InventoryIdentity, InventoryPermission, InventorySummary, InventoryWorkload } from "./model";

/**
 * Puts identities together into an inventory: identities sorted by id, workloads (the families
 * turned around, each with every identity it reaches and the union of their permissions) and the
 * summary. Used by a fresh inventory and by a merge alike, so both agree.
 */
export function assemble(identities: readonly InventoryIdentity[], meta: { readonly tool: string; readonly problems: Inventory["problems"] }): Inventory {
  const sorted = [...identities].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const workloads = workloadsOf(sorted);
  return {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    tool: meta.tool,
    identities: sorted,
    workloads,
    summary: summaryOf(sorted, workloads),
    problems: meta.problems,
  };
}

function permissionKey(p: InventoryPermission): string {
  return [p.kind, p.name, p.scope ?? ""].join("\u0000");
}

function workloadsOf(identities: readonly InventoryIdentity[]): InventoryWorkload[] {
  interface Entry {
    readonly family: InventoryIdentity["families"][number];
    readonly ids: string[];
    readonly perms: Map<string, InventoryPermission>;
    readonly clouds: Set<Cloud>;
  }
  const byFamily = new Map<string, Entry>();
  for (const identity of identities) {
    for (const family of identity.families) {
      const entry: Entry = byFamily.get(family.family) ?? { family, ids: [], perms: new Map<string, InventoryPermission>(), clouds: new Set<Cloud>() };
      entry.ids.push(identity.id);
      entry.clouds.add(identity.cloud);
      for (const p of identity.permissions) {
        const key = permissionKey(p);
        const previous = entry.perms.get(key);
        if (!previous) entry.perms.set(key, withoutVia(p));
      }
      byFamily.set(family.family, entry);
    }
  }
  return [...byFamily.values()]
    .map((e) => ({ ...e.family, identities: e.ids, clouds: [...e.clouds].sort(), permissions: [...e.perms.values()] }))
    .sort(
      (a, b) =>
        Number(b.admitsOtherTenants) - Number(a.admitsOtherTenants) ||
        Number(b.wholeTenant) - Number(a.wholeTenant) ||
        (a.family < b.family ? -1 : a.family > b.family ? 1 : 0),
    );
}

function withoutVia(p: InventoryPermission): InventoryPermission {
  const { via: _via, ...rest } = p;
  void _via;
  return rest;
}

function count(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

function summaryOf(identities: readonly InventoryIdentity[], workloads: readonly InventoryWorkload[]): InventorySummary {
  const tenants = new Set<string>();
  for (const i of identities)
    for (const f of i.families) if (f.tenant !== "*" && f.tenant !== "?") tenants.add(f.tenant === f.issuer ? f.issuer : `${f.issuer} ${f.tenant}`);
  const broad = identities.filter((i) => {
    const repos = new Set(i.families.map((f) => `${f.tenant}/${f.repository}`));
    return repos.size > 1 || i.families.some((f) => f.admitsOtherTenants || f.wholeTenant);
  }).length;
  const adminFromAnyBranch = identities.filter((i) => i.permissions.some((p) => p.admin) && i.families.some((f) => f.anyBranch)).length;
  return {
    identities: identities.length,
    workloads: workloads.length,
    byCloud: count(identities.map((i) => i.cloud)),
    byIssuer: count(identities.map((i) => i.issuer)),
    tenants: [...tenants].sort(),
    broad,
    adminFromAnyBranch,
    repositories: [...new Set(identities.flatMap((i) => (i.repository ? [i.repository] : [])))].sort(),
  };
}
