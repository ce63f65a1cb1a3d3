/** Three-valued logic for conditions that may depend on values unknown here. */
export type Tri = true | false | "unknown";

export function triNot(a: Tri): Tri {
  return a === "unknown" ? a : !a;
}

/** True if any is true; unknown if none is true and one is unknown. */
export function triAny(values: readonly Tri[]): Tri {
  if (values.includes(true)) return true;
  return values.includes("unknown") ? "unknown" : false;
}

/** False if any is false; unknown if none is false and one is unknown. */
export function triAll(values: readonly Tri[]): Tri {
  if (values.includes(false)) return false;
  return values.includes("unknown") ? "unknown" : true;
}
