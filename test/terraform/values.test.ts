/** The value helpers every reader uses, and the Terraform JSON resource walker. */
import { objects, resourcesFromTerraformJson } from "../../src/terraform/terraform-json";
import { evaluated, hasUnknownPart, isWhollyUnknown, mayBe, str, strings } from "../../src/terraform/values";

describe("evaluated: interpolations evaluated, unknown parts kept as written", () => {
  it.each<[unknown, unknown]>([
    ["plain", "plain"],
    ['${upper("a")}', "A"],
    ['${"a"}', "a"],
    ["a${var.x}b", "a${var.x}b"],
    ["${var.x}", "${var.x}"],
    ["%{ if true }x%{ endif }", "x"],
    // A template the evaluator cannot read is one unknown value as a whole.
    ["x %{ for s in var.l }${s}%{ endfor }", "${x %{ for s in var.l }${s}%{ endfor }}"],
    ["${", "${${}"],
    [
      ['${upper("a")}', { k: ['${"b"}'] }],
      ["A", { k: ["b"] }],
    ],
    [5, 5],
    [null, null],
    [true, true],
  ])("%j → %j", (value, expected) => {
    expect(evaluated(value)).toEqual(expected);
  });
});

describe("isWhollyUnknown: one unresolved ${...} and nothing else", () => {
  it.each<[unknown, boolean]>([
    ["${var.x}", true],
    ["${\nvar.x\n}", true],
    ["a${var.x}", false],
    ["${var.x}b", false],
    // IAM's escapes are the characters *, ? and $.
    ["${*}", false],
    ["${?}", false],
    ["${$}", false],
    // Only unknown parts: nothing of it is known. One literal character, or an escape, makes it partly known.
    ["${var.a}${var.b}", true],
    ["${var.a}-${var.b}", false],
    ["${var.a}${*}", false],
    ["${*}${var.a}", false],
    ["${var.a}${?}${var.b}", false],
    ["${var.a} ", false],
    ["${var.x", false],
    ["${lookup({a = 1}, var.k)}", true],
    ["plain", false],
    [5, false],
    [undefined, false],
    // A list is no value unknown here, even one whose only item is (its text would read as one).
    [["${var.x}"], false],
  ])("%j → %s", (value, expected) => {
    expect(isWhollyUnknown(value)).toBe(expected);
  });
});

describe("hasUnknownPart: a string with an unresolved ${...} part", () => {
  it.each<[unknown, boolean]>([
    ["${var.x}", true],
    ["a${var.x}b", true],
    ["${*}", false],
    ["a${?}b", false],
    ["plain", false],
    ["${var.x", false],
    [["${var.x}"], false],
    [undefined, false],
  ])("%j → %s", (value, expected) => {
    expect(hasUnknownPart(value)).toBe(expected);
  });
});

describe("mayBe: the value may be the text once its unknown parts are chosen", () => {
  it.each<[unknown, string, boolean]>([
    ["*", "*", true],
    [" * ", "*", true],
    ["${var.p}", "*", true],
    ["${var.p}*", "*", true],
    ["*${var.p}", "*", true],
    ["${var.a}${var.b}", "*", true],
    [" ${var.p} ", "*", true],
    ["${var.a}-${var.b}", "*", false],
    ["arn:aws:iam::${var.account}:root", "*", false],
    ["${var.p}**", "*", false],
    ["x", "*", false],
    // Literal parts keep their places: start, end, and the pieces between in order.
    ["Fed${var.x}", "Federated", true],
    ["${var.x}rated", "Federated", true],
    ["F${var.x}d${var.y}ted", "Federated", true],
    ["F${var.x}ted${var.y}d", "Federated", false],
    ["ated${var.x}", "Federated", false],
    ["${var.x}Fed", "Federated", false],
    ["Federa${var.x}rated", "Federated", false],
    // A middle piece may end where the last piece starts (an empty gap), and the next piece is
    // looked for after it, never inside it.
    ["Fe${var.x}ra${var.y}ted", "Federated", true],
    ["${var.a}era${var.b}rat${var.c}", "Federated", false],
    ["A${var.x}WS", "AWS", true],
    // IAM's escape is the literal character, not an unknown part.
    ["${*}", "*", true],
    ["${*}${var.x}", "*", true],
    ["${?}${var.x}", "*", false],
    [5, "*", false],
    [undefined, "*", false],
  ])("%j may be %j: %s", (value, text, expected) => {
    expect(mayBe(value, text)).toBe(expected);
  });
});

