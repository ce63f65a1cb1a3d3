import { isPlanJson, resourcesFromPlan, splitByModule } from "../../src/terraform/plan-json";

const role = (address: string, values: object) => ({
  address,
  mode: "managed",
  type: "aws_iam_role",
  name: address.split(".").pop()!.replace(/\[.*$/, ""),
  values,
});

describe("plan JSON", () => {
  test.each<[string, unknown, boolean]>([
    ["a plan", { format_version: "1.2", planned_values: {} }, true],
    ["a plan with configuration only", { format_version: "1.2", configuration: {} }, true],
    ["a state", { format_version: "1.0", values: {} }, true],
    ["Terraform JSON", { resource: {} }, false],
    ["no format_version", { planned_values: {} }, false],
    ["an array", [], false],
  ])("isPlanJson: %s", (_, doc, expected) => {
    expect(isPlanJson(doc)).toBe(expected);
  });

  test("nested child modules keep their addresses; splitByModule makes them relative", () => {
    const plan = {
      format_version: "1.2",
      planned_values: {
        root_module: {
          resources: [role("aws_iam_role.a", { name: "a" })],
          child_modules: [
            {
              address: "module.x",
              resources: [role("module.x.aws_iam_role.b[0]", { name: "b" })],
              child_modules: [{ address: 'module.x.module.y["k"]', resources: [role('module.x.module.y["k"].aws_iam_role.c', { name: "c" })] }],
            },
          ],
        },
      },
    };
    const resources = resourcesFromPlan(plan, "plan.json");
    expect(resources.map((r) => r.address)).toEqual(["aws_iam_role.a", "module.x.aws_iam_role.b[0]", 'module.x.module.y["k"].aws_iam_role.c']);
    expect(splitByModule(resources).map((m) => [m.prefix, m.resources.map((r) => r.address)])).toEqual([
      ["", ["aws_iam_role.a"]],
      ["module.x.", ["aws_iam_role.b[0]"]],
      ['module.x.module.y["k"].', ["aws_iam_role.c"]],
    ]);
  });

  test("an unknown attribute with no configuration reference is marked unknown, never dropped", () => {
    const plan = {
      format_version: "1.2",
      planned_values: { root_module: { resources: [role("aws_iam_role.a", { name: "a" })] } },
      resource_changes: [{ address: "aws_iam_role.a", change: { after_unknown: { assume_role_policy: true, arn: true } } }],
      configuration: { root_module: { resources: [{ address: "aws_iam_role.a", expressions: { name: { constant_value: "a" }, assume_role_policy: {} } }] } },
    };
    expect(resourcesFromPlan(plan, "plan.json")[0].values).toEqual({ name: "a", assume_role_policy: "${unknown_after_apply}" });
  });

  test("without a configuration, every unknown attribute is marked", () => {
    const plan = {
      format_version: "1.2",
      planned_values: { root_module: { resources: [role("aws_iam_role.a", {})] } },
      resource_changes: [{ address: "aws_iam_role.a", change: { after_unknown: { assume_role_policy: true } } }],
    };
    expect(resourcesFromPlan(plan, "plan.json")[0].values).toEqual({ assume_role_policy: "${unknown_after_apply}" });
  });
});
