import type { ClaimCheck, CheckOperator, StatementFacts, TrustFacts, UnknownValue } from "../lint/facts";
import { replaceUnknownParts, templateParts, unknownParts } from "../lint/analysis/pattern";
import { matchesGlob } from "../trust/glob";
import { classifyIssuerUrl } from "../trust/issuer";
import type { TerraformResource } from "./resources";
import { linked, oidcProviderHost, TrustGraph } from "./eval/links";
import { evaluated, hasUnknownPart, isWhollyUnknown, mayBe, str, strings } from "./values";
import { objects } from "./terraform-json";
import { ConditionEntry, widenPolicyVariables } from "./iam-policy-variables";
import { isPartial, mayBeEqual } from "./eval/value";

interface AwsStatement {
  readonly label: string;
  readonly federated: readonly string[];
  readonly conditions: readonly ConditionEntry[];
}

/** A statement as read: what decides whether it is a web-identity trust (or a Deny of one). */
interface PolicyStatement extends AwsStatement {
  readonly effect?: string;
  readonly actions: readonly string[];
  /** Empty when the statement has no `NotAction`. */
  readonly notActions: readonly string[];
  /** Principal types: policy-document `type`s or JSON `Principal` keys (one unknown here may be "Federated", so the statement is read as a trust). */
  readonly principalTypes?: readonly string[];
  /** Where the principal types are written, for WIF011. @default "principals.type" */
  readonly principalTypeField?: string;
  /** The statement's id (`Sid`, `sid`): in a policy document, a later statement of the same id replaces it. */
  readonly sid?: string;
}

