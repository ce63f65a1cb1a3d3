import type { TerraformResource } from "../../terraform/resources";
import { evaluated, str } from "../../terraform/values";
import type { InventoryPermission, InventoryUnknown } from "../model";
import { addressType, CREDENTIAL_PARENT, reference } from "../../terraform/eval/links";
import { display } from "./display";
import type { Grants } from "./grants";

/** Built-in Azure roles of administrator level (or that can grant themselves more). */
const ADMIN_ROLES = new Set(["Owner", "Contributor", "User Access Administrator", "Role Based Access Control Administrator"]);

/** True for an Azure role name of administrator level. */
export function isAzureAdminRole(role: string): boolean {
  return ADMIN_ROLES.has(role);
}

/**
 * What an Azure federated credential leads to: its user-assigned identity (`parent_id`) or app
 * registration (`application_id` → its `azuread_service_principal`), and the `azurerm_role_assignment`s
 * whose `principal_id` is that identity's or service principal's, with role and scope.
 */
export function azureCredentialPermissions(
  credential: TerraformResource,
  resources: readonly TerraformResource[],
  byAddress: ReadonlyMap<string, TerraformResource>,
): Grants {
  const unknowns: InventoryUnknown[] = [];
  const parentRaw = str(evaluated(credential.values[CREDENTIAL_PARENT[credential.type] ?? "parent_id"])) ?? "?";
  const ref = reference(parentRaw);
  const principals: string[] = [];
  let target: string;
  if (ref && addressType(ref.address)?.type === "azurerm_user_assigned_identity") {
    principals.push(`\${${ref.address}.principal_id}`);
    target = display(parentRaw, byAddress);
  } else if (ref && addressType(ref.address)?.type === "azuread_application") {
    target = display(parentRaw, byAddress);
    for (const sp of resources) {
      if (sp.mode !== "managed" || sp.type !== "azuread_service_principal") continue;
      const client = reference(str(evaluated(sp.values.client_id ?? sp.values.application_id)));
      if (client && client.address === ref.address) principals.push(`\${${sp.address}.object_id}`, `\${${sp.address}.id}`);
    }
  } else {
    const name = /userAssignedIdentities\/([^/]+)$/.exec(parentRaw)?.[1];
    target = name ? `managed identity ${name}` : parentRaw;
  }
  const permissions: InventoryPermission[] = [];
  for (const r of resources) {
    if (r.mode !== "managed" || r.type !== "azurerm_role_assignment") continue;
    const principal = str(evaluated(r.values.principal_id));
    if (principal === undefined || !principals.includes(principal)) continue;
    const values = evaluated(r.values) as Record<string, unknown>;
    const role = str(values.role_definition_name) ?? display(values.role_definition_id, byAddress);
    permissions.push({ kind: "azure-role", name: role, scope: display(r.values.scope, byAddress), admin: isAzureAdminRole(role), via: r.address });
  }
  if (principals.length === 0) unknowns.push({ value: `role assignments of ${target}`, from: `${credential.address} names an identity outside these files` });
  else if (permissions.length === 0) unknowns.push({ value: `role assignments of ${target}`, from: "none made in these files" });
  return { permissions, unknowns, targets: [target] };
}
