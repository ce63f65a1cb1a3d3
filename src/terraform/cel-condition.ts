import type { ClaimCheck } from "../lint/facts";
import { regexToGlobs } from "../trust/glob";
import { CelNode, chainOperands, parseCel } from "./cel-parser";

/** A GCP condition in disjunctive normal form: paths OR-ed, checks in a path AND-ed. */
export interface CelReading {
  readonly paths: readonly (readonly ClaimCheck[])[];
  /** Parts the reader could not read (also present as `unread` checks), as written. */
  readonly unknowns: readonly string[];
}

/** At most this many OR-ed paths; past it, alternatives are merged into one wider path (never dropped). */
export const MAX_PATHS = 64;

/**
 * The longest condition text the reader parses: 16 times what GCP accepts (4096 characters). Longer
 * text cannot be applied and is reported as unread rather than parsed.
 */
export const MAX_CONDITION_LENGTH = 65_536;

/** The longest rendering of an unread part in a message. */
const MAX_RENDER = 240;

/**
 * Reads an `attribute_condition` into checks on token claims. `attribute.x` and `google.subject`
 * are resolved through the provider's `attribute_mapping` when it maps them to a plain
 * `assertion.<claim>`; anything the reader cannot read becomes an `unread` check, which never pins.
 * Reading is bounded (text length, nesting depth, number of paths) and never throws.
 *
 * - `!` is pushed inward (De Morgan), `a ? b : c` is read as `(a && b) || (!a && c)`.
 * - Past `MAX_PATHS` paths, the alternatives of an OR are merged into one path that keeps, for each
 *   claim every alternative checks positively, the union of the values (wider than the OR, never
 *   narrower), plus an `unread` check naming the part read coarsely. The readable conjuncts beside
 *   it keep being judged: `assertion.sub.startsWith('repo:') && (... 8 alternatives ...)` is still
 *   "any tenant".
 *
 * @example
 * readCelCondition("assertion.repository_owner == 'octo'", { "google.subject": "assertion.sub" }).paths;
 */
export function readCelCondition(text: string, mapping: Readonly<Record<string, string>>): CelReading {
  const unknowns: string[] = [];
  if (text.length > MAX_CONDITION_LENGTH) {
    const note = `${text.slice(0, MAX_RENDER)}... (${text.length} characters; GCP accepts at most 4096, the reader reads at most ${MAX_CONDITION_LENGTH})`;
    return { paths: [[unreadCheck(note)]], unknowns: [note] };
  }
  let node: CelNode;
  try {
    node = parseCel(text);
  } catch (e) {
    const note = clip(text) + (e instanceof Error && /nested|more than/.test(e.message) ? ` (${e.message})` : "");
    return { paths: [[unreadCheck(note)]], unknowns: [note] };
  }
  const ctx: Ctx = { mapping, unknowns, budget: { steps: MAX_STEPS } };
  try {
    const paths = dnf(node, false, ctx);
    const shown = unknowns.slice(0, MAX_UNKNOWNS);
    if (unknowns.length > MAX_UNKNOWNS) shown.push(`... and ${unknowns.length - MAX_UNKNOWNS} more unread parts of the condition`);
    return { paths, unknowns: shown };
  } catch (e) {
    // Defensive: the walk is bounded by the parser's depth limit; should it still fail, the
    // condition is unread (reported), never an error that hides the resource.
    const note = `${clip(text)} (${e instanceof Error ? e.message : String(e)})`;
    return { paths: [[unreadCheck(note)]], unknowns: [note] };
  }
}

interface Ctx {
  readonly mapping: Readonly<Record<string, string>>;
  readonly unknowns: string[];
  /** Steps left: a ternary reads its test twice, so nested ternaries could cost exponential time. */
  readonly budget: { steps: number };
}

/** The most reading steps for one condition; past it the condition is unread. */
const MAX_STEPS = 200_000;

/** The most unread parts listed (WIF011) for one condition. */
const MAX_UNKNOWNS = 20;

function clip(s: string): string {
  return s.length > MAX_RENDER ? `${s.slice(0, MAX_RENDER)}...` : s;
}

function unreadCheck(native: string, claim = "?"): ClaimCheck {
  return { claim, operator: "unread", values: [], native, origin: "condition" };
}

