/**
 * What one value (or one statement) pins down. A dimension is pinned when every token it admits
 * agrees on it: the tenant (owner / group / organization), the repository (or project, workspace,
 * namespace), the context (ref, environment, run phase, service account).
 */
export interface Pins {
  readonly tenant: boolean;
  readonly repository: boolean;
  readonly context: boolean;
  /** Pinned by an immutable id (numeric owner or repository id). */
  readonly tenantImmutable: boolean;
  readonly repositoryImmutable: boolean;
  /** The pin depends on a value the engine cannot see (reported as WIF011). */
  readonly assumed: boolean;
}

export const NO_PINS: Pins = {
  tenant: false,
  repository: false,
  context: false,
  tenantImmutable: false,
  repositoryImmutable: false,
  assumed: false,
};

/** Unreadable checks are assumed to pin everything: unknown is never guessed to be broad. */
export const ASSUMED_PINS: Pins = {
  tenant: true,
  repository: true,
  context: true,
  tenantImmutable: true,
  repositoryImmutable: true,
  assumed: true,
};

/** Pins of checks that must all hold (AND): a dimension pinned by any of them is pinned. */
export function allOf(pins: readonly Pins[]): Pins {
  return {
    tenant: pins.some((p) => p.tenant),
    repository: pins.some((p) => p.repository),
    context: pins.some((p) => p.context),
    tenantImmutable: pins.some((p) => p.tenantImmutable),
    repositoryImmutable: pins.some((p) => p.repositoryImmutable),
    assumed: pins.some((p) => p.assumed),
  };
}

/** Pins of alternatives (OR): pinned only when every alternative pins it. */
export function anyOf(pins: readonly Pins[]): Pins {
  if (pins.length === 0) return NO_PINS;
  return {
    tenant: pins.every((p) => p.tenant),
    repository: pins.every((p) => p.repository),
    context: pins.every((p) => p.context),
    tenantImmutable: pins.every((p) => p.tenantImmutable),
    repositoryImmutable: pins.every((p) => p.repositoryImmutable),
    assumed: pins.some((p) => p.assumed),
  };
}

/** Who can match, from the widest to the narrowest. */
export type Reach = "any-tenant" | "one-tenant" | "one-repository" | "one-context";

/** The reach of pins on an issuer (a private issuer pins the tenant by itself). */
export function reachOf(pins: Pins, sharedIssuer: boolean): Reach {
  const tenant = pins.tenant || !sharedIssuer;
  if (!tenant) return "any-tenant";
  if (!pins.repository) return "one-tenant";
  if (!pins.context) return "one-repository";
  return "one-context";
}
