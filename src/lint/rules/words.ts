import { profileOf } from "../../trust/issuers";
import type { IssuerKind, IssuerWords } from "../../trust/issuers";

/** How findings name the parts of a subject on this issuer (from its profile, `src/trust/issuers/<kind>.ts`). */
export function wordsOf(kind: IssuerKind): IssuerWords {
  return profileOf(kind).words;
}

/** The name of the tenant segment on each shared issuer. */
export function tenantWord(kind: IssuerKind): string {
  return wordsOf(kind).tenant;
}

/** What "one repository" is called on each issuer. */
export function repositoryWord(kind: IssuerKind): string {
  return wordsOf(kind).repository;
}

/** A concrete narrow subject for the issuer, for fix messages. */
export function exampleSubject(kind: IssuerKind, tenant?: string): string {
  return wordsOf(kind).example(tenant);
}
