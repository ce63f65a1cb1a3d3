import { createHash } from "crypto";

import { AZURE_CREDENTIAL_NAME } from "./limits";

const SLUG_MAX = 100;

/**
 * A deterministic credential name derived only from what the credential matches (issuer and subject,
 * or issuer and expression), never from its position in a list: adding or removing another subject
 * leaves every other name (and so every Terraform address) unchanged. A readable slug of the subject
 * plus the first 12 hex digits of a SHA-256 of issuer and match keeps names unique, 3-120 characters
 * of `[A-Za-z0-9_-]` and starting with an alphanumeric character, as Entra requires. `readable` is the
 * text the slug is made from (a flexible credential hashes its expression but shows its subject).
 *
 * @example
 * credentialName("https://token.actions.githubusercontent.com", "repo:octo/app:environment:prod");
 * // "repo-octo-app-environment-prod-<12 hex digits>"
 */
export function credentialName(issuer: string, match: string, readable: string = match): string {
  const hash = createHash("sha256").update(`${issuer}\n${match}`).digest("hex").slice(0, 12);
  const slug = readable
    .replace(/[^A-Za-z0-9_-]+/g, "-")
    .replace(/^[^A-Za-z0-9]+/, "")
    .slice(0, SLUG_MAX)
    .replace(/[-_]+$/, "");
  const name = slug.length > 0 ? `${slug}-${hash}` : `fic-${hash}`;
  if (!AZURE_CREDENTIAL_NAME.test(name)) throw new Error(`internal: invalid credential name ${name}`);
  return name;
}
