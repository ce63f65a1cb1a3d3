import type { Expr, Step, TemplatePart } from "./ast";
import { callFunction, chooseOne, EvalError, FunctionHost } from "./functions";
import { ExpressionSyntaxError, parseExpression, parseTemplate } from "./parse-expression";
import { asString, hasUnknown, isObject, isPartial, isUnknown, marker, mayBeEqual, sameValue, toPlain, Unknown, Value } from "./value";

/**
 * An object whose attributes are evaluated on demand: a resource instance (a computed attribute
 * it does not set is unknown, named by its absolute address) or a module instance (its outputs).
 * Anywhere else it counts as unknown.
 */
export class Lazy extends Unknown {
  constructor(
    public readonly address: string,
    public readonly attribute: (name: string) => Value,
  ) {
    super(address);
  }
}

/** What names outside the expression resolve to. */
export interface Scope extends FunctionHost {
  /**
   * Resolves a reference `root.a.b...` given its leading attribute names; returns the value and
   * how many names it consumed. Undefined when the name is not known here.
   */
  readonly resolve: (root: string, names: readonly string[], text: string) => { readonly value: Value; readonly used: number } | undefined;
}

/** Work bound per evaluation: a guard against runaway `for`/`range`/recursive templates. */
const MAX_STEPS = 200_000;

/** Evaluates expressions in a scope; local names (`for` variables, iterators, `each`, `count`) are bindings. */
export class Evaluator {
  private steps = 0;
  constructor(private readonly scope: Scope) {}

  /**
   * Evaluates a Terraform JSON string (literal text with `${ }` / `%{ }`), never throwing: what
   * cannot be read or evaluated is an unknown with its text.
   */
  template(text: string, bindings: ReadonlyMap<string, Value> = new Map()): Value {
    if (!text.includes("${") && !text.includes("%{")) return text;
    let expr: Expr;
    try {
      expr = parseTemplate(text);
    } catch (err) {
      return new Unknown(text, [`${(err as ExpressionSyntaxError).message}`]);
    }
    const only = expr.k === "template" && expr.parts.length === 1 && expr.parts[0].p === "expr" ? expr.parts[0].expr : expr;
    return this.safe(only, bindings);
  }

  /** Evaluates a bare expression text (a `.tfvars` value, a CLI `--var`), never throwing. */
  expressionText(text: string, bindings: ReadonlyMap<string, Value> = new Map()): Value {
    try {
      return this.safe(parseExpression(text), bindings);
    } catch {
      return new Unknown(text);
    }
  }

  /** Evaluates a parsed expression, turning evaluation errors into unknowns. */
  safe(expr: Expr, bindings: ReadonlyMap<string, Value>): Value {
    try {
      return this.eval(expr, bindings);
    } catch (err) {
      if (err instanceof EvalError) return new Unknown(expr.text, [err.message]);
      throw err;
    }
  }

  eval(e: Expr, b: ReadonlyMap<string, Value>): Value {
    if (++this.steps > MAX_STEPS) throw new EvalError("evaluation too large");
    switch (e.k) {
      case "literal":
        return e.value;
      case "parens":
        return this.eval(e.inner, b);
      case "unparsed":
        return new Unknown(e.text);
      case "template":
        return this.templateParts(e.parts, b, e.text);
      case "tuple":
        return e.items.map((x) => this.eval(x, b));
      case "object": {
        const out: Record<string, Value> = {};
        for (const item of e.items) {
          const key = item.key.k === "literal" ? item.key.value : this.eval(item.key, b);
          if (isUnknown(key)) return new Unknown(e.text, whys(key));
          // A key with unknown parts (`"${local.issuer}:sub"`, the IRSA idiom) is kept as written, so
          // its literal parts are read; unless it may turn out equal to another key of the object
          // (then which value wins is not known here: the object is unknown).
          const name = String(key);
          if (Object.keys(out).some((other) => (isPartial(other) || isPartial(name)) && mayBeEqual(other, name))) return new Unknown(e.text, whys(key));
          out[name] = this.eval(item.value, b);
        }
        return out;
      }
      case "variable":
      case "access":
      case "splat":
        return this.reference(e, b);
      case "call": {
        if (e.name === "try" || e.name === "can") return this.tryCall(e.name, e.args, b, e.text);
        // Terraform accepts only a reference as the template (a template written inline is an error).
        if (e.name === "templatestring" && e.args[0] !== undefined && e.args[0].k !== "variable" && e.args[0].k !== "access")
          throw new EvalError(`templatestring: the template must be a reference to a value defined elsewhere in the module, not ${e.args[0].text}`);
        let args = e.args.map((x) => this.eval(x, b));
        if (e.expand && args.length > 0) {
          const last = args[args.length - 1];
          if (isUnknown(last)) return new Unknown(e.text, whys(last));
          args = [...args.slice(0, -1), ...(Array.isArray(last) ? last : [])];
        }
        return callFunction(e.name, args, this.scope, e.text);
      }
      case "conditional": {
        const c = this.eval(e.condition, b);
        if (isUnknown(c) || (typeof c === "string" && c.includes("${"))) {
          const branch = this.scope.unknownCondition?.(e.text);
          if (branch === undefined) return new Unknown(e.text, whys(c));
          return branch ? this.eval(e.whenTrue, b) : this.eval(e.whenFalse, b);
        }
        return truthy(c) ? this.eval(e.whenTrue, b) : this.eval(e.whenFalse, b);
      }
      case "unary": {
        const v = this.eval(e.operand, b);
        if (hasUnknown(v)) return new Unknown(e.text, whys(v));
        return e.op === "!" ? !truthy(v) : -Number(v);
      }
      case "binary":
        return this.binary(e.op, e.left, e.right, b, e.text);
      case "for":
        return this.forExpression(e, b);
    }
  }

