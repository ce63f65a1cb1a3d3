import { rejectToken } from "./tokens";
import { WifValidationError, quote } from "./errors";
import { GlobCharacter, hasGlobWildcard, matchesGlob } from "./glob";

/** One accepted form of a value: an exact string, or a glob pattern (`*` any run, `?` one character). */
export type MatchAlternative = { readonly kind: "exact"; readonly value: string } | { readonly kind: "like"; readonly pattern: string };

/** The largest value the library accepts in a subject or claim condition (Azure's limit is 600). */
const MAX_VALUE_LENGTH = 2048;

/** Conditions built by this module (a Proxy or an `Object.create(Subject.prototype)` object is not one). */
const BUILT = new WeakSet<object>();

/** True when `value` is a condition built by `Subject`/`Claim` (frozen, not a Proxy or a look-alike). */
export function isBuiltCondition(value: unknown): boolean {
  return typeof value === "object" && value !== null && BUILT.has(value);
}

/**
 * An immutable OR of exact values and glob patterns. `Subject` and `Claim` are the two kinds;
 * a value matches when it matches any alternative.
 */
export abstract class StringCondition {
  public readonly alternatives: readonly MatchAlternative[];

  /** Copies and deep-freezes the alternatives, and freezes the condition: what the gate read is what the compilers read. */
  protected constructor(alternatives: readonly MatchAlternative[]) {
    this.alternatives = Object.freeze(
      alternatives.map((a): MatchAlternative => Object.freeze(a.kind === "exact" ? { kind: "exact", value: a.value } : { kind: "like", pattern: a.pattern })),
    );
    Object.freeze(this);
    BUILT.add(this);
  }

  /** The exact values, in declaration order. */
  public get exactValues(): readonly string[] {
    return this.alternatives.flatMap((a) => (a.kind === "exact" ? [a.value] : []));
  }

  /** The glob patterns, in declaration order. */
  public get patterns(): readonly string[] {
    return this.alternatives.flatMap((a) => (a.kind === "like" ? [a.pattern] : []));
  }

  /** True when every alternative is an exact value. */
  public get isExact(): boolean {
    return this.alternatives.every((a) => a.kind === "exact");
  }

  /**
   * True when `value` is a string that matches one of the alternatives (case-sensitive). `character`
   * says what a `?` consumes outside the Basic Multilingual Plane (see `GlobCharacter`).
   */
  public matches(value: unknown, character?: GlobCharacter): boolean {
    if (typeof value !== "string") return false;
    return this.alternatives.some((a) => (a.kind === "exact" ? a.value === value : matchesGlob(a.pattern, value, { character })));
  }

  /** A short human form, e.g. `"a" | like "b*"`. */
  public toString(): string {
    return this.alternatives.map((a) => (a.kind === "exact" ? quote(a.value) : `like ${quote(a.pattern)}`)).join(" | ");
  }
}

/** Validates one literal or pattern value; `what` names it in messages (e.g. `Subject.exactly`). */
export function checkConditionValue(what: string, value: unknown, kind: "exact" | "like"): string {
  rejectToken(what, value);
  if (typeof value !== "string") {
    throw new WifValidationError(what, `expected a string, got ${quote(value)}.`);
  }
  if (value.length === 0) {
    throw new WifValidationError(what, `the value is empty. An empty condition cannot identify a workload; give the full value to match.`);
  }
  if (value.length > MAX_VALUE_LENGTH) {
    throw new WifValidationError(what, `the value is ${value.length} characters long (at most ${MAX_VALUE_LENGTH}).`);
  }
  if (value.trim() !== value || /[\u0000-\u001f\u007f]/.test(value)) {
    throw new WifValidationError(what, `${quote(value)} has leading/trailing whitespace or control characters, which no token claim carries. Remove them.`);
  }
  if (value.includes("${") || value.includes("%{")) {
    throw new WifValidationError(
      what,
      `${quote(value)} contains "\${" or "%{", which Terraform reads as an interpolation or template directive (and cdktf tokens look like that too). ` +
        `Trust values must be literal so every cloud and the rule engine can verify them: write the value itself.`,
    );
  }
  if (kind === "exact" && hasGlobWildcard(value)) {
    throw new WifValidationError(
      what,
      `${quote(value)} contains a wildcard ("*" or "?"), but exact conditions compare literally, so it would never match a real token. ` +
        `Use a like(...) pattern if you mean a pattern, or spell out the exact value.`,
    );
  }
  if (kind === "like" && /^[*?]*$/.test(value)) {
    throw new WifValidationError(
      what,
      `${quote(value)} matches every value, so it checks nothing. Give the literal parts of the value, e.g. "repo:OWNER/REPO:ref:refs/heads/*".`,
    );
  }
  return value;
}

/** Flattens exact strings and conditions into one list of alternatives, dropping duplicates. */
export function flattenAlternatives(what: string, values: readonly (string | StringCondition)[]): MatchAlternative[] {
  if (!Array.isArray(values) || values.length === 0) {
    throw new WifValidationError(what, `expected a non-empty list, got ${quote(values)}. Give at least one value.`);
  }
  const seen = new Set<string>();
  const out: MatchAlternative[] = [];
  for (const v of values) {
    const alts: readonly MatchAlternative[] = v instanceof StringCondition ? v.alternatives : [{ kind: "exact", value: checkConditionValue(what, v, "exact") }];
    for (const alt of alts) {
      const key = alt.kind === "exact" ? `e:${alt.value}` : `l:${alt.pattern}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(alt);
      }
    }
  }
  return out;
}
