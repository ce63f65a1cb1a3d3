import { evaluatePlan, isPlanJson } from "../../../src/terraform/eval";
import { extractTrustFacts } from "../../../src/terraform/extract";
import { awsPolicy, GH, ghCondition } from "../fixtures";

const resource = (address: string, type: string, values: object, mode = "managed") => ({
  address,
  mode,
  type,
  name: address
    .replace(/\[[^\]]*\]$/, "")
    .split(".")
    .pop(),
  values,
});
const role = (address: string, values: object) => resource(address, "aws_iam_role", values);
/** A `data.aws_iam_policy_document` of one GitHub statement admitting `sub`. */
const document = (address: string, sub: string) =>
  resource(
    address,
    "aws_iam_policy_document",
    {
      statement: [
        {
          effect: "Allow",
          actions: ["sts:AssumeRoleWithWebIdentity"],
          principals: [{ type: "Federated", identifiers: [`arn:aws:iam::111122223333:oidc-provider/${GH}`] }],
          condition: [
            { test: "StringEquals", variable: `${GH}:aud`, values: ["sts.amazonaws.com"] },
            { test: "StringLike", variable: `${GH}:sub`, values: [sub] },
          ],
        },
      ],
    },
    "data",
  );
const subjects = (plan: Record<string, unknown>) => {
  const root = evaluatePlan(plan, "plan.json");
  return extractTrustFacts(root.instances, root.unknownInputs).map((f) => [
    f.address,
    f.statements.flatMap((s) => s.subject.flatMap((c) => c.values)),
    f.unknowns.map((u) => [u.expression, u.decidedBy]),
  ]);
};

