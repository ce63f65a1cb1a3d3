/**
 * Everything the Azure reader extracts (test/terraform/facts-text.ts), and the flexible
 * claims-matching expressions it reads.
 */
import type { ClaimCheck } from "../../src/lint/facts";
import { readFlexibleExpression } from "../../src/terraform/azure-trust";
import { extractTrustFacts, resourcesFromTerraformJson } from "../../src/terraform/extract";
import { factsText } from "./facts-text";

const GH = "https://token.actions.githubusercontent.com";
const AUD = "api://AzureADTokenExchange";
const cred = (more: Record<string, unknown>) => ({
  name: "c",
  resource_group_name: "rg",
  parent_id: "${azurerm_user_assigned_identity.ci.id}",
  issuer: GH,
  subject: "repo:octo/app:environment:prod",
  audience: [AUD],
  ...more,
});
const flexible = (name: string, expression?: string) => ({
  application_id: "/applications/1",
  display_name: name,
  issuer: GH,
  audience: AUD,
  ...(expression !== undefined ? { claims_matching_expression: expression } : {}),
});

describe("Azure reader: the facts of a configuration", () => {
  it.each<[string, object, string[]]>([
    [
      "azurerm: two on one identity, a subject and an issuer unknown here, no subject, a trailing slash",
      {
        resource: {
          azurerm_federated_identity_credential: {
            a: cred({}),
            b: cred({ name: "d", subject: "${var.subject}" }),
            c: cred({ parent_id: "${azurerm_user_assigned_identity.other.id}", issuer: "https://${var.host}/", subject: "repo:${var.repo}:environment:prod" }),
            d: cred({ parent_id: "x", issuer: "${var.issuer}", subject: undefined }),
            e: cred({ parent_id: "y", issuer: `${GH}/` }),
          },
        },
      },
      [
        "azurerm_federated_identity_credential.a azure: github-actions shared (https://token.actions.githubusercontent.com)",
        "  azurerm_federated_identity_credential.a: aud [aud equals (audience) api://AzureADTokenExchange] sub [sub equals (subject) repo:octo/app:environment:prod] claims []",
        "  azure credentials on the parent 2, name c, values [https://token.actions.githubusercontent.com, api://AzureADTokenExchange, repo:octo/app:environment:prod]",
        "azurerm_federated_identity_credential.b azure: github-actions shared (https://token.actions.githubusercontent.com)",
        "  azurerm_federated_identity_credential.b: aud [aud equals (audience) api://AzureADTokenExchange] sub [sub unknown (subject) ${var.subject}] claims []",
        "  unknown sub = ${var.subject}",
        "  azure credentials on the parent 2, name d, values [https://token.actions.githubusercontent.com, api://AzureADTokenExchange, ${var.subject}]",
        "azurerm_federated_identity_credential.c azure: generic (unknown https://${var.host}/)",
        "  azurerm_federated_identity_credential.c: aud [aud equals (audience) api://AzureADTokenExchange] sub [sub equals (subject) repo:${var.repo}:environment:prod] claims []",
        "  unknown sub = ${var.repo}",
        "  unknown issuer = https://${var.host}/",
        "  azure credentials on the parent 1, name c, values [https://${var.host}/, api://AzureADTokenExchange, repo:${var.repo}:environment:prod]",
        "azurerm_federated_identity_credential.d azure: generic (unknown ${var.issuer})",
        "  azurerm_federated_identity_credential.d: aud [aud equals (audience) api://AzureADTokenExchange] sub [] claims []",
        "  unknown issuer = ${var.issuer}",
        "  azure credentials on the parent 1, name c, values [${var.issuer}, api://AzureADTokenExchange]",
        "azurerm_federated_identity_credential.e azure: github-actions shared (https://token.actions.githubusercontent.com)",
        "  azurerm_federated_identity_credential.e: aud [aud equals (audience) api://AzureADTokenExchange] sub [sub equals (subject) repo:octo/app:environment:prod] claims []",
        "  azure credentials on the parent 1, name c, values [https://token.actions.githubusercontent.com/, api://AzureADTokenExchange, repo:octo/app:environment:prod]",
      ],
    ],
    [
      "azurerm without issuer, name or parent (Terraform refuses them): no URL, no name, one unnamed parent; nothing made up",
      {
        resource: {
          azurerm_federated_identity_credential: {
            a: cred({ issuer: undefined, name: undefined, parent_id: undefined }),
            b: cred({ issuer: undefined, name: undefined, parent_id: undefined }),
          },
        },
      },
      [
        "azurerm_federated_identity_credential.a azure: generic (no url)",
        "  azurerm_federated_identity_credential.a: aud [aud equals (audience) api://AzureADTokenExchange] sub [sub equals (subject) repo:octo/app:environment:prod] claims []",
        "  azure credentials on the parent 2, values [api://AzureADTokenExchange, repo:octo/app:environment:prod]",
        "azurerm_federated_identity_credential.b azure: generic (no url)",
        "  azurerm_federated_identity_credential.b: aud [aud equals (audience) api://AzureADTokenExchange] sub [sub equals (subject) repo:octo/app:environment:prod] claims []",
        "  azure credentials on the parent 2, values [api://AzureADTokenExchange, repo:octo/app:environment:prod]",
      ],
    ],
    ["a data source is no credential", { data: { azurerm_federated_identity_credential: { a: cred({}) } } }, []],
    [
      "azuread: audiences and display_name (the name limit is azurerm's)",
      {
        resource: {
          azuread_application_federated_identity_credential: {
            a: { application_id: "/applications/1", display_name: "ci", issuer: GH, subject: "repo:octo/app:environment:prod", audiences: [AUD] },
          },
        },
      },
      [
        "azuread_application_federated_identity_credential.a azure: github-actions shared (https://token.actions.githubusercontent.com)",
        "  azuread_application_federated_identity_credential.a: aud [aud equals (audiences) api://AzureADTokenExchange] sub [sub equals (subject) repo:octo/app:environment:prod] claims []",
        "  azure credentials on the parent 1, values [https://token.actions.githubusercontent.com, api://AzureADTokenExchange, repo:octo/app:environment:prod]",
      ],
    ],
    [
      "flexible: missing, unknown here, outside the language, read",
      {
        resource: {
          azuread_application_flexible_federated_identity_credential: {
            missing: flexible("m"),
            unknown: flexible("u", "${var.expr}"),
            unread: flexible("r", "claims['sub'] eq 'a' or claims['x'] eq 'b'"),
            read: flexible("ok", "claims['sub'] matches 'repo:${var.org}/*' and claims['repository_owner_id'] eq '1'"),
          },
        },
      },
      [
        "azuread_application_flexible_federated_identity_credential.missing azure: github-actions shared (https://token.actions.githubusercontent.com)",
        "  azuread_application_flexible_federated_identity_credential.missing: aud [aud equals (audience) api://AzureADTokenExchange] sub [] claims [? unread (claims_matching_expression) ]",
        "  unknown claims_matching_expression = (missing)",
        "  azure credentials on the parent 4, values [https://token.actions.githubusercontent.com, api://AzureADTokenExchange]",
        "azuread_application_flexible_federated_identity_credential.unknown azure: github-actions shared (https://token.actions.githubusercontent.com)",
        "  azuread_application_flexible_federated_identity_credential.unknown: aud [aud equals (audience) api://AzureADTokenExchange] sub [] claims [? unknown (claims_matching_expression) ]",
        "  unknown claims_matching_expression = ${var.expr}",
        "  azure credentials on the parent 4, values [https://token.actions.githubusercontent.com, api://AzureADTokenExchange]",
        "azuread_application_flexible_federated_identity_credential.unread azure: github-actions shared (https://token.actions.githubusercontent.com)",
        "  azuread_application_flexible_federated_identity_credential.unread: aud [aud equals (audience) api://AzureADTokenExchange] sub [] claims [? unread (claims['sub'] eq 'a' or claims['x'] eq 'b') ]",
        "  unknown claims_matching_expression = claims['sub'] eq 'a' or claims['x'] eq 'b'",
        "  azure credentials on the parent 4, values [https://token.actions.githubusercontent.com, api://AzureADTokenExchange, claims['sub'] eq 'a' or claims['x'] eq 'b']",
        "azuread_application_flexible_federated_identity_credential.read azure: github-actions shared (https://token.actions.githubusercontent.com)",
        "  azuread_application_flexible_federated_identity_credential.read: aud [aud equals (audience) api://AzureADTokenExchange] sub [sub like (matches) repo:${var.org}/*] claims [repository_owner_id equals (eq) 1]",
        "  unknown sub = ${var.org}",
        "  azure credentials on the parent 4, values [https://token.actions.githubusercontent.com, api://AzureADTokenExchange, claims['sub'] matches 'repo:${var.org}/*' and claims['repository_owner_id'] eq '1']",
      ],
    ],
  ])("%s", (_name, config, expected) => {
    expect(factsText(extractTrustFacts(resourcesFromTerraformJson(config)))).toEqual(expected);
  });
});

