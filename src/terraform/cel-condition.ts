import type { ClaimCheck } from "../lint/facts";
import { CelNode, parseCel } from "./cel-parser";
import { regexToGlobs } from "./regex-glob";

/** A GCP condition in disjunctive normal form: paths OR-ed, checks in a path AND-ed. */
export interface CelReading {
  readonly paths: readonly (readonly ClaimCheck[])[];
  /** Parts the reader could not model (also present as `unknown` checks). */
  readonly unknowns: readonly string[];
}

const MAX_PATHS = 64;

/**
 * Reads an `attribute_condition` into checks on token claims. `attribute.x` and `google.subject`
 * are resolved through the provider's `attribute_mapping` when it maps them to a plain
 * `assertion.<claim>`; anything else becomes an `unknown` check.
 *
 * @example
 * readCelCondition("assertion.repository_owner == 'octo'", { "google.subject": "assertion.sub" }).paths;
 */
export function readCelCondition(text: string, mapping: Readonly<Record<string, string>>): CelReading {
  const unknowns: string[] = [];
  let node: CelNode;
  try {
    node = parseCel(text);
  } catch {
    unknowns.push(text);
    return { paths: [[unknownCheck(text)]], unknowns };
  }
  const ctx = { text, mapping, unknowns };
  const paths = dnf(node, ctx);
  return { paths, unknowns };
}

interface Ctx {
  readonly text: string;
  readonly mapping: Readonly<Record<string, string>>;
  readonly unknowns: string[];
}

function unknownCheck(native: string, claim = "?"): ClaimCheck {
  return { claim, operator: "unknown", values: [], native, origin: "condition" };
}

function dnf(n: CelNode, ctx: Ctx): ClaimCheck[][] {
  if (n.k === "or") {
    const all = [...dnf(n.l, ctx), ...dnf(n.r, ctx)];
    return all.length > MAX_PATHS ? [[opaque(n, ctx)]] : all;
  }
  if (n.k === "and") {
    const l = dnf(n.l, ctx);
    const r = dnf(n.r, ctx);
    if (l.length * r.length > MAX_PATHS) return [[opaque(n, ctx)]];
    return l.flatMap((a) => r.map((b) => [...a, ...b]));
  }
  if (n.k === "lit" && typeof n.value === "boolean") {
    return n.value ? [[{ claim: "true", operator: "constrains-nothing", values: [], native: "true", origin: "condition" }]] : [];
  }
  const check = atom(n, ctx);
  return [[check]];
}

function opaque(n: CelNode, ctx: Ctx): ClaimCheck {
  const text = render(n);
  ctx.unknowns.push(text);
  return unknownCheck(text);
}

/** The claim a reference names, or undefined. `attribute.x` resolves through the mapping. */
function claimOf(n: CelNode, ctx: Ctx): string | undefined {
  const path = refPath(n);
  if (!path) return undefined;
  const [root, name] = path;
  if (root === "assertion") return name;
  if (root === "attribute" || root === "google") {
    const mapped = ctx.mapping[`${root}.${name}`];
    if (mapped === undefined) return undefined;
    try {
      const m = refPath(parseCel(mapped));
      if (m && m[0] === "assertion") return m[1];
    } catch {
      return undefined;
    }
    return undefined;
  }
  return undefined;
}

function refPath(n: CelNode): [string, string] | undefined {
  if (n.k === "member" && n.obj.k === "ident") return [n.obj.name, n.field];
  if (n.k === "index" && n.obj.k === "ident" && n.key.k === "lit" && typeof n.key.value === "string") return [n.obj.name, n.key.value];
  return undefined;
}

function isRef(n: CelNode): boolean {
  return refPath(n) !== undefined;
}

function literalString(n: CelNode): string | undefined {
  return n.k === "lit" && typeof n.value === "string" ? n.value : undefined;
}

function escapeGlob(s: string): string {
  return s.replace(/[*?]|\$(?=\{)/g, (c) => "${" + c + "}");
}

function atom(n: CelNode, ctx: Ctx): ClaimCheck {
  const native = render(n);
  if (n.k === "not") {
    const inner = atom(n.e, ctx);
    return { claim: inner.claim, operator: "negated", values: inner.values, native, origin: "condition" };
  }
  if (n.k === "cmp" && (n.op === "==" || n.op === "!=")) {
    const [ref, lit] = isRef(n.l) ? [n.l, n.r] : [n.r, n.l];
    const value = literalString(lit);
    if (isRef(n.l) && isRef(n.r)) {
      return { claim: claimOf(n.l, ctx) ?? "?", operator: "constrains-nothing", values: [], native, origin: "condition" };
    }
    const claim = claimOf(ref, ctx);
    if (claim !== undefined && value !== undefined) {
      return { claim, operator: n.op === "==" ? "equals" : "negated", values: [value], native, origin: "condition" };
    }
  }
  if (n.k === "cmp" && n.op === "in" && n.r.k === "list") {
    const claim = claimOf(n.l, ctx);
    const values = n.r.items.map(literalString);
    if (claim !== undefined && values.every((v): v is string => v !== undefined)) {
      return { claim, operator: "equals", values, native, origin: "condition" };
    }
  }
  if (n.k === "call" && n.target && n.args.length === 1) {
    const claim = claimOf(n.target, ctx);
    const arg = literalString(n.args[0]);
    if (claim !== undefined && arg !== undefined) {
      switch (n.name) {
        case "startsWith":
          return { claim, operator: "like", values: [escapeGlob(arg) + "*"], native, origin: "condition" };
        case "endsWith":
          return { claim, operator: "like", values: ["*" + escapeGlob(arg)], native, origin: "condition" };
        case "contains":
          return { claim, operator: "like", values: ["*" + escapeGlob(arg) + "*"], native, origin: "condition" };
        case "matches": {
          const r = regexToGlobs(arg);
          const regex = { source: arg, anchoredStart: r.anchoredStart, anchoredEnd: r.anchoredEnd, oneSidedAlternation: r.oneSidedAlternation };
          if (r.globs === undefined) {
            ctx.unknowns.push(native);
            return { claim, operator: "regex", values: [arg], native, origin: "condition", regex };
          }
          return { claim, operator: "like", values: r.globs, native, origin: "condition", regex };
        }
      }
    }
  }
  ctx.unknowns.push(native);
  return unknownCheck(native);
}

/** A compact CEL rendering of a node, for messages. */
export function render(n: CelNode): string {
  switch (n.k) {
    case "or":
      return `${render(n.l)} || ${render(n.r)}`;
    case "and":
      return `${render(n.l)} && ${render(n.r)}`;
    case "not":
      return `!${render(n.e)}`;
    case "cmp":
      return `${render(n.l)} ${n.op} ${render(n.r)}`;
    case "call":
      return `${n.target ? render(n.target) + "." : ""}${n.name}(${n.args.map(render).join(", ")})`;
    case "member":
      return `${render(n.obj)}.${n.field}`;
    case "index":
      return `${render(n.obj)}[${render(n.key)}]`;
    case "ident":
      return n.name;
    case "lit":
      return typeof n.value === "string" ? `'${n.value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'` : String(n.value);
    case "list":
      return `[${n.items.map(render).join(", ")}]`;
    case "cond":
      return `${render(n.c)} ? ${render(n.t)} : ${render(n.f)}`;
  }
}