  private tryCall(name: string, args: readonly Expr[], b: ReadonlyMap<string, Value>, text: string): Value {
    for (const [n, arg] of args.entries()) {
      try {
        const v = this.eval(arg, b);
        if (name === "can") return hasUnknown(v) ? new Unknown(text, whys(v)) : true;
        // An unknown argument may fail at apply: the next one is then the value.
        if (isUnknown(v) && n + 1 < args.length) {
          const next = this.safe(args[n + 1], b);
          return isUnknown(next) ? v : chooseOne(this.scope, [next], v, text);
        }
        return v;
      } catch (err) {
        if (!(err instanceof EvalError)) throw err;
      }
    }
    if (name === "can") return false;
    throw new EvalError(`try: no argument could be evaluated in ${text}`);
  }

  private binary(op: string, le: Expr, re: Expr, b: ReadonlyMap<string, Value>, text: string): Value {
    const l = this.eval(le, b);
    if (op === "&&" && l === false) return false;
    if (op === "||" && l === true) return true;
    const r = this.eval(re, b);
    if (hasUnknown(l) || hasUnknown(r)) return new Unknown(text, [...whys(l), ...whys(r)]);
    switch (op) {
      case "==":
        return sameValue(l, r);
      case "!=":
        return !sameValue(l, r);
      case "&&":
        return truthy(l) && truthy(r);
      case "||":
        return truthy(l) || truthy(r);
      case "<":
        return Number(l) < Number(r);
      case ">":
        return Number(l) > Number(r);
      case "<=":
        return Number(l) <= Number(r);
      case ">=":
        return Number(l) >= Number(r);
      case "+":
        return Number(l) + Number(r);
      case "-":
        return Number(l) - Number(r);
      case "*":
        return Number(l) * Number(r);
      case "/":
        return Number(l) / Number(r);
      case "%":
        return Number(l) % Number(r);
    }
    throw new EvalError(`unsupported operator ${op}`);
  }

  private forExpression(e: Extract<Expr, { k: "for" }>, b: ReadonlyMap<string, Value>): Value {
    const coll = this.eval(e.collection, b);
    if (isUnknown(coll)) return new Unknown(e.text, whys(coll));
    const entries: [Value, Value][] = Array.isArray(coll)
      ? coll.map((v, i) => [i, v])
      : isObject(coll)
        ? Object.keys(coll)
            .sort()
            .map((k) => [k, coll[k]])
        : [];
    const list: Value[] = [];
    const obj: Record<string, Value | Value[]> = {};
    for (const [k, v] of entries) {
      const inner = new Map(b);
      if (e.keyVar) inner.set(e.keyVar, k);
      inner.set(e.valueVar, v);
      if (e.condition) {
        const c = this.eval(e.condition, inner);
        if (hasUnknown(c)) return new Unknown(e.text, whys(c));
        if (!truthy(c)) continue;
      }
      const value = this.eval(e.value, inner);
      if (!e.object) {
        list.push(value);
        continue;
      }
      const key = this.eval(e.key as Expr, inner);
      if (hasUnknown(key)) return new Unknown(e.text, whys(key));
      const name = asString(key) ?? JSON.stringify(toPlain(key));
      if (e.group) obj[name] = [...((obj[name] as Value[] | undefined) ?? []), value];
      else if (name in obj) throw new EvalError(`duplicate key ${JSON.stringify(name)} in ${e.text}`);
      else obj[name] = value;
    }
    return e.object ? (obj as Record<string, Value>) : list;
  }

