import type { TerraformResource } from "../resources";
import { evaluated, str } from "../values";

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
  readonly instances: readonly TerraformResource[];
  readonly byAddress: ReadonlyMap<string, TerraformResource>;
  readonly links: readonly Link[];
}

const KEY = String.raw`(?:\[(?:[0-9]+|"(?:[^"\\]|\\.)*")\])?`;
const ADDRESS = String.raw`(?:module\.[A-Za-z0-9_-]+${KEY}\.)*(?:data\.)?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+${KEY}`;
const WHOLE_REFERENCE = new RegExp(String.raw`^\$\{(${ADDRESS})\.([A-Za-z0-9_]+)\}$`);
const ANY_REFERENCE = new RegExp(String.raw`\$\{(${ADDRESS})\.([A-Za-z0-9_]+)`, "g");
const ADDRESS_PARTS = new RegExp(String.raw`^((?:module\.[A-Za-z0-9_-]+${KEY}\.)*)(data\.)?([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]+${KEY}$`);
const MODULE_PATH = new RegExp(String.raw`^((?:module\.[A-Za-z0-9_-]+${KEY}\.)*)`);

/**
 * `${<address>.<attribute>}` → { address, attribute }, for a value that is wholly a reference to
 * another resource. The address may be a module instance's (`module.ci.aws_iam_openid_connect_provider.this`)
 * and carry instance keys (`data.aws_iam_policy_document.trust[0]`, `...["a"]`), as the evaluation writes them.
 *
 * @example
 * reference("${module.ci.aws_iam_openid_connect_provider.gh.arn}"); // { address: "module.ci.aws_iam_openid_connect_provider.gh", attribute: "arn" }
 */
export function reference(value: unknown): { readonly address: string; readonly attribute: string } | undefined {
  if (typeof value !== "string") return undefined;
  const m = WHOLE_REFERENCE.exec(value);
  return m ? { address: m[1], attribute: m[2] } : undefined;
}

/** The resource type of an address (`module.ci.data.aws_iam_policy_document.x[0]` → `aws_iam_policy_document`, data). */
export function addressType(address: string): { readonly mode: "managed" | "data"; readonly type: string } | undefined {
  const m = ADDRESS_PARTS.exec(address);
  return m ? { mode: m[2] ? "data" : "managed", type: m[3] } : undefined;
}

/** The module instance of an address (`module.ci["a"].aws_iam_role.r` → `module.ci["a"].`), `""` at the root. */
function modulePathOf(address: string): string {
  return MODULE_PATH.exec(address)?.[1] ?? "";
}

/**
 * The instance a value that is wholly a reference names, when its type is `type` (and `mode`, when
 * given) and it is in the graph: `linked(graph, "${aws_iam_openid_connect_provider.gh.arn}", "aws_iam_openid_connect_provider")`.
 * `address` is set whenever the value refers to that type, even to an instance the graph lacks.
 */
export function linked(
  graph: Pick<TrustGraph, "byAddress">,
  value: unknown,
  type: string,
  mode?: "managed" | "data",
): { readonly address: string; readonly attribute: string; readonly instance?: TerraformResource } | undefined {
  const ref = reference(value);
  const t = ref ? addressType(ref.address) : undefined;
  if (!ref || t?.type !== type || (mode !== undefined && t.mode !== mode)) return undefined;
  const instance = graph.byAddress.get(ref.address);
  return instance ? { ...ref, instance } : ref;
}

/** The host and path an OIDC provider ARN names (`arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com` → the host), or undefined. */
export function oidcProviderHost(arn: string): string | undefined {
  return /^arn:[a-z-]+:iam::[^:]*:oidc-provider\/(.+)$/.exec(arn)?.[1];
}

/**
 * The pool a GCP IAM member names and what it grants in it: `principalSet://.../workloadIdentityPools/<pool>/<rest>`
 * (the pool a literal id or a `${...}` part), or `principal(Set)://iam.googleapis.com/${<pool>.name}/<rest>`.
 * Undefined for other members.
 */
export function memberPool(member: string): { readonly pool: string; readonly rest: string } | undefined {
  if (!/^principal(Set)?:\/\//.test(member)) return undefined;
  const literal = /\/workloadIdentityPools\/([^/]+)\/(.*)$/.exec(member);
  if (literal) return { pool: literal[1], rest: literal[2] };
  const byName = /^principal(?:Set)?:\/\/iam\.googleapis\.com\/(\$\{[^}]*\})\/(.*)$/.exec(member);
  const ref = byName ? reference(byName[1]) : undefined;
  if (byName && ref && addressType(ref.address)?.type === POOL && (ref.attribute === "name" || ref.attribute === "id")) {
    return { pool: "${" + ref.address + ".workload_identity_pool_id}", rest: byName[2] };
  }
  return undefined;
}

const POOL = "google_iam_workload_identity_pool";

/**
 * A key identifying the pool a value names (a provider's `workload_identity_pool_id`, a member's
 * pool): `id:<literal id>` (through a pool of the graph whose id is literal, or as written), the
 * pool's address when its id is unknown, `?` when nothing names it.
 */
