/**
 * A small, synchronous parser and evaluator for the HCL expressions that appear in Terraform JSON
 * strings (`"${jsonencode({...})}"`, `"repo:${var.org}/app:*"`). It knows literals, strings with
 * interpolation, tuples, objects, references and function calls; it evaluates `jsonencode` and
 * keeps everything else (variables, resource attributes, other functions, operators, `for`) as an
 * unknown, written back as `${<expression>}` so later stages see exactly what was unresolved.
 */

/** An evaluated value: JSON-like, with unknown parts as `${...}` strings. */
export type HclValue = string | number | boolean | null | readonly HclValue[] | { readonly [key: string]: HclValue };

/** Thrown for syntax the parser cannot read. */
export class HclSyntaxError extends Error {
  constructor(message: string, public readonly offset: number) {
    super(`${message} at offset ${offset}`);
    this.name = "HclSyntaxError";
  }
}

/** Marks a value computed from unknown parts (as opposed to a literal string that looks like one). */
const UNKNOWN = Symbol("unknown");

/** The one-character escapes of HCL quoted templates (hclsyntax); `\u` / `\U` are decoded apart. */
const HCL_ESCAPES: Readonly<Record<string, string>> = { n: "\n", t: "\t", r: "\r", '"': '"', "\\": "\\" };
type Value = HclValue | { readonly [UNKNOWN]: string };

function unknown(text: string): Value {
  return { [UNKNOWN]: text.trim() };
}
function isUnknown(v: Value): v is { readonly [UNKNOWN]: string } {
  return typeof v === "object" && v !== null && UNKNOWN in v;
}

/**
 * Evaluates a Terraform JSON string value: literal text with `${...}` interpolations. A string that
 * is exactly one interpolation evaluates to the expression's value (an object for `jsonencode`
 * arguments, a string for `jsonencode(...)` itself).
 *
 * @example
 * evaluateTemplate('${jsonencode({ a = "b" })}'); // '{"a":"b"}'
 * evaluateTemplate("repo:${var.org}/app:*");      // "repo:${var.org}/app:*"
 */
export function evaluateTemplate(text: string): HclValue {
  const p = new Parser(text);
  return toPlain(p.template(text.length, true));
}

/**
 * Evaluates one HCL expression (without the surrounding `${}`).
 *
 * @example
 * evaluateExpression('jsonencode({ Version = "2012-10-17" })'); // '{"Version":"2012-10-17"}'
 */
export function evaluateExpression(text: string): HclValue {
  const p = new Parser(text);
  const v = p.expression();
  p.skipSpace();
  if (!p.atEnd()) throw new HclSyntaxError(`unexpected ${JSON.stringify(text[p.pos])}`, p.pos);
  return toPlain(v);
}

function toPlain(v: Value): HclValue {
  if (isUnknown(v)) return "${" + v[UNKNOWN] + "}";
  if (Array.isArray(v)) return v.map((x) => toPlain(x as Value));
  if (typeof v === "object" && v !== null) {
    const out: Record<string, HclValue> = {};
    for (const [k, x] of Object.entries(v)) out[k] = toPlain(x as Value);
    return out;
  }
  return v as HclValue;
}

