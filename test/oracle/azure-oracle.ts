/**
 * A reusable oracle for Azure: decides, as Entra ID does, whether a token is accepted by a set of
 * federated identity credentials. Written from the documented behaviour (CLOUD-FACTS.md, Azure), and
 * independent of src/compile/azure: it parses and evaluates flexible expressions itself.
 *
 * - Exact credentials: `iss` equals the issuer, `sub` equals the subject, and `aud` (a string, or a
 *   list of which one must match) equals the credential's audience; all exact and case-sensitive.
 * - Flexible credentials: `iss` and `aud` as above, and the claims matching expression holds. The
 *   language: clauses `claims['<name>'] <op> '<comparand>'` joined by ` and ` (single spaces);
 *   `eq` compares literally, `matches` is a whole-value glob where `*` is any run of characters
 *   (including none, `/` and `:`) and `?` exactly one character; a missing or non-string claim
 *   fails the clause. Comparands have no documented escape, so `'` and `\` inside them are rejected.
 *   Case sensitivity of `matches` and the reach of `*` across `/` and `:` are not confirmed by
 *   Microsoft: the oracle assumes case-sensitive whole-value globs, as the library documents.
 * - A token is accepted when any credential accepts it.
 *
 * `validateFlexible` also rejects expressions Entra refuses at creation (issuer without flexible
 * support, claim or operator not allowed for the issuer, GitHub without an id pin).
 */

export interface OracleExactCredential {
  readonly issuer: string;
  readonly subject: string;
  readonly audiences: readonly string[];
}

export interface OracleFlexibleCredential {
  readonly issuer: string;
  readonly audience: string;
  readonly claims_matching_expression: string;
}

export interface OracleCredentials {
  readonly exact: readonly OracleExactCredential[];
  readonly flexible: readonly OracleFlexibleCredential[];
}

export interface OracleClause {
  readonly claim: string;
  readonly op: "eq" | "matches";
  readonly comparand: string;
}

type Claims = Readonly<Record<string, unknown>>;

/** Per issuer, the claims a flexible expression may test and with which operators. */
const FLEXIBLE_LANGUAGE: Readonly<Record<string, { claims: Record<string, readonly string[]>; oneOf?: readonly string[] }>> = {
  "https://token.actions.githubusercontent.com": {
    claims: { sub: ["eq", "matches"], job_workflow_ref: ["eq", "matches"], repository_id: ["eq"], repository_owner_id: ["eq"] },
    oneOf: ["repository_id", "repository_owner_id"],
  },
  "https://gitlab.com": { claims: { sub: ["eq", "matches"], project_id: ["eq"] } },
  "https://app.terraform.io": { claims: { sub: ["eq", "matches"] } },
  "https://app.eu.terraform.io": { claims: { sub: ["eq", "matches"] } },
};

/** Parses a claims matching expression; throws on anything outside the documented grammar. */
export function parseExpression(expression: string): OracleClause[] {
  const clauses: OracleClause[] = [];
  let pos = 0;
  const fail = (what: string): never => {
    throw new Error(`invalid claims matching expression at ${pos}: ${what} in ${JSON.stringify(expression)}`);
  };
  const expect = (literal: string): void => {
    if (expression.slice(pos, pos + literal.length) !== literal) fail(`expected ${JSON.stringify(literal)}`);
    pos += literal.length;
  };
  const quoted = (): string => {
    expect("'");
    const end = expression.indexOf("'", pos);
    if (end < 0) fail("unterminated quote");
    const text = expression.slice(pos, end);
    if (text.includes("\\")) fail("backslash (no documented escape)");
    pos = end + 1;
    return text;
  };
  for (;;) {
    expect("claims[");
    const claim = quoted();
    if (!/^[A-Za-z0-9_]+$/.test(claim)) fail(`claim name ${JSON.stringify(claim)}`);
    expect("] ");
    let op: "eq" | "matches";
    if (expression.startsWith("eq ", pos)) op = "eq";
    else if (expression.startsWith("matches ", pos)) op = "matches";
    else return fail("expected operator eq or matches");
    pos += op.length + 1;
    const comparand = quoted();
    clauses.push({ claim, op, comparand });
    if (pos === expression.length) return clauses;
    expect(" and ");
  }
}