  private templateParts(parts: readonly TemplatePart[], b: ReadonlyMap<string, Value>, text: string): Value {
    if (parts.length === 1 && parts[0].p === "expr") return this.eval(parts[0].expr, b);
    let out = "";
    for (const part of parts) {
      if (part.p === "text") out += part.text;
      else if (part.p === "expr") out += this.interpolate(this.eval(part.expr, b), part.expr.text);
      else if (part.p === "if") {
        const c = this.eval(part.condition, b);
        // An unknown condition may take either branch: a variant evaluation judges each.
        const branch = hasUnknown(c) ? this.scope.unknownCondition?.(text) : truthy(c);
        if (branch === undefined) return new Unknown(text, whys(c));
        const v = this.templateParts(branch ? part.then : part.else, b, text);
        if (isUnknown(v)) return v;
        out += this.interpolate(v, text);
      } else {
        const coll = this.eval(part.collection, b);
        if (isUnknown(coll)) return new Unknown(text, whys(coll));
        const entries: [Value, Value][] = Array.isArray(coll)
          ? coll.map((v, i) => [i, v])
          : isObject(coll)
            ? Object.keys(coll)
                .sort()
                .map((k) => [k, coll[k]])
            : [];
        for (const [k, v] of entries) {
          const inner = new Map(b);
          if (part.keyVar) inner.set(part.keyVar, k);
          inner.set(part.valueVar, v);
          const body = this.templateParts(
            part.body.length === 1 && part.body[0].p === "expr" ? [{ p: "text", text: "" }, ...part.body] : part.body,
            inner,
            text,
          );
          if (isUnknown(body)) return body;
          out += this.interpolate(body, text);
        }
      }
    }
    return out;
  }

  private interpolate(v: Value, text: string): string {
    if (isUnknown(v)) {
      this.scope.note?.(v);
      return marker(v);
    }
    if (v === null) throw new EvalError(`${text} is null in a template`);
    const s = asString(v);
    if (s === undefined) throw new EvalError(`${text} is a collection, not a string`);
    return s;
  }

  private reference(e: Expr, b: ReadonlyMap<string, Value>): Value {
    if (e.k === "splat") {
      const target = this.eval(e.target, b);
      if (isUnknown(target) && !(target instanceof Lazy)) return new Unknown(e.text, whys(target));
      const items = target === null ? [] : Array.isArray(target) ? target : [target];
      return items.map((item) => this.applySteps(item, e.steps, b, e.text));
    }
    // Flatten `root.a[0].b` into the root name and its steps.
    const steps: Step[] = [];
    let cur: Expr = e;
    while (cur.k === "access") {
      steps.unshift(cur.step);
      cur = cur.target;
    }
    if (cur.k !== "variable") return this.applySteps(this.eval(cur, b), steps, b, e.text);
    if (b.has(cur.name)) return this.applySteps(b.get(cur.name) as Value, steps, b, e.text);
    const names: string[] = [];
    for (const s of steps) {
      if (s.s !== "attr") break;
      names.push(s.name);
    }
    const resolved = this.scope.resolve(cur.name, names, e.text);
    if (!resolved) return new Unknown(e.text, [`${cur.name} is not known to wif`]);
    return this.applySteps(resolved.value, steps.slice(resolved.used), b, e.text);
  }

  private applySteps(base: Value, steps: readonly Step[], b: ReadonlyMap<string, Value>, text: string): Value {
    let v = base;
    for (const step of steps) {
      if (v instanceof Lazy && step.s === "attr") {
        v = v.attribute(step.name);
        continue;
      }
      if (isUnknown(v)) return new Unknown(text, whys(v));
      const key = step.s === "attr" ? step.name : this.eval(step.key, b);
      if (isUnknown(key) || (typeof key === "string" && key.includes("${"))) {
        // An unknown index into a known collection is one of its elements.
        const elements = Array.isArray(v) ? v : isObject(v) ? Object.values(v) : [];
        v = chooseOne(this.scope, elements, new Unknown(text, whys(key)), text);
        if (isUnknown(v) && !(v instanceof Lazy)) return v;
        continue;
      }
      if (Array.isArray(v)) {
        const i = Number(key);
        if (!Number.isInteger(i) || i < 0 || i >= v.length) throw new EvalError(`${text}: index ${JSON.stringify(key)} out of range`);
        v = v[i];
      } else if (isObject(v)) {
        const k = String(key);
        if (!(k in v)) throw new EvalError(`${text}: no attribute or key ${JSON.stringify(k)}`);
        v = v[k];
      } else throw new EvalError(`${text}: cannot index ${JSON.stringify(toPlain(v))}`);
    }
    return v;
  }
}

function truthy(v: Value): boolean {
  return v === true || v === "true";
}

/** What would decide an unknown value (every unknown inside it). */
export function whys(v: Value): string[] {
  const out: string[] = [];
  toPlain(v, (u) => out.push(...u.why));
  return [...new Set(out)];
}
