import { Evaluator, Scope } from "../../../src/terraform/eval/evaluate-expression";
import { hasUnknown } from "../../../src/terraform/eval/value";

/**
 * Numbers turned into text as Terraform does, or unknown where a JavaScript double may differ from
 * Terraform's big float. Each expected value is what `terraform console` (v1.11) printed.
 */
const scope: Scope = { readFile: () => undefined, renderTemplate: (text) => text, resolve: () => undefined };
const evaluate = (expression: string) => new Evaluator(scope).expressionText(expression);

describe("numbers as text", () => {
  it.each<[string, string]>([
    ['format("%g", 100000000)', "1e+08"],
    ['format("%g", 1e15)', "1e+15"],
    ['format("%g", 123456)', "123456"],
    ['format("%g", 1234567)', "1.234567e+06"],
    ['format("%g", 123456789)', "1.23456789e+08"],
    ['format("%g", 100000)', "100000"],
    ['format("%g", 1000000)', "1e+06"],
    ['format("%g", 0.0001)', "0.0001"],
    ['format("%g", 0.00001)', "1e-05"],
    ['format("%g", 0.000012345)', "1.2345e-05"],
    ['format("%g", 0.1)', "0.1"],
    ['format("%G", 1e-7)', "1E-07"],
    ['format("%g", -2500000)', "-2.5e+06"],
    ['format("%g", 0)', "0"],
    ['format("%v", 100000000)', "1e+08"],
    ['format("%v", 123456)', "123456"],
    ['format("%v", 1e-7)', "1e-07"],
    ['format("%s", 0.00001)', "0.00001"],
    ['format("%s", 1e-7)', "0.0000001"],
    ['format("%q", 1e-7)', '"0.0000001"'],
    ["tostring(1e-7)", "0.0000001"],
    ["tostring(-1e-7)", "-0.0000001"],
    ["tostring(1.5e-10)", "0.00000000015"],
    ["tostring(0.1)", "0.1"],
    ["tostring(123.456)", "123.456"],
  ])("%s is %j", (expression, expected) => {
    expect(evaluate(expression)).toBe(expected);
  });

  // Terraform: "12345678901234567890", "9007199254740993", "9007199254740992", "1000000000000000000000",
  // "0.3", "1.234567890123456789e+19", "12345678901234567890.000", "1e+20", "0.3". wif takes a double
  // as Terraform's value only up to 15 significant digits and 2^53 (1e20 + 1 is 1e20 in a double).
  it.each<[string]>([
    ["tostring(12345678901234567890)"],
    ["tostring(9007199254740993)"],
    ["tostring(9007199254740992)"],
    ["tostring(1e21)"],
    ['format("%g", 1e20)'],
    ["tostring(0.1+0.2)"],
    ['format("%g", 12345678901234567890)'],
    ['format("%.3f", 12345678901234567890)'],
    ['format("%v", 0.1+0.2)'],
  ])("%s is unknown, not a different known value", (expression) => {
    expect(hasUnknown(evaluate(expression))).toBe(true);
  });
});