type Paths = ClaimCheck[][];

/** DNF of `n` (negated when `neg`). */
function dnf(n: CelNode, neg: boolean, ctx: Ctx): Paths {
  if (--ctx.budget.steps < 0) throw new Error(`more than ${MAX_STEPS} reading steps`);
  if (n.k === "not") return dnf(n.e, !neg, ctx);
  if (n.k === "or" || n.k === "and") {
    // `!(a || b)` is `!a && !b`; `!(a && b)` is `!a || !b`.
    const disjunction = (n.k === "or") !== neg;
    const parts = chainOperands(n, n.k);
    return disjunction ? orPaths(parts, neg, n, ctx) : andPaths(parts, neg, n, ctx);
  }
  if (n.k === "cond") {
    // `c ? t : f` is `(c && t) || (!c && f)` for a boolean `c` (anything else is an error: denied).
    const wide: CelNode = { k: "or", l: { k: "and", l: n.c, r: n.t }, r: { k: "and", l: { k: "not", e: n.c }, r: n.f } };
    return dnf(wide, neg, ctx);
  }
  if (n.k === "lit" && typeof n.value === "boolean") {
    return n.value !== neg ? [[{ claim: "true", operator: "constrains-nothing", values: [], native: "true", origin: "condition" }]] : [];
  }
  return [[atom(n, neg, ctx)]];
}

function orPaths(parts: readonly CelNode[], neg: boolean, whole: CelNode, ctx: Ctx): Paths {
  let out: Paths = [];
  let merged = false;
  for (const p of parts) {
    out.push(...dnf(p, neg, ctx));
    if (out.length > MAX_PATHS) {
      out = [mergePaths(out)];
      merged = true;
    }
  }
  if (merged) out = [[...mergePaths(out), coarse(whole, neg, ctx)]];
  return out;
}

function andPaths(parts: readonly CelNode[], neg: boolean, whole: CelNode, ctx: Ctx): Paths {
  let out: Paths = [[]];
  let merged = false;
  for (const p of parts) {
    let next = dnf(p, neg, ctx);
    if (out.length * next.length > MAX_PATHS) {
      // Keep every conjunct: merge the side with more paths into one wider path. Every reading has at
      // most MAX_PATHS paths (orPaths merges past it, this product stays within it), so the product
      // is then the other side's count, within the bound.
      if (next.length >= out.length) next = [mergePaths(next)];
      else out = [mergePaths(out)];
      merged = true;
    }
    out = out.flatMap((a) => next.map((b) => [...a, ...b]));
  }
  if (merged) out = out.map((path) => [...path, coarse(whole, neg, ctx)]);
  return out;
}

/** The unread note of a part read coarsely (past the path bound). */
function coarse(n: CelNode, neg: boolean, ctx: Ctx): ClaimCheck {
  const text = `${neg ? "!(" : ""}${clip(render(n))}${neg ? ")" : ""} (more than ${MAX_PATHS} alternatives: read as the union of their values)`;
  if (!ctx.unknowns.includes(text)) ctx.unknowns.push(text);
  return unreadCheck(text);
}

/**
 * One path that every path of the OR implies: for each claim that every path checks with a positive
 * `equals` / `like` check, one `like` check with the union of their values (an exact value as its
 * glob-escaped literal). Checks on other claims are dropped: the result is wider than the OR.
 */
