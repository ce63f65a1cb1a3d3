import type { Expr, Step, TemplatePart } from "./ast";

/** Syntax the parser cannot read; the evaluator turns it into an unknown with the text. */
export class ExpressionSyntaxError extends Error {
  constructor(
    message: string,
    public readonly offset: number,
  ) {
    super(`${message} at offset ${offset}`);
    this.name = "ExpressionSyntaxError";
  }
}

/** Nesting deeper than this is refused (a syntax error, so an unknown), never a stack overflow. */
const MAX_DEPTH = 200;

/**
 * Parses one HCL expression (without `${ }`).
 *
 * @example
 * parseExpression('replace(var.url, "https://", "")'); // { k: "call", name: "replace", ... }
 */
export function parseExpression(text: string): Expr {
  const p = new Parser(text);
  const e = p.expression();
  p.space();
  if (!p.atEnd()) throw new ExpressionSyntaxError(`unexpected ${JSON.stringify(text[p.pos])}`, p.pos);
  return e;
}

/**
 * Parses a template: literal text with `${ }` interpolations and `%{ }` directives, as a quoted
 * string's body, a heredoc, a `templatefile()` file or a Terraform JSON string value are.
 *
 * @example
 * parseTemplate("repo:${var.org}/*"); // { k: "template", parts: [text, expr, text] }
 */
export function parseTemplate(text: string): Expr {
  const p = new Parser(text);
  const parts = p.templateParts(false, []);
  if (!p.atEnd()) throw new ExpressionSyntaxError("unexpected template directive", p.pos);
  return { k: "template", text, parts };
}

const BINARY_LEVELS: readonly (readonly string[])[] = [["||"], ["&&"], ["==", "!="], ["<=", ">=", "<", ">"], ["+", "-"], ["*", "/", "%"]];

class Parser {
  public pos = 0;
  private depth = 0;
  constructor(private readonly src: string) {}

  atEnd(): boolean {
    return this.pos >= this.src.length;
  }

