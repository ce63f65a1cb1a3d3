import { isUnresolved } from "../engine";

import { WifValidationError, quote } from "../../trust/errors";

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Accepts a GUID or an unresolved token (`${...}`), which Terraform resolves later. */
export function checkGuid(field: string, value: unknown, what: string): string {
  if (typeof value === "string" && (isUnresolved(value) || GUID.test(value))) return value;
  throw new WifValidationError(field, `${quote(value)} is not a ${what}: expected a GUID such as "00000000-0000-0000-0000-000000000000".`);
}

/** Accepts a string matching `re`, or an unresolved token. */
export function checkPattern(field: string, value: unknown, re: RegExp, expected: string): string {
  if (typeof value === "string" && (isUnresolved(value) || re.test(value))) return value;
  throw new WifValidationError(field, `${quote(value)} is not valid: expected ${expected}.`);
}

const AZURE_TAG_KEY_FORBIDDEN = /[<>%&\\?/]/;

/** Azure tags: at most 50; keys 1-512 characters without `<>%&\?/`; values at most 256 characters (tokens are left to Terraform). */
export function checkTags(field: string, tags: unknown): Readonly<Record<string, string>> | undefined {
  if (tags === undefined) return undefined;
  if (tags === null || typeof tags !== "object" || Array.isArray(tags)) {
    throw new WifValidationError(field, `expected an object of tag name to value, got ${quote(tags)}.`);
  }
  const entries = Object.entries(tags);
  if (entries.length > 50) throw new WifValidationError(field, `${entries.length} tags given; Azure allows at most 50 per resource.`);
  for (const [key, value] of entries) {
    if (typeof value !== "string") throw new WifValidationError(`${field}.${key}`, `expected a string value, got ${quote(value)}.`);
    if (isUnresolved(key) || isUnresolved(value)) continue;
    if (key.length === 0 || key.length > 512 || AZURE_TAG_KEY_FORBIDDEN.test(key)) {
      throw new WifValidationError(field, `tag name ${quote(key)} is not valid: 1-512 characters, none of < > % & \\ ? /.`);
    }
    if (value.length > 256)
      throw new WifValidationError(`${field}.${key}`, `tag value ${quote(value)} is ${value.length} characters long; Azure allows at most 256.`);
  }
  return tags as Record<string, string>;
}
