/**
 * A parser for the subset of CEL used in GCP `attribute_condition`s: `||`, `&&`, `!`, `==`, `!=`,
 * `in`, comparisons, member access (`assertion.sub`), index (`assertion['x']`), calls
 * (`x.startsWith('a')`, `size(x)`), string/number/bool/null literals and lists.
 */
export type CelNode =
  | { readonly k: "or" | "and"; readonly l: CelNode; readonly r: CelNode }
  | { readonly k: "not"; readonly e: CelNode }
  | { readonly k: "cmp"; readonly op: string; readonly l: CelNode; readonly r: CelNode }
  | { readonly k: "call"; readonly target?: CelNode; readonly name: string; readonly args: readonly CelNode[] }
  | { readonly k: "member"; readonly obj: CelNode; readonly field: string }
  | { readonly k: "index"; readonly obj: CelNode; readonly key: CelNode }
  | { readonly k: "ident"; readonly name: string }
  | { readonly k: "lit"; readonly value: string | number | boolean | null }
  | { readonly k: "list"; readonly items: readonly CelNode[] }
  | { readonly k: "cond"; readonly c: CelNode; readonly t: CelNode; readonly f: CelNode };

/** Thrown for text outside the supported subset. */
export class CelSyntaxError extends Error {
  constructor(
    message: string,
    public readonly offset: number,
  ) {
    super(`${message} at offset ${offset}`);
    this.name = "CelSyntaxError";
  }
}

type Tok = { readonly t: "id" | "str" | "num" | "op" | "end"; readonly v: string; readonly at: number };

const OPS = ["||", "&&", "==", "!=", "<=", ">=", "!", "<", ">", "(", ")", "[", "]", ",", ".", "?", ":", "+", "-", "*", "/", "%", "{", "}"];

// Sticky: matched where the lexer stands, without copying the rest of the text (linear time).
const NUMBER = /[0-9]+(\.[0-9]+)?u?/y;
const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;

/**
 * The deepest nesting of parentheses, lists, calls, `!` and ternaries the parser reads. Deeper text
 * is refused with a `CelSyntaxError` (the reader then reports the condition as unread): the parser
 * recurses per level, and no real condition nests this deep (GCP accepts at most 4096 characters).
 */
export const MAX_CEL_DEPTH = 200;

function lex(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const raw = (c === "r" || c === "R") && (src[i + 1] === "'" || src[i + 1] === '"');
    if (c === "'" || c === '"' || raw) {
      const start = i;
      if (raw) i++;
      const q = src[i];
      const triple = src.startsWith(q.repeat(3), i);
      const close = triple ? q.repeat(3) : q;
      i += close.length;
      let v = "";
      while (i < src.length && !src.startsWith(close, i)) {
        if (src[i] === "\\" && !raw) {
          const e = src[i + 1];
          const map: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', "`": "`", "?": "?" };
          if (map[e] === undefined) throw new CelSyntaxError(`unsupported escape \\${e}`, i);
          v += map[e];
          i += 2;
        } else v += src[i++];
      }
      if (i >= src.length) throw new CelSyntaxError("unterminated string", start);
      i += close.length;
      out.push({ t: "str", v, at: start });
      continue;
    }
    if (/[0-9]/.test(c)) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(src) as RegExpExecArray;
      out.push({ t: "num", v: m[0], at: i });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      IDENT.lastIndex = i;
      const m = IDENT.exec(src) as RegExpExecArray;
      out.push({ t: "id", v: m[0], at: i });
      i += m[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new CelSyntaxError(`unexpected ${JSON.stringify(c)}`, i);
    out.push({ t: "op", v: op, at: i });
    i += op.length;
  }
  out.push({ t: "end", v: "", at: src.length });
  return out;
}

/**
 * The operands of a chain of one operator (`a || b || c`), read without recursion: the parser builds
 * `||` / `&&` chains left-deep, so a condition with thousands of them is a deep tree.
 */
export function chainOperands(n: CelNode, kind: "or" | "and"): CelNode[] {
  const out: CelNode[] = [];
  const stack: CelNode[] = [n];
  while (stack.length > 0) {
    const top = stack.pop() as CelNode;
    if (top.k === kind) stack.push(top.r, top.l);
    else out.push(top);
  }
  return out;
}

/**
 * Parses a CEL expression of the supported subset.
 *
 * @example
 * parseCel("assertion.sub == 'repo:octo/app:ref:refs/heads/main'");
 */
