/**
 * The CEL parser of GCP attribute conditions: what each text parses to (as a compact S-expression),
 * the errors it raises (with their offsets) and its nesting bounds.
 */
import { CelNode, CelSyntaxError, MAX_CEL_DEPTH, parseCel } from "../../src/terraform/cel-parser";

/** A parse tree as text: `(op operand ...)`, `(.method target args)`, `a.b`, `a[k]`, JSON literals, `[items]`. */
function show(n: CelNode): string {
  switch (n.k) {
    case "or":
    case "and":
      return `(${n.k} ${show(n.l)} ${show(n.r)})`;
    case "not":
      return `(! ${show(n.e)})`;
    case "cmp":
      return `(${n.op} ${show(n.l)} ${show(n.r)})`;
    case "call":
      return `(${n.target ? "." : ""}${n.name}${[...(n.target ? [n.target] : []), ...n.args].map((a) => ` ${show(a)}`).join("")})`;
    case "member":
      return `${show(n.obj)}.${n.field}`;
    case "index":
      return `${show(n.obj)}[${show(n.key)}]`;
    case "ident":
      return n.name;
    case "lit":
      return JSON.stringify(n.value);
    case "list":
      return `[${n.items.map(show).join(", ")}]`;
    case "cond":
      return `(? ${show(n.c)} ${show(n.t)} ${show(n.f)})`;
  }
}

/** The parse tree, or `! <error message>`. */
function parsed(text: string): string {
  try {
    return show(parseCel(text));
  } catch (e) {
    return `! ${(e as Error).message}`;
  }
}

describe("parseCel: what a condition parses to", () => {
  it.each<[string, string]>([
    ["assertion.sub == 'a'", '(== assertion.sub "a")'],
    ["a || b && c", "(or a (and b c))"],
    ["a && b || c", "(or (and a b) c)"],
    ["a || b || c", "(or (or a b) c)"],
    ["!a", "(! a)"],
    ["!!a", "(! (! a))"],
    ["-1", "(-_ 1)"],
    ["!-a", "(! (-_ a))"],
    ["a != b", "(!= a b)"],
    ["a <= b", "(<= a b)"],
    ["a >= b", "(>= a b)"],
    ["a < b", "(< a b)"],
    ["a > b", "(> a b)"],
    ["a in ['x', 'y']", '(in a ["x", "y"])'],
    ["a + b * c", "(_+_ a (_*_ b c))"],
    ["(a + b) * c", "(_*_ (_+_ a b) c)"],
    ["a - b - c", "(_-_ (_-_ a b) c)"],
    ["a * b + c * d > e", "(> (_+_ (_*_ a b) (_*_ c d)) e)"],
    ["a - b / c % d", "(_-_ a (_%_ (_/_ b c) d))"],
    ["x.startsWith('a')", '(.startsWith x "a")'],
    ["size(x)", "(size x)"],
    ["f()", "(f)"],
    ["f(a, b)", "(f a b)"],
    ["f(a,)", "(f a)"],
    ["assertion['x']", 'assertion["x"]'],
    ["a.b.c", "a.b.c"],
    ["a[0].b", "a[0].b"],
    ["'s'", '"s"'],
    ['"d"', '"d"'],
    ["r'\\n'", '"\\\\n"'],
    ['R"x\\"', '"x\\\\"'],
    ["'''tri'ple'''", '"tri\'ple"'],
    ['"""a"b"""', '"a\\"b"'],
    ["'a\\'b\\n\\t\\r\\\\\\\"\\`\\?'", '"a\'b\\n\\t\\r\\\\\\"`?"'],
    ["1", "1"],
    ["1.5", "1.5"],
    ["3u", "3"],
    ["true", "true"],
    ["false", "false"],
    ["null", "null"],
    ["(a)", "a"],
    ["[a, b,]", "[a, b]"],
    ["[]", "[]"],
    ["a ? b : c", "(? a b c)"],
    ["a ? b ? c : d : e", "(? a (? b c d) e)"],
    ["\t a \n== b", "(== a b)"],
    [
      "assertion.sub.startsWith('repo:') && assertion.ref == 'refs/heads/main'",
      '(and (.startsWith assertion.sub "repo:") (== assertion.ref "refs/heads/main"))',
    ],
    ["'abc", "! unterminated string at offset 0"],
    ["'\\q'", "! unsupported escape \\q at offset 1"],
    ["a == ", "! unexpected end of condition at offset 5"],
    ["a @ b", '! unexpected "@" at offset 2'],
    ["a b", '! unexpected "b" at offset 2'],
    ["(a", '! expected ")" at offset 2'],
    ["a ? b", '! expected ":" at offset 5'],
    ["a.", "! expected a field name at offset 2"],
    ["a[0", '! expected "]" at offset 3'],
    ["f(a b)", '! expected ")" at offset 4'],
    ["a.1", "! expected a field name at offset 2"],
    ["", "! unexpected end of condition at offset 0"],
    ["[a b]", '! expected "]" at offset 3'],
    ["a in", "! unexpected end of condition at offset 4"],
    ["a == )", '! unexpected ")" at offset 5'],
    // in is a word, not a string spelled "in".
    ["a 'in' [b]", '! unexpected "in" at offset 2'],
    ["'''abc''", "! unterminated string at offset 0"],
  ])("%j → %s", (text, expected) => {
    expect(parsed(text)).toBe(expected);
  });
});

test("parseCel raises a CelSyntaxError that names itself and carries the offset", () => {
  const error = ((): unknown => {
    try {
      parseCel("a @ b");
    } catch (e) {
      return e;
    }
    return undefined;
  })();
  expect(error).toBeInstanceOf(CelSyntaxError);
  expect(error).toMatchObject({ name: "CelSyntaxError", offset: 2, message: 'unexpected "@" at offset 2' });
});

describe("parseCel: nesting bounds (the parser recurses per level; deeper text is refused)", () => {
  const N = MAX_CEL_DEPTH;
  it.each<[string, string, string | undefined]>([
    ["parentheses, one level below the bound", `${"(".repeat(N - 1)}a${")".repeat(N - 1)}`, undefined],
    ["parentheses past the bound", `${"(".repeat(N + 1)}a${")".repeat(N + 1)}`, `nested deeper than ${N} levels at offset ${N}`],
    ["prefix operators at the bound", `${"!".repeat(N)}a`, undefined],
    ["prefix operators past the bound", `${"!".repeat(N + 1)}a`, `more than ${N} prefix operators at offset ${N + 1}`],
    ["field accesses at the bound", `a${".b".repeat(N)}`, undefined],
    ["field accesses past the bound", `a${".b".repeat(N + 1)}`, `more than ${N} field accesses in a row at offset ${2 * N + 3}`],
    ["arithmetic operators at the bound", `a${"+a".repeat(N)}`, undefined],
    ["arithmetic operators past the bound", `a${"+a".repeat(N + 1)}`, `more than ${N} arithmetic operators in a row at offset ${2 * N + 1}`],
    // Siblings are no nesting: a level is left when its expression ends.
    ["more list items than the bound, side by side", `[${Array.from({ length: N + 50 }, () => "(a)").join(", ")}]`, undefined],
  ])("%s", (_name, text, error) => {
    const result = parsed(text);
    if (error === undefined) expect(result.startsWith("!")).toBe(false);
    else expect(result).toBe(`! ${error}`);
  });
});
