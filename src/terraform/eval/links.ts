import type { ResourceInstance } from "./configuration";

/** How two resource instances of a trust are linked. */
export type LinkKind =
  /** An IAM role's trust names an OIDC provider (its `Federated` ARN). */
  | "role-provider"
  /** A GCP workload identity pool provider belongs to a pool. */
  | "provider-pool"
  /** A GCP IAM member or binding grants a pool's identities. */
  | "pool-member"
  /** An Azure federated credential belongs to a managed identity or an application. */
  | "identity-credential"
  /** Any other reference from one instance to another. */
  | "reference";

/** One edge of the graph: `from` refers to `to` (addresses are absolute). */
export interface Link {
  readonly kind: LinkKind;
  readonly from: string;
  readonly to: string;
  /** The attribute of `to` that is referred to (`arn`, `name`), or `literal` for a value match. */
  readonly via: string;
}

/** The resource instances of a root and the links between them. */
export interface TrustGraph {
  readonly instances: readonly ResourceInstance[];
  readonly byAddress: ReadonlyMap<string, ResourceInstance>;
  readonly links: readonly Link[];
}

const KINDS: readonly { readonly from: RegExp; readonly to: RegExp; readonly kind: LinkKind; readonly flip?: boolean }[] = [
  { from: /^aws_iam_role$|^aws_iam_policy_document$/, to: /^aws_iam_openid_connect_provider$/, kind: "role-provider" },
  { from: /^google_iam_workload_identity_pool_provider$/, to: /^google_iam_workload_identity_pool$/, kind: "provider-pool" },
  { from: /^google_.*_iam_(member|binding|policy)$|^google_iam_policy$/, to: /^google_iam_workload_identity_pool$/, kind: "pool-member", flip: true },
  {
    from: /^azurerm_federated_identity_credential$|^azuread_application_(flexible_)?federated_identity_credential$/,
    to: /^azurerm_user_assigned_identity$|^azuread_application(_registration)?$/,
    kind: "identity-credential",
    flip: true,
  },
];

const REFERENCE = /\$\{((?:module\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.)*(?:data\.)?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+(?:\[(?:[0-9]+|"[^"]*")\])?)\.([A-Za-z0-9_]+)/g;

/**
 * The graph of a root's resource instances: every `${address.attribute}` reference between them,
 * typed where it links a trust (role → OIDC provider, provider → pool, pool → IAM members, identity
 * → federated credentials), plus literal matches (a role's `oidc-provider/<host>` ARN against a
 * provider's `url`, a GCP member's `workloadIdentityPools/<id>` against a pool's id).
 *
 * @example
 * const graph = trustGraph(root.instances);
 * graph.links.filter((l) => l.kind === "role-provider"); // [{ from: "module.ci.aws_iam_role.this", to: "aws_iam_openid_connect_provider.github", via: "arn" }]
 */
export function trustGraph(instances: readonly ResourceInstance[]): TrustGraph {
  const byAddress = new Map(instances.map((r) => [r.address, r]));
  const links: Link[] = [];
  const seen = new Set<string>();
  const add = (from: ResourceInstance, to: ResourceInstance, via: string) => {
    const typed = KINDS.find((k) => k.from.test(from.type) && k.to.test(to.type));
    const link: Link = typed
      ? { kind: typed.kind, from: typed.flip ? to.address : from.address, to: typed.flip ? from.address : to.address, via }
      : { kind: "reference", from: from.address, to: to.address, via };
    const key = `${link.kind}\u0000${link.from}\u0000${link.to}`;
    if (seen.has(key)) return;
    seen.add(key);
    links.push(link);
  };
  const providersByHost = new Map<string, ResourceInstance>();
  const poolsById = new Map<string, ResourceInstance>();
  for (const r of instances) {
    if (r.type === "aws_iam_openid_connect_provider" && typeof r.values.url === "string" && !r.values.url.includes("${")) {
      providersByHost.set(
        r.values.url
          .replace(/^https?:\/\//i, "")
          .replace(/\/+$/, "")
          .toLowerCase(),
        r,
      );
    }
    const poolId = r.values.workload_identity_pool_id;
    if (r.type === "google_iam_workload_identity_pool" && typeof poolId === "string" && !poolId.includes("${")) poolsById.set(poolId, r);
  }
  for (const r of instances) {
    const text = JSON.stringify(r.values);
    for (const m of text.replace(/\\"/g, '"').matchAll(REFERENCE)) {
      const to = byAddress.get(m[1]);
      if (to && to !== r) add(r, to, m[2]);
    }
    for (const m of text.matchAll(/oidc-provider\/([^"\\,\s]+)/g)) {
      const to = providersByHost.get(m[1].replace(/\/+$/, "").toLowerCase());
      if (to) add(r, to, "literal");
    }
    for (const m of text.matchAll(/workloadIdentityPools\/([^/"\\]+)\//g)) {
      const pool = poolsById.get(m[1]);
      if (pool && pool !== r) add(r, pool, "literal");
    }
    const poolId = r.values.workload_identity_pool_id;
    if (r.type === "google_iam_workload_identity_pool_provider" && typeof poolId === "string") {
      // The same pool id in another module instance is another pool: prefer this instance's.
      const pool =
        instances.find(
          (p) => p.type === "google_iam_workload_identity_pool" && p.modulePath === r.modulePath && p.values.workload_identity_pool_id === poolId,
        ) ?? poolsById.get(poolId);
      if (pool) add(r, pool, "literal");
    }
  }
  // A role whose trust is a policy document is linked to the document's providers.
  for (const l of [...links]) {
    const from = byAddress.get(l.from);
    const to = byAddress.get(l.to);
    if (l.kind !== "reference" || from?.type !== "aws_iam_role" || to?.type !== "aws_iam_policy_document") continue;
    for (const p of links.filter((x) => x.kind === "role-provider" && x.from === to.address)) add(from, byAddress.get(p.to) as ResourceInstance, p.via);
  }
  return { instances, byAddress, links };
}
