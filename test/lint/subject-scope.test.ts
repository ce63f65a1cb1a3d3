import { tokenize } from "../../src/lint/analysis/pattern";
import { reachOf } from "../../src/lint/analysis/pins";
import { subjectScope } from "../../src/lint/analysis/subject-scope";
import type { IssuerKind } from "../../src/trust/issuer";

/** Reach of one subject value: `l` = StringLike glob, `e` = exact. */
function reach(kind: IssuerKind, shared: boolean, mode: "l" | "e", value: string): string {
  const scope = subjectScope(tokenize(value, mode === "l"), kind, shared);
  if (scope.never) return "never";
  const flags = [
    scope.pins.tenantImmutable ? "+tenant-id" : "",
    scope.pins.repositoryImmutable ? "+repo-id" : "",
    scope.pins.assumed ? "+unknown" : "",
    scope.pullRequest ? "+pr" : "",
    scope.abusableTemplate ? `+abusable:${scope.abusableTemplate}` : "",
  ].join("");
  return reachOf(scope.pins, shared) + flags;
}

type Row = [IssuerKind, boolean, "l" | "e", string, string];

const GITHUB: Row[] = [
  ["github-actions", true, "e", "repo:octo/app:ref:refs/heads/main", "one-context"],
  ["github-actions", true, "l", "repo:octo/app:ref:refs/heads/*", "one-repository"],
  ["github-actions", true, "l", "repo:octo/app:ref:refs/heads/release-*", "one-context"],
  ["github-actions", true, "l", "repo:octo/app:ref:refs/tags/v*", "one-context"],
  ["github-actions", true, "l", "repo:octo/app:ref:refs/heads/main*", "one-repository"],
  ["github-actions", true, "l", "repo:octo/app:ref:refs/heads/release/*", "one-context"],
  ["github-actions", true, "l", "repo:octo/app:ref:refs/tags/v1.*", "one-context"],
  ["github-actions", true, "l", "repo:octo/app:ref:refs/tags/release*", "one-repository"],
  ["github-actions", true, "l", "repo:octo/app:ref:refs/tags/*", "one-repository"],
  ["github-actions", true, "l", "repo:octo/app:environment:*", "one-repository"],
  ["github-actions", true, "l", "repo:octo/app:environment:prod*", "one-context"],
  ["github-actions", true, "l", "repo:octo/app:e*", "one-repository"],
  ["github-actions", true, "l", "repo:octo/app:ref:*", "one-repository"],
  ["github-actions", true, "l", "repo:octo/app:*", "one-repository"],
  ["github-actions", true, "l", "repo:octo/app*", "one-tenant"],
  ["github-actions", true, "l", "repo:octo/a?p:ref:refs/heads/main", "one-tenant"],
  ["github-actions", true, "l", "repo:octo/*:ref:refs/heads/main", "one-tenant"],
  ["github-actions", true, "l", "repo:octo/*", "one-tenant"],
  ["github-actions", true, "l", "repo:*", "any-tenant"],
  ["github-actions", true, "l", "*", "any-tenant"],
  ["github-actions", true, "l", "repo:?cto/app:*", "any-tenant"],
  ["github-actions", true, "l", "repo:octo*", "any-tenant"],
  ["github-actions", true, "l", "re*", "any-tenant"],
  ["github-actions", true, "e", "repo:octo@123/app@456:ref:refs/heads/main", "one-context+tenant-id+repo-id"],
  ["github-actions", true, "l", "repo:octo@*/app@456:*", "any-tenant"],
  ["github-actions", true, "l", "repo:octo@123/*", "one-tenant+tenant-id"],
  ["github-actions", true, "l", "repo:${var.org}/app:ref:refs/heads/main", "one-context+unknown"],
  ["github-actions", true, "l", "repo:octo/${var.repo}:*", "one-repository+unknown"],
  ["github-actions", true, "l", "${var.subject}", "one-context+unknown"],
  ["github-actions", true, "e", "Repo:octo/app:ref:refs/heads/main", "never"],
  ["github-actions", true, "e", "REPO:octo/app:*", "never"],
  ["github-actions", true, "e", "repo:octo/app", "never"],
  ["github-actions", true, "e", "repo-octo/app:x", "never"],
  ["github-actions", true, "e", "repo:octo/app:pull_request", "one-context+pr"],
  ["github-actions", true, "l", "repo:octo/*:pull_request", "one-tenant+pr"],
  ["github-actions", true, "l", "repo:*:ref:refs/heads/main", "any-tenant"],
  ["github-actions", true, "e", "repository_owner_id:123:repository:octo/app:ref:refs/heads/main", "one-context+tenant-id"],
  ["github-actions", true, "l", "repository_owner_id:123:*", "one-tenant+tenant-id"],
  ["github-actions", true, "l", "repository_owner:octo:*", "one-tenant"],
  ["github-actions", true, "e", "repository_id:456:environment:prod", "one-context+tenant-id+repo-id"],
  ["github-actions", true, "e", "workflow:deploy:repo:octo/app:ref:refs/heads/main", "one-context+abusable:workflow"],
  ["github-actions", true, "l", "environment:prod:*", "any-tenant+abusable:environment"],
  ["github-actions", true, "l", "repository_owner_id:1?3:*", "any-tenant"],
  ["github-actions", true, "l", "repository_owner_id:*", "any-tenant"],
];

