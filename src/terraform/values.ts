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

/** True when the whole value is one unresolved `${...}`. */
export function isWhollyUnknown(value: unknown): boolean {
  return typeof value === "string" && /^\$\{[\s\S]*\}$/.test(value) && !/^\$\{[*?$]\}$/.test(value);
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
