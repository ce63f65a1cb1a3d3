import { App, TerraformStack, TerraformVariable } from "cdktf";
import { Claim, Issuer, Subject, Trust, WifValidationError } from "../../src";

const stack = new TerraformStack(new App(), "tokens");
const variable = new TerraformVariable(stack, "v", { type: "string" });
const str = variable.stringValue;
const num = variable.numberValue;
const list = variable.listValue;

const WHY =
  "is a cdktf token (a TerraformVariable, another construct's attribute or an Fn call), not a literal. Trust values must be literals known at synth, " +
  "because the rules and every cloud must see them. Use a literal, or keep the token in hand-written resources and lint the plan JSON " +
  "(terraform show -json plan.out > plan.json; wif lint plan.json).";

// One message for every trust value given as a token, wherever it enters.
describe("tokens as trust values are refused with one message", () => {
  test.each<[string, () => unknown]>([
    ["githubActions.repository", () => Trust.githubActions({ repository: str, branch: "main" })],
    ["githubActions.environment", () => Trust.githubActions({ repository: "octo/app", environment: str })],
    ["githubActions.branch", () => Trust.githubActions({ repository: "octo/app", branch: `release-${str}` })],
    ["githubActions.repositoryOwnerId", () => Trust.githubActions({ repository: "octo/app", branch: "main", repositoryOwnerId: str })],
    ["githubActions.repositoryId", () => Trust.githubActions({ repository: "octo/app", branch: "main", repositoryId: num as unknown as string })],
    ["githubActions.audiences", () => Trust.githubActions({ repository: "octo/app", branch: "main", audiences: list })],
    ["gitlab.projectPath", () => Trust.gitlab({ projectPath: str, refType: "branch", ref: "main", audiences: ["x"] })],
    ["kubernetes.namespace", () => Trust.kubernetes({ issuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC", namespace: str, serviceAccount: "ci" })],
    ["terraformCloud.workspace", () => Trust.terraformCloud({ organization: "acme", project: "infra", workspace: str, runPhase: "apply" })],
    ["Subject.exactly", () => Subject.exactly(`repo:${str}:ref:refs/heads/main`)],
    ["Claim.equals", () => Claim.equals(str)],
    ["Issuer.fromUrl", () => Issuer.fromUrl(str)],
  ])("%s", (field, make) => {
    let error: unknown;
    try {
      make();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WifValidationError);
    expect((error as WifValidationError).field).toBe(field);
    expect((error as WifValidationError).detail).toMatch(/^(".*"|-?[0-9.e+]+|\[.*\]) /);
    expect((error as WifValidationError).detail.endsWith(WHY)).toBe(true);
  });
});
