/** Where a `WifValidationError` was raised, when a construct raised it. */
export interface WifValidationErrorOptions {
  /** The construct path (`stack/deploy`), as aws-cdk's `ValidationError` carries its scope. */
  readonly constructPath?: string;
  /** The error this one explains (e.g. a child construct's error, re-raised by `FederatedWorkload`). */
  readonly cause?: unknown;
}

/**
 * The one error type the library throws for bad input. Every message names the field, quotes the
 * bad value, says why it is refused and how to fix it. Raised by a construct, it carries the
 * construct path, written first in the message (`stack/deploy: AwsWorkloadIdentityRole.roleName: ...`).
 */
export class WifValidationError extends Error {
  /** The construct path, when a construct raised the error. */
  public readonly constructPath?: string;
  /** The message without the construct path and field. */
  public readonly detail: string;

  constructor(
    /** The field or prop that holds the bad value, e.g. `githubActions.repository`. */
    public readonly field: string,
    message: string,
    options: WifValidationErrorOptions = {},
  ) {
    super(`${options.constructPath !== undefined ? `${options.constructPath}: ` : ""}${field}: ${message}`);
    this.name = "WifValidationError";
    this.detail = message;
    if (options.constructPath !== undefined) this.constructPath = options.constructPath;
    if (options.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

/** Quotes a value the way messages show it: JSON string syntax, so quotes and control characters are visible. */
export function quote(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" && !Number.isFinite(value)) return String(value); // JSON would print NaN and Infinity as null
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Throws unless every key of `options` is in `known`; catches typos from JavaScript callers. */
export function rejectUnknownOptions(field: string, options: object, known: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new WifValidationError(`${field}.${key}`, `unknown option ${quote(key)}. Known options: ${known.join(", ")}.`);
    }
  }
}

/**
 * Checks an options or props object as a JavaScript caller may pass it: an object (not null, a list or a
 * primitive), only known names, and no `null` value (which `??` defaults would read as "not given",
 * switching a setting back to its default without a word). The one check every entry point runs first.
 * Returns the options read once (a frozen shallow copy: a getter runs once, a Proxy is read once), which
 * the caller reads from then on.
 *
 * @example
 * const checked = checkOptionsObject("gitlab", options, ["projectPath", "ref"], "{ projectPath, ref }");
 */
export function checkOptionsObject<T extends object = Record<string, unknown>>(
  field: string,
  options: unknown,
  known: readonly string[],
  shape: string,
): Readonly<T> {
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new WifValidationError(field, `expected ${shape}, got ${quote(options)}.`);
  }
  const copy = Object.freeze({ ...options }) as Readonly<T>;
  rejectUnknownOptions(field, copy, known);
  for (const [key, value] of Object.entries(copy)) {
    if (value === null) {
      throw new WifValidationError(
        `${field}.${key}`,
        `got null, which is not a value: give ${key}, or leave it out (undefined) to use the default where it is optional.`,
      );
    }
  }
  return copy;
}
