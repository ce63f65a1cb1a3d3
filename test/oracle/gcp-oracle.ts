/**
 * A test oracle for GCP workload identity federation: would GCP admit a token through a provider
 * and an IAM binding? It evaluates the provider's attribute mapping and condition with
 * `@bufbuild/cel` (the CEL engine with RE2 `matches`, an unanchored search as in GCP), then matches
 * the binding's member against the mapped attributes. Test-only (dev dependency).
 *
 * Steps, in GCP's order:
 * 1. `iss` must equal `issuerUri`.
 * 2. `aud` (a string, or a list of which one must match) must be in `allowedAudiences`; when that is
 *    empty, it must be the provider's full resource name, with or without `https:`.
 * 3. Every mapping expression is evaluated over `assertion` (the claims); an error refuses the token.
 *    `google.subject` must be a string of at most 127 bytes.
 * 4. The condition, over `assertion`, `google` and `attribute`, must evaluate to `true`; `false` or
 *    an evaluation error (missing claim, no matching overload) refuses the token.
 * 5. The member must name the provider's pool and match: `principal://.../subject/S` (google.subject),
 *    `principalSet://.../attribute.NAME/VALUE`, `principalSet://.../group/G` (google.groups) or
 *    `principalSet://.../*` (the whole pool).
 *
 * CEL programs are parsed and planned once per expression text and cached, so building an oracle
 * per trust and deciding thousands of tokens is cheap.
 *
 * @example
 * const oracle = gcpOracle({ issuerUri, allowedAudiences: [], attributeMapping, attributeCondition,
 *   providerResourceName: "//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/x" }, member);
 * oracle.admits({ iss, sub, aud: "//iam.googleapis.com/projects/1/..." }); // boolean
 * oracle.decide(claims); // { admitted, stage, reason }
 */
import { celEnv, isCelError, isCelList, isCelMap, parse, plan } from "@bufbuild/cel";

/** The synthesized provider configuration the oracle evaluates (Terraform attribute names in camelCase). */
export interface GcpOracleProvider {
  /** `oidc.issuer_uri`. */
  readonly issuerUri: string;
  /** `oidc.allowed_audiences`; empty or absent: the provider's resource name is the audience. */
  readonly allowedAudiences?: readonly string[];
  /** `attribute_mapping`, e.g. `{ "google.subject": "assertion.sub" }`. */
  readonly attributeMapping: Readonly<Record<string, string>>;
  /** `attribute_condition`; absent admits every token that passes the mapping. */
  readonly attributeCondition?: string;
  /** `//iam.googleapis.com/projects/N/locations/global/workloadIdentityPools/P/providers/X`. */
  readonly providerResourceName: string;
}

/** Where the decision was made. */
export type GcpOracleStage = "iss" | "aud" | "mapping" | "condition" | "member" | "admitted";

export interface GcpDecision {
  readonly admitted: boolean;
  readonly stage: GcpOracleStage;
  readonly reason: string;
  /** The mapped attributes (`google.subject`, `attribute.x`, ...), once the mapping ran. */
  readonly attributes?: Readonly<Record<string, unknown>>;
}

export interface GcpOracle {
  /** Would GCP issue a federated token for these claims that the member's binding applies to? */
  admits(claims: Readonly<Record<string, unknown>>): boolean;
  /** The same decision, with the stage and reason. */
  decide(claims: Readonly<Record<string, unknown>>): GcpDecision;
}

type Program = (bindings: Record<string, unknown>) => unknown;

const env = celEnv();
const programs = new Map<string, Program>();

/** Parses and plans a CEL expression once; later calls reuse the program. */
export function celProgram(expression: string): Program {
  let program = programs.get(expression);
  if (!program) {
    const planned = plan(env, parse(expression)) as (ctx?: Record<string, never>) => unknown;
    program = (bindings) => planned(bindings as Record<string, never>);
    programs.set(expression, program);
  }
  return program;
}

