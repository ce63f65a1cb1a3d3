import { checkOptionsObject } from "../trust/errors";
import { ownTrust, Trust } from "../trust/trust";

/**
 * A construct's props, read once: a frozen shallow copy of their own enumerable fields (a getter runs
 * once, a Proxy is read once), unknown fields and `null` values refused, and `trust` rebuilt from its data. Whatever
 * the gate then checks is what the compilers write, however often the construct reads a prop.
 *
 * @example
 * props = ownProps("AwsWorkloadIdentityRole", props, PROPS);
 */
export function ownProps<P extends object>(field: string, props: P, known: readonly string[]): P {
  const copy: Record<string, unknown> = { ...checkOptionsObject(field, props, known, "props") };
  if (copy.trust instanceof Trust) copy.trust = ownTrust(`${field}.trust`, copy.trust);
  return Object.freeze(copy) as P;
}