export function poolKey(graph: Pick<TrustGraph, "byAddress">, value: unknown): string {
  const pool = linked(graph, value, POOL);
  if (pool) {
    const id = pool.instance ? str(evaluated(pool.instance.values.workload_identity_pool_id)) : undefined;
    return id !== undefined && !id.includes("${") ? `id:${id}` : pool.address;
  }
  const id = str(value);
  return id !== undefined ? `id:${id}` : "?";
}

/** The attribute of each Azure federated credential type that names its identity or application. */
export const CREDENTIAL_PARENT: Readonly<Record<string, string>> = {
  azurerm_federated_identity_credential: "parent_id",
  azuread_application_federated_identity_credential: "application_id",
  azuread_application_flexible_federated_identity_credential: "application_id",
};

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

/**
 * The graph of a root's resource instances: every `${address.attribute}` reference between them,
 * typed where it links a trust (role → OIDC provider, provider → pool, pool → IAM members, identity
 * → federated credentials), plus literal matches (a role's `oidc-provider/<host>` ARN against a
 * provider's `url`, a GCP member's `workloadIdentityPools/<id>` against a pool's id). The trust
 * readers follow their links with the functions above (`linked`, `poolKey`, `memberPool`), which
 * this graph is built from.
 *
 * @example
 * const graph = trustGraph(root.instances);
 * graph.links.filter((l) => l.kind === "role-provider"); // [{ from: "module.ci.aws_iam_role.this", to: "aws_iam_openid_connect_provider.github", via: "arn" }]
 */
export function trustGraph(instances: readonly TerraformResource[]): TrustGraph {
  const byAddress = new Map(instances.map((r) => [r.address, r]));
  let links: readonly Link[] | undefined;
  // The readers follow links one value at a time: the whole list is only built when asked for.
  return {
    instances,
    byAddress,
    get links() {
      return (links ??= allLinks(instances, byAddress));
    },
  };
}

function allLinks(instances: readonly TerraformResource[], byAddress: ReadonlyMap<string, TerraformResource>): Link[] {
  const links: Link[] = [];
  const seen = new Set<string>();
  const add = (from: TerraformResource, to: TerraformResource, via: string) => {
    const typed = KINDS.find((k) => k.from.test(from.type) && k.to.test(to.type));
    const link: Link = typed
      ? { kind: typed.kind, from: typed.flip ? to.address : from.address, to: typed.flip ? from.address : to.address, via }
      : { kind: "reference", from: from.address, to: to.address, via };
    const key = `${link.kind}\u0000${link.from}\u0000${link.to}`;
    if (seen.has(key)) return;
    seen.add(key);
    links.push(link);
  };
  const providersByHost = new Map<string, TerraformResource>();
  const poolsById = new Map<string, TerraformResource>();
  for (const r of instances) {
    if (r.type === "aws_iam_openid_connect_provider" && typeof r.values.url === "string" && !r.values.url.includes("${")) {
      providersByHost.set(hostKey(r.values.url.replace(/^https?:\/\//i, "")), r);
    }
    // A number is its text, as Terraform converts it (and as poolKey reads it).
    const poolId = str(r.values.workload_identity_pool_id);
    if (r.type === POOL && poolId !== undefined && !poolId.includes("${")) poolsById.set(poolId, r);
  }
  for (const r of instances) {
    const text = JSON.stringify(r.values);
    // A reference inside a JSON string (a policy) has its key's quotes escaped once more per level.
    for (const m of text.replace(/\\+"/g, '"').matchAll(ANY_REFERENCE)) {
      const to = byAddress.get(m[1]);
      if (to && to !== r) add(r, to, m[2]);
    }
    for (const m of text.matchAll(/oidc-provider\/([^"\\,\s]+)/g)) {
      const to = providersByHost.get(hostKey(m[1]));
      if (to) add(r, to, "literal");
    }
    for (const m of text.matchAll(/workloadIdentityPools\/([^/"\\]+)\//g)) {
      const pool = poolsById.get(m[1]);
      if (pool && pool !== r) add(r, pool, "literal");
    }
    const poolId = str(r.values.workload_identity_pool_id);
    if (r.type === "google_iam_workload_identity_pool_provider" && poolId !== undefined) {
      // The same pool id in another module instance is another pool: prefer this instance's.
      const path = modulePathOf(r.address);
      const pool =
        instances.find((p) => p.type === POOL && modulePathOf(p.address) === path && str(p.values.workload_identity_pool_id) === poolId) ??
        poolsById.get(poolId);
      if (pool) add(r, pool, "literal");
    }
  }
  // A role whose trust is a policy document is linked to the document's providers.
  for (const l of [...links]) {
    const from = byAddress.get(l.from);
    const to = byAddress.get(l.to);
    if (l.kind !== "reference" || from?.type !== "aws_iam_role" || to?.type !== "aws_iam_policy_document") continue;
    for (const p of links.filter((x) => x.kind === "role-provider" && x.from === to.address)) add(from, byAddress.get(p.to) as TerraformResource, p.via);
  }
  return links;
}

/** A provider URL's host and path, compared without case and trailing slashes. */
function hostKey(hostPath: string): string {
  return hostPath.replace(/\/+$/, "").toLowerCase();
}
