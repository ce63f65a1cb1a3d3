import type { ClaimCheck, GcpMemberFacts, StatementFacts, TrustFacts, UnknownValue } from "../lint/facts";
import { unknownParts } from "../lint/analysis/pattern";
import { classifyIssuerUrl } from "../trust/issuer";
import { issuerHostPath, profileOf } from "../trust/issuers";
import type { IssuerKind } from "../trust/issuers";
import { readCelCondition } from "./cel-condition";
import { policyDataMembers } from "./gcp-policy-data";
import type { TerraformResource } from "./resources";
import { objects } from "./terraform-json";
import { memberPool, poolKey, TrustGraph } from "./eval/links";
import { evaluated, isWhollyUnknown, str, strings } from "./values";

const PROVIDER = "google_iam_workload_identity_pool_provider";

interface Member {
  readonly member: string;
  readonly address: string;
  readonly poolKey: string;
  readonly rest: string;
}

/** Trust facts of GCP workload identity pool providers, each with the IAM members that name its pool. */
export function gcpTrustFacts(graph: TrustGraph): TrustFacts[] {
  const providers = graph.instances.filter((r) => r.mode === "managed" && r.type === PROVIDER);
  if (providers.length === 0) return [];
  const { members, unknownPolicies } = collectMembers(graph);
  // Each provider takes the members of its pool: grouped once, in their order, not filtered per provider.
  const membersByPool = new Map<string, Member[]>();
  for (const m of members) {
    const group = membersByPool.get(m.poolKey);
    if (group) group.push(m);
    else membersByPool.set(m.poolKey, [m]);
  }
  const poolCounts = new Map<string, number>();
  for (const p of providers) {
    const key = poolKey(graph, evaluated(p.values.workload_identity_pool_id));
    poolCounts.set(key, (poolCounts.get(key) ?? 0) + 1);
  }
  return providers.map((p) => {
    try {
      return providerFacts(p, graph, membersByPool, poolCounts, unknownPolicies);
    } catch (e) {
      // A value the reader cannot walk is reported for this provider only (WIF011, and no pin).
      return unreadProvider(p, `could not be read: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
}

/** A provider the reader could not read: one statement with an unread check (never a pin), WIF011. */
function unreadProvider(p: TerraformResource, why: string): TrustFacts {
  return {
    address: p.address,
    cloud: "gcp",
    issuer: { kind: "generic", shared: false, references: [] },
    statements: [{ label: "provider", audience: [], subject: [], claims: [{ claim: "?", operator: "unread", values: [], native: why, origin: "condition" }] }],
    unknowns: [{ field: "provider", expression: why }],
    acknowledgements: p.acknowledgements ?? [],
    ...(p.source ? { source: p.source } : {}),
  };
}

/**
 * The IAM members that may name a pool: `*_iam_member` / `*_iam_binding` (`member`, `members`) and
 * the `policy_data` of authoritative `*_iam_policy` resources. A `policy_data` that cannot be read is
 * returned as unknown (it may grant a pool: WIF011 on every provider).
 */
function collectMembers(graph: TrustGraph): { members: Member[]; unknownPolicies: UnknownValue[] } {
  const members: Member[] = [];
  const unknownPolicies: UnknownValue[] = [];
  for (const r of graph.instances) {
    if (r.mode !== "managed") continue;
    let list: readonly string[];
    try {
      if (/_iam_(member|binding)$/.test(r.type)) {
        const values = evaluated(r.values) as Record<string, unknown>;
        list = [...strings(values.member), ...strings(values.members)];
      } else if (/^google_.*_iam_policy$/.test(r.type)) {
        const read = policyDataMembers(r, graph);
        if (read.unknown !== undefined) unknownPolicies.push({ field: `policy_data (${r.address})`, expression: read.unknown });
        list = read.members;
      } else continue;
    } catch (e) {
      // Members that cannot be read may grant a pool: WIF011 on every provider, never a silent skip.
      unknownPolicies.push({ field: `members (${r.address})`, expression: `could not be read: ${e instanceof Error ? e.message : String(e)}` });
      continue;
    }
    for (const member of list) {
      const parsed = parseMember(member, graph);
      if (parsed) members.push({ member, address: r.address, ...parsed });
    }
  }
  return { members, unknownPolicies };
}

/** What of an `attribute_mapping` is not read here. */
interface UnreadMapping {
  /** Each unread part, as written (WIF011). */
  readonly parts: readonly string[];
  /** True when the names it maps are not all known: any attribute may be mapped. */
  readonly open: boolean;
  /** Names mapped to a value not read as a string. */
  readonly names: ReadonlySet<string>;
}

/**
 * The parts of an `attribute_mapping` not read here: the whole value when it is not an object
 * (`${var.mapping}`, `${merge(..., var.extra)}`), a name that is unknown, an entry whose value is not
 * a known string. Empty when every entry is read (or the mapping is absent).
 */
function unreadMapping(raw: unknown): UnreadMapping {
  if (raw === undefined || raw === null) return { parts: [], open: false, names: new Set() };
  const maps = objects(raw);
  if (maps.length === 0) return { parts: [typeof raw === "string" ? raw : JSON.stringify(raw)], open: true, names: new Set() };
  const parts: string[] = [];
  const names = new Set<string>();
  let open = false;
  for (const m of maps)
    for (const [k, v] of Object.entries(m)) {
      if (unknownParts(k).length > 0) {
        parts.push(k);
        open = true;
      } else if (typeof v !== "string") {
        parts.push(`${k} = ${JSON.stringify(v)}`);
        names.add(k);
      }
    }
  return { parts, open, names };
}

/** The pool a member names (its key, as `poolKey` gives it) and what it grants in it. */
function parseMember(member: string, graph: TrustGraph): { poolKey: string; rest: string } | undefined {
  const named = memberPool(member);
  return named ? { poolKey: poolKey(graph, named.pool), rest: named.rest } : undefined;
}

function providerFacts(
  p: TerraformResource,
  graph: TrustGraph,
  membersByPool: ReadonlyMap<string, readonly Member[]>,
  poolCounts: ReadonlyMap<string, number>,
  unknownPolicies: readonly UnknownValue[],
): TrustFacts {
  const values = evaluated(p.values) as Record<string, unknown>;
  const unknowns: UnknownValue[] = [...unknownPolicies];
  const pool = poolKey(graph, values.workload_identity_pool_id);
  const oidc = objects(values.oidc)[0] ?? {};
  const issuerUri = str(oidc.issuer_uri);
  // An issuer with an unknown part (`https://${var.host}`) names no issuer: each unknown part is WIF011.
  const partlyUnknown = issuerUri !== undefined && unknownParts(issuerUri).length > 0;
  // A partly unknown issuer is still checked for what is written (`http://${var.host}` is WIF009), as the Azure reader does.
  const references = issuerUri !== undefined && !isWhollyUnknown(issuerUri) ? [{ where: `${p.address}.oidc.issuer_uri`, value: issuerUri }] : [];
  if (partlyUnknown) for (const expression of unknownParts(issuerUri)) unknowns.push({ field: "oidc.issuer_uri", expression });
  const hostPath = issuerUri !== undefined && !partlyUnknown ? issuerHostPath(issuerUri) : undefined;
  const cls = hostPath !== undefined ? classifyIssuerUrl(hostPath) : { kind: "generic" as const, shared: false };

  const mapping: Record<string, string> = {};
  for (const m of objects(values.attribute_mapping)) for (const [k, v] of Object.entries(m)) if (typeof v === "string") mapping[k] = v;
  // A mapping (or an entry) decided at apply may map any attribute: nothing is "not in the mapping" then.
  const unread = unreadMapping(values.attribute_mapping);
  for (const expression of unread.parts) unknowns.push({ field: "attribute_mapping", expression });
  // `google.subject` mapped to a plain claim: a `subject/X` member checks that claim (`assertion.actor`: the actor is X).
  const subjectFrom = plainClaim(mapping["google.subject"]);
  const subjectClaim = subjectFrom === "sub" ? "sub" : undefined;

  const condition = str(values.attribute_condition);
  let paths: readonly (readonly ClaimCheck[])[] = [[]];
  let conditionConstrains = false;
  if (condition !== undefined && isWhollyUnknown(condition)) {
    unknowns.push({ field: "attribute_condition", expression: condition });
    paths = [[{ claim: "?", operator: "unknown", values: [], native: condition, origin: "condition" }]];
    conditionConstrains = true;
  } else if (condition !== undefined) {
    const reading = readCelCondition(condition, mapping);
    for (const u of reading.unknowns) unknowns.push({ field: "attribute_condition", expression: u });
    paths = reading.paths;
    conditionConstrains = paths.every((path) => path.some((c) => c.operator !== "negated" && c.operator !== "constrains-nothing"));
  }

  const audiences = strings(oidc.allowed_audiences);
  const audience: ClaimCheck[] =
    audiences.length > 0 ? [{ claim: "aud", operator: "equals", values: audiences, native: "allowed_audiences", origin: "condition" }] : [];

  const members = membersByPool.get(pool) ?? [];
  const memberFacts: GcpMemberFacts[] = members.map((m) => ({ member: m.member, address: m.address, scope: memberScope(m.rest) }));
  const memberChecks: { label: string; checks: ClaimCheck[]; never?: { value: string; reason: string } }[] = [];
  // A member whose value the mapped claim never has admits no token of this provider.
  const neverFor = (member: string, claim: string, value: string, words: string) => {
    const reason = neverIssued(cls.kind, claim, value, words);
    return reason !== undefined ? { never: { value: member, reason } } : {};
  };
  for (const m of members) {
    const scope = memberScope(m.rest);
    const label = `member ${m.member}`;
    // A member that holds `${...}` is unknown until apply (assumed to pin, WIF011); one the reader
    // cannot read (malformed percent-encoding, an unmodelled mapping or form) never pins.
    const unreadable = (why: string): void => {
      const variable = unknownParts(m.rest).length > 0;
      memberChecks.push({ label, checks: [{ claim: "?", operator: variable ? "unknown" : "unread", values: [m.member], native: "member", origin: "member" }] });
      unknowns.push({ field: `member (${m.address})`, expression: why });
    };
    if (scope === "pool") memberChecks.push({ label, checks: [] });
    else if (scope === "subject") {
      const value = percentDecoded(m.rest.slice("subject/".length));
      if (value === undefined) {
        unreadable(`${m.member} (malformed percent-encoding)`);
        continue;
      }
      if (subjectFrom !== undefined) {
        memberChecks.push({
          label,
          checks: [memberCheck(subjectFrom, value, m.member, false)],
          ...neverFor(m.member, subjectFrom, value, `google.subject is the token's ${subjectFrom} (attribute_mapping)`),
        });
        continue;
      }
      // google.subject is not mapped to a plain claim: what the member checks is unknown here.
      memberChecks.push({ label, checks: [memberCheck("google.subject", value, m.member, true)] });
      unknowns.push({
        field: `member (${m.address})`,
        expression: `google.subject (attribute_mapping ${JSON.stringify(mapping["google.subject"] ?? "missing")})`,
      });
    } else if (scope === "attribute") {
      const slash = m.rest.indexOf("/");
      const name = m.rest.slice(0, slash);
      const value = percentDecoded(m.rest.slice(slash + 1));
      if (value === undefined) {
        unreadable(`${m.member} (malformed percent-encoding)`);
        continue;
      }
      const constant = constantMapping(mapping[name], issuerUri);
      if (constant !== undefined) {
        // The attribute has one value for every token this provider admits (a per-provider tag, as
        // GcpWorkloadIdentity maps): the member adds no condition, or never matches.
        if (constant === value) memberChecks.push({ label, checks: [] });
        continue;
      }
      if (mapping[name] === undefined && (unread.open || unread.names.has(name))) {
        // The attribute may be mapped from any claim at apply: an unknown claim, never a dead member.
        memberChecks.push({ label, checks: [memberCheck(name, value, m.member, true)] });
        continue;
      }
      if (mapping[name] === undefined) {
        // An attribute the provider does not map is on no token: the member grants nothing here.
        memberChecks.push({ label, checks: [], never: { value: m.member, reason: `${name} is not in the provider's attribute_mapping, so no token has it` } });
        continue;
      }
      const mapped = plainClaim(mapping[name]);
      memberChecks.push({
        label,
        checks: [memberCheck(mapped ?? name, value, m.member, mapped === undefined)],
        ...(mapped !== undefined ? neverFor(m.member, mapped, value, `${name} is the token's ${mapped} (attribute_mapping)`) : {}),
      });
      if (!mapped) unknowns.push({ field: `member (${m.address})`, expression: `${name} (attribute_mapping ${JSON.stringify(mapping[name])})` });
    } else unreadable(m.member);
  }
  for (const m of members) for (const e of unknownParts(m.rest)) unknowns.push({ field: `member (${m.address})`, expression: e });

  const statements: StatementFacts[] = [];
  const ways: typeof memberChecks = memberChecks.length > 0 ? memberChecks : [{ label: "", checks: [] }];
  paths.forEach((path, i) => {
    for (const way of ways) {
      const checks = [...path, ...way.checks];
      statements.push({
        label: [paths.length > 1 ? `attribute_condition branch ${i + 1}` : "attribute_condition", way.label].filter(Boolean).join(", "),
        audience,
        audienceDefault: audiences.length === 0,
        subject: checks.filter((c) => c.claim === "sub"),
        claims: checks.filter((c) => c.claim !== "sub"),
        ...(way.never !== undefined ? { never: way.never } : {}),
      });
    }
  });

  const subjectValues = [...statements.flatMap((s) => s.subject.filter((c) => c.operator === "equals").flatMap((c) => (subjectClaim ? c.values : [])))];
  return {
    address: p.address,
    cloud: "gcp",
    issuer: {
      ...(hostPath !== undefined ? { url: `https://${hostPath}` } : {}),
      ...(issuerUri !== undefined && partlyUnknown ? { unknownUrl: issuerUri } : {}),
      kind: cls.kind,
      shared: cls.shared,
      references,
    },
    statements,
    gcp: {
      ...(condition !== undefined ? { condition } : {}),
      conditionConstrains,
      members: memberFacts,
      poolProviderCount: poolCounts.get(pool) ?? 1,
    },
    limits: {
      gcpSubjectValues: [...new Set(subjectValues)],
      ...(str(values.workload_identity_pool_provider_id) !== undefined ? { gcpProviderId: str(values.workload_identity_pool_provider_id) } : {}),
      ...(pool.startsWith("id:") ? { gcpPoolId: pool.slice(3) } : {}),
    },
    unknowns,
    acknowledgements: p.acknowledgements ?? [],
    ...(p.source ? { source: p.source } : {}),
  };
}

/** The claim a mapping is, when it is a plain `assertion.<claim>`. */
function plainClaim(expression: string | undefined): string | undefined {
  return /^\s*assertion\.([A-Za-z0-9_]+)\s*$/.exec(expression ?? "")?.[1];
}

/** Why `value` is never the token's `claim` on this issuer (the profile documents the claim's form), or undefined. */
function neverIssued(kind: IssuerKind, claim: string, value: string, words: string): string | undefined {
  const profile = profileOf(kind);
  const form = profile.claimValues?.[claim];
  if (form === undefined || form.test(value) || unknownParts(value).length > 0) return undefined;
  return `${words}, and ${profile.name} never issues ${claim} ${JSON.stringify(value)}`;
}

function memberScope(rest: string): GcpMemberFacts["scope"] {
  if (rest === "*") return "pool";
  if (rest.startsWith("subject/")) return "subject";
  if (rest.startsWith("attribute.") && rest.includes("/")) return "attribute";
  if (rest.startsWith("group/")) return "group";
  return "unknown";
}

/** A percent-decoded member segment, or undefined when its encoding is malformed (`100%`). */
function percentDecoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** A member check; `unresolved`: the attribute's mapping is not a plain claim, so it is unread (never pins). */
function memberCheck(claim: string, value: string, member: string, unresolved: boolean): ClaimCheck {
  return unresolved
    ? { claim, operator: "unread", values: [value], native: member, origin: "member" }
    : { claim, operator: "equals", values: [value], native: member, origin: "member" };
}

/**
 * The value an attribute mapping gives every token the provider admits, when it is a constant:
 * a string literal, or `assertion.iss == '<issuer_uri>' ? '<value>' : ''` (the provider admits only
 * tokens of its issuer, so the condition always holds). Anything else: `undefined`.
 */
function constantMapping(expression: string | undefined, issuerUri: string | undefined): string | undefined {
  if (expression === undefined) return undefined;
  const literal = /^\s*(?:'([^'\\]*)'|"([^"\\]*)")\s*$/.exec(expression);
  if (literal) return literal[1] ?? literal[2];
  const tagged = /^\s*assertion\.iss\s*==\s*'([^'\\]*)'\s*\?\s*'([^'\\]*)'\s*:\s*''\s*$/.exec(expression);
  return tagged && issuerUri !== undefined && tagged[1] === issuerUri ? tagged[2] : undefined;
}