/** Token claims (parsed JSON) as CEL input: objects become maps, recursively. */
export function toCel(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toCel);
  if (value !== null && typeof value === "object") {
    return new Map(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, toCel(v)]),
    );
  }
  return value;
}

function fromCel(value: unknown): unknown {
  if (isCelList(value)) return [...value].map(fromCel);
  if (isCelMap(value)) return Object.fromEntries([...value.entries()].map(([k, v]) => [String(k), fromCel(v)]));
  return value;
}

const POOL_PREFIX = /^\/\/(iam\.googleapis\.com\/projects\/[0-9]+\/locations\/global\/workloadIdentityPools\/[^/]+)\/providers\/[^/]+$/;

/** Builds the oracle for one provider and one binding member. */
export function gcpOracle(provider: GcpOracleProvider, member: string): GcpOracle {
  const pool = POOL_PREFIX.exec(provider.providerResourceName)?.[1];
  if (!pool) throw new Error(`gcpOracle: ${JSON.stringify(provider.providerResourceName)} is not a provider's full resource name`);
  const mapping = Object.entries(provider.attributeMapping).map(([key, expr]) => [key, celProgram(expr)] as const);
  if (!provider.attributeMapping["google.subject"]) throw new Error("gcpOracle: the attribute mapping must map google.subject");
  const condition = provider.attributeCondition ? celProgram(provider.attributeCondition) : undefined;
  const audiences = provider.allowedAudiences?.length ? provider.allowedAudiences : [provider.providerResourceName, `https:${provider.providerResourceName}`];
  const matchMember = memberMatcher(member, pool);

  const decide = (claims: Readonly<Record<string, unknown>>): GcpDecision => {
    if (claims.iss !== provider.issuerUri) return { admitted: false, stage: "iss", reason: `iss ${JSON.stringify(claims.iss)} is not the provider's issuer` };
    const auds = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!auds.some((a) => typeof a === "string" && audiences.includes(a))) {
      return { admitted: false, stage: "aud", reason: `aud ${JSON.stringify(claims.aud)} is not one of ${JSON.stringify(audiences)}` };
    }
    const assertion = toCel(claims);
    const attributes: Record<string, unknown> = {};
    for (const [key, program] of mapping) {
      const value = program({ assertion });
      if (isCelError(value)) return { admitted: false, stage: "mapping", reason: `mapping ${key} failed: ${value.message}` };
      attributes[key] = fromCel(value);
    }
    const subject = attributes["google.subject"];
    if (typeof subject !== "string" || subject.length === 0 || Buffer.byteLength(subject, "utf8") > 127) {
      return { admitted: false, stage: "mapping", reason: `google.subject ${JSON.stringify(subject)} is not a string of 1-127 bytes`, attributes };
    }
    if (condition) {
      const google = new Map<string, unknown>([["subject", subject]]);
      if (attributes["google.groups"] !== undefined) google.set("groups", toCel(attributes["google.groups"]));
      const custom = new Map<string, unknown>();
      for (const [key, value] of Object.entries(attributes)) if (key.startsWith("attribute.")) custom.set(key.slice(10), toCel(value));
      const verdict = condition({ assertion, google, attribute: custom });
      if (verdict !== true) {
        const why = isCelError(verdict) ? `evaluation error: ${verdict.message}` : `evaluated to ${String(verdict)}`;
        return { admitted: false, stage: "condition", reason: `attribute_condition ${why}`, attributes };
      }
    }
    if (!matchMember(attributes)) return { admitted: false, stage: "member", reason: `member ${member} does not match the mapped attributes`, attributes };
    return { admitted: true, stage: "admitted", reason: "admitted", attributes };
  };
  return { decide, admits: (claims) => decide(claims).admitted };
}

/** One decision without keeping the oracle: `gcpOracle(provider, member).admits(claims)`. */
export function gcpAdmits(provider: GcpOracleProvider, member: string, claims: Readonly<Record<string, unknown>>): boolean {
  return gcpOracle(provider, member).admits(claims);
}

