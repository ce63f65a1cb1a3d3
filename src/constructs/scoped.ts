import type { IConstruct } from "constructs";
import { WifValidationError } from "../trust/errors";

/**
 * Runs a construct's build step; a `WifValidationError` it throws gets the construct path in front
 * (`stack/deploy: AwsWorkloadIdentityRole.roleName: ...`), so users know which of many constructs
 * holds the bad value. Errors already scoped to this construct or a child are left as they are.
 */
export function scopedToConstruct<T>(construct: IConstruct, build: () => T): T {
  try {
    return build();
  } catch (err) {
    if (err instanceof WifValidationError && !err.message.startsWith(construct.node.path)) {
      err.message = `${construct.node.path}: ${err.message}`;
    }
    throw err;
  }
}
