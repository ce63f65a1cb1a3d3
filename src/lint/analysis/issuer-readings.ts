import { classifyPartialIssuerUrl, ISSUER_KINDS, kindFromSubjects, profileOf } from "../../trust/issuers";
import type { IssuerKind } from "../../trust/issuers";
import type { TrustFacts } from "../facts";
import { literalPrefix, tokenize } from "./pattern";
import { isPositive } from "./statement-reach";
import { subjectScope } from "./subject-scope";

/**
 * The issuers a trust may be read with: the one its facts name, or, when the issuer URL is partly
 * or wholly unknown here (`https://oidc.circleci.com/org/${var.org_id}`, a condition-key prefix
 * `${var.issuer}`), the kinds the rest of the configuration implies:
 *
 * - the literal parts of the URL, when its host is literal and they fit the URLs of one kind only
 *   (`oidc.circleci.com/org/` is CircleCI);
 * - else the subject values: every kind whose grammar the literal start of a positive subject value
 *   fits (`repo:` is GitHub Actions) and that reads that value as a subject it can issue (values are
 *   alternatives: one it never issues is a dead branch of its reading, not evidence against it). Several
 *   kinds fit (`organization:` is HCP Terraform and Buildkite): the trust is judged with each and
 *   findings of every reading are reported, so the kind's choice never narrows the verdict;
 * - else the generic reading (a profile's `subjectPrefix`, `spiffe://`, still decides it).
 *
 * The unknown part itself stays an unknown (WIF011 on the facts): it is neither a pin nor a wildcard.
 * A kind's `shared` flag is true when a shared URL family of that kind fits the URL.
 *
 * @example
 * issuerReadings(facts).map((f) => f.issuer.kind); // ["circleci"]
 */
export function issuerReadings(facts: TrustFacts): readonly TrustFacts[] {
  const issuer = facts.issuer;
  if (issuer.kind !== "generic") return [facts];
  // Positive checks only: a negated or `ForAllValues` check (true without the claim) names no kind.
  const subjects = facts.statements.flatMap((s) => s.subject.filter(isPositive));
  const values = subjects.flatMap((c) => c.values);
  if (issuer.unknownUrl === undefined || issuer.url !== undefined) {
    const kind = kindFromSubjects(values);
    return [kind === undefined ? facts : { ...facts, issuer: { ...issuer, kind } }];
  }
  const partial = classifyPartialIssuerUrl(issuer.unknownUrl.replace(/^https:\/\//i, ""));
  const byUrl = [...new Set(partial.candidates.map((c) => c.kind))];
  const sharedFor = (kind: IssuerKind) => partial.candidates.some((c) => c.kind === kind && c.shared);
  const as = (kind: IssuerKind): TrustFacts => ({ ...facts, issuer: { ...issuer, kind, shared: sharedFor(kind) } });
  if (partial.hostKnown && byUrl.length === 1) return [as(byUrl[0])];
  // Otherwise every kind is possible (no two kinds share a literal host; more readings never narrow).
  const read = subjects.flatMap((c) =>
    c.operator === "equals" || c.operator === "like" || c.operator === "equals-ignore-case"
      ? c.values.map((v) => tokenize(c.operator === "equals-ignore-case" ? v.toLowerCase() : v, c.operator === "like"))
      : [],
  );
  // Values (and statements) are alternatives: a value a kind never issues is a dead branch of that
  // kind's reading, not evidence against it. A kind fits when one value names it (its literal start
  // agrees with a grammar's first lead; the generic kind has no grammar) and is possible under it.
  const fitting = ISSUER_KINDS.filter((kind) => {
    const leads = profileOf(kind).grammars.map((g) => g.fields[0].lead);
    return read.some((tokens) => {
      const start = literalPrefix(tokens);
      const named = start.length > 0 && leads.some((lead) => start.startsWith(lead) || lead.startsWith(start));
      return named && subjectScope(tokens, kind, sharedFor(kind)).never === undefined;
    });
  });
  if (fitting.length > 0) return fitting.map(as);
  // A host unknown here may be a shared issuer: a subject that pins no tenant admits every tenant.
  const shared = issuer.shared || !partial.hostKnown;
  const kind = kindFromSubjects(values);
  return [{ ...facts, issuer: { ...issuer, kind: kind ?? issuer.kind, shared } }];
}
