import { claimMeaning } from "../../trust/issuers";
import type { ClaimMeaning, IssuerKind } from "../../trust/issuers";
import type { ClaimCheck } from "../facts";
import { PatternToken, tokenize } from "./pattern";
import { anyOf, ASSUMED_PINS, NO_PINS, Pins } from "./pins";

/** True when the claim identifies who the workload is on this issuer (so a trust on it alone is not "no subject check"). */
export function isIdentityClaim(kind: IssuerKind, claim: string): boolean {
  return claim === "job_workflow_ref" || claimMeaning(kind, claim) !== undefined;
}

/**
 * Claims every OIDC token carries: `...IfExists` on them behaves as the plain operator. On any other
 * claim, `IfExists` is true when the claim is missing, so it pins nothing.
 */
export const ALWAYS_PRESENT_CLAIMS: ReadonlySet<string> = new Set(["sub", "aud"]);

/** True when `...IfExists` makes the check skippable (the claim may be missing from a token). */
export function ifExistsSkippable(check: ClaimCheck): boolean {
  return check.ifExists === true && !ALWAYS_PRESENT_CLAIMS.has(check.claim);
}

/** What a check on a non-`sub` claim pins. */
export function claimPins(kind: IssuerKind, check: ClaimCheck): Pins {
  // A value unknown until apply is assumed to pin (WIF011 says so); what the engine cannot read never pins.
  if (check.operator === "unknown") return ASSUMED_PINS;
  if (check.operator === "regex" || check.operator === "unread") return NO_PINS;
  const meaning = claimMeaning(kind, check.claim);
  if (!meaning || check.operator === "negated" || check.operator === "constrains-nothing") return NO_PINS;
  if (check.setOperator === "ForAllValues" || ifExistsSkippable(check)) return NO_PINS;
  const glob = check.operator === "like";
  return anyOf(check.values.map((v) => valuePins(meaning, tokenize(v, glob))));
}

/**
 * True when an `OWNER/REST` value names its owner before any wildcard: a literal `/` comes first.
 * An unknown owner (`${var.owner}/*`) is one owner chosen at apply (assumed, WIF011), not a wildcard.
 */
function ownerBeforeWildcard(tokens: readonly PatternToken[]): boolean {
  const first = tokens.find((t) => t.t === "star" || t.t === "one" || (t.t === "lit" && t.c === "/"));
  return first?.t === "lit";
}

function valuePins(meaning: ClaimMeaning, tokens: readonly PatternToken[]): Pins {
  const wild = tokens.some((t) => t.t === "star" || t.t === "one");
  const assumed = tokens.some((t) => t.t === "unknown");
  // A wildcard value pins nothing, except the owner of an OWNER/NAME value named before it.
  const pinned: ReadonlySet<string> = !wild ? new Set(meaning.pins) : meaning.ownerSlashName && ownerBeforeWildcard(tokens) ? new Set(["tenant"]) : new Set();
  return {
    tenant: pinned.has("tenant"),
    repository: pinned.has("repository"),
    context: pinned.has("context"),
    tenantImmutable: !!meaning.immutable && pinned.has("tenant"),
    repositoryImmutable: !!meaning.immutable && pinned.has("repository"),
    assumed,
  };
}