describe("readFlexibleExpression: Entra's claims-matching language", () => {
  const text = (checks: readonly ClaimCheck[] | undefined) => checks?.map((c) => `${c.claim} ${c.operator} (${c.native}) ${c.values.join("|")}`);
  it.each<[string, string[] | undefined]>([
    ["claims['sub'] eq 'a'", ["sub equals (eq) a"]],
    ["  claims['sub']   EQ   'a'  ", ["sub equals (eq) a"]],
    ["claims['sub'] matches 'repo:o/*' and claims['repository_owner_id'] eq '1'", ["sub like (matches) repo:o/*", "repository_owner_id equals (eq) 1"]],
    ["claims['sub'] eq 'a' AND claims['x'] MATCHES 'b'", ["sub equals (eq) a", "x like (matches) b"]],
    // '' is one quote inside a string.
    ["claims['sub'] eq 'it''s'", ["sub equals (eq) it's"]],
    ["claims['sub'] eq ''''", ["sub equals (eq) '"]],
    ["claims['a b'] eq 'x'", ["a b equals (eq) x"]],
    // Outside the language: undefined (the credential's check is then unread, never a pin).
    ["", undefined],
    ["claims['sub'] eq 'unterminated", undefined],
    ["claims['sub'] eq 'a''", undefined],
    ["claims['sub'] ne 'a'", undefined],
    ["claims['sub'] eq", undefined],
    ["claims['sub'] eq 1", undefined],
    ["claims[sub] eq 'a'", undefined],
    ["claims['sub' eq 'a'", undefined],
    ["claims['sub'] eq 'a' and", undefined],
    ["claims['sub'] eq 'a' claims['x'] eq 'b'", undefined],
    ["claims['sub'] eq 'a' or claims['x'] eq 'b'", undefined],
    ["claims['sub'] eq 'a' && claims['x'] eq 'b'", undefined],
    ["claims['sub'] eq 'a'b", undefined],
    // Only claims[ opens a claim name.
    ["claims 'sub'] eq 'a'", undefined],
    ["x 'sub'] eq 'a'", undefined],
    ["claims[", undefined],
    ["claims['sub']", undefined],
    ["claims['sub' x eq 'a'", undefined],
    ["claims['sub'] eq x", undefined],
  ])("%j", (expression, expected) => {
    expect(text(readFlexibleExpression(expression))).toEqual(expected);
  });
});

test("Azure reader: a known issuer, or one with an unknown part, is a reference of the credential's issuer (for WIF009); a wholly unknown or missing one none", () => {
  const references = (issuer: unknown) =>
    extractTrustFacts(resourcesFromTerraformJson({ resource: { azurerm_federated_identity_credential: { a: cred({ issuer }) } } })).map(
      (f) => f.issuer.references,
    );
  expect(references(GH)).toEqual([[{ where: "azurerm_federated_identity_credential.a.issuer", value: GH }]]);
  expect(references("https://${var.host}/")).toEqual([[{ where: "azurerm_federated_identity_credential.a.issuer", value: "https://${var.host}/" }]]);
  expect(references("${var.issuer}")).toEqual([[]]);
  expect(references(undefined)).toEqual([[]]);
});