/** A statement id as written: a non-empty string (an empty one is no id). */
function sidOf(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** Trust facts of the `aws_iam_role` resources: one per role and OIDC issuer. */
export function awsTrustFacts(graph: TrustGraph): TrustFacts[] {
  const out: TrustFacts[] = [];
  for (const role of graph.instances) {
    if (role.mode !== "managed" || role.type !== "aws_iam_role") continue;
    try {
      out.push(...oneRole(role, graph));
    } catch (e) {
      // A value the reader cannot walk (nested too deep for the stack, ...) is reported for this role
      // only (WIF011), and every other resource is still read.
      out.push(unknownRole(role, [{ field: "assume_role_policy", expression: `could not be read: ${e instanceof Error ? e.message : String(e)}` }]));
    }
  }
  return out;
}

/** The trust facts of one role (one per OIDC provider its policy trusts). */
function oneRole(role: TerraformResource, graph: TrustGraph): TrustFacts[] {
  const out: TrustFacts[] = [];
  const raw = role.values.assume_role_policy;
  const unknowns: UnknownValue[] = [];
  const policy = readPolicy(raw, graph, unknowns);
  if (policy === undefined) {
    // A policy that is wholly unknown here (templatefile(), a variable, a module output) may or may
    // not trust an OIDC provider: say it cannot be verified (WIF011), never guess either way.
    if (unknowns.length > 0) out.push(unknownRole(role, unknowns));
    return out;
  }
  const statements = policy.statements.filter(isWebIdentity);
  // An Effect, Action, NotAction or principal type unknown here may make the statement a trust: it is read as one (WIF011).
  for (const st of statements) {
    const parts: [string, readonly string[]][] = [
      ["Effect", st.effect !== undefined ? [st.effect] : []],
      ["Action", st.actions],
      ["NotAction", st.notActions],
      [st.principalTypeField ?? "principals.type", st.principalTypes ?? []],
    ];
    for (const [name, values] of parts)
      for (const value of values) if (unknownParts(value).length > 0) unknowns.push({ field: `${st.label}.${name}`, expression: value });
  }
  const groups = new Map<string, AwsStatement[]>();
  for (const s of statements) {
    // A web identity statement names at least one federated principal (isWebIdentity).
    for (const f of s.federated) {
      if (/saml-provider\/|^cognito-identity\.amazonaws\.com$/.test(f)) continue;
      const list = groups.get(f) ?? [];
      list.push(s);
      groups.set(f, list);
    }
  }
  const denies = policy.statements.filter(isWebIdentityDeny).map((s) => s.label);
  for (const [federated, group] of groups) {
    const facts = roleFacts(role, federated, group, graph, [...unknowns], policy.length);
    out.push(denies.length > 0 ? { ...facts, denyStatements: denies } : facts);
  }
  return out;
}

/** True when a Deny statement may deny `sts:AssumeRoleWithWebIdentity` (an action with an unknown part may match). */
function isWebIdentityDeny(s: PolicyStatement): boolean {
  return s.effect === "Deny" && mayCoverWebIdentity(s);
}

function unknownRole(role: TerraformResource, unknowns: UnknownValue[]): TrustFacts {
  return {
    address: role.address,
    cloud: "aws",
    issuer: { kind: "generic", shared: false, references: [] },
    statements: [],
    unknowns,
    acknowledgements: role.acknowledgements ?? [],
    ...(role.source ? { source: role.source } : {}),
  };
}

const WEB_IDENTITY_ACTION = "sts:AssumeRoleWithWebIdentity";

/**
 * True when an Allow statement grants `sts:AssumeRoleWithWebIdentity` to a Federated principal.
 * IAM matches actions case-insensitively with `*` / `?` wildcards; `NotAction` allows every action it
 * does not match. An action with an unknown part is assumed to match (it may).
 */
function isWebIdentity(s: PolicyStatement): boolean {
  // An effect with an unknown part may be "Allow": it never hides the statement (it is WIF011 too).
  if ((s.effect !== undefined && s.effect !== "Allow" && unknownParts(s.effect).length === 0) || s.federated.length === 0) return false;
  return mayCoverWebIdentity(s);
}

/**
 * True when the statement's actions may include `sts:AssumeRoleWithWebIdentity`: an `Action` that
 * matches it, or a `NotAction` that does not (it covers every action it does not match). A part
 * unknown here is read the covering way: it may match in an `Action`, and may not in a `NotAction`.
 */
function mayCoverWebIdentity(s: PolicyStatement): boolean {
  if (s.notActions.length > 0) return !s.notActions.some((a) => actionMatches(a, false));
  return s.actions.some((a) => actionMatches(a, true));
}

/** True when the IAM action pattern matches `sts:AssumeRoleWithWebIdentity`; unknown parts match `unknownMatches`. */
function actionMatches(pattern: string, unknownMatches: boolean): boolean {
  if (unknownParts(pattern).length > 0) {
    if (!unknownMatches) return false;
    // Each unknown part, and each escape beside them (never one in an action), may be any text.
    pattern = templateParts(pattern)
      .map((p) => (p.kind === "text" ? p.text : "*"))
      .join("");
  }
  return matchesGlob(pattern, WEB_IDENTITY_ACTION, { ignoreCase: true });
}

interface ReadPolicy {
  readonly statements: PolicyStatement[];
  readonly length?: number;
}

function readPolicy(raw: unknown, graph: TrustGraph, unknowns: UnknownValue[]): ReadPolicy | undefined {
  let value = evaluated(raw);
  const document = linked(graph, value, POLICY_DOCUMENT, "data");
  if (document?.instance && (document.attribute === "json" || document.attribute === "minified_json"))
    return policyDocument(document.instance, unknowns, graph, 0);
  if (typeof value === "string") {
    const text: string = value;
    if (isWhollyUnknown(text)) {
      unknowns.push({ field: "assume_role_policy", expression: text });
      return undefined;
    }
    try {
      value = JSON.parse(text);
    } catch {
      unknowns.push({ field: "assume_role_policy", expression: text.slice(0, 200) });
      return undefined;
    }
  }
  if (value === null || typeof value !== "object") return undefined;
  const doc = value as Record<string, unknown>;
  const statements = statementEntries(doc.Statement).map((s, i) => (typeof s === "string" ? unknownStatement(s, i) : jsonStatement(s, i)));
  return { statements, length: minifiedLength(doc) };
}

/** The statements of `Statement` (one object or a list), with entries unknown here (`var.extra`) kept as their text. */
function statementEntries(value: unknown): (Record<string, unknown> | string)[] {
  if (hasUnknownPart(value)) return [value];
  if (!Array.isArray(value)) return objects(value);
  return value.flatMap((v): (Record<string, unknown> | string)[] => (hasUnknownPart(v) ? [v] : objects(v)));
}

/**
 * A statement that is wholly unknown here may be any Allow: its principal, action and conditions
 * are that unknown, so it is reported (WIF011) and never hidden.
 */
function unknownStatement(text: string, i: number): PolicyStatement {
  return { label: `Statement[${i}]`, effect: text, actions: [text], notActions: [], federated: [text], conditions: [{ op: "?", key: "?", values: [text] }] };
}

/** The policy's length as IAM counts it (minified JSON); undefined when it is too deep to serialize. */
function minifiedLength(doc: unknown): number | undefined {
  try {
    return JSON.stringify(doc).length;
  } catch {
    // RangeError: nested deeper than the stack (read without recursion elsewhere)
  }
  return undefined;
}

function jsonStatement(s: Record<string, unknown>, i: number): PolicyStatement {
  const federated = jsonPrincipals(s);
  const conditions: { op: string; key: string; values: string[] }[] = [];
  if (hasUnknownPart(s.Condition)) conditions.push({ op: "?", key: "?", values: [s.Condition] });
  for (const [op, block] of Object.entries(objects(s.Condition)[0] ?? {})) {
    if (hasUnknownPart(block)) {
      conditions.push({ op: "?", key: "?", values: [String(block)] });
      continue;
    }
    for (const [key, v] of Object.entries(objects(block)[0] ?? {})) conditions.push({ op, key, values: strings(v) });
  }
  // Merged as written first (IAM reads one operator and key, OR-ing their values), then the policy variables widened.
  const merged = mergeConditions(conditions).map((c) => widenPolicyVariables(c));
  const sid = sidOf(s.Sid);
  const label = sid !== undefined ? `Statement ${JSON.stringify(sid)}` : `Statement[${i}]`;
  return {
    ...(sid !== undefined ? { sid } : {}),
    label: federated.includes(ANY_PRINCIPAL) ? `${label} (any principal)` : label,
    effect: str(s.Effect),
    actions: strings(s.Action),
    notActions: strings(s.NotAction),
    federated,
    principalTypes: objects(s.Principal).flatMap((p) => Object.keys(p)),
    principalTypeField: "Principal",
    conditions: merged,
  };
}

/**
 * The principal that stands for "every principal": `"*"`, `{ "AWS": "*" }`, `{ "Federated": "*" }`, or an
 * Allow with `NotPrincipal`. On `sts:AssumeRoleWithWebIdentity` it admits the tokens of every OIDC
 * provider of the account, so it is read as a web-identity trust whose issuer only the condition keys name.
 */
const ANY_PRINCIPAL = "*";

/** The Federated principals of a JSON statement, with `*` for a principal that admits everyone. */
function jsonPrincipals(s: Record<string, unknown>): string[] {
  if (s.NotPrincipal !== undefined) return [ANY_PRINCIPAL];
  const principal = s.Principal;
  // A principal unknown here may be a Federated provider or everyone: it is kept as its text (WIF011).
  if (mayBeEveryone(principal)) return [principal];
  if (typeof principal === "string") return principal.trim() === "*" ? [ANY_PRINCIPAL] : [];
  if (principal === null || typeof principal !== "object") return [];
  const byType = principal as Record<string, unknown>;
  return [...new Set(Object.entries(byType).flatMap(([type, identifiers]) => principalsOfType(type, strings(identifiers))))];
}

/** The Federated principals of a policy-document statement (`principals { type identifiers }`), with `*` for everyone. */
function documentPrincipals(s: Record<string, unknown>): string[] {
  if (objects(s.not_principals).length > 0) return [ANY_PRINCIPAL];
  return [...new Set(objects(s.principals).flatMap((p) => principalsOfType(p.type, strings(p.identifiers))))];
}

/**
 * The Federated principals one principal type names (a JSON `Principal` key, a policy document's
 * `type`), with `*` for everyone: `Federated` ids; `AWS` or `*` with `*`, or with an id that may
 * be `*` once its unknown parts are chosen (kept as its text); a type unknown here that may be one of
 * those (`var.type`): its ids, as for `Federated`, so the statement is never hidden.
 */
function principalsOfType(type: unknown, ids: readonly string[]): string[] {
  const federated = () => ids.map((id) => (id.trim() === "*" ? ANY_PRINCIPAL : id));
  if (type === "Federated") return federated();
  if (type === "AWS" || type === "*") return ids.some((id) => id.trim() === "*") ? [ANY_PRINCIPAL] : ids.filter(mayBeEveryone);
  return mayBePrincipalType(type) ? federated() : [];
}

/** The principal types under which an identifier may admit a web-identity token. */
const PRINCIPAL_TYPES = ["Federated", "AWS", "*"];

/** A principal type unknown here that may be one of `PRINCIPAL_TYPES` once its unknown parts are chosen. */
function mayBePrincipalType(type: unknown): boolean {
  return hasUnknownPart(type) && PRINCIPAL_TYPES.some((t) => mayBe(type, t));
}

/** A principal unknown here that may be `*` (everyone): kept as its text (WIF011). */
function mayBeEveryone(principal: unknown): principal is string {
  return hasUnknownPart(principal) && mayBe(principal, "*");
}

const POLICY_DOCUMENT = "aws_iam_policy_document";

/**
 * A `data.aws_iam_policy_document`: `statement { effect actions principals { type identifiers } condition { test variable values } }`.
 * `source_policy_documents` come first (a statement of this document replaces one of the same `sid`),
 * then `override_policy_documents` replace statements of the same `sid` or are appended, as the
 * provider merges them. A document that cannot be read is an unknown.
 */
function policyDocument(doc: TerraformResource, unknowns: UnknownValue[], graph: TrustGraph, depth: number): ReadPolicy {
  const values = evaluated(doc.values) as Record<string, unknown>;
  const own: PolicyStatement[] = objects(values.statement).map((s, i) => {
    const federated = documentPrincipals(s);
    // Blocks of one test and variable are one condition (the provider appends their values): merged as written, then widened.
    const conditions = mergeConditions(
      objects(s.condition).map((c) => ({ op: str(c.test) ?? "?", key: str(c.variable) ?? "?", values: strings(c.values) })),
    ).map((c) => widenPolicyVariables(c, "policy-document"));
    const sid = sidOf(s.sid);
    const label = sid !== undefined ? `${doc.address} statement ${JSON.stringify(sid)}` : `${doc.address} statement[${i}]`;
    return {
      ...(sid !== undefined ? { sid } : {}),
      label: federated.includes(ANY_PRINCIPAL) ? `${label} (any principal)` : label,
      effect: str(s.effect) ?? "Allow",
      actions: strings(s.actions),
      notActions: strings(s.not_actions),
      federated,
      conditions,
      principalTypes: strings(objects(s.principals).map((p) => p.type)),
    };
  });
  const merged: PolicyStatement[] = [];
  const put = (list: readonly PolicyStatement[]) => {
    for (const item of list) {
      const at = item.sid === undefined ? -1 : merged.findIndex((m) => m.sid === item.sid);
      if (at >= 0) merged[at] = item;
      else merged.push(item);
    }
  };
  const documents = (k: string) => strings(values[k]).map((v) => otherDocument(v, `${doc.address}.${k}`, unknowns, graph, depth));
  for (const list of documents("source_policy_documents")) put(list);
  put(own);
  for (const list of documents("override_policy_documents")) put(list);
  return { statements: merged };
}

/** The statements of a document named in `source_`/`override_policy_documents`: another policy document, or JSON. */
function otherDocument(value: string, field: string, unknowns: UnknownValue[], graph: TrustGraph, depth: number): PolicyStatement[] {
  const doc = linked(graph, value, POLICY_DOCUMENT, "data")?.instance;
  if (doc && depth < 8) return policyDocument(doc, unknowns, graph, depth + 1).statements;
  try {
    const parsed = JSON.parse(value) as Record<string, unknown>;
    return objects(parsed.Statement).map((s, i) => jsonStatement(s, i));
  } catch {
    // not JSON (a value unknown here, `${var.doc}`, never is): an unknown, its first 200 characters
  }
  unknowns.push({ field, expression: value.slice(0, 200) });
  return [];
}

/** A condition block whose operator or key is not read here (`?`: unknown, or not a string). */
function isUnreadableBlock(c: { readonly op: string; readonly key: string }): boolean {
  return c.op === "?" || c.key === "?";
}

/**
 * terraform-provider-aws merges `condition` blocks with the same `test` and `variable` into ONE
 * condition whose values are OR-ed (it appends the values). Blocks that differ in either stay
 * separate conditions (AND-ed). Unreadable blocks (`?`) are never merged. Operator and key names
 * are compared case-insensitively, as IAM reads them: `StringLike` and `stringlike` blocks on one
 * key (two JSON keys IAM treats as one operator) are read as one condition with the values OR-ed,
 * the wider of the two readings.
 */
function mergeConditions(conditions: readonly { op: string; key: string; values: string[] }[]): MergedCondition[] {
  const out: MergedCondition[] = [];
  // The readable conditions, which later blocks may merge into, and each by its operator and key.
  const readable: MergedCondition[] = [];
  const byKey = new Map<string, MergedCondition>();
  for (const c of conditions) {
    // An unreadable block is never merged, nor merged into.
    if (isUnreadableBlock(c)) {
      out.push({ ...c, values: [...c.values] });
      continue;
    }
    const id = `${c.op.toLowerCase()}\u0000${c.key.toLowerCase()}`;
    // Keys with unknown parts that may turn out equal (`${var.a}:sub`, `${var.b}:sub`) are one key at apply: OR-ed, the wider reading.
    const prev = byKey.get(id) ?? readable.find((o) => o.op.toLowerCase() === c.op.toLowerCase() && mayBeSameKey(o.key, c.key));
    if (prev) {
      prev.values.push(...c.values);
      if (prev.key !== c.key) prev.aliases = [...(prev.aliases ?? []), c.key];
      continue;
    }
    const copy = { ...c, values: [...c.values] };
    out.push(copy);
    readable.push(copy);
    byKey.set(id, copy);
  }
  return out;
}

/** A condition of the policy; `aliases`: other spellings of its key merged into it (keys that may be equal at apply). */
interface MergedCondition {
  op: string;
  key: string;
  values: string[];
  aliases?: string[];
}

/** True when two keys with unknown parts name the same literal claim and their prefixes may be equal at apply. */
function mayBeSameKey(a: string, b: string): boolean {
  if (!isPartial(a) && !isPartial(b)) return false;
  const x = splitKey(a);
  const y = splitKey(b);
  if (x === undefined || y === undefined || isPartial(x.claim) || isPartial(y.claim)) return false;
  return x.claim.toLowerCase() === y.claim.toLowerCase() && mayBeEqual(x.prefix.toLowerCase(), y.prefix.toLowerCase());
}

/**
 * IAM condition operators. Names are case-insensitive in IAM (`stringlike` is `StringLike`). Only the
 * String family is read as a comparison of claim values; every other IAM operator (`Bool`,
 * `Numeric*`, `Date*`, `Arn*`, `IpAddress`, `Binary*`) is read as a check that never pins tenant,
 * repository or context, and a name IAM does not know is unread (WIF011).
 */
const STRING_OPERATOR =
  /^(ForAllValues:|ForAnyValue:)?(StringEquals|StringLike|StringEqualsIgnoreCase|StringNotEquals|StringNotLike|StringNotEqualsIgnoreCase|Null)(IfExists)?$/i;
const OTHER_OPERATOR =
  /^(ForAllValues:|ForAnyValue:)?(Bool|BinaryEquals|NumericEquals|NumericNotEquals|NumericLessThan|NumericLessThanEquals|NumericGreaterThan|NumericGreaterThanEquals|DateEquals|DateNotEquals|DateLessThan|DateLessThanEquals|DateGreaterThan|DateGreaterThanEquals|IpAddress|NotIpAddress|ArnEquals|ArnLike|ArnNotEquals|ArnNotLike)(IfExists)?$/i;
const STRING_BASES: Readonly<Record<string, CheckOperator>> = {
  stringequals: "equals",
  stringlike: "like",
  stringequalsignorecase: "equals-ignore-case",
  stringnotequals: "negated",
  stringnotlike: "negated",
  stringnotequalsignorecase: "negated",
  null: "constrains-nothing",
};

/** True when the operator holds for a request that lacks the key (`...IfExists`, negations, `Null`, `ForAllValues:`). */
function holdsWhenMissing(op: string): boolean {
  return /IfExists$/i.test(op) || /^ForAllValues:/i.test(op) || /^(ForAnyValue:)?(StringNot|NumericNot|DateNot|ArnNot|NotIpAddress|Null)/i.test(op);
}

/** True when IAM knows the operator name (any family, any case). */
function isIamOperator(op: string): boolean {
  return STRING_OPERATOR.test(op) || OTHER_OPERATOR.test(op);
}

function roleFacts(
  role: TerraformResource,
  federated: string,
  statements: readonly AwsStatement[],
  graph: TrustGraph,
  unknowns: UnknownValue[],
  length: number | undefined,
): TrustFacts {
  const references: { where: string; value: string }[] = [];
  let hostPath = undefined as string | undefined;
  const providerRef = linked(graph, federated, "aws_iam_openid_connect_provider");
  let clientIds: string[] | undefined;
  // Spellings of the issuer with unknown parts: the one with the most literal text is the issuer as written.
  const partial: string[] = [];
  if (providerRef) {
    const provider = providerRef.instance;
    const url = provider ? str(evaluated(provider.values.url)) : undefined;
    const ids = provider ? strings(evaluated(provider.values.client_id_list)) : [];
    // STS accepts a token only when its aud is one of the provider's client ids.
    if (provider && provider.mode === "managed" && ids.length > 0) clientIds = ids;
    // A provider that is not in this configuration: its URL is unknown here, the kind is inferred.
    if (provider === undefined) partial.push(federated);
    if (url !== undefined && unknownParts(url).length === 0) {
      references.push({ where: `${providerRef.address}.url`, value: url });
      hostPath = url.replace(/^[a-z]+:\/\//i, "");
    } else if (url !== undefined) {
      unknowns.push(...unknownIssuer("issuer", url));
      // What is written is still checked (`http://${var.host}` is WIF009), as the other readers do.
      if (!isWhollyUnknown(url)) references.push({ where: `${providerRef.address}.url`, value: url });
      partial.push(url);
    }
  } else {
    const host = oidcProviderHost(federated);
    // An ARN with an unknown part (`oidc-provider/${var.host}`) names no issuer: WIF011, and the
    // condition-key prefixes below decide the grammar, as for a wholly unknown ARN.
    if (host !== undefined && unknownParts(host).length === 0) {
      references.push({ where: "Principal.Federated", value: `https://${host}` });
      hostPath = host;
    } else if (host !== undefined) {
      unknowns.push(...unknownIssuer("Principal.Federated", host));
      partial.push(`https://${host}`);
    } else if (federated && unknownParts(federated).length > 0) {
      unknowns.push({ field: "Principal.Federated", expression: federated });
      if (isWhollyUnknown(federated)) partial.push(federated);
    }
  }
  const prefixes = new Set<string>();
  for (const s of statements) {
    for (const key of s.conditions.flatMap((c) => [c.key, ...((c as MergedCondition).aliases ?? [])])) {
      if (splitKey(key) === undefined || /^aws:/i.test(key)) continue;
      const p = (splitKey(key) as { prefix: string }).prefix;
      // A statement naming several providers holds the others' keys too: they are not this issuer's spellings.
      if (s.federated.length > 1 && hostPath !== undefined && p.replace(/\/+$/, "").toLowerCase() !== hostPath.replace(/\/+$/, "").toLowerCase()) continue;
      // Keys are case-insensitive: one prefix per spelling that differs in more than case.
      if (![...prefixes].some((q) => q.toLowerCase() === p.toLowerCase())) prefixes.add(p);
    }
  }
  for (const p of [...prefixes]) {
    if (unknownParts(p).length === 0) continue;
    prefixes.delete(p);
    unknowns.push(...unknownIssuer("condition keys", p));
    partial.push(isWhollyUnknown(p) ? p : `https://${p}`);
  }
  for (const p of prefixes) references.push({ where: "condition keys", value: `https://${p}` });
  if (hostPath === undefined && prefixes.size === 1) hostPath = [...prefixes][0].toLowerCase();
  const bare = hostPath?.replace(/\/+$/, "");
  const cls = bare !== undefined ? classifyIssuerUrl(bare) : { kind: "generic" as const, shared: false };
  const literalLength = (text: string) => replaceUnknownParts(text, "").length;
  const unknownUrl = bare === undefined ? [...partial].sort((a, b) => literalLength(b) - literalLength(a))[0] : undefined;

  const facts: StatementFacts[] = statements.map((s) => {
    const audience: ClaimCheck[] = [];
    const subject: ClaimCheck[] = [];
    const claims: ClaimCheck[] = [];
    // A statement naming several providers: keys of another issuer's prefix do not apply to this one.
    const prefixOf = (key: string) => (splitKey(key)?.prefix ?? key).toLowerCase();
    const own = (key: string) => s.federated.length < 2 || bare === undefined || prefixOf(key).replace(/\/+$/, "") === bare.toLowerCase();
    // IAM compares a key's prefix with the provider's URL exactly, case aside: `host/:sub` is never
    // in a token of `host` (nor `host:sub` in one of `host/`), so a check that holds when its key is
    // missing restricts nothing there.
    const issuerPrefix = hostPath?.toLowerCase();
    // A key of another issuer's prefix (or any key, when the statement admits every principal) may be
    // missing from a token: a check that holds when its key is missing (`...IfExists`, `StringNot*`,
    // `Null`, `ForAllValues:`) then restricts nothing, so it is not read as a check.
    const foreign = (key: string) => issuerPrefix !== undefined && prefixOf(key) !== issuerPrefix;
    const unknownKeys: string[] = [];
    for (const c of s.conditions) {
      // An unreadable block is unknown: WIF011, never a pin, never dropped.
      const unreadable = isUnreadableBlock(c);
      if (!unreadable && !own(c.key)) continue;
      if (!unreadable && (foreign(c.key) || s.federated.includes(ANY_PRINCIPAL)) && holdsWhenMissing(c.op)) continue;
      if (unreadable) {
        unknowns.push({ field: `${s.label} Condition`, expression: c.values.join(", ") });
        claims.push({ claim: "?", operator: "unknown", values: c.values, native: "Condition", origin: "condition" });
        continue;
      }
      const split = splitKey(c.key);
      if (/^aws:/i.test(c.key)) continue;
      // A key whose claim is unknown here (`${var.key}`, `<issuer>:${var.claim}`) may be the sub or the
      // aud check: it is WIF011, the audience is unknown, and the check never pins (never dropped either).
      if (unknownParts(split?.claim ?? c.key).length > 0) {
        for (const expression of unknownParts(c.key)) unknowns.push({ field: `${s.label} Condition key`, expression });
        claims.push({ claim: "?", operator: "unread", values: c.values, native: `${c.op} ${c.key}`, origin: "condition" });
        unknownKeys.push(...unknownParts(c.key));
        continue;
      }
      if (split === undefined) continue;
      // IAM condition key names are case-insensitive (`:Sub` is the sub); their values are not.
      const claim = split.claim.toLowerCase();
      const check = awsCheck(c, claim);
      if (!isIamOperator(c.op)) unknowns.push({ field: `${s.label} Condition`, expression: `${c.op} ${c.key}` });
      for (const v of c.values) for (const expression of unknownParts(v)) unknowns.push({ field: c.key, expression });
      (claim === "aud" ? audience : claim === "sub" ? subject : claims).push(check);
    }
    if (audience.length === 0 && clientIds !== undefined) {
      audience.push({ claim: "aud", operator: "equals", values: clientIds, native: "client_id_list", origin: "condition" });
    }
    // A condition block (or a whole statement) unknown here may hold the aud check: the audience is
    // that unknown (WIF011 names what decides it), never "not checked" (WIF006).
    const unknownBlocks = [...s.conditions.filter(isUnreadableBlock).flatMap((c) => c.values), ...unknownKeys];
    if (audience.length === 0 && unknownBlocks.length > 0) {
      audience.push({ claim: "aud", operator: "unknown", values: unknownBlocks, native: "Condition", origin: "condition" });
    }
    return { label: s.label, audience, subject, claims };
  });
  return {
    address: role.address,
    cloud: "aws",
    issuer: {
      ...(bare !== undefined ? { url: `https://${bare}` } : {}),
      ...(unknownUrl !== undefined ? { unknownUrl } : {}),
      kind: cls.kind,
      shared: cls.shared,
      references,
    },
    statements: facts,
    limits: length !== undefined ? { awsTrustPolicyLength: length } : {},
    unknowns,
    acknowledgements: role.acknowledgements ?? [],
    ...(role.source ? { source: role.source } : {}),
  };
}

function unknownIssuer(field: string, text: string): UnknownValue[] {
  return unknownParts(text).map((expression) => ({ field, expression }));
}

/** The check of one condition on `claim` (its key's claim, lower-cased), with what widening its policy variables left. */
function awsCheck({ op, values, ignoresCase, asWritten }: ConditionEntry, claim: string): ClaimCheck {
  const m = STRING_OPERATOR.exec(op) ?? OTHER_OPERATOR.exec(op);
  const isString = STRING_OPERATOR.test(op);
  let operator: CheckOperator = isString && m ? STRING_BASES[m[2].toLowerCase()] : "unread";
  if (operator !== "unread" && values.some(isWhollyUnknown) && values.length === 1) operator = operator === "negated" ? operator : "unknown";
  const set = m?.[1]?.toLowerCase();
  return {
    claim,
    operator,
    values,
    native: op,
    origin: "condition",
    ...(ignoresCase ? { ignoresCase: true } : {}),
    ...(asWritten ? { asWritten } : {}),
    ...(set ? { setOperator: set === "forallvalues:" ? ("ForAllValues" as const) : ("ForAnyValue" as const) } : {}),
    ...(m?.[3] ? { ifExists: true } : {}),
  };
}

/**
 * A condition key `<issuer host/path>:<claim>`: the claim is what follows the last `:` outside
 * `${...}` (the IRSA idiom `${replace(aws_iam_openid_connect_provider.eks.url, "https://", "")}:sub`
 * has colons inside its interpolation). Undefined without such a colon.
 */
export function splitKey(key: string): { prefix: string; claim: string } | undefined {
  let at = -1;
  let offset = 0;
  for (const part of templateParts(key)) {
    const colon = part.kind === "text" ? part.text.lastIndexOf(":") : -1;
    if (colon >= 0) at = offset + colon;
    offset += part.text.length;
  }
  return at < 0 ? undefined : { prefix: key.slice(0, at), claim: key.slice(at + 1) };
}
