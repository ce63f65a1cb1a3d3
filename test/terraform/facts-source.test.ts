/**
 * Each reader keeps the source of the resource a trust was read from (file and line: the findings'
 * location), and leaves it out when the resource has none.
 */
import { extractTrustFacts, resourcesFromTerraformJson } from "../../src/terraform/extract";
import { awsPolicy, awsRoles, gcpConfig, ghCondition } from "./fixtures";

const SOURCE = { file: "infra/main.tf.json", line: 7 };
const azure = {
  resource: {
    azurerm_federated_identity_credential: {
      c: {
        name: "c",
        parent_id: "x",
        issuer: "https://token.actions.githubusercontent.com",
        subject: "repo:o/r:ref:refs/heads/main",
        audience: ["api://AzureADTokenExchange"],
      },
    },
  },
};

describe("trust facts keep the resource's source", () => {
  it.each<[string, object]>([
    ["AWS", awsRoles({ ci: awsPolicy(ghCondition("StringEquals", "repo:o/r:ref:refs/heads/main")) })],
    ["GCP", gcpConfig({})],
    ["Azure", azure],
  ])("%s", (_cloud, config) => {
    expect(extractTrustFacts(resourcesFromTerraformJson(config, SOURCE)).map((f) => f.source)).toEqual([SOURCE]);
    expect(extractTrustFacts(resourcesFromTerraformJson(config)).map((f) => "source" in f)).toEqual([false]);
  });
});
