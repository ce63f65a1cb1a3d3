import * as fc from "fast-check";
import { getExpressionAst } from "@cdktf/hcl2json";
import type { Expr, TemplatePart } from "../../../src/terraform/eval/ast";
import { parseExpression } from "../../../src/terraform/eval/parse-expression";

/**
 * The evaluator's hand-written parser against `@cdktf/hcl2json`'s `getExpressionAst` (HashiCorp's
 * HCL parser) on generated expressions: the same function calls, the same references, the same
 * operators, conditionals and `for` expressions. (The evaluator keeps its own parser because it runs
 * synchronously on every attribute; this test is what allows it.)
 */

interface Shape {
  functions: string[];
  roots: string[];
  operators: string[];
  conditionals: number;
  fors: number;
}

const empty = (): Shape => ({ functions: [], roots: [], operators: [], conditionals: 0, fors: 0 });

function mine(e: Expr, s: Shape = empty()): Shape {
  const parts = (ps: readonly TemplatePart[]) => {
    for (const p of ps) {
      if (p.p === "expr") mine(p.expr, s);
      else if (p.p === "if") {
        mine(p.condition, s);
        parts(p.then);
        parts(p.else);
      } else if (p.p === "for") {
        mine(p.collection, s);
        parts(p.body);
      }
    }
  };
  switch (e.k) {
    case "template":
      parts(e.parts);
      break;
    case "tuple":
      e.items.forEach((x) => mine(x, s));
      break;
    case "object":
      e.items.forEach((x) => {
        if (x.key.k !== "literal") mine(x.key, s);
        mine(x.value, s);
      });
      break;
    case "variable":
      s.roots.push(e.name);
      break;
    case "access":
      mine(e.target, s);
      if (e.step.s === "index") mine(e.step.key, s);
      break;
    case "splat":
      mine(e.target, s);
      e.steps.forEach((st) => st.s === "index" && mine(st.key, s));
      break;
    case "call":
      s.functions.push(e.name);
      e.args.forEach((x) => mine(x, s));
      break;
    case "conditional":
      s.conditionals++;
      [e.condition, e.whenTrue, e.whenFalse].forEach((x) => mine(x, s));
      break;
    case "unary":
      if (e.op === "!") s.operators.push("!");
      mine(e.operand, s);
      break;
    case "binary":
      s.operators.push(e.op);
      mine(e.left, s);
      mine(e.right, s);
      break;
    case "for":
      s.fors++;
      [e.collection, e.key, e.value, e.condition].forEach((x) => x && mine(x, s));
      break;
    case "parens":
      mine(e.inner, s);
      break;
    case "literal":
    case "unparsed":
      break;
  }
  return s;
}

interface Node {
  type: string;
  meta?: { name?: string; operator?: string; traversal?: { segment: string }[]; value?: string };
  children?: Node[];
}

const OPS: Record<string, string> = {
  logicalOr: "||",
  logicalAnd: "&&",
  equal: "==",
  notEqual: "!=",
  lessThan: "<",
  greaterThan: ">",
  lessThanOrEqual: "<=",
  greaterThanOrEqual: ">=",
  add: "+",
  subtract: "-",
  multiply: "*",
  divide: "/",
  modulo: "%",
};

function theirs(n: Node | null, s: Shape = empty()): Shape {
  if (!n) return s;
  if (n.type === "function" && n.meta?.name) s.functions.push(n.meta.name);
  if (n.type === "scopeTraversal" && n.meta?.traversal?.[0]) s.roots.push(n.meta.traversal[0].segment);
  if (n.type === "binaryOp" && n.meta?.operator) s.operators.push(OPS[n.meta.operator] ?? n.meta.operator);
  if (n.type === "unaryOp" && n.meta?.operator === "logicalNot") s.operators.push("!");
  if (n.type === "conditional" && !(n.meta?.value ?? "").startsWith("%{")) s.conditionals++;
  if (n.type === "for" && !(n.meta?.value ?? "").startsWith("%{")) s.fors++;
  (n.children ?? []).forEach((c) => theirs(c, s));
  return s;
}

const sorted = (s: Shape) => ({ ...s, functions: [...s.functions].sort(), roots: [...s.roots].sort(), operators: [...s.operators].sort() });

const name = fc.constantFrom("a", "b", "org", "repo");
const reference = fc.oneof(
  name.map((n) => `var.${n}`),
  name.map((n) => `local.${n}`),
  name.map((n) => `aws_iam_role.${n}.arn`),
  name.map((n) => `data.aws_iam_policy_document.${n}[0].json`),
  name.map((n) => `module.${n}["k"].out`),
  name.map((n) => `local.${n}[*].id`),
);
const literal = fc.oneof(fc.integer({ min: 0, max: 99 }).map(String), fc.constantFrom('"repo:*"', '"a-b"', "true", "null", '"x\\"y"'));
const FUNCTIONS = ["replace", "format", "join", "concat", "flatten", "lookup", "one", "try", "coalesce", "toset", "lower", "jsonencode", "templatefile"];

const expression: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    literal,
    reference,
    fc.tuple(fc.constantFrom(...FUNCTIONS), fc.array(tie("e"), { minLength: 1, maxLength: 3 })).map(([f, args]) => `${f}(${args.join(", ")})`),
    fc.tuple(tie("e"), tie("e"), tie("e")).map(([c, t, f]) => `(${c} ? ${t} : ${f})`),
    fc.tuple(tie("e"), fc.constantFrom("==", "!=", "&&", "||", "+", "*", "<="), tie("e")).map(([l, op, r]) => `(${l} ${op} ${r})`),
    fc.array(tie("e"), { maxLength: 3 }).map((items) => `[${items.join(", ")}]`),
    fc.tuple(name, tie("e")).map(([k, v]) => `{ ${k} = ${v}, "q" = 1 }`),
    fc.tuple(tie("e"), tie("e")).map(([coll, v]) => `[for x in ${coll} : ${v}]`),
    fc.tuple(reference, tie("e")).map(([r, v]) => `"repo:\${${r}}/\${${v}}:*"`),
    tie("e").map((v) => `!${v}`),
  ),
})).e;

describe("the evaluator's parser agrees with hcl2json's getExpressionAst", () => {
  test("on generated expressions", async () => {
    await fc.assert(
      fc.asyncProperty(expression, async (text) => {
        const ast = (await getExpressionAst("generated.tf", text)) as unknown as Node;
        expect(sorted(mine(parseExpression(text)))).toEqual(sorted(theirs(ast)));
      }),
      { numRuns: 150, seed: 20261202 },
    );
  });

  it.each([
    'replace(aws_iam_openid_connect_provider.eks.url, "https://", "")',
    '"${replace(var.u, "https://", "")}:sub"',
    "{ for k, v in var.m : k => v if v != null }",
    '[for s in var.subjects : format("repo:%s", s)]',
    "var.enabled ? data.aws_iam_policy_document.a[0].json : data.aws_iam_policy_document.b.json",
    "one(data.aws_iam_policy_document.x[*].json)",
    "<<EOT\nrepo:${var.org}/${var.repo}:*\nEOT\n",
  ])("%s", async (text) => {
    const ast = (await getExpressionAst("case.tf", text)) as unknown as Node;
    expect(sorted(mine(parseExpression(text)))).toEqual(sorted(theirs(ast)));
  });
});
