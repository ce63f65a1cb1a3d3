/**
 * Shared phrasing for the `inventory` words of issuer profiles: each profile says its own words, these
 * only spell the common forms once.
 */

/** `, any branch, tag, environment or pull request`: what an open context admits when the issuer names no narrower kind. */
export const ANY_CONTEXT = ", any branch, tag, environment or pull request";

/** The phrase for a context read as plain text: `*` is `anyContext`, any other value is quoted as is. */
export function plainContext(anyContext: string = ANY_CONTEXT): (context: string) => string {
  return (context) => (context === "*" ? anyContext : `, ${context}`);
}

/** No claim names a family part on this issuer (the subject alone says who it is). */
export const NO_FAMILY_CLAIMS = Object.freeze({ tenant: [], repository: [], context: [] });
