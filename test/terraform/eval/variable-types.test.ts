import { evaluateConfigurations } from "../../../src/terraform/eval";
import type { ConfigFile } from "../../../src/terraform/eval";
import { parseTypeConstraint } from "../../../src/terraform/eval/type-constraint";
import { convertToType, TypeConstraint } from "../../../src/terraform/eval/type-conversion";

/**
 * Variable `type` constraints are applied with Terraform's conversion rules
 * (developer.hashicorp.com/terraform/language/expressions/type-constraints#conversion-of-primitive-types
 * and values/variables): to defaults, variables files, `--var`, `TF_VAR_` and module inputs.
 */
const type = (text: string): TypeConstraint => {
  const t = parseTypeConstraint(text);
  if ("reason" in t) throw new Error(t.reason);
  return t;
};

describe("conversion to a type constraint", () => {
  it.each<[string, unknown, unknown]>([
    ["string", 5, "5"],
    ["string", true, "true"],
    ["number", "15", 15],
    ["number", "-1.5e2", -150],
    ["bool", "true", true],
    ["bool", "0", false],
    ["list(string)", [1, true, "a"], ["1", "true", "a"]],
    ["set(string)", ["repo:b", "repo:a", "repo:b"], ["repo:a", "repo:b"]],
    ["set(number)", [10, 2, 10], [2, 10]],
    ["map(string)", { a: 1 }, { a: "1" }],
    ["tuple([string, number])", [1, "2"], ["1", 2]],
    ["object({ sub = string })", { sub: "repo:a", extra: 1 }, { sub: "repo:a" }],
    ['object({ sub = string, aud = optional(string, "sts.amazonaws.com") })', { sub: "repo:a" }, { sub: "repo:a", aud: "sts.amazonaws.com" }],
    ['object({ aud = optional(string, "sts.amazonaws.com") })', { aud: null }, { aud: "sts.amazonaws.com" }],
    ["object({ refs = optional(list(string)) })", {}, { refs: null }],
    ['list(object({ repo = string, refs = optional(set(string), ["main"]) }))', [{ repo: "a" }], [{ repo: "a", refs: ["main"] }]],
    ["list(any)", ["a", 1], ["a", "1"]],
    ["any", { a: [1] }, { a: [1] }],
    ["${list(string)}", ["a"], ["a"]],
    ["list", ["a", 1], ["a", "1"]],
    ["string", null, null],
    ["string", "repo:${var.org}/*", "repo:${var.org}/*"],
  ])("%s from %j is %j", (t, value, expected) => {
    expect(convertToType(value as never, type(t))).toEqual(expected);
  });

  it.each<[string, unknown, string]>([
    ["number", "abc", "a number is required"],
    ["bool", "yes", "a bool is required"],
    ["bool", "True", 'a bool is required; to convert from string, use lowercase "true"'],
    ["bool", 1, "a bool is required"],
    ["string", ["a"], "a string is required"],
    ["list(string)", { a: "b" }, "a list of string is required"],
    ["map(string)", ["a"], "a map of string is required"],
    ["object({ sub = string })", { aud: "x" }, 'attribute "sub" is required'],
    ["list(number)", [1, "x"], "[1]: a number is required"],
    ["object({ subs = list(string) })", { subs: [[]] }, "subs[0]: a string is required"],
    ["tuple([string])", ["a", "b"], "a tuple of 1 element is required"],
    ["list(any)", [1, true], "all elements must have the same type"],
  ])("%s from %j is refused: %s", (t, value, message) => {
    expect(() => convertToType(value as never, type(t))).toThrow(message);
  });

  it.each<[unknown]>([["lst(string)"], ["optional(string)"], ["object({ a = optional(string, var.x) })"], [5]])("%j is not a type", (t) => {
    expect("reason" in parseTypeConstraint(t)).toBe(true);
  });
});

const file = (path: string, config: Record<string, unknown>): ConfigFile => ({ path, config });
const output = { resource: { terraform_data: { v: { input: "${var.v}" } } } };

function valueOf(
  variable: Record<string, unknown>,
  input: { vars?: Record<string, string>; environment?: Record<string, string>; tfvars?: Record<string, unknown> } = {},
) {
  const [root] = evaluateConfigurations({
    modules: new Map([["root", [file("root/main.tf", { variable: { v: [variable] }, ...output })]]]),
    scanned: ["root"],
    ...(input.vars ? { vars: input.vars } : {}),
    ...(input.environment ? { environment: input.environment } : {}),
    ...(input.tfvars ? { autoVarFiles: new Map([["root", [{ path: "root/terraform.tfvars", values: input.tfvars }]]]) } : {}),
  });
  return { value: root.instances.find((i) => i.address === "terraform_data.v")?.values.input, problems: root.problems.map((p) => `${p.file} ${p.message}`) };
}

