/**
 * Values of the evaluator: JSON-like known values, and `Unknown` for what cannot be known before
 * apply (an unset variable, a computed attribute, an unsupported expression). A string with
 * unknown parts holds them as `${text}` (the convention the trust readers and rules share), so
 * the literal parts around them are still judged.
 */
export type Value = null | boolean | number | string | readonly Value[] | { readonly [key: string]: Value } | Unknown;

/** A value known only after apply: `text` is the expression as written, `why` what would decide it. */
export class Unknown {
  constructor(
    public readonly text: string,
    public readonly why: readonly string[] = [],
  ) {}
}

export function isUnknown(v: unknown): v is Unknown {
  return v instanceof Unknown;
}

export function isObject(v: unknown): v is { readonly [key: string]: Value } {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Unknown);
}

/** A value inside a string: `${text}` for an unknown. */
export function marker(u: Unknown): string {
  return "${" + u.text + "}";
}

/** True when a string holds an unknown part. */
export function isPartial(s: string): boolean {
  return s.includes("${");
}

/** True when the value or anything inside it is unknown. */
export function hasUnknown(v: Value): boolean {
  if (v instanceof Unknown) return true;
  if (typeof v === "string") return isPartial(v);
  if (Array.isArray(v)) return v.some(hasUnknown);
  if (isObject(v)) return Object.values(v).some(hasUnknown);
  return false;
}

/**
 * The value in Terraform JSON form for the trust readers: unknowns become `${text}` strings.
 *
 * @example
 * toPlain(["a", new Unknown("var.b")]); // ["a", "${var.b}"]
 */
export function toPlain(v: Value, onUnknown?: (u: Unknown) => void): unknown {
  if (v instanceof Unknown) {
    onUnknown?.(v);
    return marker(v);
  }
  if (Array.isArray(v)) return v.map((x) => toPlain(x, onUnknown));
  if (isObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = toPlain(x, onUnknown);
    return out;
  }
  return v;
}

/** A string form, as Terraform converts primitives; undefined for collections. */
export function asString(v: Value): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v instanceof Unknown) return marker(v);
  return undefined;
}

/** Splits a string into its literal text and `${...}` parts. */
export function segments(s: string): { readonly literal: boolean; readonly text: string }[] {
  const out: { literal: boolean; text: string }[] = [];
  let i = 0;
  let lit = "";
  while (i < s.length) {
    if (s[i] === "$" && s[i + 1] === "{") {
      let depth = 1;
      let j = i + 2;
      for (; j < s.length && depth > 0; j++) {
        if (s[j] === "{") depth++;
        else if (s[j] === "}") depth--;
      }
      if (depth === 0) {
        if (lit) out.push({ literal: true, text: lit });
        lit = "";
        out.push({ literal: false, text: s.slice(i, j) });
        i = j;
        continue;
      }
    }
    lit += s[i++];
  }
  if (lit) out.push({ literal: true, text: lit });
  return out;
}

/**
 * True when two strings with unknown parts may be equal once the unknowns take a value: after their
 * common start and end (literal text, and unknown parts written the same, which take the same
 * value) are set aside, both rests are literal and differ. `"${x}:aud"` and `"${x}:sub"` never are;
 * `"${x}:sub"` and `"a:sub"` may be.
 *
 * @example
 * mayBeEqual("${var.issuer}:aud", "${var.issuer}:sub"); // false
 */
export function mayBeEqual(a: string, b: string): boolean {
  const units = (s: string) => segments(s).flatMap((p) => (p.literal ? [...p.text] : [p.text]));
  const x = units(a);
  const y = units(b);
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start++;
  let end = 0;
  while (end < x.length - start && end < y.length - start && x[x.length - 1 - end] === y[y.length - 1 - end]) end++;
  const restX = x.slice(start, x.length - end);
  const restY = y.slice(start, y.length - end);
  const unknown = (u: string) => u.length > 1 && u.startsWith("${");
  if (restX.some(unknown) || restY.some(unknown)) return true;
  return restX.join("") === restY.join("");
}

/** Applies `fn` to the literal parts of a string, leaving its unknown parts as they are. */
export function mapLiterals(s: string, fn: (text: string) => string): string {
  return segments(s)
    .map((p) => (p.literal ? fn(p.text) : p.text))
    .join("");
}

/** Deep equality of known values (for `distinct`, `contains`, `==`). */
export function sameValue(a: Value, b: Value): boolean {
  return JSON.stringify(toPlain(a)) === JSON.stringify(toPlain(b));
}
