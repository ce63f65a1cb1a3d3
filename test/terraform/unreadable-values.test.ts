/**
 * Values a reader cannot parse (not JSON, a template that does not evaluate, a missing or unknown
 * expression) are reported as unknown (WIF011) for their resource, never read as a pin; a readable
 * document named indirectly is read.
 */
import { lintFacts } from "../../src/lint/engine";
import { extractTrustFacts, resourcesFromTerraformJson } from "../../src/terraform/extract";
import { awsRoles, gcpConfig, GH, GH_PROVIDER_ARN, POOL_PREFIX } from "./fixtures";

const found = (config: object) => lintFacts(extractTrustFacts(resourcesFromTerraformJson(config))).map((f) => `${f.rule}/${f.severity} ${f.value}`);

const PINNED_STATEMENT = {
  effect: "Allow",
  actions: ["sts:AssumeRoleWithWebIdentity"],
  principals: [{ type: "Federated", identifiers: [GH_PROVIDER_ARN] }],
  condition: [
    { test: "StringEquals", variable: `${GH}:sub`, values: ["repo:octo/app:ref:refs/heads/main"] },
    { test: "StringEquals", variable: `${GH}:aud`, values: ["sts.amazonaws.com"] },
    { test: "StringEquals", variable: `${GH}:repository_owner_id`, values: ["1"] },
  ],
};
/** A role whose policy document holds a pinned statement and one source document. */
const withSource = (source: string) => ({
  resource: { aws_iam_role: { r: { name: "r", assume_role_policy: "${data.aws_iam_policy_document.d.json}" } } },
  data: { aws_iam_policy_document: { d: { source_policy_documents: [source], statement: [PINNED_STATEMENT] } } },
});
const OPEN_JSON = JSON.stringify({
  Statement: [
    {
      Sid: "gh",
      Effect: "Allow",
      Action: "sts:AssumeRoleWithWebIdentity",
      Principal: { Federated: GH_PROVIDER_ARN },
      Condition: { StringLike: { [`${GH}:sub`]: "repo:*" }, StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com" } },
    },
  ],
});

const flexible = (extra: object) => ({
  resource: {
    azuread_application_flexible_federated_identity_credential: {
      c: { application_id: "app", display_name: "c", audience: "api://AzureADTokenExchange", issuer: `https://${GH}`, ...extra },
    },
  },
});
/** A pinned GCP provider whose service account policy is `policy_data`. */
const withPolicyData = (policy: unknown) => {
  const config = gcpConfig({ condition: "assertion.repository_owner_id == '1'" }) as { resource: Record<string, unknown> };
  return { resource: { ...config.resource, google_service_account_iam_policy: { p: { service_account_id: "sa", policy_data: policy } } } };
};
const OWNER_ONLY = "WIF003/high assertion.repository_owner_id == '1'";

describe("values a reader cannot parse", () => {
  it.each<[string, object, string[]]>([
    ["an assume_role_policy that is not JSON", awsRoles({ r: '{"Statement": [' }), ['WIF011/info {"Statement": [']],
    // A template that does not evaluate is unknown as a whole: none of its literal text is read.
    ["an assume_role_policy template that does not evaluate", awsRoles({ r: "${jsonencode({a = )}" }), ["WIF011/info ${${jsonencode({a = )}}"]],
    ["a source policy document in JSON is read", withSource(OPEN_JSON), ["WIF002/critical repo:*"]],
    ["a source policy document that is not JSON", withSource("{ not json"), ["WIF011/info { not json"]],
    ["a source policy document unknown until apply", withSource("${var.policy}"), ["WIF011/info ${var.policy}"]],
    [
      "a flexible credential without claims_matching_expression pins nothing",
      flexible({}),
      ["WIF001/critical ? claims_matching_expression ; aud audience api://AzureADTokenExchange", "WIF011/info (missing)"],
    ],
    ["a flexible credential whose expression is unknown until apply", flexible({ claims_matching_expression: "${var.expr}" }), ["WIF011/info ${var.expr}"]],
    ["policy_data that is not JSON", withPolicyData("{ nope"), [OWNER_ONLY, "WIF011/info { nope"]],
    [
      "policy_data as an object (Terraform JSON)",
      withPolicyData({ bindings: [{ role: "roles/iam.workloadIdentityUser", members: [`${POOL_PREFIX}/*`] }] }),
      [OWNER_ONLY, `WIF003/high ${POOL_PREFIX}/*`],
    ],
    ["policy_data of another type", withPolicyData(5), [OWNER_ONLY, "WIF011/info 5"]],
    ["an attribute_condition unknown until apply", gcpConfig({ condition: "${var.cond}" }), ["WIF011/info ${var.cond}"]],
    [
      "a group member (not read)",
      gcpConfig({ condition: "assertion.repository_owner_id == '1'", members: [`${POOL_PREFIX}/group/admins`] }),
      [OWNER_ONLY, `WIF011/info ${POOL_PREFIX}/group/admins`],
    ],
  ])("%s", (_name, config, expected) => {
    expect(found(config)).toEqual(expected);
  });
});

describe("GCP members on attributes", () => {
  const CONSTANT = { "google.subject": "assertion.sub", "attribute.provider": "'github'" };
  it.each<[string, Record<string, string> | undefined, string, string[]]>([
    // A constant mapping (a per-provider tag): the member either adds no condition or never matches.
    ["a constant attribute with its value", CONSTANT, "attribute.provider/github", [OWNER_ONLY]],
    ["a constant attribute with another value", CONSTANT, "attribute.provider/gitlab", [OWNER_ONLY]],
    ["an attribute the provider does not map", undefined, "attribute.team/payments", [`WIF007/high ${POOL_PREFIX}/attribute.team/payments`]],
  ])("%s", (_name, mapping, member, expected) => {
    expect(found(gcpConfig({ condition: "assertion.repository_owner_id == '1'", mapping, members: [`${POOL_PREFIX}/${member}`] }))).toEqual(expected);
  });
});
