/**
 * An issuer with an unknown part (`http://${var.host}`) names no issuer (WIF011), but what is written
 * is still checked: a plain-http or wildcard issuer is WIF009 on every cloud. Before, only the Azure
 * reader kept it as a reference; the GCP and AWS readers dropped it.
 */
import { lintFacts } from "../../src/lint/engine";
import { extractTrustFacts, resourcesFromTerraformJson } from "../../src/terraform/extract";
import { awsRoles, gcpConfig } from "./fixtures";

const awsWith = (url: string) =>
  awsRoles(
    {
      r: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: "sts:AssumeRoleWithWebIdentity",
            Principal: { Federated: "${aws_iam_openid_connect_provider.p.arn}" },
            Condition: { StringEquals: { "issuer.example.com:aud": "x", "issuer.example.com:sub": "deploy" } },
          },
        ],
      }),
    },
    { aws_iam_openid_connect_provider: { p: { url, client_id_list: ["x"] } } },
  );
const gcpWith = (issuer: string) =>
  gcpConfig({
    issuer,
    condition: "assertion.sub == 'deploy'",
    members: ["principal://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/ci-pool/subject/deploy"],
  });
const azureWith = (issuer: string) => ({
  resource: {
    azurerm_federated_identity_credential: {
      c: { name: "c", resource_group_name: "rg", parent_id: "x", issuer, subject: "deploy", audience: ["api://AzureADTokenExchange"] },
    },
  },
});

const wif009 = (config: object) =>
  lintFacts(extractTrustFacts(resourcesFromTerraformJson(config)))
    .filter((f) => f.rule === "WIF009")
    .map((f) => `${f.severity} ${f.value}`);

describe.each<[string, (issuer: string) => object]>([
  ["AWS provider url", awsWith],
  ["GCP oidc.issuer_uri", gcpWith],
  ["Azure issuer", azureWith],
])("%s", (_cloud, config) => {
  it.each<[string, string[]]>([
    ["http://${var.host}", ["high http://${var.host}"]],
    ["https://${var.host}/*", ["high https://${var.host}/*"]],
    ["https://${var.host}", []],
    ["${var.issuer}", []],
  ])("%s", (issuer, expected) => {
    expect(wif009(config(issuer))).toEqual(expected);
  });
});
