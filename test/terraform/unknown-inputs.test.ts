/**
 * Given the evaluation's record of what decides each input (`unknownInputs`), every unknown names the
 * inputs of its unresolved parts (WIF011 quotes them), and only those.
 */
import { extractTrustFacts, resourcesFromTerraformJson } from "../../src/terraform/extract";

const GH = "https://token.actions.githubusercontent.com";
const INPUTS = new Map<string, readonly string[]>([
  ["var.subject", ["var.subject of the root module, set nowhere in this configuration"]],
  ["var.host", ["var.host of module.ci, set nowhere in this configuration"]],
  ["var.path", ["var.path of module.ci, set by terraform.tfvars to a value unknown here"]],
  ["var.empty", []],
]);

/** The unknowns of one azurerm credential, as `expression <- decided by`. */
function unknowns(values: Record<string, unknown>, inputs: ReadonlyMap<string, readonly string[]> | "none" = INPUTS): string[] {
  const credential = {
    name: "c",
    resource_group_name: "rg",
    parent_id: "p",
    issuer: GH,
    subject: "repo:octo/app:environment:prod",
    audience: ["api://AzureADTokenExchange"],
    ...values,
  };
  const facts = extractTrustFacts(
    resourcesFromTerraformJson({ resource: { azurerm_federated_identity_credential: { c: credential } } }),
    inputs === "none" ? undefined : inputs,
  );
  return facts.flatMap((f) => f.unknowns.map((u) => `${u.expression} <- ${u.decidedBy ?? "(nothing recorded)"}`));
}

describe("unknowns name the inputs that decide them", () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ["a wholly unknown value", { subject: "${var.subject}" }, ["${var.subject} <- var.subject of the root module, set nowhere in this configuration"]],
    [
      "blanks inside ${ } (the expression as evaluated)",
      { subject: "${ var.subject }" },
      ["${var.subject} <- var.subject of the root module, set nowhere in this configuration"],
    ],
    [
      "an issuer with two unknown parts: each part's input, in order",
      { issuer: "https://${var.host}/${var.path}" },
      [
        "https://${var.host}/${var.path} <- var.host of module.ci, set nowhere in this configuration; var.path of module.ci, set by terraform.tfvars to a value unknown here",
      ],
    ],
    [
      "the same input twice: named once",
      { issuer: "https://${var.host}/${var.host}" },
      ["https://${var.host}/${var.host} <- var.host of module.ci, set nowhere in this configuration"],
    ],
    ["an input nothing was recorded for", { subject: "${var.other}" }, ["${var.other} <- (nothing recorded)"]],
    ["an input recorded with no reason", { subject: "${var.empty}" }, ["${var.empty} <- (nothing recorded)"]],
    ["an expression, not an input", { subject: "${upper(var.subject)}" }, ["${upper(var.subject)} <- (nothing recorded)"]],
  ])("%s", (_name, values, expected) => {
    expect(unknowns(values)).toEqual(expected);
  });

  it.each([
    ["no record", "none" as const],
    ["an empty record", new Map<string, readonly string[]>()],
  ])("with %s, unknowns are as read", (_name, inputs) => {
    expect(unknowns({ subject: "${var.subject}" }, inputs)).toEqual(["${var.subject} <- (nothing recorded)"]);
  });

  it("a flexible credential's missing expression has no input to name", () => {
    const flexible = { application_id: "/applications/1", display_name: "f", issuer: GH, audience: "api://AzureADTokenExchange" };
    const facts = extractTrustFacts(
      resourcesFromTerraformJson({ resource: { azuread_application_flexible_federated_identity_credential: { f: flexible } } }),
      INPUTS,
    );
    expect(facts[0].unknowns).toEqual([{ field: "claims_matching_expression", expression: "(missing)" }]);
  });
});
