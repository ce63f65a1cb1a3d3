import type { FlexibleOperator } from "./limits";

/** One test of a flexible credential expression: `claims['<claim>'] <operator> '<value>'`. */
export interface FlexibleClause {
  readonly claim: string;
  readonly operator: FlexibleOperator;
  /** The comparand: a literal for `eq`, a glob (`*` any run, `?` one character) for `matches`. */
  readonly value: string;
}

/** True when a value can sit between single quotes without an escape (the language documents none). */
export function isQuotable(value: string): boolean {
  return !/['\\]/.test(value);
}

/**
 * Writes the clauses in Entra's flexible language, `sub` first and then by claim name, joined by
 * `and`. Callers must have checked `isQuotable` on every value.
 *
 * @example
 * renderExpression([{ claim: "sub", operator: "matches", value: "repo:octo/app:ref:refs/heads/release-*" },
 *   { claim: "repository_owner_id", operator: "eq", value: "123" }]);
 * // "claims['sub'] matches 'repo:octo/app:ref:refs/heads/release-*' and claims['repository_owner_id'] eq '123'"
 */
export function renderExpression(clauses: readonly FlexibleClause[]): string {
  return [...clauses]
    .sort((a, b) => (a.claim === "sub" ? -1 : b.claim === "sub" ? 1 : a.claim < b.claim ? -1 : a.claim > b.claim ? 1 : 0))
    .map((c) => {
      if (!isQuotable(c.value) || !isQuotable(c.claim)) throw new Error(`internal: unquotable value ${c.value}`);
      return `claims['${c.claim}'] ${c.operator} '${c.value}'`;
    })
    .join(" and ");
}
