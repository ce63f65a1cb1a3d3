import fc from "fast-check";

import { AZURE_CREDENTIAL_NAME, credentialName, impliedClaims, literalPrefix } from "../../../src/compile/azure";
import type { IssuerKind } from "../../../src/trust";

describe("impliedClaims", () => {
  const cases: Array<[IssuerKind, string, Record<string, string>]> = [
    ["github-actions", "repo:octo/app:ref:refs/heads/main", { repository: "octo/app", repository_owner: "octo" }],
    [
      "github-actions",
      "repo:octo@11/app@22:environment:prod",
      { repository: "octo/app", repository_owner: "octo", repository_owner_id: "11", repository_id: "22" },
    ],
    ["github-actions", "repository_owner_id:11:repository_id:22:ref:refs/heads/main", { repository_owner_id: "11", repository_id: "22" }],
    ["github-actions", "repository_owner_id:11", {}],
    ["github-actions", "environment:repository_owner_id:11:", {}],
    ["github-actions", "repo:octo", {}],
    ["github-actions", "repo:octo/app", {}],
    ["gitlab", "project_path:grp/sub/app:ref_type:branch:ref:main", { project_path: "grp/sub/app" }],
    ["gitlab", "project_path:grp/", {}],
    [
      "terraform-cloud",
      "organization:acme:project:infra:workspace:prod:run_phase:apply",
      { terraform_organization_name: "acme", terraform_project_name: "infra", terraform_workspace_name: "prod" },
    ],
    ["terraform-cloud", "organization:acme:project:in", { terraform_organization_name: "acme" }],
    ["kubernetes", "system:serviceaccount:ci:deployer", {}],
    ["generic", "repo:octo/app:ref:refs/heads/main", {}],
  ];
  it.each(cases)("%s %s", (kind, prefix, expected) => {
    expect(impliedClaims(kind, prefix)).toEqual(expected);
  });

  it.each([
    ["repo:octo/app:ref:refs/heads/release-*", "repo:octo/app:ref:refs/heads/release-"],
    ["repo:oct?/app:*", "repo:oct"],
    ["exact", "exact"],
  ])("literalPrefix(%s) = %s", (pattern, prefix) => {
    expect(literalPrefix(pattern)).toBe(prefix);
  });
});

describe("credentialName", () => {
  it("is always a valid Entra name and deterministic", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 700 }), fc.string({ maxLength: 50 }), (subject, issuer) => {
        const name = credentialName(issuer, subject);
        expect(name).toMatch(AZURE_CREDENTIAL_NAME);
        expect(credentialName(issuer, subject)).toBe(name);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ["***", /^fic-[0-9a-f]{12}$/],
    ["-_:repo", /^repo-[0-9a-f]{12}$/],
    ["a".repeat(300), /^a{100}-[0-9a-f]{12}$/],
  ])("%s", (subject, expected) => {
    expect(credentialName("https://issuer", subject)).toMatch(expected);
  });
});
