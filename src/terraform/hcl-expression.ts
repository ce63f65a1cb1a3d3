import { Evaluator, Scope } from "./eval/evaluate-expression";
import { ExpressionSyntaxError, parseExpression, parseTemplate } from "./eval/parse-expression";
import { toPlain } from "./eval/value";

/**
 * HCL expressions in Terraform JSON strings (`"${jsonencode({...})}"`, `"repo:${var.org}/app:*"`),
 * evaluated by the evaluation layer's parser and evaluator with nothing in scope: references stay
 * unknown, written back as `${<expression>}` so later stages see exactly what was unresolved.
 */

/** An evaluated value: JSON-like, with unknown parts as `${...}` strings. */
export type HclValue = string | number | boolean | null | readonly HclValue[] | { readonly [key: string]: HclValue };

/** Thrown for syntax the parser cannot read. */
export const HclSyntaxError = ExpressionSyntaxError;

const NOTHING: Scope = { readFile: () => undefined, renderTemplate: () => null, resolve: () => undefined };

/**
 * Evaluates a Terraform JSON string value: literal text with `${...}` interpolations. A string that
 * is exactly one interpolation evaluates to the expression's value.
 *
 * @example
 * evaluateTemplate('${jsonencode({ a = "b" })}'); // '{"a":"b"}'
 * evaluateTemplate("repo:${var.org}/app:*");      // "repo:${var.org}/app:*"
 */
export function evaluateTemplate(text: string): HclValue {
  const expr = parseTemplate(text);
  const only = expr.k === "template" && expr.parts.length === 1 && expr.parts[0].p === "expr" ? expr.parts[0].expr : expr;
  return toPlain(new Evaluator(NOTHING).safe(only, new Map())) as HclValue;
}

/**
 * Evaluates one HCL expression (without the surrounding `${}`).
 *
 * @example
 * evaluateExpression('jsonencode({ Version = "2012-10-17" })'); // '{"Version":"2012-10-17"}'
 */
export function evaluateExpression(text: string): HclValue {
  return toPlain(new Evaluator(NOTHING).safe(parseExpression(text), new Map())) as HclValue;
}
