import { quote } from "../trust/errors";
import type { ExplainQuestion } from "./model";

/** A question that cannot be asked as given: the message names the input and how to fix it. */
export class QuestionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "QuestionError";
  }
}

/**
 * The claims of a JWT, decoded and NOT verified (no signature, expiry or issuer check: wif explain
 * answers "would this token be accepted", it does not authenticate it). Errors never quote the token.
 *
 * @example
 * decodeJwtClaims(process.env.ACTIONS_ID_TOKEN!).sub;
 */
export function decodeJwtClaims(token: string): Record<string, unknown> {
  const parts = token.trim().split(".");
  if (parts.length !== 3 && parts.length !== 5)
    throw new QuestionError(`--token is not a JWT (header.payload.signature): it has ${parts.length} dot-separated parts.`);
  if (parts.length === 5) throw new QuestionError("--token is an encrypted JWT (JWE); give the signed ID token (header.payload.signature).");
  let text: string;
  try {
    text = Buffer.from(parts[1].replace(/-/g, "+").replace(/_/g, "/"), "base64").toString("utf8");
  } catch {
    throw new QuestionError("--token: its payload is not base64url.");
  }
  return claimsObject(text, "--token payload");
}

/** A claims JSON document (`--claims token.json`): an object with at least `iss`. */
export function claimsObject(text: string, what: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new QuestionError(`${what} is not JSON: ${(err as Error).message}.`);
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc))
    throw new QuestionError(
      `${what} must be a JSON object of claims, e.g. {"iss": "https://token.actions.githubusercontent.com", "sub": "repo:octo/app:ref:refs/heads/main"}.`,
    );
  return doc as Record<string, unknown>;
}

/** `k=v` from `--claim`. */
export function parseClaimArgument(text: string): [string, string] {
  const eq = text.indexOf("=");
  if (eq <= 0) throw new QuestionError(`--claim takes NAME=VALUE, e.g. --claim environment=production; got ${quote(text)}.`);
  return [text.slice(0, eq), text.slice(eq + 1)];
}

/**
 * The question for a set of claims: `iss` is required (it picks the trusts); `aud` may be absent
 * (a workload described by hand), then audience checks are skipped and said so.
 */
export function questionFromClaims(claims: Readonly<Record<string, unknown>>): ExplainQuestion {
  const iss = claims.iss;
  if (typeof iss !== "string" || iss === "")
    throw new QuestionError(
      `the claims have no "iss" string (got ${iss === undefined ? "none" : quote(JSON.stringify(iss))}): name the issuer, e.g. --issuer https://token.actions.githubusercontent.com.`,
    );
  const sub = claims.sub;
  const aud = claims.aud;
  return {
    iss,
    ...(typeof sub === "string" ? { sub } : {}),
    ...(typeof aud === "string" || (Array.isArray(aud) && aud.every((a) => typeof a === "string")) ? { aud: aud as string | string[] } : {}),
    claims,
  };
}