const OTHERS: Row[] = [
  ["gitlab", true, "e", "project_path:grp/app:ref_type:branch:ref:main", "one-context"],
  ["gitlab", true, "e", "project_path:grp/sub/app:ref_type:branch:ref:main", "one-context"],
  ["gitlab", true, "l", "project_path:grp/app:ref_type:branch:ref:*", "one-repository"],
  ["gitlab", true, "l", "project_path:grp/app:ref_type:tag:ref:v*", "one-context"],
  ["gitlab", true, "l", "project_path:grp/app:ref_type:*", "one-repository"],
  ["gitlab", true, "l", "project_path:grp/app:*", "one-repository"],
  ["gitlab", true, "l", "project_path:grp/*", "one-tenant"],
  ["gitlab", true, "l", "project_path:gr*", "any-tenant"],
  ["gitlab", true, "l", "project_path:*", "any-tenant"],
  ["gitlab", false, "l", "project_path:*", "one-tenant"],
  ["gitlab", true, "e", "project_path:grp", "never"],
  ["terraform-cloud", true, "e", "organization:o:project:p:workspace:w:run_phase:apply", "one-context"],
  ["terraform-cloud", true, "l", "organization:o:project:p:workspace:w:run_phase:*", "one-repository"],
  ["terraform-cloud", true, "l", "organization:o:project:p:workspace:*", "one-tenant"],
  ["terraform-cloud", true, "l", "organization:o:*", "one-tenant"],
  ["terraform-cloud", true, "l", "organization:o:project:*:workspace:w:run_phase:apply", "one-tenant"],
  ["terraform-cloud", true, "l", "organization:*:project:p:workspace:w:run_phase:apply", "any-tenant"],
  ["terraform-cloud", true, "l", "organization:o:project:*:workspace:*:run_phase:*", "one-tenant"],
  ["terraform-cloud", true, "e", "organisation:o:project:p:workspace:w:run_phase:apply", "never"],
  ["kubernetes", false, "e", "system:serviceaccount:ci:deployer", "one-context"],
  ["kubernetes", false, "l", "system:serviceaccount:ci:*", "one-repository"],
  ["kubernetes", false, "l", "system:serviceaccount:ci:deploy-*", "one-context"],
  ["kubernetes", false, "l", "system:serviceaccount:*:deployer", "one-tenant"],
  ["kubernetes", false, "l", "system:serviceaccount:*", "one-tenant"],
  ["kubernetes", false, "l", "system:serviceaccount:c?:deployer", "one-tenant"],
  ["kubernetes", false, "l", "*", "one-tenant"],
  ["kubernetes", false, "e", "system:serviceaccounts:ci", "never"],
  ["buildkite", true, "l", "organization:acme:pipeline:deploy:ref:refs/heads/main:commit:*:step:*", "one-context"],
  ["buildkite", true, "l", "organization:acme:pipeline:deploy:ref:refs/heads/*", "one-repository"],
  ["buildkite", true, "l", "organization:acme:pipeline:deploy:*", "one-repository"],
  ["buildkite", true, "l", "organization:acme:*", "one-tenant"],
  ["buildkite", true, "l", "organization:*", "any-tenant"],
  ["buildkite", true, "l", "organization:*:pipeline:deploy:ref:main:commit:*", "any-tenant"],
  ["circleci", false, "e", "org/O/project/P/user/U", "one-context"],
  ["circleci", false, "l", "org/O/project/P/user/*", "one-repository"],
  ["circleci", false, "l", "org/O/project/*", "one-tenant"],
  ["circleci", false, "l", "org/*", "one-tenant"],
  ["generic", false, "e", "deploy", "one-context"],
  ["generic", false, "l", "deploy-*", "one-context"],
  ["generic", false, "l", "*", "one-tenant"],
  ["bitbucket", false, "l", "{workspace-uuid}:*", "one-context"],
];

