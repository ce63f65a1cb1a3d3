import type { Claim } from "./claim";
import type { Issuer } from "./issuer";
import type { Subject } from "./subject";

/** The claims of a decoded OIDC token: `iss`, `sub`, `aud` (string or list) and any others. */
export type TokenClaims = Readonly<Record<string, unknown>>;

/** What `new Trust(...)` takes. */
export interface TrustProps {
  /** Who issues the tokens (the exact `iss`). */
  readonly issuer: Issuer;
  /** Which `sub` values are admitted. Required: there is no default subject. */
  readonly subject: Subject;
  /**
   * Which `aud` values are admitted.
   * @default - each cloud's default audience (see `Trust.audiencesFor`)
   */
  readonly audiences?: readonly string[];
  /**
   * Conditions on other claims, all of which must hold (e.g. `repository_owner_id`).
   * @default - none
   */
  readonly claims?: Readonly<Record<string, Claim>>;
  /**
   * A short human description used in outputs and findings.
   * @default - derived from the issuer and subject
   */
  readonly description?: string;
}