  space(): void {
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

  private keyword(word: string): boolean {
    return this.peek(word) && !/[A-Za-z0-9_-]/.test(this.src[this.pos + word.length] ?? "");
  }

  private expect(s: string): void {
    this.space();
    if (!this.peek(s)) throw new ExpressionSyntaxError(`expected ${JSON.stringify(s)}`, this.pos);
    this.pos += s.length;
  }

  private text(start: number): string {
    return this.src.slice(start, this.pos).trim();
  }

  expression(): Expr {
    if (++this.depth > MAX_DEPTH) throw new ExpressionSyntaxError("expression nested too deeply", this.pos);
    try {
      this.space();
      const start = this.pos;
      const condition = this.binary(0);
      this.space();
      if (!this.peek("?")) return condition;
      this.pos++;
      const whenTrue = this.expression();
      this.expect(":");
      const whenFalse = this.expression();
      return { k: "conditional", text: this.text(start), condition, whenTrue, whenFalse };
    } finally {
      this.depth--;
    }
  }

  private binary(level: number): Expr {
    if (level >= BINARY_LEVELS.length) return this.unary();
    const start = this.pos;
    let left = this.binary(level + 1);
    for (;;) {
      this.space();
      const op = BINARY_LEVELS[level].find((o) => this.peek(o) && !(o === "<" && this.peek("<<")));
      if (!op) return left;
      this.pos += op.length;
      const right = this.binary(level + 1);
      left = { k: "binary", text: this.text(start), op, left, right };
    }
  }

  private unary(): Expr {
    this.space();
    const start = this.pos;
    if (this.peek("!") || this.peek("-")) {
      const op = this.src[this.pos] as "!" | "-";
      this.pos++;
      const operand = this.unary();
      if (op === "-" && operand.k === "literal" && typeof operand.value === "number") return { k: "literal", text: this.text(start), value: -operand.value };
      return { k: "unary", text: this.text(start), op, operand };
    }
    return this.postfix(this.primary(), start);
  }

  private postfix(base: Expr, start: number): Expr {
    let e = base;
    for (;;) {
      this.space();
      if (this.peek(".*") || this.peek("[*]")) {
        this.pos += this.peek(".*") ? 2 : 3;
        const steps: Step[] = [];
        // `.*` (attribute-only splat) takes the attributes after it; `[*]` takes indexes too.
        for (;;) {
          this.space();
          if (this.peek(".") && !this.peek("..") && /[A-Za-z_0-9]/.test(this.src[this.pos + 1] ?? "")) {
            this.pos++;
            steps.push({ s: "attr", name: this.name() });
          } else if (this.peek("[") && !this.peek("[*]")) {
            this.pos++;
            const key = this.expression();
            this.expect("]");
            steps.push({ s: "index", key });
          } else break;
        }
        e = { k: "splat", text: this.text(start), target: e, steps };
      } else if (this.peek(".") && !this.peek("...")) {
        this.pos++;
        this.space();
        const name = this.name();
        e = /^[0-9]+$/.test(name)
          ? { k: "access", text: this.text(start), target: e, step: { s: "index", key: { k: "literal", text: name, value: Number(name) } } }
          : { k: "access", text: this.text(start), target: e, step: { s: "attr", name } };
      } else if (this.peek("[")) {
        this.pos++;
        const key = this.expression();
        this.expect("]");
        e = { k: "access", text: this.text(start), target: e, step: { s: "index", key } };
      } else return e;
    }
  }

  private name(): string {
    const m = /^[A-Za-z0-9_][A-Za-z0-9_-]*/.exec(this.src.slice(this.pos, this.pos + 256));
    if (!m) throw new ExpressionSyntaxError("expected a name", this.pos);
    this.pos += m[0].length;
    return m[0];
  }

  private primary(): Expr {
    this.space();
    const start = this.pos;
    const c = this.src[this.pos];
    if (c === undefined) throw new ExpressionSyntaxError("unexpected end of expression", this.pos);
    if (c === '"') return this.quoted();
    if (c === "<" && this.peek("<<")) return this.heredoc();
    if (c === "(") {
      this.pos++;
      const inner = this.expression();
      this.expect(")");
      return { k: "parens", text: this.text(start), inner };
    }
    if (c === "[") return this.tuple();
    if (c === "{") return this.object();
    if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.src.slice(this.pos, this.pos + 64)) as RegExpExecArray;
      this.pos += m[0].length;
      return { k: "literal", text: m[0], value: Number(m[0]) };
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*(::[A-Za-z_][A-Za-z0-9_-]*)*/.exec(this.src.slice(this.pos, this.pos + 256)) as RegExpExecArray;
      this.pos += m[0].length;
      const name = m[0];
      if (name === "true" || name === "false") return { k: "literal", text: name, value: name === "true" };
      if (name === "null") return { k: "literal", text: name, value: null };
      this.space();
      if (this.peek("(")) return this.call(name, start);
      return { k: "variable", text: name, name };
    }
    throw new ExpressionSyntaxError(`unexpected ${JSON.stringify(c)}`, this.pos);
  }

  private call(name: string, start: number): Expr {
    this.pos++;
    const args: Expr[] = [];
    let expand = false;
    this.space();
    while (!this.peek(")")) {
      args.push(this.expression());
      this.space();
      if (this.peek("...")) {
        this.pos += 3;
        expand = true;
        this.space();
      }
      if (this.peek(",")) this.pos++;
      else break;
      this.space();
    }
    this.expect(")");
    return { k: "call", text: this.text(start), name: name.replace(/^provider::[^:]+::/, ""), args, expand };
  }

  private tuple(): Expr {
    const start = this.pos;
    this.pos++;
    this.space();
    if (this.keyword("for")) return this.forExpression(start, false);
    const items: Expr[] = [];
    for (;;) {
      this.space();
      if (this.peek("]")) break;
      items.push(this.expression());
      this.space();
      if (this.peek(",")) this.pos++;
      else if (!this.peek("]")) throw new ExpressionSyntaxError("expected ',' or ']'", this.pos);
    }
    this.pos++;
    return { k: "tuple", text: this.text(start), items };
  }

  private object(): Expr {
    const start = this.pos;
    this.pos++;
    this.space();
    if (this.keyword("for")) return this.forExpression(start, true);
    const items: { key: Expr; value: Expr }[] = [];
    for (;;) {
      this.space();
      if (this.peek("}")) break;
      const keyStart = this.pos;
      let key: Expr;
      if (/[A-Za-z_]/.test(this.src[this.pos] ?? "")) {
        const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.src.slice(this.pos, this.pos + 256)) as RegExpExecArray;
        this.pos += m[0].length;
        this.space();
        // A bare name is the key itself, unless it starts a longer expression (`local.k = v` is refused by HCL).
        key = { k: "literal", text: m[0], value: m[0] };
        if (!this.peek("=") && !this.peek(":")) {
          this.pos = keyStart;
          key = this.expression();
        }
      } else key = this.expression();
      this.space();
      if ((this.peek("=") && !this.peek("==")) || this.peek(":")) this.pos++;
      else throw new ExpressionSyntaxError("expected '=' or ':' after an object key", this.pos);
      const value = this.expression();
      items.push({ key, value });
      this.space();
      if (this.peek(",")) this.pos++;
      this.space();
      if (this.atEnd()) throw new ExpressionSyntaxError("unterminated object", start);
    }
    this.pos++;
    return { k: "object", text: this.text(start), items };
  }

  /** `for KEY, VALUE in COLLECTION` (or `for VALUE in ...`), shared by `for` expressions and `%{ for }` directives. */
  private forHeader(): { readonly keyVar?: string; readonly valueVar: string; readonly collection: Expr } {
    this.pos += 3;
    this.space();
    const first = this.name();
    this.space();
    let keyVar: string | undefined;
    let valueVar = first;
    if (this.peek(",")) {
      this.pos++;
      this.space();
      keyVar = first;
      valueVar = this.name();
    }
    this.space();
    if (!this.keyword("in")) throw new ExpressionSyntaxError("expected 'in'", this.pos);
    this.pos += 2;
    return { ...(keyVar ? { keyVar } : {}), valueVar, collection: this.expression() };
  }

  private forExpression(start: number, object: boolean): Expr {
    const { keyVar, valueVar, collection } = this.forHeader();
    this.expect(":");
    let key: Expr | undefined;
    let value = this.expression();
    this.space();
    if (object) {
      this.expect("=>");
      key = value;
      value = this.expression();
    }
    this.space();
    let group = false;
    if (this.peek("...")) {
      this.pos += 3;
      group = true;
    }
    this.space();
    let condition: Expr | undefined;
    if (this.keyword("if")) {
      this.pos += 2;
      condition = this.expression();
    }
    this.expect(object ? "}" : "]");
    return {
      k: "for",
      text: this.text(start),
      object,
      ...(keyVar ? { keyVar } : {}),
      valueVar,
      collection,
      ...(key ? { key } : {}),
      value,
      ...(condition ? { condition } : {}),
      group,
    };
  }

  private quoted(): Expr {
    const start = this.pos;
    this.pos++;
    const parts = this.templateParts(true, []);
    if (this.src[this.pos] !== '"') throw new ExpressionSyntaxError("unterminated string", start);
    this.pos++;
    return { k: "template", text: this.src.slice(start, this.pos), parts };
  }

  private heredoc(): Expr {
    const start = this.pos;
    const m = /^<<(-?)([A-Za-z_][A-Za-z0-9_]*)\r?\n/.exec(this.src.slice(this.pos, this.pos + 256));
    if (!m) throw new ExpressionSyntaxError("malformed heredoc", this.pos);
    const bodyStart = this.pos + m[0].length;
    const rest = this.src.slice(bodyStart);
    const end = new RegExp(`^[ \\t]*${m[2]}[ \\t]*$`, "m").exec(rest);
    if (!end) throw new ExpressionSyntaxError("unterminated heredoc", this.pos);
    let body = rest.slice(0, end.index);
    if (m[1] === "-") {
      const lines = body.split("\n");
      const indents = lines.filter((l) => l.trim() !== "").map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
      const cut = indents.length > 0 ? Math.min(...indents) : 0;
      body = lines.map((l) => l.slice(Math.min(cut, /^[ \t]*/.exec(l)?.[0].length ?? 0))).join("\n");
    }
    this.pos = bodyStart + end.index + end[0].length;
    const inner = parseTemplate(body);
    return { k: "template", text: this.src.slice(start, this.pos), parts: inner.k === "template" ? inner.parts : [] };
  }

  /**
   * Template parts until the closing quote (quoted), the end, or a directive keyword in `stops`
   * (`else`, `endif`, `endfor`), which is left unread for the caller.
   */
  templateParts(quoted: boolean, stops: readonly string[]): TemplatePart[] {
    const parts: TemplatePart[] = [];
    let lit = "";
    const flush = () => {
      if (lit) parts.push({ p: "text", text: lit });
      lit = "";
    };
    while (!this.atEnd()) {
      const c = this.src[this.pos];
      if (quoted && c === '"') break;
      if (quoted && c === "\n") throw new ExpressionSyntaxError("newline in a quoted string", this.pos);
      if (quoted && c === "\\") {
        const e = this.src[this.pos + 1];
        if (e === "u" || e === "U") {
          // `\uNNNN` and `\UNNNNNNNN`, as Terraform (hclsyntax) decodes them: `"repo:\U0000002a/..."` is `repo:*/...`.
          const width = e === "u" ? 4 : 8;
          const hex = this.src.slice(this.pos + 2, this.pos + 2 + width);
          const code = /^[0-9A-Fa-f]+$/.test(hex) && hex.length === width ? parseInt(hex, 16) : NaN;
          if (!(code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) {
            throw new ExpressionSyntaxError(`invalid escape \\${e}${hex}: expected ${width} hex digits naming a Unicode scalar value`, this.pos);
          }
          lit += String.fromCodePoint(code);
          this.pos += 2 + width;
          continue;
        }
        const decoded = ({ n: "\n", t: "\t", r: "\r", '"': '"', "\\": "\\" } as Record<string, string>)[e];
        if (decoded === undefined)
          throw new ExpressionSyntaxError(`invalid escape \\${e ?? ""} (Terraform reads \\n \\r \\t \\" \\\\ \\uNNNN \\UNNNNNNNN)`, this.pos);
        lit += decoded;
        this.pos += 2;
        continue;
      }
      if ((c === "$" || c === "%") && this.src[this.pos + 1] === c && this.src[this.pos + 2] === "{") {
        lit += c + "{";
        this.pos += 3;
        continue;
      }
      if (c === "$" && /^\$\{[*?$]\}/.test(this.src.slice(this.pos, this.pos + 4))) {
        // IAM's policy-variable escapes `${*}`, `${?}`, `${$}` (already unescaped from `$${*}`): literal text.
        lit += this.src.slice(this.pos, this.pos + 4);
        this.pos += 4;
        continue;
      }
      if (c === "$" && this.src[this.pos + 1] === "{") {
        this.pos += 2;
        if (this.peek("~")) {
          this.pos++;
          lit = lit.replace(/\s+$/, "");
        }
        flush();
        const start = this.pos;
        try {
          const expr = this.expression();
          this.space();
          this.closeInterpolation();
          parts.push({ p: "expr", expr });
        } catch (err) {
          // An interpolation that cannot be read (e.g. one written back inside JSON text, its quotes
          // escaped) is kept whole as an unknown; the literal text around it is still read.
          const end = this.closingBrace(start);
          if (end < 0) throw err;
          const text = this.src.slice(start, end).trim();
          parts.push({ p: "expr", expr: { k: "unparsed", text, reason: (err as Error).message } });
          this.pos = end + 1;
        }
        continue;
      }
      if (c === "%" && this.src[this.pos + 1] === "{") {
        const save = this.pos;
        this.pos += 2;
        if (this.peek("~")) {
          this.pos++;
          lit = lit.replace(/\s+$/, "");
        }
        this.space();
        const word = /^[a-z]+/.exec(this.src.slice(this.pos, this.pos + 8))?.[0] ?? "";
        if (stops.includes(word)) {
          this.pos = save;
          flush();
          return parts;
        }
        flush();
        parts.push(this.directive(word, quoted));
        continue;
      }
      lit += c;
      this.pos++;
    }
    flush();
    return parts;
  }

  /** The offset of the `}` closing an interpolation whose body starts at `from`; -1 when none. */
  private closingBrace(from: number): number {
    let depth = 1;
    for (let i = from; i < this.src.length; i++) {
      const c = this.src[i];
      if (c === "{") depth++;
      else if (c === "}" && --depth === 0) return i;
    }
    return -1;
  }

  private closeInterpolation(): void {
    this.space();
    if (this.peek("~}")) {
      this.pos += 2;
      this.space();
      return;
    }
    if (!this.peek("}")) throw new ExpressionSyntaxError("unterminated interpolation", this.pos);
    this.pos++;
  }

  /** Reads `%{ word ... }` (the cursor after `%{`), and its body up to its end directive. */
  private directive(word: string, quoted: boolean): TemplatePart {
    if (word === "if") {
      this.pos += 2;
      const condition = this.expression();
      this.closeInterpolation();
      const then = this.templateParts(quoted, ["else", "endif"]);
      let otherwise: TemplatePart[] = [];
      if (this.endDirective("else")) {
        otherwise = this.templateParts(quoted, ["endif"]);
      }
      if (!this.endDirective("endif")) throw new ExpressionSyntaxError("expected %{ endif }", this.pos);
      return { p: "if", condition, then, else: otherwise };
    }
    if (word === "for") {
      const { keyVar, valueVar, collection } = this.forHeader();
      this.closeInterpolation();
      const body = this.templateParts(quoted, ["endfor"]);
      if (!this.endDirective("endfor")) throw new ExpressionSyntaxError("expected %{ endfor }", this.pos);
      return { p: "for", ...(keyVar ? { keyVar } : {}), valueVar, collection, body };
    }
    throw new ExpressionSyntaxError(`unknown template directive ${JSON.stringify(word)}`, this.pos);
  }

  private endDirective(word: string): boolean {
    const m = new RegExp(`^%\\{~?\\s*${word}\\s*~?\\}`).exec(this.src.slice(this.pos, this.pos + 32));
    if (!m) return false;
    this.pos += m[0].length;
    if (m[0].includes("~}")) this.space();
    return true;
  }
}
