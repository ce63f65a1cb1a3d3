import { profileOf } from "../../trust/issuers";
import type { IssuerKind } from "../../trust/issuers";

/**
 * The claim values every token with a given subject necessarily carries, per issuer (the profile's
 * `azure.impliedClaims`). Azure compares only issuer, subject and audience on exact credentials, so a
 * claim condition of a trust survives there only when it is proved by the subject. Only facts the issuer
 * guarantees are listed (see docs/azure.md, "Claims implied by the subject", and each profile):
 * GitHub `repo:OWNER/REPO:...` implies `repository` and `repository_owner` (the immutable form also the
 * ids), GitLab `project_path:GROUP/PROJECT:...` implies `project_path`, HCP Terraform
 * `organization:O:project:P:workspace:W:...` implies the organization, project and workspace names.
 * Mutable names never imply numeric ids: an owner can be deleted and its name registered again.
 */
export function impliedClaims(kind: IssuerKind, literalPrefix: string): Readonly<Record<string, string>> {
  return profileOf(kind).azure.impliedClaims?.(literalPrefix) ?? {};
}

/** The part of a subject pattern before its first wildcard; an exact subject is all literal. */
export function literalPrefix(pattern: string): string {
  const i = pattern.search(/[*?]/);
  return i < 0 ? pattern : pattern.slice(0, i);
}
