import { checkAudiences } from "../audiences";
import { WifValidationError, checkOptionsObject, quote } from "../errors";
import { rejectTokens } from "../tokens";
import { hasGlobWildcard } from "../glob";

/** How a preset validates one name: its full syntax, and the characters allowed around wildcards. */
export interface NameRule {
  /** The whole name, when it has no wildcard. */
  readonly whole: RegExp;
  /** One character allowed in the literal parts of a pattern. */
  readonly char: RegExp;
  /** The syntax in words, for messages. */
  readonly describe: string;
  readonly example: string;
}

/**
 * Validates a name that goes into a subject. `*` and `?` are allowed as glob wildcards (the rule
 * engine judges how broad they are); every other character must be valid in the name.
 */
export function checkSubjectPart(field: string, value: unknown, rule: NameRule): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new WifValidationError(field, `expected a non-empty string, got ${quote(value)}. For example ${quote(rule.example)}.`);
  }
  const ok = hasGlobWildcard(value) ? [...value].every((c) => c === "*" || c === "?" || rule.char.test(c)) : rule.whole.test(value);
  if (!ok) {
    throw new WifValidationError(field, `${quote(value)} is not valid: ${rule.describe}. For example ${quote(rule.example)}.`);
  }
  return value;
}

/** True when the preset input carries a glob wildcard. */
export function isPattern(...values: readonly (string | undefined)[]): boolean {
  return values.some((v) => v !== undefined && hasGlobWildcard(v));
}

/**
 * Exactly one of the given options must be set; returns its name. Any value but `undefined` counts as
 * set (`branch: false` is a branch of the wrong type, which the option's own check then refuses).
 */
export function exactlyOne<T extends object, K extends keyof T & string>(field: string, options: T, names: readonly K[]): K {
  const set = names.filter((n) => options[n] !== undefined);
  if (set.length !== 1) {
    throw new WifValidationError(
      field,
      set.length === 0
        ? `say which runs are trusted: set exactly one of ${names.join(", ")}.`
        : `${set.join(" and ")} are set together; a token has one context, so set exactly one of ${names.join(", ")}.`,
    );
  }
  return set[0];
}

/** Validates a numeric id (GitHub repository/owner ids, GitLab project/namespace ids). */
export function checkNumericId(field: string, value: unknown): string {
  if (typeof value !== "string" || !/^[1-9][0-9]{0,19}$/.test(value)) {
    throw new WifValidationError(
      field,
      `${quote(value)} is not a numeric id. Give the id as a string of digits, e.g. "1234567" (GitHub: gh api repos/OWNER/REPO --jq .owner.id).`,
    );
  }
  return value;
}

/** Validates a `true`-only flag such as `anyRef: true`. */
export function checkTrueFlag(field: string, value: unknown): void {
  if (value !== undefined && value !== true) {
    throw new WifValidationError(field, `expected true or nothing, got ${quote(value)}.`);
  }
}

/** Checks that preset options are an object with only known keys, no `null` and no cdktf tokens. */
export function checkPresetOptions(field: string, options: unknown, known: readonly string[], shape: string): void {
  checkOptionsObject(field, options, known, `options ${shape}`);
  rejectTokens(field, options as object);
}

/** A preset's `audiences` option, checked under the preset's name (`githubActions.audiences`), as `TrustProps` spreads it. */
export function presetAudiences(field: string, audiences: unknown): { readonly audiences?: readonly string[] } {
  return audiences === undefined ? {} : { audiences: checkAudiences(`${field}.audiences`, audiences) };
}

/** A UUID (`8-4-4-4-12` hex digits), optionally in braces; returned as written, without braces. */
export function checkUuid(field: string, value: unknown, where: string): string {
  const m = typeof value === "string" ? /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/.exec(value) : null;
  if (!m) {
    throw new WifValidationError(field, `${quote(value)} is not a UUID (8-4-4-4-12 hex digits). ${where}`);
  }
  return m[1];
}
