import type { TrustFacts } from "../lint/facts";
import { objects } from "../terraform/terraform-json";
import type { TerraformResource } from "../terraform/resources";
import { memberPool, poolKey } from "../terraform/eval/links";
import { evaluated, str, strings } from "../terraform/values";
import { matchValue, unknownsOf } from "./match";
import type { ExplainQuestion, Judgement } from "./model";

type Cel = typeof import("@bufbuild/cel");
let cel: Cel | undefined;

/** `@bufbuild/cel`, loaded on first use (only GCP explanations need it). */
function celModule(): Cel {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  cel ??= require("@bufbuild/cel") as Cel;
  return cel;
}

type Program = (bindings: Record<string, unknown>) => unknown;
const programs = new Map<string, Program>();

function program(expression: string): Program {
  let p = programs.get(expression);
  if (!p) {
    const c = celModule();
    const planned = c.plan(c.celEnv(), c.parse(expression)) as (ctx?: Record<string, never>) => unknown;
    p = (bindings) => planned(bindings as Record<string, never>);
    programs.set(expression, p);
  }
  return p;
}

function toCel(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toCel);
  if (value !== null && typeof value === "object")
    return new Map(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, toCel(v)]),
    );
  return value;
}

function fromCel(value: unknown): unknown {
  const c = celModule();
  if (c.isCelList(value)) return [...value].map(fromCel);
  if (c.isCelMap(value)) return Object.fromEntries([...value.entries()].map(([k, v]) => [String(k), fromCel(v)]));
  return value;
}

/**
 * Would GCP exchange this token through the provider, and does an IAM member of the pool match it?
 * GCP's own order: `iss` equals `oidc.issuer_uri` exactly; `aud` is one of `allowed_audiences` (or,
 * without them, the provider's full resource name); the `attribute_mapping` runs (CEL over
 * `assertion`; `google.subject` must be 1-127 bytes); the `attribute_condition` runs (CEL over
 * `assertion`, `attribute`, `google`) and must be true; then a member naming the pool must match the
 * mapped attributes (`principalSet://.../*`, `subject/S`, `attribute.NAME/VALUE`, `group/G`).
 */
