import type { TrustFacts } from "../../lint/facts";
import { policyDataMembers } from "../../terraform/gcp-policy-data";
import { objects } from "../../terraform/terraform-json";
import type { TerraformResource } from "../../terraform/resources";
import { evaluated, str, strings } from "../../terraform/values";
import type { InventoryPermission, InventoryUnknown } from "../model";
import { addressType, reference } from "../../terraform/eval/links";
import { display } from "./display";
import type { Grants } from "./grants";

/** Roles that let a member act as a service account. */
const IMPERSONATION = new Set(["roles/iam.workloadIdentityUser", "roles/iam.serviceAccountTokenCreator"]);

/** Roles that give administrator-level control (or the means to take it). */
const ADMIN_ROLES = new Set([
  "roles/owner",
  "roles/editor",
  "roles/iam.securityAdmin",
  "roles/iam.serviceAccountAdmin",
  "roles/iam.serviceAccountTokenCreator",
  "roles/iam.serviceAccountKeyAdmin",
  "roles/iam.roleAdmin",
  "roles/iam.workloadIdentityPoolAdmin",
  "roles/resourcemanager.projectIamAdmin",
  "roles/resourcemanager.folderAdmin",
  "roles/resourcemanager.organizationAdmin",
]);

/** True for a GCP role of administrator level. */
export function isGcpAdminRole(role: string): boolean {
  return ADMIN_ROLES.has(role);
}

/** Fields that name the resource of a `google_*_iam_*` binding, in order of preference. */
const SCOPE_FIELDS = [
  "bucket",
  "secret_id",
  "dataset_id",
  "table_id",
  "repository",
  "topic",
  "subscription",
  "service",
  "cloud_function",
  "instance_name",
  "service_account_id",
  "name",
  "folder",
  "org_id",
  "project",
];

/**
 * What the members of a GCP provider's pool reach: a binding granting `roles/iam.workloadIdentityUser`
 * (or `serviceAccountTokenCreator`) on a service account leads to the service account and every role
 * granted to it; any other binding grants its role on its resource directly.
 */
export function gcpProviderPermissions(facts: TrustFacts, resources: readonly TerraformResource[], byAddress: ReadonlyMap<string, TerraformResource>): Grants {
  const permissions: InventoryPermission[] = [];
  const unknowns: InventoryUnknown[] = [];
  const targets: string[] = [];
  const seen = new Set<string>();
  for (const m of facts.gcp?.members ?? []) {
    const binding = byAddress.get(m.address);
    if (!binding || seen.has(`${m.address}\u0000${m.member}`)) continue;
    seen.add(`${m.address}\u0000${m.member}`);
    for (const role of rolesOf(binding, m.member, byAddress)) {
      if (/^google_service_account_iam_/.test(binding.type) && IMPERSONATION.has(role)) {
        const sa = serviceAccount(binding.values.service_account_id, byAddress);
        targets.push(sa.label);
        const grants = serviceAccountGrants(sa, resources, byAddress);
        permissions.push(...grants);
        if (grants.length === 0) unknowns.push({ value: `roles of ${sa.label}`, from: `none granted in these files (${binding.address})` });
        if (sa.unknown) unknowns.push({ value: sa.label, from: `${binding.address} service_account_id` });
      } else {
        permissions.push({ kind: "gcp-role", name: role, scope: scopeOf(binding, byAddress), admin: isGcpAdminRole(role), via: `${binding.address} (direct)` });
      }
    }
  }
  return { permissions, unknowns, targets: [...new Set(targets)] };
}

/** The roles a binding grants to a member (one for `_member`/`_binding`, those of `policy_data` bindings naming it). */
function rolesOf(binding: TerraformResource, member: string, byAddress: ReadonlyMap<string, TerraformResource>): string[] {
  const values = evaluated(binding.values) as Record<string, unknown>;
  if (values.role !== undefined) return strings(values.role);
  const raw = evaluated(binding.values.policy_data);
  const ref = reference(raw);
  const data = ref ? byAddress.get(ref.address) : undefined;
  if (data) {
    const v = evaluated(data.values) as Record<string, unknown>;
    return objects(v.binding)
      .filter((b) => strings(b.members).includes(member))
      .flatMap((b) => strings(b.role));
  }
  return policyDataMembers(binding, { byAddress }).members.includes(member) ? ["(policy_data role)"] : [];
}

interface ServiceAccount {
  readonly label: string;
  /** Spellings that name it in `serviceAccount:` members. */
  readonly members: readonly string[];
  readonly unknown: boolean;
}

function serviceAccount(raw: unknown, byAddress: ReadonlyMap<string, TerraformResource>): ServiceAccount {
  const value = str(evaluated(raw)) ?? "?";
  const ref = reference(value);
  if (ref && addressType(ref.address)?.type === "google_service_account") {
    const sa = byAddress.get(ref.address);
    const values = sa ? (evaluated(sa.values) as Record<string, unknown>) : {};
    const accountId = str(values.account_id);
    const project = str(values.project);
    const email = accountId && project && !`${accountId}${project}`.includes("${") ? `${accountId}@${project}.iam.gserviceaccount.com` : undefined;
    return {
      label: email ?? ref.address,
      members: [`serviceAccount:\${${ref.address}.email}`, `\${${ref.address}.member}`, ...(email ? [`serviceAccount:${email}`] : [])],
      unknown: false,
    };
  }
  const email = /serviceAccounts\/([^/]+)$/.exec(value)?.[1] ?? (value.includes("@") ? value : undefined);
  if (email && !email.includes("${")) return { label: email, members: [`serviceAccount:${email}`], unknown: false };
  return { label: value, members: [], unknown: true };
}

function serviceAccountGrants(
  sa: ServiceAccount,
  resources: readonly TerraformResource[],
  byAddress: ReadonlyMap<string, TerraformResource>,
): InventoryPermission[] {
  const out: InventoryPermission[] = [];
  for (const r of resources) {
    if (r.mode !== "managed" || !/^google_.*_iam_(member|binding)$/.test(r.type)) continue;
    const values = evaluated(r.values) as Record<string, unknown>;
    const members = [...strings(values.member), ...strings(values.members)];
    if (!members.some((m) => sa.members.includes(m))) continue;
    for (const role of strings(values.role)) {
      out.push({ kind: "gcp-role", name: role, scope: scopeOf(r, byAddress), admin: isGcpAdminRole(role), via: `${sa.label} (${r.address})` });
    }
  }
  return out;
}

function scopeOf(binding: TerraformResource, byAddress: ReadonlyMap<string, TerraformResource>): string {
  const noun = binding.type
    .replace(/^google_/, "")
    .replace(/_iam_(member|binding|policy)$/, "")
    .replace(/_/g, " ");
  for (const field of SCOPE_FIELDS) {
    if (binding.values[field] !== undefined) return `${noun} ${display(binding.values[field], byAddress)}`;
  }
  return noun;
}