describe("evaluatePlan: plan and state JSON through the evaluation layer", () => {
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

  test("module instances (count and for_each keys, nested) keep their absolute addresses and module paths", () => {
    const plan = {
      format_version: "1.2",
      planned_values: {
        root_module: {
          resources: [role("aws_iam_role.a", { name: "a" })],
          child_modules: [
            {
              address: "module.x[0]",
              resources: [role("module.x[0].aws_iam_role.b[0]", { name: "b" })],
              child_modules: [{ address: 'module.x[0].module.y["k"]', resources: [role('module.x[0].module.y["k"].aws_iam_role.c', { name: "c" })] }],
            },
          ],
        },
      },
    };
    expect(evaluatePlan(plan, "plan.json").instances.map((r) => [r.address, r.modulePath])).toEqual([
      ["aws_iam_role.a", ""],
      ["module.x[0].aws_iam_role.b[0]", "module.x[0]."],
      ['module.x[0].module.y["k"].aws_iam_role.c', 'module.x[0].module.y["k"].'],
    ]);
  });

  test.each<[string, Record<string, unknown>, Record<string, unknown>, [string, string][]]>([
    [
      "a configured attribute without a reference: its own address, known after apply",
      { assume_role_policy: true, arn: true },
      { name: { constant_value: "a" }, assume_role_policy: {} },
      [["aws_iam_role.a.assume_role_policy", "the apply: plan.json marks aws_iam_role.a.assume_role_policy known after apply"]],
    ],
    [
      "a configured attribute built from a variable: its own address, naming the variable",
      { assume_role_policy: true },
      { assume_role_policy: { references: ["var.policy"] } },
      [
        [
          "aws_iam_role.a.assume_role_policy",
          "the apply: plan.json marks aws_iam_role.a.assume_role_policy known after apply; the configuration builds it from var.policy",
        ],
      ],
    ],
    [
      "a nested unknown: its path",
      { inline_policy: [{ policy: true }] },
      { inline_policy: {} },
      [["aws_iam_role.a.inline_policy[0].policy", "the apply: plan.json marks aws_iam_role.a.inline_policy[0].policy known after apply"]],
    ],
  ])("unknown after apply: %s", (_, afterUnknown, expressions, expected) => {
    const plan = {
      format_version: "1.2",
      planned_values: { root_module: { resources: [role("aws_iam_role.a", { name: "a" })] } },
      resource_changes: [{ address: "aws_iam_role.a", change: { after_unknown: afterUnknown } }],
      configuration: { root_module: { resources: [{ address: "aws_iam_role.a", expressions }] } },
    };
    const root = evaluatePlan(plan, "plan.json");
    // Computed attributes the configuration does not set (arn) are left out, as a configuration leaves them out.
    expect(Object.keys(root.instances[0].values).sort()).toEqual(["name", ...Object.keys(afterUnknown).filter((k) => k !== "arn")].sort());
    expect([...root.unknownInputs].map(([text, why]) => [text, why.join("; ")])).toEqual(expected);
  });

  test("without a configuration, every unknown attribute is marked, never dropped", () => {
    const plan = {
      format_version: "1.2",
      planned_values: { root_module: { resources: [role("aws_iam_role.a", {})] } },
      resource_changes: [{ address: "aws_iam_role.a", change: { after_unknown: { assume_role_policy: true } } }],
    };
    expect(evaluatePlan(plan, "plan.json").instances[0].values).toEqual({ assume_role_policy: "${aws_iam_role.a.assume_role_policy}" });
  });

  test("a policy known after apply is WIF011 naming its attribute; one built from a document in the same module instance is read", () => {
    const instance = (key: string, sub: string) => ({
      address: `module.ci["${key}"]`,
      resources: [role(`module.ci["${key}"].aws_iam_role.this`, { name: key }), document(`module.ci["${key}"].data.aws_iam_policy_document.this`, sub)],
    });
    const plan = {
      format_version: "1.2",
      planned_values: {
        root_module: { resources: [role("aws_iam_role.opaque", {})], child_modules: [instance("a", "repo:octo/a:*"), instance("b", "repo:octo/b:*")] },
      },
      resource_changes: [
        { address: "aws_iam_role.opaque", change: { after_unknown: { assume_role_policy: true } } },
        { address: 'module.ci["a"].aws_iam_role.this', change: { after_unknown: { assume_role_policy: true } } },
        { address: 'module.ci["b"].aws_iam_role.this', change: { after_unknown: { assume_role_policy: true } } },
      ],
      configuration: {
        root_module: {
          resources: [{ address: "aws_iam_role.opaque", expressions: { assume_role_policy: {} } }],
          module_calls: {
            ci: {
              module: {
                resources: [
                  {
                    address: "aws_iam_role.this",
                    expressions: { assume_role_policy: { references: ["data.aws_iam_policy_document.this.json", "data.aws_iam_policy_document.this"] } },
                  },
                ],
              },
            },
          },
        },
      },
    };
    expect(subjects(plan)).toEqual([
      [
        "aws_iam_role.opaque",
        [],
        [["${aws_iam_role.opaque.assume_role_policy}", "the apply: plan.json marks aws_iam_role.opaque.assume_role_policy known after apply"]],
      ],
      ['module.ci["a"].aws_iam_role.this', ["repo:octo/a:*"], []],
      ['module.ci["b"].aws_iam_role.this', ["repo:octo/b:*"], []],
    ]);
  });

  test("a reference indexed by count.index names the instance of the same key", () => {
    const planWith = (references: readonly string[]) => ({
      format_version: "1.2",
      planned_values: {
        root_module: {
          resources: [
            role("aws_iam_role.r[0]", {}),
            role("aws_iam_role.r[1]", {}),
            document("data.aws_iam_policy_document.d[0]", "repo:octo/app:*"),
            document("data.aws_iam_policy_document.d[1]", "repo:octo/other:*"),
          ],
        },
      },
      resource_changes: [0, 1].map((i) => ({ address: `aws_iam_role.r[${i}]`, change: { after_unknown: { assume_role_policy: true } } })),
      configuration: { root_module: { resources: [{ address: "aws_iam_role.r", expressions: { assume_role_policy: { references } } }] } },
    });
    // A reference without an attribute names no value: the role's own attribute stays unknown.
    const root = evaluatePlan(planWith(["data.aws_iam_policy_document.d", "count.index"]), "plan.json");
    expect(root.instances.slice(0, 2).map((r) => r.values.assume_role_policy)).toEqual([
      "${aws_iam_role.r[0].assume_role_policy}",
      "${aws_iam_role.r[1].assume_role_policy}",
    ]);
    expect(subjects(planWith(["data.aws_iam_policy_document.d.json", "count.index"])).map(([address, values]) => [address, values])).toEqual([
      ["aws_iam_role.r[0]", ["repo:octo/app:*"]],
      ["aws_iam_role.r[1]", ["repo:octo/other:*"]],
    ]);
  });

  test("state JSON (terraform show -json on a state): its values are read as a plan's", () => {
    const state = {
      format_version: "1.0",
      values: {
        root_module: {
          resources: [
            role("aws_iam_role.ci", {
              name: "ci",
              arn: "arn:aws:iam::111122223333:role/ci",
              assume_role_policy: awsPolicy(ghCondition("StringLike", "repo:octo/*")),
            }),
          ],
          child_modules: [
            {
              address: "module.azure",
              resources: [
                resource("module.azure.azurerm_federated_identity_credential.gh", "azurerm_federated_identity_credential", {
                  name: "gh",
                  audience: ["api://AzureADTokenExchange"],
                  issuer: `https://${GH}`,
                  subject: "repo:octo/app:environment:prod",
                  parent_id: "/subscriptions/x/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/ci",
                }),
              ],
            },
          ],
        },
      },
    };
    expect(subjects(state)).toEqual([
      ["aws_iam_role.ci", ["repo:octo/*"], []],
      ["module.azure.azurerm_federated_identity_credential.gh", ["repo:octo/app:environment:prod"], []],
    ]);
  });
});
