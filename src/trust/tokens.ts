import { WifValidationError, quote } from "./errors";

// cdktf encodes unresolved values as "${TfToken[TOKEN.n]}" in strings, "#{TfToken[TOKEN.n]}" in
// lists, and numbers near -1.8881545897087626e+289. Recognised here without importing cdktf.
const STRING_TOKEN = /[$#]\{TfToken\[/;
const NUMBER_TOKEN_MAGNITUDE = 1e280;

/** True when `value` is (or holds) a cdktf token: a `TerraformVariable`, another construct's attribute, an `Fn` call. */
export function isCdktfToken(value: unknown): boolean {
  if (typeof value === "string") return STRING_TOKEN.test(value);
  if (typeof value === "number") return Number.isFinite(value) && Math.abs(value) > NUMBER_TOKEN_MAGNITUDE;
  if (Array.isArray(value)) return value.some(isCdktfToken);
  return false;
}

/**
 * Throws when a trust value is a cdktf token. Every trust value must be a literal known at synth:
 * the rule engine and every cloud compiler read it, and an unresolved value could admit anyone.
 *
 * @example
 * rejectToken("githubActions.repository", new TerraformVariable(this, "repo", {}).stringValue); // throws
 */
export function rejectToken(field: string, value: unknown): void {
  if (!isCdktfToken(value)) return;
  throw new WifValidationError(
    field,
    `${quote(value)} is a cdktf token (a TerraformVariable, another construct's attribute or an Fn call), not a literal. ` +
      `Trust values must be literals known at synth, because the rules and every cloud must see them. ` +
      `Use a literal, or keep the token in hand-written resources and lint the plan JSON (terraform show -json plan.out > plan.json; wif lint plan.json).`,
  );
}

/** `rejectToken` on every option of a preset or props object, in declaration order. */
export function rejectTokens(field: string, options: object): void {
  for (const [key, value] of Object.entries(options)) rejectToken(`${field}.${key}`, value);
}