const BINARY = ["||", "&&", "==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "%"];

class Parser {
  public pos = 0;
  constructor(private readonly src: string) {}

  atEnd(): boolean {
    return this.pos >= this.src.length;
  }

  skipSpace(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === " " || c === "\t" || c === "\n" || c === "\r") this.pos++;
      else if (c === "#" || (c === "/" && this.src[this.pos + 1] === "/")) {
        while (!this.atEnd() && this.src[this.pos] !== "\n") this.pos++;
      } else if (c === "/" && this.src[this.pos + 1] === "*") {
        const end = this.src.indexOf("*/", this.pos + 2);
        this.pos = end < 0 ? this.src.length : end + 2;
      } else return;
    }
  }

  private peek(s: string): boolean {
    return this.src.startsWith(s, this.pos);
  }

  private expect(s: string): void {
    this.skipSpace();
    if (!this.peek(s)) throw new HclSyntaxError(`expected ${JSON.stringify(s)}`, this.pos);
    this.pos += s.length;
  }

  expression(): Value {
    const start = this.pos;
    let v = this.binary();
    this.skipSpace();
    if (this.peek("?")) {
      this.pos++;
      this.expression();
      this.expect(":");
      this.expression();
      v = unknown(this.src.slice(start, this.pos));
    }
    return v;
  }

  private binary(): Value {
    const start = this.pos;
    let v = this.unary();
    for (;;) {
      this.skipSpace();
      const op = BINARY.find((o) => this.peek(o) && !(o === "=" && this.peek("=>")));
      if (!op) return v;
      this.pos += op.length;
      this.unary();
      v = unknown(this.src.slice(start, this.pos));
    }
  }

  private unary(): Value {
    this.skipSpace();
    const start = this.pos;
    if (this.peek("!") || this.peek("-")) {
      this.pos++;
      const v = this.unary();
      if (typeof v === "number" && this.src[start] === "-") return -v;
      return unknown(this.src.slice(start, this.pos));
    }
    return this.postfix(this.primary());
  }

  private postfix(base: Value): Value {
    const baseText = isUnknown(base) ? base[UNKNOWN] : undefined;
    const start = this.pos;
    let accessed = false;
    for (;;) {
      this.skipSpace();
      if (this.peek(".") && !this.peek("...")) {
        this.pos++;
        this.skipSpace();
        if (this.peek("*")) this.pos++;
        else this.identifierOrNumber();
      } else if (this.peek("[")) {
        this.pos++;
        this.skipSpace();
        if (this.peek("*")) this.pos++;
        else this.expression();
        this.expect("]");
      } else break;
      accessed = true;
    }
    if (!accessed) return base;
    const access = this.src.slice(start, this.pos).replace(/\s+/g, "");
    return unknown((baseText ?? JSON.stringify(toPlain(base))) + access);
  }

  private identifierOrNumber(): string {
    const m = /^[A-Za-z0-9_-]+/.exec(this.src.slice(this.pos));
    if (!m) throw new HclSyntaxError("expected a name", this.pos);
    this.pos += m[0].length;
    return m[0];
  }

  private primary(): Value {
    this.skipSpace();
    const c = this.src[this.pos];
    if (c === undefined) throw new HclSyntaxError("unexpected end of expression", this.pos);
    if (c === '"') return this.quoted();
    if (c === "<" && this.peek("<<")) return this.heredoc();
    if (c === "(") {
      this.pos++;
      const v = this.expression();
      this.expect(")");
      return v;
    }
    if (c === "[") return this.tuple();
    if (c === "{") return this.object();
    if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.src.slice(this.pos)) as RegExpExecArray;
      this.pos += m[0].length;
      return Number(m[0]);
    }
    if (/[A-Za-z_]/.test(c)) {
      const start = this.pos;
      const name = this.identifier();
      if (name === "true") return true;
      if (name === "false") return false;
      if (name === "null") return null;
      this.skipSpace();
      if (this.peek("(")) return this.call(name, start);
      return unknown(this.src.slice(start, this.pos).trim());
    }
    throw new HclSyntaxError(`unexpected ${JSON.stringify(c)}`, this.pos);
  }

  private identifier(): string {
    const m = /^[A-Za-z_][A-Za-z0-9_-]*(::[A-Za-z_][A-Za-z0-9_-]*)*/.exec(this.src.slice(this.pos)) as RegExpExecArray;
    this.pos += m[0].length;
    return m[0];
  }

  private call(name: string, start: number): Value {
    this.pos++; // (
    const args: Value[] = [];
    this.skipSpace();
    while (!this.peek(")")) {
      args.push(this.expression());
      this.skipSpace();
      if (this.peek("...")) this.pos += 3;
      this.skipSpace();
      if (this.peek(",")) this.pos++;
      else break;
      this.skipSpace();
    }
    this.expect(")");
    if (name === "jsonencode" && args.length === 1) {
      const arg = args[0];
      return isUnknown(arg) ? unknown(this.src.slice(start, this.pos)) : JSON.stringify(toPlain(arg));
    }
    return unknown(this.src.slice(start, this.pos));
  }

  private tuple(): Value {
    const start = this.pos;
    this.pos++;
    this.skipSpace();
    if (this.peekKeyword("for")) return this.skipTo("]", start);
    const items: Value[] = [];
    while (!this.peek("]")) {
      items.push(this.expression());
      this.skipSpace();
      if (this.peek(",")) this.pos++;
      this.skipSpace();
      if (this.atEnd()) throw new HclSyntaxError("unterminated tuple", start);
    }
    this.pos++;
    return items as HclValue[];
  }

  private object(): Value {
    const start = this.pos;
    this.pos++;
    this.skipSpace();
    if (this.peekKeyword("for")) return this.skipTo("}", start);
    const out: Record<string, Value> = {};
    let anyUnknownKey = false;
    while (!this.peek("}")) {
      const keyStart = this.pos;
      let key: Value;
      if (this.peek("(")) key = this.primary();
      else if (this.peek('"')) key = this.quoted();
      else if (/[A-Za-z_]/.test(this.src[this.pos] ?? "")) key = this.identifier();
      else throw new HclSyntaxError("expected an object key", this.pos);
      this.skipSpace();
      if (this.peek("=") || this.peek(":")) this.pos++;
      else throw new HclSyntaxError("expected '=' or ':' after an object key", this.pos);
      const value = this.expression();
      if (typeof key === "string") out[key] = value;
      else {
        anyUnknownKey = true;
        out[this.src.slice(keyStart, this.pos)] = value;
      }
      this.skipSpace();
      if (this.peek(",")) this.pos++;
      this.skipSpace();
      if (this.atEnd()) throw new HclSyntaxError("unterminated object", start);
    }
    this.pos++;
    return anyUnknownKey ? unknown(this.src.slice(start, this.pos)) : (out as unknown as HclValue);
  }

  private peekKeyword(word: string): boolean {
    return this.peek(word) && !/[A-Za-z0-9_-]/.test(this.src[this.pos + word.length] ?? "");
  }

  /** Skips a bracketed construct the evaluator does not model (a `for` expression). */
  private skipTo(close: string, start: number): Value {
    let depth = 1;
    while (!this.atEnd() && depth > 0) {
      const c = this.src[this.pos];
      if (c === '"') {
        this.quoted();
        continue;
      }
      if (c === "[" || c === "{" || c === "(") depth++;
      else if (c === "]" || c === "}" || c === ")") depth--;
      this.pos++;
    }
    if (depth > 0 || this.src[this.pos - 1] !== close) throw new HclSyntaxError("unterminated expression", start);
    return unknown(this.src.slice(start, this.pos));
  }

  /** A quoted template string `"..."`. */
  private quoted(): Value {
    const start = this.pos;
    this.pos++;
    const v = this.template(this.src.length, false);
    if (this.src[this.pos] !== '"') throw new HclSyntaxError("unterminated string", start);
    this.pos++;
    return v;
  }

  private heredoc(): Value {
    const m = /^<<-?([A-Za-z_][A-Za-z0-9_]*)\r?\n/.exec(this.src.slice(this.pos));
    if (!m) throw new HclSyntaxError("malformed heredoc", this.pos);
    const bodyStart = this.pos + m[0].length;
    const endRe = new RegExp(`^[ \\t]*${m[1]}[ \\t]*$`, "m");
    const rest = this.src.slice(bodyStart);
    const end = endRe.exec(rest);
    if (!end) throw new HclSyntaxError("unterminated heredoc", this.pos);
    const body = rest.slice(0, end.index);
    this.pos = bodyStart + end.index + end[0].length;
    return new Parser(body).template(body.length, true);
  }

  /**
   * Reads template text until `"` (quoted) or `limit`. Literal text with interpolations becomes a
   * string with the unknown parts written `${...}`; a lone interpolation keeps its value.
   */
  template(limit: number, raw: boolean): Value {
    const parts: Value[] = [];
    let lit = "";
    while (this.pos < limit) {
      const c = this.src[this.pos];
      if (!raw && c === '"') break;
      if (!raw && c === "\\") {
        const e = this.src[this.pos + 1];
        if (e === "u" || e === "U") {
          // `\uNNNN` and `\UNNNNNNNN`, as Terraform (hclsyntax) decodes them: `"repo:\U0000002a/..."` is `repo:*/...`.
          const width = e === "u" ? 4 : 8;
          const hex = this.src.slice(this.pos + 2, this.pos + 2 + width);
          const code = /^[0-9A-Fa-f]+$/.test(hex) && hex.length === width ? parseInt(hex, 16) : NaN;
          if (!(code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) {
            throw new HclSyntaxError(`invalid escape \\${e}${hex}: expected ${width} hex digits naming a Unicode scalar value`, this.pos);
          }
          lit += String.fromCodePoint(code);
          this.pos += 2 + width;
          continue;
        }
        const decoded = HCL_ESCAPES[e];
        if (decoded === undefined) throw new HclSyntaxError(`invalid escape \\${e ?? ""} (Terraform reads \\n \\r \\t \\" \\\\ \\uNNNN \\UNNNNNNNN)`, this.pos);
        lit += decoded;
        this.pos += 2;
        continue;
      }
      if ((c === "$" || c === "%") && this.src[this.pos + 1] === c && this.src[this.pos + 2] === "{") {
        lit += c + "{";
        this.pos += 3;
        continue;
      }
      if (c === "$" && this.src[this.pos + 1] === "{") {
        if (lit) parts.push(lit);
        lit = "";
        this.pos += 2;
        this.skipSpace();
        if (this.peek("~")) this.pos++;
        const exprStart = this.pos;
        let v: Value;
        try {
          v = this.expression();
        } catch {
          const end = this.skipBraces(exprStart);
          v = unknown(this.src.slice(exprStart, end));
          this.pos = end;
        }
        this.skipSpace();
        if (this.peek("~")) this.pos++;
        if (this.src[this.pos] !== "}") throw new HclSyntaxError("unterminated interpolation", exprStart);
        this.pos++;
        parts.push(v);
        continue;
      }
      if (c === "%" && this.src[this.pos + 1] === "{") {
        if (lit) parts.push(lit);
        lit = "";
        const s = this.pos;
        this.pos = this.skipBraces(this.pos + 2) + 1;
        parts.push(unknown(this.src.slice(s, this.pos)));
        continue;
      }
      lit += c;
      this.pos++;
    }
    if (lit) parts.push(lit);
    if (parts.length === 1 && typeof parts[0] !== "string") return parts[0];
    if (parts.length === 0) return "";
    return parts.map((p) => (typeof p === "string" ? p : typeof p === "number" || typeof p === "boolean" ? String(p) : toPlain(isUnknown(p) ? p : unknown(JSON.stringify(toPlain(p)))))).join("");
  }

  /** The offset of the `}` that closes a `${` whose body starts at `from`. */
  private skipBraces(from: number): number {
    let depth = 1;
    let i = from;
    while (i < this.src.length) {
      const c = this.src[i];
      if (c === '"') {
        i++;
        while (i < this.src.length && this.src[i] !== '"') i += this.src[i] === "\\" ? 2 : 1;
      } else if (c === "{") depth++;
      else if (c === "}" && --depth === 0) return i;
      i++;
    }
    throw new HclSyntaxError("unterminated interpolation", from);
  }
}
