import { WifValidationError } from "../../trust/errors";

/**
 * Where the credentials go: a user-assigned managed identity (azurerm, exact credentials only) or an
 * app registration (azuread, exact and flexible credentials).
 */
export type AzureTarget = "managed-identity" | "app-registration";

/** An exact federated identity credential: Entra compares issuer, subject and audience literally. */
export interface AzureExactCredential {
  readonly kind: "exact";
  /** Deterministic, valid and stable credential name (see `credentialName`). */
  readonly name: string;
  readonly issuer: string;
  readonly subject: string;
  /** The one audience (`api://AzureADTokenExchange` unless the trust names another). */
  readonly audience: string;
}

/** A flexible federated identity credential (app registrations only, preview API). */
export interface AzureFlexibleCredential {
  readonly kind: "flexible";
  readonly name: string;
  readonly issuer: string;
  readonly audience: string;
  /** e.g. `claims['sub'] matches 'repo:octo/app:ref:refs/heads/release-*' and claims['repository_owner_id'] eq '123'`. */
  readonly claimsMatchingExpression: string;
}

export type AzureCredential = AzureExactCredential | AzureFlexibleCredential;

/** A trust Azure can enforce exactly: the credentials, OR-ed together by Entra. */
export interface AzureCompiled {
  readonly ok: true;
  readonly target: AzureTarget;
  readonly credentials: readonly AzureCredential[];
}

/** A trust Azure cannot enforce exactly, with the reason and the ways out. */
export interface AzureRefusal {
  readonly ok: false;
  readonly target: AzureTarget;
  /** The part of the declaration that cannot be expressed, e.g. `Trust.subject`, `Trust.claims.environment`. */
  readonly field: string;
  /** Why, quoting the value. */
  readonly reason: string;
  /** What to change instead. */
  readonly alternatives: readonly string[];
  /** `reason` and `alternatives` as one sentence block, the message of `refusalError`. */
  readonly message: string;
}

export type AzureCompileResult = AzureCompiled | AzureRefusal;

/** The construct-time error for a refusal. */
export function refusalError(refusal: AzureRefusal): WifValidationError {
  return new WifValidationError(refusal.field, refusal.message);
}
