import { evaluated } from "./values";

/**
 * `locals` of one Terraform configuration, substituted into the resources' expressions before they
 * are read: `local.gh` becomes the local's literal value, so `"${local.gh}:sub"` reads as
 * `"token.actions.githubusercontent.com:sub"` and `local.subs` as its list. Only string locals and
 * lists of strings are substituted; anything else (objects, numbers, function calls that do not
 * yield such a literal) stays an unknown reference (WIF011). A local's value may itself hold
 * `${var.x}`: it stays unknown inside the substituted text.
 */
export type Locals = ReadonlyMap<string, string>;

const LOCAL_REF = /(^|[^A-Za-z0-9_.-])local\.([A-Za-z_][A-Za-z0-9_-]*)(?![A-Za-z0-9_-])/g;

/**
 * The substitutable locals of a configuration root (`locals` as an object or a list of objects), as
 * HCL literals (`"..."`, `["...", "..."]`). Locals that name other locals are resolved (a few rounds).
 *
 * @example
 * readLocals({ locals: [{ gh: "token.actions.githubusercontent.com" }] }).get("gh"); // "\"token.actions.githubusercontent.com\""
 */
export function readLocals(root: Readonly<Record<string, unknown>>): Locals {
  const raw = new Map<string, unknown>();
  const blocks = Array.isArray(root.locals) ? root.locals : [root.locals];
  for (const block of blocks) {
    if (block === null || typeof block !== "object" || Array.isArray(block)) continue;
    for (const [name, value] of Object.entries(block as Record<string, unknown>)) raw.set(name, value);
  }
  const literals = new Map<string, string>();
  for (let round = 0; round < 4; round++) {
    for (const [name, value] of raw) {
      const literal = hclLiteral(value, literals);
      if (literal !== undefined) literals.set(name, literal);
    }
  }
  return literals;
}

function hclLiteral(value: unknown, known: Locals): string | undefined {
  const v = evaluated(substituteLocalsDeep(value, known));
  const usable = (x: unknown): x is string => typeof x === "string" && !x.includes("%{") && !new RegExp(LOCAL_REF.source).test(x);
  if (usable(v)) return JSON.stringify(v);
  if (Array.isArray(v) && v.every(usable)) return JSON.stringify(v);
  return undefined;
}

/** Replaces `local.NAME` references inside the `${...}` of a Terraform JSON string with their literals. */
export function substituteLocals(text: string, locals: Locals): string {
  if (locals.size === 0 || !text.includes("${") || !text.includes("local.")) return text;
  const whole = /^\$\{\s*local\.([A-Za-z_][A-Za-z0-9_-]*)\s*\}$/.exec(text);
  if (whole && locals.has(whole[1])) {
    // The whole value is the local: keep it a value (a string literal or a list), not a template.
    return "${" + locals.get(whole[1]) + "}";
  }
  let out = "";
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf("${", i);
    if (start < 0 || (start > 0 && text[start - 1] === "$")) {
      out += text.slice(i, start < 0 ? text.length : start + 2);
      if (start < 0) break;
      i = start + 2;
      continue;
    }
    const end = closing(text, start + 2);
    if (end < 0) {
      out += text.slice(i);
      break;
    }
    const expression = text.slice(start + 2, end);
    // Calls the reader does not evaluate (templatefile, format, ...) stay as written: they are
    // reported as unknown (WIF011) with the user's own text.
    const calls = [...expression.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*\(/g)].map((m) => m[1]);
    if (calls.some((c) => c !== "jsonencode")) {
      out += text.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    out +=
      text.slice(i, start) + "${" + expression.replace(LOCAL_REF, (m, lead: string, name: string) => (locals.has(name) ? lead + locals.get(name) : m)) + "}";
    i = end + 1;
  }
  return out;
}

/** Index of the `}` closing an interpolation that starts at `from`, skipping nested braces and quoted strings. */
function closing(text: string, from: number): number {
  let depth = 0;
  let quote = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === '"') quote = false;
      continue;
    }
    if (c === '"') quote = true;
    else if (c === "{") depth++;
    else if (c === "}") {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** Substitutes locals in every string (and object key) of a Terraform JSON value. */
export function substituteLocalsDeep(value: unknown, locals: Locals): unknown {
  if (locals.size === 0) return value;
  if (typeof value === "string") return substituteLocals(value, locals);
  if (Array.isArray(value)) return value.map((v) => substituteLocalsDeep(v, locals));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k === "//" ? k : substituteLocals(k, locals)] = k === "//" ? v : substituteLocalsDeep(v, locals);
    return out;
  }
  return value;
}
