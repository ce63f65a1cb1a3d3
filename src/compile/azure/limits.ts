import { ISSUER_KINDS, profileOf } from "../../trust/issuers";
import type { FlexibleLanguage, FlexibleOperator as ProfileOperator } from "../../trust/issuers";
/** Entra limits for federated identity credentials (CLOUD-FACTS.md, Azure). */

/** At most this many federated credentials on one managed identity or app registration. */
export const AZURE_MAX_CREDENTIALS = 20;

/** Issuer, subject and audience are each at most this many characters. */
export const AZURE_MAX_VALUE_LENGTH = 600;

/** Credential names: 3-120 characters of `[A-Za-z0-9_-]`, the first alphanumeric. */
export const AZURE_CREDENTIAL_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{2,119}$/;

/**
 * The issuers whose tokens Entra matches with flexible credentials, by exact issuer URL, from the issuer
 * profiles (`azure.flexible`). GitHub Enterprise and Terraform Enterprise issuers are not supported by
 * Entra, so the compiler refuses them; self-managed GitLab hosts Entra accepts are matched by `flexibleIssuerFor`.
 */
export const FLEXIBLE_ISSUERS: Readonly<Record<string, FlexibleIssuer>> = Object.freeze(
  Object.fromEntries(
    ISSUER_KINDS.flatMap((kind) => {
      const flexible = profileOf(kind).azure.flexible;
      return flexible ? flexible.urls.map((url) => [url, flexible.language] as const) : [];
    }),
  ),
);

/**
 * The flexible-credential language Entra applies to tokens of `issuerUrl`, if it supports any: the exact
 * URLs of `FLEXIBLE_ISSUERS`, then the profiles' URL patterns (self-managed `gitlab.<name>.com` / `.ca`).
 *
 * @example
 * flexibleIssuerFor("https://gitlab.acme.ca")?.name; // "GitLab"
 * flexibleIssuerFor("https://gitlab.example.org"); // undefined
 */
export function flexibleIssuerFor(issuerUrl: string): FlexibleIssuer | undefined {
  const exact = FLEXIBLE_ISSUERS[issuerUrl];
  if (exact) return exact;
  for (const kind of ISSUER_KINDS) {
    const flexible = profileOf(kind).azure.flexible;
    if (flexible?.urlPattern?.test(issuerUrl)) return flexible.language;
  }
  return undefined;
}

/** The operators of the flexible credential language. */
export type FlexibleOperator = ProfileOperator;

/** What Entra's flexible credential language allows for one issuer. */
export type FlexibleIssuer = FlexibleLanguage;