/** Throws when Entra would refuse to create this flexible credential. */
export function validateFlexible(credential: OracleFlexibleCredential): OracleClause[] {
  const language = FLEXIBLE_LANGUAGE[credential.issuer];
  if (!language) throw new Error(`Entra has no flexible credentials for issuer ${credential.issuer}`);
  const clauses = parseExpression(credential.claims_matching_expression);
  for (const c of clauses) {
    const ops = language.claims[c.claim];
    if (!ops || !ops.includes(c.op)) throw new Error(`claim ${c.claim} with ${c.op} is not allowed for ${credential.issuer}`);
  }
  if (!clauses.some((c) => c.claim === "sub")) throw new Error("a flexible expression must test sub");
  if (language.oneOf && !clauses.some((c) => language.oneOf!.includes(c.claim))) {
    throw new Error(`a flexible expression for ${credential.issuer} must test one of ${language.oneOf.join(", ")}`);
  }
  return clauses;
}

/** Whole-value glob match: `*` any run (possibly empty), `?` one character; everything else literal. */
export function globMatches(pattern: string, value: string): boolean {
  const p = [...pattern];
  const v = [...value];
  // reachable[j]: pattern prefix consumed so far can match value prefix of length j.
  let reachable: boolean[] = Array.from({ length: v.length + 1 }, (_, j) => j === 0);
  for (const ch of p) {
    const next: boolean[] = new Array(v.length + 1).fill(false);
    for (let j = 0; j <= v.length; j++) {
      if (ch === "*") next[j] = reachable[j] || (j > 0 && next[j - 1]);
      else if (j > 0 && reachable[j - 1] && (ch === "?" || v[j - 1] === ch)) next[j] = true;
    }
    reachable = next;
  }
  return reachable[v.length];
}

function audienceMatches(aud: unknown, allowed: readonly string[]): boolean {
  const values = Array.isArray(aud) ? aud : [aud];
  return values.some((v) => typeof v === "string" && allowed.includes(v));
}

/** Evaluates parsed clauses against token claims. */
export function evaluateClauses(clauses: readonly OracleClause[], claims: Claims): boolean {
  return clauses.every((c) => {
    const value = claims[c.claim];
    if (typeof value !== "string") return false;
    return c.op === "eq" ? value === c.comparand : globMatches(c.comparand, value);
  });
}

/** True when Entra accepts the token through one exact credential. */
export function exactAccepts(credential: OracleExactCredential, claims: Claims): boolean {
  if (credential.audiences.length !== 1) throw new Error(`an exact credential has exactly one audience, got ${credential.audiences.length}`);
  return claims.iss === credential.issuer && claims.sub === credential.subject && audienceMatches(claims.aud, credential.audiences);
}

/** True when Entra accepts the token through one flexible credential. */
export function flexibleAccepts(credential: OracleFlexibleCredential, claims: Claims): boolean {
  const clauses = validateFlexible(credential);
  return claims.iss === credential.issuer && audienceMatches(claims.aud, [credential.audience]) && evaluateClauses(clauses, claims);
}

/** The decision for a token: accepted by any of the credentials. */
export function entraAccepts(credentials: OracleCredentials, claims: Claims): boolean {
  return credentials.exact.some((c) => exactAccepts(c, claims)) || credentials.flexible.some((c) => flexibleAccepts(c, claims));
}

const EXACT_TYPES = ["azurerm_federated_identity_credential", "azuread_application_federated_identity_credential"];
const FLEXIBLE_TYPE = "azuread_application_flexible_federated_identity_credential";

/**
 * Reads the federated credentials from synthesized Terraform JSON (`Testing.synth(stack)` output or
 * a parsed cdk.tf.json), optionally only those whose `parent_id` / `application_id` equals `parent`.
 */
export function credentialsFromSynth(synth: string | object, parent?: string): OracleCredentials {
  const json = (typeof synth === "string" ? JSON.parse(synth) : synth) as { resource?: Record<string, Record<string, Record<string, unknown>>> };
  const resources = json.resource ?? {};
  const keep = (r: Record<string, unknown>): boolean => parent === undefined || r.parent_id === parent || r.application_id === parent;
  const exact: OracleExactCredential[] = [];
  for (const type of EXACT_TYPES) {
    for (const r of Object.values(resources[type] ?? {})) {
      if (!keep(r)) continue;
      const audiences = (type === EXACT_TYPES[0] ? r.audience : r.audiences) as string[];
      exact.push({ issuer: r.issuer as string, subject: r.subject as string, audiences });
    }
  }
  const flexible: OracleFlexibleCredential[] = Object.values(resources[FLEXIBLE_TYPE] ?? {})
    .filter(keep)
    .map((r) => ({
      issuer: r.issuer as string,
      audience: r.audience as string,
      claims_matching_expression: r.claims_matching_expression as string,
    }));
  return { exact, flexible };
}