describe("variables of a root module take their declared type", () => {
  it.each<[string, Record<string, unknown>, Parameters<typeof valueOf>[1], unknown]>([
    ["a default of set(string) is deduplicated and sorted", { type: "${set(string)}", default: ["repo:b", "repo:a", "repo:a"] }, {}, ["repo:a", "repo:b"]],
    ["a tfvars number becomes a string", { type: "${string}" }, { tfvars: { v: 5 } }, "5"],
    ["--var of type string is the text itself", { type: "${string}" }, { vars: { v: '["a"]' } }, '["a"]'],
    ["--var without a type is the text itself", {}, { vars: { v: '["a"]' } }, '["a"]'],
    ["--var of type list(string) is an expression", { type: "${list(string)}" }, { vars: { v: '["repo:a", 1]' } }, ["repo:a", "1"]],
    ["--var of type number", { type: "${number}" }, { vars: { v: "3" } }, 3],
    ["--var of type bool", { type: "${bool}" }, { vars: { v: "1" } }, true],
    ["--var of type any is an expression", { type: "${any}" }, { vars: { v: '{ sub = "repo:*" }' } }, { sub: "repo:*" }],
    ["TF_VAR_ of type set(string)", { type: "${set(string)}" }, { environment: { v: '["b", "a"]' } }, ["a", "b"]],
    ["TF_VAR_ over the default", { default: "repo:a/b:*" }, { environment: { v: "repo:*" } }, "repo:*"],
    ["terraform.tfvars over TF_VAR_", {}, { environment: { v: "repo:*" }, tfvars: { v: "repo:a/b:*" } }, "repo:a/b:*"],
    ["--var over terraform.tfvars and TF_VAR_", {}, { environment: { v: "x" }, tfvars: { v: "y" }, vars: { v: "repo:*" } }, "repo:*"],
    [
      "object with optional attributes and defaults",
      { type: '${object({ sub = string, aud = optional(string, "sts.amazonaws.com") })}' },
      { tfvars: { v: { sub: "repo:*" } } },
      { sub: "repo:*", aud: "sts.amazonaws.com" },
    ],
  ])("%s", (_name, variable, input, expected) => {
    const { value, problems } = valueOf(variable, input);
    expect(problems).toEqual([]);
    expect(value).toEqual(expected);
  });

  it.each<[string, Record<string, unknown>, Parameters<typeof valueOf>[1], string]>([
    [
      "a tfvars value that is not a number",
      { type: "${number}" },
      { tfvars: { v: "abc" } },
      'var.v (declared at root/main.tf) is not a number: a number is required; the value "abc" set in root/terraform.tfvars',
    ],
    ["a --var that is not a bool", { type: "${bool}" }, { vars: { v: "yes" } }, 'is not a bool: a bool is required; the value "yes" set in --var v=...'],
    [
      "a --var of a list type that is not an expression",
      { type: "${list(string)}" },
      { vars: { v: "repo:*" } },
      'is not a constant expression (Terraform reads a value given as text for a variable of type list(string) as an expression); the value "repo:*" set in --var v=...',
    ],
    [
      "a default that is not a list",
      { type: "${list(string)}", default: "repo:*" },
      {},
      'is not a list(string): a list of string is required; the value "repo:*" set in its default',
    ],
    ["an object missing an attribute", { type: "${object({ sub = string })}" }, { tfvars: { v: { aud: "x" } } }, 'attribute "sub" is required'],
  ])("%s: a problem naming the variable, the file and the value; the value is unknown", (_name, variable, input, message) => {
    const { value, problems } = valueOf(variable, input);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("root/main.tf");
    expect(problems[0]).toContain(message);
    expect(value).toBe("${var.v}");
  });
});

describe("module inputs take the module's declared types", () => {
  const evaluate = (variable: Record<string, unknown>, input: unknown) => {
    const [root] = evaluateConfigurations({
      modules: new Map([
        ["root", [file("root/main.tf", { module: { m: [{ source: "../m", v: input }] } })]],
        ["m", [file("m/main.tf", { variable: { v: [variable] }, ...output })]],
      ]),
      scanned: ["root"],
    });
    return { value: root.instances.find((i) => i.address === "module.m.terraform_data.v")?.values.input, problems: root.problems.map((p) => p.message) };
  };

  it.each<[string, Record<string, unknown>, unknown, unknown]>([
    ["nullable = false: null takes the default", { default: "repo:octo/app:ref:refs/heads/main", nullable: false }, null, "repo:octo/app:ref:refs/heads/main"],
    ["nullable (the default): null stays null", { default: "repo:octo/app:ref:refs/heads/main" }, null, null],
    ["a set input is sorted", { type: "${set(string)}" }, ["repo:b", "repo:a"], ["repo:a", "repo:b"]],
    [
      "optional attributes of an input",
      { type: '${list(object({ sub = string, aud = optional(string, "sts") }))}' },
      [{ sub: "repo:*" }],
      [{ sub: "repo:*", aud: "sts" }],
    ],
    ["an unknown input stays unknown", { type: "${list(string)}" }, "${var.unset}", "${var.unset}"],
  ])("%s", (_name, variable, input, expected) => {
    const { value, problems } = evaluate(variable, input);
    expect(problems).toEqual([]);
    expect(value).toEqual(expected);
  });

  it("an input that does not convert is a problem at the module's declaration naming the call", () => {
    const { value, problems } = evaluate({ type: "${number}" }, "many");
    expect(problems).toEqual([
      expect.stringContaining('var.v of module.m (declared at m/main.tf) is not a number: a number is required; the value "many" set in the call module.m'),
    ]);
    expect(value).toBe("${var.v}");
  });

  it("nullable = false without a default: null is refused", () => {
    const { problems } = evaluate({ nullable: false }, null);
    expect(problems).toEqual([expect.stringContaining("must not be null (nullable = false)")]);
  });
});
