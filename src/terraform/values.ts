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

const KEY = String.raw`(?:\[(?:[0-9]+|"(?:[^"\\]|\\.)*")\])?`;
const REFERENCE = new RegExp(String.raw`^\$\{((?:module\.[A-Za-z0-9_-]+${KEY}\.)*(?:data\.)?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+${KEY})\.([A-Za-z0-9_]+)\}$`);

/**
 * `${<address>.<attribute>}` → { address, attribute }, for references to other resources. The
 * address may be a module instance's (`module.ci.aws_iam_openid_connect_provider.this`) and carry
 * instance keys (`data.aws_iam_policy_document.trust[0]`, `...["a"]`), as the evaluation writes them.
 */
export function reference(value: unknown): { address: string; attribute: string } | undefined {
  if (typeof value !== "string") return undefined;
  const m = REFERENCE.exec(value);
  return m ? { address: m[1], attribute: m[2] } : undefined;
}

/** The resource type of an address (`module.ci.data.aws_iam_policy_document.x[0]` → `aws_iam_policy_document`, data). */
export function addressType(address: string): { mode: "managed" | "data"; type: string } | undefined {
  const m = /^(?:module\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.)*(data\.)?([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?$/.exec(address);
  return m ? { mode: m[1] ? "data" : "managed", type: m[2] } : undefined;
}