export function parseCel(src: string): CelNode {
  const toks = lex(src);
  let i = 0;
  let depth = 0;
  const enter = () => {
    if (++depth > MAX_CEL_DEPTH) throw new CelSyntaxError(`nested deeper than ${MAX_CEL_DEPTH} levels`, toks[i].at);
  };
  const peek = (v: string) => toks[i].t === "op" && toks[i].v === v;
  const isWord = (v: string) => toks[i].t === "id" && toks[i].v === v;
  const expect = (v: string) => {
    if (!peek(v)) throw new CelSyntaxError(`expected ${JSON.stringify(v)}`, toks[i].at);
    i++;
  };

  const expr = (): CelNode => {
    enter();
    const c = or();
    let out = c;
    if (peek("?")) {
      i++;
      const t = expr();
      expect(":");
      const f = expr();
      out = { k: "cond", c, t, f };
    }
    depth--;
    return out;
  };
  const or = (): CelNode => {
    let l = and();
    while (peek("||")) {
      i++;
      l = { k: "or", l, r: and() };
    }
    return l;
  };
  const and = (): CelNode => {
    let l = rel();
    while (peek("&&")) {
      i++;
      l = { k: "and", l, r: rel() };
    }
    return l;
  };
  const rel = (): CelNode => {
    const l = add();
    for (const op of ["==", "!=", "<=", ">=", "<", ">"]) {
      if (peek(op)) {
        i++;
        return { k: "cmp", op, l, r: add() };
      }
    }
    if (isWord("in")) {
      i++;
      return { k: "cmp", op: "in", l, r: add() };
    }
    return l;
  };
  // Arithmetic, as CEL binds it: `*` `/` `%` before `+` `-`, each left to right. A run longer than
  // the depth bound is refused (each operator is one more level of the tree the reader walks).
  const binary = (ops: readonly string[], operand: () => CelNode) => (): CelNode => {
    let l = operand();
    let run = 0;
    while (ops.some(peek)) {
      if (++run > MAX_CEL_DEPTH) throw new CelSyntaxError(`more than ${MAX_CEL_DEPTH} arithmetic operators in a row`, toks[i].at);
      const op = toks[i++].v;
      l = { k: "call", name: `_${op}_`, args: [l, operand()] };
    }
    return l;
  };
  const multiply = binary(["*", "/", "%"], () => unary());
  const add = binary(["+", "-"], multiply);
  const unary = (): CelNode => {
    if (peek("!") || peek("-")) {
      // A run of prefix operators is read in a loop, not by recursion.
      const ops: string[] = [];
      while (peek("!") || peek("-")) ops.push(toks[i++].v);
      if (ops.length > MAX_CEL_DEPTH) throw new CelSyntaxError(`more than ${MAX_CEL_DEPTH} prefix operators`, toks[i].at);
      let n = postfix(primary());
      for (let k = ops.length - 1; k >= 0; k--) n = ops[k] === "!" ? { k: "not", e: n } : { k: "call", name: "-_", args: [n] };
      return n;
    }
    return postfix(primary());
  };
  const args = (): CelNode[] => {
    expect("(");
    const out: CelNode[] = [];
    while (!peek(")")) {
      out.push(expr());
      if (peek(",")) i++;
      else break;
    }
    expect(")");
    return out;
  };
  const postfix = (base: CelNode): CelNode => {
    let n = base;
    for (let run = 0; ; run++) {
      if (run > MAX_CEL_DEPTH) throw new CelSyntaxError(`more than ${MAX_CEL_DEPTH} field accesses in a row`, toks[i].at);
      if (peek(".")) {
        i++;
        if (toks[i].t !== "id") throw new CelSyntaxError("expected a field name", toks[i].at);
        const field = toks[i++].v;
        n = peek("(") ? { k: "call", target: n, name: field, args: args() } : { k: "member", obj: n, field };
      } else if (peek("[")) {
        i++;
        const key = expr();
        expect("]");
        n = { k: "index", obj: n, key };
      } else return n;
    }
  };
  const primary = (): CelNode => {
    const tok = toks[i];
    if (tok.t === "str") {
      i++;
      return { k: "lit", value: tok.v };
    }
    if (tok.t === "num") {
      i++;
      return { k: "lit", value: Number(tok.v.replace(/u$/, "")) };
    }
    if (tok.t === "id") {
      i++;
      if (tok.v === "true" || tok.v === "false") return { k: "lit", value: tok.v === "true" };
      if (tok.v === "null") return { k: "lit", value: null };
      if (peek("(")) return { k: "call", name: tok.v, args: args() };
      return { k: "ident", name: tok.v };
    }
    if (peek("(")) {
      i++;
      const e = expr();
      expect(")");
      return e;
    }
    if (peek("[")) {
      i++;
      const items: CelNode[] = [];
      while (!peek("]")) {
        items.push(expr());
        if (peek(",")) i++;
        else break;
      }
      expect("]");
      return { k: "list", items };
    }
    throw new CelSyntaxError(`unexpected ${tok.t === "end" ? "end of condition" : JSON.stringify(tok.v)}`, tok.at);
  };

  const node = expr();
  if (toks[i].t !== "end") throw new CelSyntaxError(`unexpected ${JSON.stringify(toks[i].v)}`, toks[i].at);
  return node;
}