export function mergePaths(paths: readonly (readonly ClaimCheck[])[]): ClaimCheck[] {
  if (paths.length === 0) return [];
  if (paths.length === 1) return [...paths[0]];
  const perPath = paths.map((path) => {
    const byClaim = new Map<string, string[]>();
    for (const c of path) {
      if (c.claim === "?" || (c.operator !== "equals" && c.operator !== "like")) continue;
      const globs = c.operator === "like" ? c.values : c.values.map(escapeGlob);
      // Two checks on one claim in a path AND together: either one alone is wider, keep the first.
      if (!byClaim.has(c.claim)) byClaim.set(c.claim, [...globs]);
    }
    return byClaim;
  });
  const out: ClaimCheck[] = [];
  for (const claim of perPath[0].keys()) {
    if (!perPath.every((m) => m.has(claim))) continue;
    const values = [...new Set(perPath.flatMap((m) => m.get(claim) ?? []))];
    out.push({ claim, operator: "like", values, native: `${claim} (union of ${paths.length} alternatives)`, origin: "condition" });
  }
  return out;
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

/** One comparison or call; `neg`: under an odd number of `!`. */
function atom(n: CelNode, neg: boolean, ctx: Ctx): ClaimCheck {
  const check = positiveAtom(n, ctx);
  if (!neg) return check;
  const native = `!(${check.native})`;
  // A negated check excludes, it never pins; a negated unread check stays unread.
  return check.operator === "unread" ? { ...check, native } : { claim: check.claim, operator: "negated", values: check.values, native, origin: "condition" };
}

function positiveAtom(n: CelNode, ctx: Ctx): ClaimCheck {
  const native = clip(render(n));
  if (n.k === "cmp" && (n.op === "==" || n.op === "!=")) {
    const [ref, lit] = isRef(n.l) ? [n.l, n.r] : [n.r, n.l];
    const value = literalString(lit);
    if (isRef(n.l) && isRef(n.r)) {
      if (n.op === "==") return { claim: claimOf(n.l, ctx) ?? "?", operator: "constrains-nothing", values: [], native, origin: "condition" };
    } else {
      const claim = claimOf(ref, ctx);
      if (claim !== undefined && value !== undefined) {
        return { claim, operator: n.op === "==" ? "equals" : "negated", values: [value], native, origin: "condition" };
      }
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
  return unreadCheck(native);
}

/** Binding strength, for parentheses in renderings (CEL's: `?:`, `||`, `&&`, relations, `+ -`, `* / %`, unary, postfix). */
const ADDITIVE = new Set(["_+_", "_-_"]);
const MULTIPLICATIVE = new Set(["_*_", "_/_", "_%_"]);
function precedenceOf(n: CelNode): number {
  switch (n.k) {
    case "cond":
      return 0;
    case "or":
      return 1;
    case "and":
      return 2;
    case "cmp":
      return 3;
    case "not":
      return 6;
    case "call":
      // The parser names operators `_+_`, `-_`, ...: names no identifier can have (no target either).
      if (ADDITIVE.has(n.name)) return 4;
      if (MULTIPLICATIVE.has(n.name)) return 5;
      return n.name === "-_" ? 6 : 7;
    default:
      // Postfix (member, index, method call) and atoms: no child is ever wrapped past this strength.
      return 7;
  }
}

/** A compact CEL rendering of a node, for messages; parentheses are kept where precedence needs them. */
export function render(n: CelNode): string {
  const wrap = (child: CelNode, min: number) => (precedenceOf(child) < min ? `(${render(child)})` : render(child));
  const mine = precedenceOf(n);
  switch (n.k) {
    case "or":
    case "and":
      return chainOperands(n, n.k)
        .map((c) => wrap(c, mine + 1))
        .join(n.k === "or" ? " || " : " && ");
    case "not":
      return `!${wrap(n.e, mine)}`;
    case "cmp":
      return `${wrap(n.l, mine + 1)} ${n.op} ${wrap(n.r, mine + 1)}`;
    case "call":
      // Binary operators are left-associative: the right operand of the same strength is parenthesized.
      if (mine === 4 || mine === 5) return `${wrap(n.args[0], mine)} ${n.name.slice(1, -1)} ${wrap(n.args[1], mine + 1)}`;
      if (mine === 6) return `-${wrap(n.args[0], mine)}`;
      return `${n.target ? wrap(n.target, mine) + "." : ""}${n.name}(${n.args.map(render).join(", ")})`;
    case "member":
      return `${wrap(n.obj, mine)}.${n.field}`;
    case "index":
      return `${wrap(n.obj, mine)}[${render(n.key)}]`;
    case "ident":
      return n.name;
    case "lit":
      return typeof n.value === "string" ? `'${n.value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'` : String(n.value);
    case "list":
      return `[${n.items.map(render).join(", ")}]`;
    case "cond":
      return `${wrap(n.c, 1)} ? ${wrap(n.t, 1)} : ${wrap(n.f, 0)}`;
  }
}