export function judgeGcp(facts: TrustFacts, provider: TerraformResource, byAddress: ReadonlyMap<string, TerraformResource>, q: ExplainQuestion): Judgement {
  const values = evaluated(provider.values) as Record<string, unknown>;
  const oidc = objects(values.oidc)[0] ?? {};
  const issuer = str(oidc.issuer_uri);
  if (issuer === undefined) return { decision: "undecided", reason: "the provider has no oidc.issuer_uri here", dependsOn: ["oidc.issuer_uri"] };
  const iss = matchValue(issuer, q.iss, { glob: false });
  if (iss === "no-match") return { decision: "rejected", reason: `the provider trusts tokens of ${issuer}; the token's iss is ${JSON.stringify(q.iss)}` };
  if (iss === "unknown") return { decision: "undecided", reason: "the provider's issuer_uri is not known here", dependsOn: unknownsOf([issuer]) };

  const notes: string[] = [];
  const auds = q.aud === undefined ? [] : typeof q.aud === "string" ? [q.aud] : [...q.aud];
  const allowed = strings(oidc.allowed_audiences);
  if (q.audienceUnstated === true) notes.push("no aud given: the audience check is skipped");
  else if (allowed.length > 0) {
    const results = auds.flatMap((a) => allowed.map((x) => matchValue(x, a, { glob: false })));
    if (!results.includes("match")) {
      if (results.includes("unknown"))
        return { decision: "undecided", reason: "the provider's allowed_audiences are not known here", dependsOn: unknownsOf(allowed) };
      return { decision: "rejected", reason: `aud ${JSON.stringify(q.aud ?? null)} is not one of allowed_audiences ${JSON.stringify(allowed)}` };
    }
  } else {
    const pool = poolId(values.workload_identity_pool_id, byAddress);
    const id = str(values.workload_identity_pool_provider_id);
    const re = /^(?:https:)?\/\/iam\.googleapis\.com\/projects\/([^/]+)\/locations\/global\/workloadIdentityPools\/([^/]+)\/providers\/([^/]+)$/;
    const fits = auds
      .map((a) => re.exec(a))
      .find((m) => m && (pool === undefined || pool.includes("${") || m[2] === pool) && (id === undefined || id.includes("${") || m[3] === id));
    if (!fits)
      return {
        decision: "rejected",
        reason: `aud ${JSON.stringify(q.aud ?? null)} is not the provider's resource name //iam.googleapis.com/projects/NUMBER/locations/global/workloadIdentityPools/${pool ?? "POOL"}/providers/${id ?? "PROVIDER"} (no allowed_audiences)`,
      };
    notes.push("the project number in aud is not checked here");
  }

  const mapping: Record<string, string> = {};
  for (const m of objects(values.attribute_mapping)) for (const [k, v] of Object.entries(m)) if (typeof v === "string") mapping[k] = v;
  const unknownMapping = Object.values(mapping).flatMap((e) => unknownsOf([e]));
  if (unknownMapping.length > 0) return { decision: "undecided", reason: "the attribute mapping is not known here", dependsOn: unknownMapping };
  if (mapping["google.subject"] === undefined)
    return { decision: "rejected", reason: "the attribute mapping does not map google.subject (GCP refuses such a provider)" };
  const c = celModule();
  const assertion = toCel(q.claims);
  const attributes: Record<string, unknown> = {};
  for (const [key, expression] of Object.entries(mapping)) {
    let value: unknown;
    try {
      value = program(expression)({ assertion });
    } catch (err) {
      return { decision: "rejected", reason: `attribute_mapping ${key} = ${expression} does not parse: ${(err as Error).message}` };
    }
    if (c.isCelError(value)) return { decision: "rejected", reason: `attribute_mapping ${key} = ${expression} fails on this token: ${value.message}` };
    attributes[key] = fromCel(value);
  }
  const subject = attributes["google.subject"];
  if (typeof subject !== "string" || subject.length === 0 || Buffer.byteLength(subject, "utf8") > 127) {
    return { decision: "rejected", reason: `google.subject ${JSON.stringify(subject)} is not a string of 1-127 bytes` };
  }

  const condition = str(values.attribute_condition);
  if (condition !== undefined) {
    const unknown = unknownsOf([condition]);
    if (unknown.length > 0) return { decision: "undecided", reason: "the attribute_condition is not known here", dependsOn: unknown };
    const google = new Map<string, unknown>([["subject", subject]]);
    if (attributes["google.groups"] !== undefined) google.set("groups", toCel(attributes["google.groups"]));
    const custom = new Map<string, unknown>();
    for (const [key, value] of Object.entries(attributes)) if (key.startsWith("attribute.")) custom.set(key.slice(10), toCel(value));
    let verdict: unknown;
    try {
      verdict = program(condition)({ assertion, google, attribute: custom });
    } catch (err) {
      return { decision: "rejected", reason: `attribute_condition does not parse: ${(err as Error).message}` };
    }
    if (verdict !== true) {
      const why = c.isCelError(verdict) ? `fails on this token (${verdict.message})` : `is ${String(verdict)}`;
      return { decision: "rejected", reason: `attribute_condition ${JSON.stringify(condition)} ${why}` };
    }
  }

  const members = facts.gcp?.members ?? [];
  if (members.length === 0)
    return {
      decision: "undecided",
      reason: "the provider admits the token, but no IAM binding in these files names its pool",
      dependsOn: ["IAM bindings of the pool"],
      ...(notes.length ? { notes } : {}),
    };
  const dependsOn: string[] = [];
  for (const m of members) {
    const r = memberMatches(m.member, attributes);
    if (r === true)
      return {
        decision: "accepted",
        reason: `mapped, attribute_condition true, member ${m.member} (${m.address}) matches`,
        ...(notes.length ? { notes } : {}),
      };
    if (r === "unknown") dependsOn.push(...unknownsOf([m.member]), ...(unknownsOf([m.member]).length === 0 ? [m.member] : []));
  }
  if (dependsOn.length > 0)
    return { decision: "undecided", reason: "the provider admits the token; whether a member matches depends on values unknown here", dependsOn };
  return {
    decision: "rejected",
    reason: `the provider admits the token (google.subject ${JSON.stringify(subject)}), but no IAM member of the pool matches it: ${members.map((m) => m.member).join(", ")}`,
  };
}

/** The pool id a provider names, as the trust reader keys it (undefined when not known here). */
function poolId(raw: unknown, byAddress: ReadonlyMap<string, TerraformResource>): string | undefined {
  const key = poolKey({ byAddress }, raw);
  return key.startsWith("id:") ? key.slice(3) : undefined;
}

function memberMatches(member: string, attributes: Readonly<Record<string, unknown>>): boolean | "unknown" {
  const rest = memberPool(member)?.rest;
  if (rest === undefined) return "unknown";
  if (unknownsOf([rest]).length > 0) return "unknown";
  if (rest === "*") return true;
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  const has = (value: unknown, wanted: string) => (Array.isArray(value) ? value.includes(wanted) : value === wanted);
  if (rest.startsWith("subject/")) return attributes["google.subject"] === decode(rest.slice(8));
  if (rest.startsWith("group/")) return has(attributes["google.groups"], decode(rest.slice(6)));
  const attr = /^attribute\.([^/]+)\/(.*)$/.exec(rest);
  if (attr) return has(attributes[`attribute.${attr[1]}`], decode(attr[2]));
  return "unknown";
}
