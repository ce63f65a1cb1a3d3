import type { InventoryPermission, InventoryUnknown } from "../model";

/** What an identity can do, and what could not be read on the way. */
export interface Grants {
  readonly permissions: readonly InventoryPermission[];
  readonly unknowns: readonly InventoryUnknown[];
  /** What the workload becomes (service account emails, identity name), when not the trust resource itself. */
  readonly targets?: readonly string[];
}
