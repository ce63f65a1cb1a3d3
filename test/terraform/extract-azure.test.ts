import { lintFacts } from "../../src/lint/engine";
import { readFlexibleExpression } from "../../src/terraform/azure-trust";
import { extractTrustFacts, resourcesFromTerraformJson } from "../../src/terraform/extract";

const GH = "https://token.actions.githubusercontent.com";
const AUD = "api://AzureADTokenExchange";

function ids(config: object): string[] {
  return [...new Set(lintFacts(extractTrustFacts(resourcesFromTerraformJson(config))).map((f) => `${f.rule}/${f.severity}`))].sort();
}
function azurerm(creds: Record<string, { subject: string; audience?: string[]; issuer?: string; name?: string; parent?: string }>): object {
  return {
    resource: {
      azurerm_federated_identity_credential: Object.fromEntries(
        Object.entries(creds).map(([n, c]) => [
          n,
          {
            name: c.name ?? `cred-${n}`,
            resource_group_name: "rg",
            parent_id: c.parent ?? "${azurerm_user_assigned_identity.ci.id}",
            issuer: c.issuer ?? GH,
            subject: c.subject,
            audience: c.audience ?? [AUD],
          },
        ]),
      ),
    },
  };
}
function flexible(expr: string, audience = AUD): object {
  return {
    resource: {
      azuread_application_flexible_federated_identity_credential: {
        f: { application_id: "/applications/1", display_name: "ci", issuer: GH, audience, claims_matching_expression: expr },
      },
    },
  };
}

describe("Azure exact credentials", () => {
  it.each<[string, object, string[]]>([
    ["exact environment subject: mutable names only", azurerm({ c: { subject: "repo:octo/app:environment:prod" } }), ["WIF008/low"]],
    ["a * is literal in Azure subjects: broken", azurerm({ c: { subject: "repo:octo/app:*" } }), ["WIF007/high"]],
    ["two audiences", azurerm({ c: { subject: "repo:octo/app:environment:prod", audience: [AUD, "other"] } }), ["WIF006/high", "WIF008/low"]],
    ["pull_request subject", azurerm({ c: { subject: "repo:octo/app:pull_request" } }), ["WIF005/medium", "WIF008/low"]],
    ["variable subject", azurerm({ c: { subject: "${var.subject}" } }), ["WIF011/info"]],
    [
      "invalid name",
      azurerm({ c: { subject: "system:serviceaccount:ci:deployer", issuer: "https://aks.oic.prod-aks.azure.com/tenant/cluster/", name: "-x" } }),
      ["WIF010/medium"],
    ],
    [
      "AKS issuers end with a slash: no WIF009",
      azurerm({ c: { subject: "system:serviceaccount:default:app", issuer: "https://eastus.oic.prod-aks.azure.com/tenant/cluster/" } }),
      [],
    ],
    [
      "GitHub issuer with a trailing slash is WIF009",
      azurerm({ c: { subject: "repo:octo/app:environment:prod", issuer: `${GH}/` } }),
      ["WIF008/low", "WIF009/high"],
    ],
  ])("%s", (_name, config, expected) => {
    expect(ids(config)).toEqual(expected);
  });

  it("more than 20 credentials on one identity is WIF010", () => {
    const creds: Record<string, { subject: string }> = {};
    for (let i = 0; i < 21; i++) creds[`c${i}`] = { subject: `repo:octo/app:environment:e${i}` };
    const findings = lintFacts(extractTrustFacts(resourcesFromTerraformJson(azurerm(creds))), { ignore: ["WIF008"] });
    expect(findings).toHaveLength(21);
    expect(findings[0]).toMatchObject({ rule: "WIF010", value: "21 credentials" });
  });

  it("azuread application credentials are read", () => {
    const config = {
      resource: {
        azuread_application_federated_identity_credential: {
          a: { application_id: "/applications/1", display_name: "ci", issuer: GH, subject: "repo:octo/app:ref:refs/heads/main", audiences: [AUD] },
        },
      },
    };
    expect(ids(config)).toEqual(["WIF008/low"]);
  });
});

describe("Azure flexible credentials", () => {
  it.each<[string, string, string[]]>([
    ["sub pattern and owner id", "claims['sub'] matches 'repo:octo/app:ref:refs/heads/*' and claims['repository_owner_id'] eq '123'", ["WIF004/medium"]],
    ["owner wildcard", "claims['sub'] matches 'repo:octo*' and claims['repository_owner_id'] eq '123'", ["WIF003/high"]],
    ["no id pin, tenant wildcard", "claims['sub'] matches 'repo:*'", ["WIF002/critical"]],
    ["release branches pinned", "claims['sub'] matches 'repo:octo/app:ref:refs/heads/release-*' and claims['repository_id'] eq '9'", []],
    ["job_workflow_ref only", "claims['job_workflow_ref'] matches 'octo/wf/.github/workflows/deploy.yml@*'", ["WIF005/medium"]],
    ["job_workflow_ref only, owner open (defect 6)", "claims['job_workflow_ref'] matches '*/.github/workflows/*'", ["WIF002/critical", "WIF005/medium"]],
    ["unreadable expression is unread: it pins nothing", "claims['sub'] startswith 'x'", ["WIF001/critical", "WIF011/info"]],
  ])("%s", (_name, expr, expected) => {
    expect(ids(flexible(expr))).toEqual(expected);
  });

  it("job_workflow_ref alone on GitHub: WIF005, and Azure requires the sub and id pins", () => {
    const findings = lintFacts(extractTrustFacts(resourcesFromTerraformJson(flexible("claims['job_workflow_ref'] matches 'octo/*'"))));
    expect(findings.map((f) => [f.rule, f.severity, f.value, f.risk, f.fix])).toEqual([
      [
        "WIF005",
        "medium",
        "job_workflow_ref=octo/*",
        "Only job_workflow_ref is checked (job_workflow_ref=octo/*): every repository allowed to call that reusable workflow can assume the identity. " +
          "Entra also requires GitHub expressions to pin claims['sub'] and claims['repository_id'] or claims['repository_owner_id']: it refuses this credential.",
        "Add the pins Azure requires: claims['sub'] matches 'repo:OWNER/REPO:...' and claims['repository_owner_id'] eq '<owner id>' (or claims['repository_id'] eq '<repository id>').",
      ],
    ]);
  });

  it("parses the expression language", () => {
    expect(readFlexibleExpression("claims['sub'] eq 'it''s' AND claims['x'] matches 'a*'")).toEqual([
      { claim: "sub", operator: "equals", values: ["it's"], native: "eq", origin: "condition" },
      { claim: "x", operator: "like", values: ["a*"], native: "matches", origin: "condition" },
    ]);
    expect(readFlexibleExpression("claims['sub'] eq")).toBeUndefined();
    expect(readFlexibleExpression("claims['sub'] eq 'a' or claims['x'] eq 'b'")).toBeUndefined();
  });
});
