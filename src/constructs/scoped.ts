import type { IConstruct } from "constructs";
import { WifValidationError } from "../trust/errors";

/**
 * Runs a construct's build step. A `WifValidationError` without a construct path that it throws is
 * raised again scoped to the construct (`stack/deploy: AwsWorkloadIdentityRole.roleName: ...`, with
 * `constructPath` set and the original as `cause`), so users know which of many constructs holds the
 * bad value. Errors already scoped (to this construct or a child) pass unchanged.
 */
export function scopedToConstruct<T>(construct: IConstruct, build: () => T): T {
  try {
    return build();
  } catch (err) {
    if (err instanceof WifValidationError && err.constructPath === undefined) throw scopedError(construct, err.field, err.detail, err);
    throw err;
  }
}

/** A `WifValidationError` scoped to a construct: the one error type every construct throws. */
export function scopedError(construct: IConstruct, field: string, message: string, cause?: unknown): WifValidationError {
  return new WifValidationError(field, message, { constructPath: construct.node.path, ...(cause !== undefined ? { cause } : {}) });
}

/**
 * What a constructor's `catch` rethrows: an unscoped `WifValidationError` scoped to the construct,
 * anything else unchanged. `try { ... } catch (err) { throw rescoped(this, err); }`
 */
export function rescoped(construct: IConstruct, err: unknown): unknown {
  return err instanceof WifValidationError && err.constructPath === undefined ? scopedError(construct, err.field, err.detail, err) : err;
}