/** A predicate over mapped attributes for one IAM member string. */
function memberMatcher(member: string, pool: string): (attributes: Record<string, unknown>) => boolean {
  const m = /^(principal|principalSet):\/\/(iam\.googleapis\.com\/projects\/[0-9]+\/locations\/global\/workloadIdentityPools\/[^/]+)\/(.+)$/.exec(member);
  if (!m || m[2] !== pool) return () => false; // another pool (or not a workload identity member): never this provider's tokens
  const [, kind, , rest] = m;
  const includes = (value: unknown, wanted: string) => (Array.isArray(value) ? value.includes(wanted) : value === wanted);
  if (kind === "principal") {
    const s = /^subject\/(.+)$/.exec(rest);
    return s ? (a) => a["google.subject"] === s[1] : () => false;
  }
  if (rest === "*") return () => true;
  const g = /^group\/(.+)$/.exec(rest);
  if (g) return (a) => includes(a["google.groups"], g[1]);
  const attr = /^attribute\.([a-z0-9_]+)\/(.+)$/.exec(rest);
  if (attr) return (a) => includes(a[`attribute.${attr[1]}`], attr[2]);
  return () => false;
}

/** One provider of a synthesized stack, ready for `gcpOracle`, with the IAM members bound in the stack. */
export interface SynthesizedGcpProvider {
  /** `google_iam_workload_identity_pool_provider.<name>`. */
  readonly address: string;
  readonly provider: GcpOracleProvider;
  /** Members of every `google_service_account_iam_member` / `google_project_iam_member` / `*_iam_binding` in the stack, with role and address. */
  readonly bindings: readonly { readonly address: string; readonly role: string; readonly member: string }[];
}

type Json = Record<string, any>;

/**
 * Reads the GCP providers and IAM members of a synthesized stack (`Testing.synth(stack)` output or
 * a `cdk.tf.json`). The project number is not part of the provider resource, so it is passed in;
 * pool ids given as references to a `google_iam_workload_identity_pool` of the stack are resolved.
 */
export function gcpProvidersFromSynth(synthesized: string | Json, projectNumber: string): SynthesizedGcpProvider[] {
  const json: Json = typeof synthesized === "string" ? JSON.parse(synthesized) : synthesized;
  const resources: Json = json.resource ?? {};
  const pools: Json = resources.google_iam_workload_identity_pool ?? {};
  const resolvePool = (value: string): string => {
    const ref = /^\$\{google_iam_workload_identity_pool\.([^.]+)\.workload_identity_pool_id\}$/.exec(value);
    if (!ref) return value;
    const pool = pools[ref[1]];
    if (!pool) throw new Error(`gcpProvidersFromSynth: no pool ${ref[1]} in the stack`);
    return pool.workload_identity_pool_id;
  };
  const bindings: { address: string; role: string; member: string }[] = [];
  for (const type of ["google_service_account_iam_member", "google_project_iam_member"]) {
    for (const [name, r] of Object.entries<Json>(resources[type] ?? {})) bindings.push({ address: `${type}.${name}`, role: r.role, member: r.member });
  }
  for (const type of ["google_service_account_iam_binding", "google_project_iam_binding"]) {
    for (const [name, r] of Object.entries<Json>(resources[type] ?? {})) {
      for (const member of r.members ?? []) bindings.push({ address: `${type}.${name}`, role: r.role, member });
    }
  }
  return Object.entries<Json>(resources.google_iam_workload_identity_pool_provider ?? {}).map(([name, r]) => {
    const poolId = resolvePool(r.workload_identity_pool_id);
    return {
      address: `google_iam_workload_identity_pool_provider.${name}`,
      provider: {
        issuerUri: r.oidc.issuer_uri,
        allowedAudiences: r.oidc.allowed_audiences ?? [],
        attributeMapping: r.attribute_mapping ?? {},
        attributeCondition: r.attribute_condition,
        providerResourceName: `//iam.googleapis.com/projects/${projectNumber}/locations/global/workloadIdentityPools/${poolId}/providers/${r.workload_identity_pool_provider_id}`,
      },
      bindings,
    };
  });
}
