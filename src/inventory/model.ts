import type { Cloud } from "../trust/audiences";

/** The JSON contract of `wif inventory --format json` (schemas/inventory.schema.json). */
export const INVENTORY_SCHEMA_VERSION = 1;

/** One condition of a trust, as written (its statement's conditions AND together; statements OR together). */
export interface InventoryCondition {
  /** The statement, branch or member it belongs to, e.g. `Statement[0]`. */
  readonly statement: string;
  readonly claim: string;
  /** The cloud's own operator, e.g. `StringLike`, `assertion.sub.startsWith`, `eq`. */
  readonly operator: string;
  readonly values: readonly string[];
}

/** One value the inventory could not read, with where it came from. */
export interface InventoryUnknown {
  /** The unresolved expression, e.g. `${var.subjects}`. */
  readonly value: string;
  /** Where: the address and field, e.g. `aws_iam_role.ci sub`. */
  readonly from: string;
}

export type PermissionKind = "aws-managed-policy" | "aws-inline-policy" | "gcp-role" | "azure-role";

/** Something an identity can do. */
export interface InventoryPermission {
  readonly kind: PermissionKind;
  /** Policy ARN or name, GCP role, Azure role name or id. */
  readonly name: string;
  /** Where it applies: a GCP project or resource, an Azure scope; AWS: the resources of the policy, when read. */
  readonly scope?: string;
  /** Admin-level: AdministratorAccess-like policies, `*` on `*`, roles/owner|editor, Owner|Contributor|User Access Administrator. */
  readonly admin: boolean;
  /** AWS policies: the allowed actions, when the policy could be read. */
  readonly actions?: readonly string[];
  /** True when an allowed action has a wildcard (`*`, `s3:*`). */
  readonly wildcard?: boolean;
  /** Through what: a service account (GCP), the resource granting it. */
  readonly via?: string;
  /** True when the policy or role could not be read (see the identity's unknowns). */
  readonly unknown?: boolean;
}

/**
 * One workload family a trust admits: issuer + tenant + repository (project, workspace, namespace)
 * + context. `*` marks a field the trust leaves open; unresolved values keep their `${...}` text.
 */
export interface InventoryFamily {
  /** Stable key, `issuer|tenant|repository|context`. */
  readonly family: string;
  readonly issuer: string;
  readonly tenant: string;
  readonly repository: string;
  readonly context: string;
  readonly who: string;
  /** True when tokens of tenants other than the one named (or of every tenant) get in. */
  readonly admitsOtherTenants: boolean;
  /** True when every repository of the tenant gets in. */
  readonly wholeTenant: boolean;
  /** True when every branch, or pull requests, get in (the context is open or a pull request). */
  readonly anyBranch: boolean;
}

/** One trust on one cloud resource: an AWS role (per OIDC issuer), a GCP provider, an Azure credential. */
export interface InventoryIdentity {
  /** Unique in the inventory: `[repository//]unit//address[#issuer]`. */
  readonly id: string;
  readonly cloud: Cloud;
  readonly address: string;
  /** Where it is declared; inside a module, the module call (the resource itself is the last of `via`). */
  readonly file?: string;
  readonly line?: number;
  /** For a resource inside a module: the nested module calls and the resource block, as `wif lint` reports them. */
  readonly via?: readonly { readonly file: string; readonly line?: number; readonly address: string }[];
  /** The repository holding the Terraform (`--repository`, or `GITHUB_REPOSITORY` in the CLI). */
  readonly repository?: string;
  /** What the workload becomes: role name, service accounts, managed identity or application. */
  readonly target: string;
  /** The issuer URL; `unknown` when it could not be read. */
  readonly issuer: string;
  readonly who: string;
  readonly conditions: readonly InventoryCondition[];
  readonly families: readonly InventoryFamily[];
  readonly unknowns: readonly InventoryUnknown[];
  readonly findings: readonly { readonly rule: string; readonly severity: string; readonly suppressed?: boolean }[];
  readonly permissions: readonly InventoryPermission[];
}

/** The same data turned around: one workload family and everything it reaches. */
export interface InventoryWorkload extends InventoryFamily {
  readonly identities: readonly string[];
  /** The union of the identities' permissions: the blast radius. */
  readonly permissions: readonly InventoryPermission[];
  readonly clouds: readonly Cloud[];
}

export interface InventorySummary {
  readonly identities: number;
  readonly workloads: number;
  readonly byCloud: Readonly<Record<string, number>>;
  readonly byIssuer: Readonly<Record<string, number>>;
  /** Distinct tenants trusted: `issuer tenant` (GitHub owners, GitLab groups, HCP Terraform organizations, clusters). */
  readonly tenants: readonly string[];
  /** Identities admitting more than one repository. */
  readonly broad: number;
  /** Identities with admin-level permissions reachable from a pull request or any branch. */
  readonly adminFromAnyBranch: number;
  /** Repositories whose inventories were merged. */
  readonly repositories: readonly string[];
}

export interface Inventory {
  readonly schemaVersion: typeof INVENTORY_SCHEMA_VERSION;
  readonly tool: string;
  readonly identities: readonly InventoryIdentity[];
  readonly workloads: readonly InventoryWorkload[];
  readonly summary: InventorySummary;
  /** Inputs that could not be read (`file: message`). */
  readonly problems: readonly { readonly file: string; readonly line?: number; readonly message: string }[];
}
