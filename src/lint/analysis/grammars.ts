import { grammarForSubject, IssuerKind, profileOf, SubjectGrammar } from "../../trust/issuers";

export type { FieldRole, GrammarField, SubjectGrammar } from "../../trust/issuers";

/**
 * The grammar a subject value of this issuer kind is read with, or without a value the kind's first
 * grammar (the issuer profiles hold the grammars: `src/trust/issuers/<kind>.ts`); undefined for
 * issuers whose subjects the engine reads as opaque values.
 *
 * @example
 * grammarFor("gitlab", "project_path:grp/app:*")?.form; // "project_path:GROUP/PROJECT:ref_type:branch|tag:ref:NAME"
 */
export function grammarFor(kind: IssuerKind, literalStart?: string): SubjectGrammar | undefined {
  return literalStart === undefined ? profileOf(kind).grammars[0] : grammarForSubject(kind, literalStart);
}
