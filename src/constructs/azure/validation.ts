import { isUnresolved } from "../engine";

import { WifValidationError, quote } from "../../trust/errors";

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Accepts a GUID or an unresolved token (`${...}`), which Terraform resolves later. */
export function checkGuid(field: string, value: unknown, what: string): string {
  if (typeof value === "string" && (isUnresolved(value) || GUID.test(value))) return value;
  throw new WifValidationError(field, `${quote(value)} is not a ${what} (a GUID such as "00000000-0000-0000-0000-000000000000").`);
}

/** Accepts a string matching `re`, or an unresolved token. */
export function checkPattern(field: string, value: unknown, re: RegExp, expected: string): string {
  if (typeof value === "string" && (isUnresolved(value) || re.test(value))) return value;
  throw new WifValidationError(field, `${quote(value)} is not valid: expected ${expected}.`);
}
