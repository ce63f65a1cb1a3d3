import type { ClaimCheck, StatementFacts, TrustFacts } from "../lint/facts";
import { grammarFor } from "../lint/analysis/grammars";
import { statementReach } from "../lint/analysis/statement-reach";
import type { IssuerKind } from "../trust/issuer";
import { profileOf } from "../trust/issuers";
import type { InventoryFamily } from "./model";
import { familyWords } from "./words";

/** Open field. */
export const ANY = "*";

/** The parts of a family before words and flags. */
interface Parts {
  readonly tenant: string;
  readonly repository: string;
  readonly context: string;
}

/**
 * The workload families a trust admits: one per subject value of each statement (or, without a
 * subject check, one from the identity claims). A statement no token can match admits none.
 *
 * @example
 * familiesOf(facts); // [{ tenant: "octo", repository: "app", context: "environment:production", who: "GitHub octo/app, environment production", ... }]
 */
export function familiesOf(facts: TrustFacts): InventoryFamily[] {
  const issuer = facts.issuer.url ?? "unknown issuer";
  const out = new Map<string, InventoryFamily>();
  for (const statement of facts.statements) {
    const reach = statementReach(facts, statement);
    if (reach.reach === "never") continue;
    const parts = reach.reach === "unrestricted" ? [claimParts(facts, statement)] : statementParts(facts, statement);
    for (const p of parts) {
      const family = makeFamily(facts, issuer, p);
      out.set(family.family, family);
    }
  }
  return [...out.values()];
}

function makeFamily(facts: TrustFacts, issuer: string, p: Parts): InventoryFamily {
  const kind = facts.issuer.kind;
  const open = (v: string) => v.includes(ANY);
  const privateTenant = !facts.issuer.shared;
  const admitsOtherTenants = facts.issuer.shared && open(p.tenant);
  const wholeTenant = !admitsOtherTenants && open(p.repository) && hasRepositories(kind);
  const anyBranch = open(p.context) || isPullRequest(kind, p.context);
  const tenant = privateTenant && p.tenant === ANY ? issuer : p.tenant;
  return {
    family: [issuer, tenant, p.repository, p.context].join("|"),
    issuer,
    tenant,
    repository: p.repository,
    context: p.context,
    who: familyWords(kind, issuer, facts.issuer.shared, p),
    admitsOtherTenants,
    wholeTenant,
    anyBranch,
  };
}

function hasRepositories(kind: IssuerKind): boolean {
  return grammarFor(kind)?.fields.some((f) => f.role === "repository") ?? false;
}

function isPullRequest(kind: IssuerKind, context: string): boolean {
  return grammarFor(kind)?.pullRequestContext?.(context) ?? false;
}

/** Families from the subject values of one statement, narrowed by its identity claims. */
function statementParts(facts: TrustFacts, statement: StatementFacts): Parts[] {
  const subjects = statement.subject.filter(
    (c) => c.operator === "equals" || c.operator === "like" || c.operator === "equals-ignore-case" || c.operator === "unknown",
  );
  const fromClaims = claimParts(facts, statement);
  if (subjects.length === 0) return [fromClaims];
  // Values of one check OR together; several subject checks AND together: the first positive one lists the families.
  const check = subjects[0];
  return check.values.map((v) => narrow(splitSubject(facts.issuer.kind, v, check), fromClaims));
}

/** A field left open by the subject but pinned by a claim takes the claim's value. */
function narrow(p: Parts, claims: Parts): Parts {
  return {
    tenant: p.tenant === ANY ? claims.tenant : p.tenant,
    repository: p.repository === ANY ? claims.repository : p.repository,
    context: p.context === ANY ? claims.context : p.context,
  };
}

function claimParts(facts: TrustFacts, statement: StatementFacts): Parts {
  const fields = profileOf(facts.issuer.kind).inventory.claims;
  const pick = (names: readonly string[]): string => {
    for (const name of names) {
      const check = statement.claims.find((c) => c.claim === name && pinsValue(c));
      if (check) return valueText(name, check, fields.contextPrefix);
    }
    return ANY;
  };
  const tenant = pick(fields.tenant);
  const repository = pick(fields.repository);
  // GitHub `repository` and GitLab `project_path` hold `owner/name`.
  if (repository.includes("/") && !repository.startsWith("id:")) {
    const slash = repository.indexOf("/");
    return { tenant: tenant === ANY ? repository.slice(0, slash) : tenant, repository: repository.slice(slash + 1), context: pick(fields.context) };
  }
  return { tenant, repository, context: pick(fields.context) };
}

function pinsValue(c: ClaimCheck): boolean {
  return (
    (c.operator === "equals" || c.operator === "like" || c.operator === "equals-ignore-case" || c.operator === "unknown") && c.setOperator !== "ForAllValues"
  );
}

function valueText(claim: string, check: ClaimCheck, contextPrefix: Readonly<Record<string, string>> | undefined): string {
  const text = check.values.length === 1 ? check.values[0] : `{${check.values.join(",")}}`;
  if (/_id$/.test(claim)) return `id:${text}`;
  const prefix = contextPrefix !== undefined && Object.prototype.hasOwnProperty.call(contextPrefix, claim) ? contextPrefix[claim] : "";
  return `${prefix}${text}`;
}

/**
 * Splits a subject value by the issuer's grammar: each field runs to the next field's lead. A
 * wildcard where a field should start opens it and every later field; a value in another form (a
 * GitHub custom subject template) is kept whole as the repository, its tenant `?`.
 */
export function splitSubject(kind: IssuerKind, value: string, check?: ClaimCheck): Parts {
  const grammar = grammarFor(kind);
  if (!grammar) return { tenant: "?", repository: value, context: "" };
  const glob = check?.operator === "like";
  const byRole: Record<"tenant" | "repository" | "context" | "extra", string[]> = { tenant: [], repository: [], context: [], extra: [] };
  let rest = value;
  let open = false;
  const fields = grammar.fields;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    if (open) {
      byRole[field.role].push(ANY);
      continue;
    }
    if (!rest.startsWith(field.lead)) {
      if (!(glob && rest.startsWith("*"))) return { tenant: "?", repository: value, context: "" };
      byRole[field.role].push(ANY);
      open = true;
      continue;
    }
    rest = rest.slice(field.lead.length);
    const next = fields[i + 1]?.lead;
    const end = next === undefined ? rest.length : rest.indexOf(next);
    const text = end < 0 ? rest : rest.slice(0, end);
    rest = end < 0 ? "" : rest.slice(end);
    // `repo:octo/*`: the wildcard runs over the later fields too.
    if (glob && end < 0 && text.includes("*")) open = true;
    byRole[field.role].push(glob && /^\*+$/.test(text) ? ANY : text);
  }
  const join = (xs: readonly string[]) => (xs.length === 0 ? "" : xs.every((x) => x === ANY) ? ANY : xs.join("/"));
  const tenant = join(byRole.tenant);
  return { tenant: tenant === "" ? ANY : tenant, repository: join(byRole.repository), context: join(byRole.context) };
}