/**
 * An unknown part is one value chosen at apply: it pins what it covers, never a wildcard; the
 * literal text after it is read wherever the grammar lets it continue, and the widest reading wins.
 */
const UNKNOWN_PARTS: Row[] = [
  // `:` never is in a GitHub owner: the unknown is OWNER/REPO, then any context.
  ["github-actions", true, "l", "repo:${var.repo}:*", "one-repository+unknown"],
  ["github-actions", true, "l", "repo:${var.owner}/*", "one-tenant+unknown"],
  ["github-actions", true, "l", "repo:${var.owner}/${var.repo}:*", "one-repository+unknown"],
  ["github-actions", true, "l", "repo:${var.repo}:ref:refs/heads/main", "one-context+unknown"],
  ["github-actions", true, "l", "repo:${var.repo}:environment:*", "one-repository+unknown"],
  // A wildcard right after the unknown may still be in the owner.
  ["github-actions", true, "l", "repo:${var.owner}*", "any-tenant+unknown"],
  // A wholly unknown value, or one that ends with the unknown, pins (WIF011 says so).
  ["github-actions", true, "l", "${var.subject}", "one-context+unknown"],
  ["github-actions", true, "l", "repo:octo/${var.rest}", "one-context+unknown"],
  // The literal text after an unknown start still opens what it opens.
  ["github-actions", true, "l", "${var.prefix}:*", "one-repository+unknown"],
  ["circleci", false, "l", "org/${var.org}/project/*", "one-tenant+unknown"],
  ["circleci", false, "l", "org/${var.org}/project/${var.project}/user/*", "one-repository+unknown"],
  ["kubernetes", false, "l", "system:serviceaccount:${var.namespace}:*", "one-repository+unknown"],
  ["gitlab", true, "l", "project_path:${var.group}/*", "one-tenant+unknown"],
  ["terraform-cloud", true, "l", "organization:${var.org}:project:*", "one-tenant+unknown"],
  // An unknown cannot make a value the issuer never emits readable.
  ["github-actions", true, "l", "Repo:${var.repo}:*", "never"],
];

describe("subjectScope: unknown parts", () => {
  it.each(UNKNOWN_PARTS)("%s (shared=%s) %s %j → %s", (kind, shared, mode, value, expected) => {
    expect(reach(kind, shared, mode, value)).toBe(expected);
  });

  it("a value with many unknown parts is read within the step bound, never narrower", () => {
    const value = "repo:" + Array.from({ length: 40 }, (_, i) => `\${var.p${i}}`).join("/") + ":*";
    expect(reach("github-actions", true, "l", value)).toMatch(/^(any-tenant|one-tenant|one-repository)/);
  });
});

describe("subjectScope: who can match", () => {
  it.each([...GITHUB, ...OTHERS])("%s (shared=%s) %s %j → %s", (kind, shared, mode, value, expected) => {
    expect(reach(kind, shared, mode, value)).toBe(expected);
  });
});