describe("str and strings", () => {
  it.each<[unknown, string | undefined]>([
    ["a", "a"],
    [5, "5"],
    [false, "false"],
    [null, undefined],
    [{}, undefined],
    [["a"], undefined],
  ])("str(%j) → %j", (value, expected) => {
    expect(str(value)).toBe(expected);
  });

  it.each<[unknown, string[]]>([
    ["a", ["a"]],
    [
      ["a", ["b", [3, true]]],
      ["a", "b", "3", "true"],
    ],
    [[{}, null, "x"], ["x"]],
    [null, []],
  ])("strings(%j) → %j", (value, expected) => {
    expect(strings(value)).toEqual(expected);
  });

  it("reads a list nested 10,000 deep without recursion", () => {
    let deep: unknown = "x";
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(strings(deep)).toEqual(["x"]);
    expect(objects(deep)).toEqual([]);
  });
});

describe("objects: an object or a list of objects", () => {
  it.each<[unknown, object[]]>([
    [{ a: 1 }, [{ a: 1 }]],
    [
      [{ a: 1 }, [{ b: 2 }], "x", null],
      [{ a: 1 }, { b: 2 }],
    ],
    ["x", []],
    [null, []],
  ])("%j → %j", (value, expected) => {
    expect(objects(value)).toEqual(expected);
  });
});

describe("resourcesFromTerraformJson", () => {
  const summary = (config: unknown, source?: { file: string }) =>
    resourcesFromTerraformJson(config, source).map(
      (r) =>
        `${r.mode} ${r.address} ${JSON.stringify(r.values)}${r.acknowledgements ? ` ack ${JSON.stringify(r.acknowledgements)}` : ""}${r.source ? ` in ${r.source.file}` : ""}`,
    );

  it.each<[string, unknown, string[]]>([
    ["resources and data sources", { resource: { t: { a: { x: 1 } } }, data: { t: { b: { y: 2 } } } }, ['managed t.a {"x":1}', 'data data.t.b {"y":2}']],
    // cdktf and hcl2json write every level as an object or a list of objects.
    ["list forms", { resource: [{ t: [{ a: [{ x: 1 }, { x: 2 }] }] }] }, ['managed t.a {"x":1}', 'managed t.a {"x":2}']],
    ["several roots", [{ resource: { t: { a: {} } } }, { resource: { t: { b: {} } } }], ["managed t.a {}", "managed t.b {}"]],
    [
      "locals of the configuration",
      { locals: { gh: "token.actions.githubusercontent.com" }, resource: { t: { a: { url: "https://${local.gh}" } } } },
      // Substituted as a literal inside the interpolation; evaluated() then reads it.
      ['managed t.a {"url":"https://${\\"token.actions.githubusercontent.com\\"}"}'],
    ],
    [
      "acknowledgements in the comment key (rule and reason both strings)",
      {
        resource: {
          t: {
            a: {
              "//": {
                wif: {
                  acknowledge: [{ rule: "WIF004", reason: "read-only" }, { rule: "WIF003" }, { rule: 5, reason: "x" }],
                },
              },
            },
            b: { "//": { wif: { acknowledge: { rule: "WIF004", reason: "not a list" } } } },
          },
        },
      },
      [
        'managed t.a {"//":{"wif":{"acknowledge":[{"rule":"WIF004","reason":"read-only"},{"rule":"WIF003"},{"rule":5,"reason":"x"}]}}} ack [{"rule":"WIF004","reason":"read-only"}]',
        'managed t.b {"//":{"wif":{"acknowledge":{"rule":"WIF004","reason":"not a list"}}}}',
      ],
    ],
    ["nothing", "x", []],
  ])("%s", (_name, config, expected) => {
    expect(summary(config)).toEqual(expected);
  });

  it("records the source file", () => {
    expect(summary({ resource: { t: { a: {} } } }, { file: "cdk.tf.json" })).toEqual(["managed t.a {} in cdk.tf.json"]);
  });
});
