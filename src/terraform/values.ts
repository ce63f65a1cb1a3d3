import { onlyUnknownParts, tokenize, unknownParts } from "../lint/analysis/pattern";
import { evaluateTemplate, HclValue } from "./hcl-expression";

/** A Terraform JSON attribute value with its interpolations evaluated (unknown parts stay `${...}`). */
export function evaluated(value: unknown): unknown {
  if (typeof value === "string") {
    if (!value.includes("${") && !value.includes("%{")) return value;
    try {
      return evaluateTemplate(value) as HclValue;
    } catch {
      return "${" + value + "}";
    }
  }
  if (Array.isArray(value)) return value.map(evaluated);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = evaluated(v);
    return out;
  }
  return value;
}

/**
 * True when nothing of the value is known here: a string made only of unresolved `${...}` parts
 * (`${var.x}`, `${var.a}${var.b}`). A literal character, IAM's escapes `${*}`, `${?}`, `${$}`
 * included, makes the value partly known (`${var.a}-${var.b}`, `${var.a}${*}`).
 */
export function isWhollyUnknown(value: unknown): boolean {
  return typeof value === "string" && onlyUnknownParts(value);
}

/** True when the value is a string with at least one unresolved `${...}` part. */
export function hasUnknownPart(value: unknown): value is string {
  return typeof value === "string" && unknownParts(value).length > 0;
}

/**
 * True when a string may be `text` once its unknown parts are chosen (each may be empty or any
 * text): its literal parts are `text`'s start, end and, in order, pieces between. Spaces around the
 * value are ignored, as IAM ignores them around a written `*`; IAM's escapes (`${*}`) are their character.
 */
export function mayBe(value: unknown, text: string): boolean {
  if (typeof value !== "string") return false;
  const pieces: string[] = [""];
  for (const t of tokenize(value.trim(), false)) {
    if (t.t === "unknown") pieces.push("");
    else if (t.t === "lit") pieces[pieces.length - 1] += t.c;
  }
  if (pieces.length === 1) return pieces[0] === text; // no unknown part
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  if (!text.startsWith(first) || !text.endsWith(last) || first.length + last.length > text.length) return false;
  // With only "any text" gaps, the leftmost place of each middle piece is as good as any.
  let at = first.length;
  const stop = text.length - last.length;
  for (const piece of pieces.slice(1, -1)) {
    const found = text.indexOf(piece, at);
    if (found < 0 || found + piece.length > stop) return false;
    at = found + piece.length;
  }
  return true;
}

/** A string attribute, or undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
}

/** A list of strings from a string, number or list value (nested lists flattened, without recursion). */
export function strings(value: unknown): string[] {
  const out: string[] = [];
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
      continue;
    }
    const s = str(v);
    if (s !== undefined) out.push(s);
  }
  return out;
}
