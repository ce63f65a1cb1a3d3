/**
 * The one error type the library throws for bad input. Every message names the field, quotes the
 * bad value, says why it is refused and how to fix it.
 */
export class WifValidationError extends Error {
  constructor(
    /** The field or prop that holds the bad value, e.g. `githubActions.repository`. */
    public readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = "WifValidationError";
  }
}

/** Quotes a value the way messages show it: JSON string syntax, so quotes and control characters are visible. */
export function quote(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
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
      throw new WifValidationError(
        `${field}.${key}`,
        `unknown option ${quote(key)}. Known options: ${known.join(", ")}.`,
      );
    }
  }
}
