import type { IssuerKind } from "../trust/issuer";
import { profileOf } from "../trust/issuers";

const ANY = "*";

/** The issuer's product name, for sentences (the profile's `inventory.name`). */
export function issuerName(kind: IssuerKind, issuer: string): string {
  return profileOf(kind).inventory.name(issuer);
}

/**
 * Who a family is, in words: "GitHub octo/app, environment production", "any repository of octo",
 * "anyone on GitHub", "service account ci/deployer of cluster https://...". The nouns and phrases are
 * the issuer profile's (`inventory`).
 */
export function familyWords(
  kind: IssuerKind,
  issuer: string,
  shared: boolean,
  p: { readonly tenant: string; readonly repository: string; readonly context: string },
): string {
  const words = profileOf(kind).inventory;
  const name = words.name(issuer);
  if (words.family) return words.family(name, p);
  if (p.tenant === "?") return `${name} subject ${p.repository}${p.repository.includes("${") ? " (unknown here)" : ""}`;
  if (p.tenant === ANY && p.repository === ANY && p.context === ANY) return shared ? `anyone on ${name}` : `anyone with a token from ${name}`;
  if (p.tenant === ANY) return `${shared ? `any ${words.tenant} on ${name}` : name}, ${words.repository} ${p.repository}${contextPhrase(kind, p.context)}`;
  if (p.repository === ANY || p.repository === "") {
    const base = `any ${words.repository} of ${p.tenant}${shared ? ` on ${name}` : ""}`;
    return p.context === ANY || p.context === "" ? base : `${base}${contextPhrase(kind, p.context)}`;
  }
  return `${name} ${p.tenant}/${p.repository}${contextPhrase(kind, p.context)}`;
}

/** ", environment production", ", branch main", ", any branch, tag or environment" (empty for no context). */
export function contextPhrase(kind: IssuerKind, context: string): string {
  return context === "" ? "" : profileOf(kind).inventory.context(context);
}
