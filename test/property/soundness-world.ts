/**
 * The world of the lint soundness properties (issue 9, "the guarantee"): per shared issuer, the
 * home workload a generated trust is written for, and the tokens that must never get in unless the
 * lint says so:
 * - `foreignTenant`: tokens of other tenants (owner `evil-org` / `octo-evil`, group `evil`, org `evil`),
 *   with every claim their own (their repositories, ids and workflows) and the non-identity claims
 *   (workflow, event, actor, ...) chosen by the attacker to equal the home values. A trust that admits
 *   one must be reported WIF001 or WIF002;
 * - `otherRepository`: another repository (project, workspace) of the home tenant: WIF001-WIF003;
 * - `otherContext`: another branch (run phase) of the home repository: WIF001-WIF004. The branches
 *   share no prefix with the home branch: the lint reads a one-character prefix (`refs/heads/m*`)
 *   as an intended family of refs (docs/lint.md), so `main-x` is not "another branch" of `m*`.
 *
 * Values of generated trusts are derived from the home claims only (a trust written for evil-org is
 * not a foreign trust), by mutations that widen, narrow or break them.
 */
import fc from "fast-check";

export type Claims = Readonly<Record<string, string>>;

export interface IssuerWorld {
  readonly name: string;
  /** The issuer URL without `https://` (AWS condition-key prefix). */
  readonly host: string;
  readonly home: Claims;
  readonly foreignTenant: readonly Claims[];
  readonly otherRepository: readonly Claims[];
  readonly otherContext: readonly Claims[];
  /** Claims a condition may check (identity and non-identity). */
  readonly claims: readonly string[];
}

function github(owner: string, ownerId: string, repo: string, repoId: string, branch: string): Claims {
  return {
    iss: "https://token.actions.githubusercontent.com",
    sub: `repo:${owner}/${repo}:ref:refs/heads/${branch}`,
    repository: `${owner}/${repo}`,
    repository_owner: owner,
    repository_owner_id: ownerId,
    repository_id: repoId,
    ref: `refs/heads/${branch}`,
    ref_type: "branch",
    job_workflow_ref: `${owner}/${repo}/.github/workflows/deploy.yml@refs/heads/${branch}`,
    workflow: "deploy",
    event_name: "push",
    actor: "alice",
    runner_environment: "github-hosted",
    repository_visibility: "private",
  };
}

function gitlab(group: string, groupId: string, project: string, projectId: string, branch: string): Claims {
  return {
    iss: "https://gitlab.com",
    sub: `project_path:${group}/${project}:ref_type:branch:ref:${branch}`,
    project_path: `${group}/${project}`,
    namespace_path: group,
    namespace_id: groupId,
    project_id: projectId,
    ref: branch,
    ref_type: "branch",
    ref_protected: "true",
    pipeline_source: "push",
    user_login: "alice",
  };
}

function terraformCloud(org: string, orgId: string, workspace: string, workspaceId: string, phase: string): Claims {
  return {
    iss: "https://app.terraform.io",
    sub: `organization:${org}:project:default:workspace:${workspace}:run_phase:${phase}`,
    terraform_organization_name: org,
    terraform_organization_id: orgId,
    terraform_project_name: "default",
    terraform_workspace_name: workspace,
    terraform_workspace_id: workspaceId,
    terraform_run_phase: phase,
    terraform_full_workspace: `organization:${org}:project:default:workspace:${workspace}`,
  };
}

const claimNames = (c: Claims) => Object.keys(c).filter((k) => k !== "iss");

export const GITHUB: IssuerWorld = {
  name: "GitHub Actions",
  host: "token.actions.githubusercontent.com",
  home: github("octo", "111", "app", "222", "main"),
  foreignTenant: [
    github("evil-org", "999", "app", "901", "main"),
    github("evil-org", "999", "x", "902", "feature"),
    github("octo-evil", "998", "app", "903", "main"),
  ],
  otherRepository: [github("octo", "111", "other", "333", "main"), github("octo", "111", "app-x", "334", "feature")],
  otherContext: [github("octo", "111", "app", "222", "feature"), github("octo", "111", "app", "222", "dev")],
  claims: claimNames(github("o", "1", "r", "2", "b")),
};

export const GITLAB: IssuerWorld = {
  name: "GitLab",
  host: "gitlab.com",
  home: gitlab("grp", "11", "app", "22", "main"),
  foreignTenant: [gitlab("evil", "99", "app", "91", "main"), gitlab("grp-evil", "98", "x", "92", "feature")],
  otherRepository: [gitlab("grp", "11", "other", "33", "main")],
  otherContext: [gitlab("grp", "11", "app", "22", "feature")],
  claims: claimNames(gitlab("g", "1", "p", "2", "b")),
};

export const TERRAFORM_CLOUD: IssuerWorld = {
  name: "HCP Terraform",
  host: "app.terraform.io",
  home: terraformCloud("acme", "org-1", "ws", "ws-1", "apply"),
  foreignTenant: [terraformCloud("evil", "org-9", "ws", "ws-9", "apply"), terraformCloud("acme-evil", "org-8", "x", "ws-8", "plan")],
  otherRepository: [terraformCloud("acme", "org-1", "other", "ws-3", "apply")],
  otherContext: [terraformCloud("acme", "org-1", "ws", "ws-1", "plan")],
  claims: claimNames(terraformCloud("o", "1", "w", "2", "p")),
};

export const WORLDS: readonly IssuerWorld[] = [GITHUB, GITLAB, TERRAFORM_CLOUD];

/** A verdict class a token set demands: the lint must report one of these rules when one of them gets in. */
export const DEMANDS = [
  { tokens: "foreignTenant", rules: ["WIF001", "WIF002"] },
  { tokens: "otherRepository", rules: ["WIF001", "WIF002", "WIF003"] },
  { tokens: "otherContext", rules: ["WIF001", "WIF002", "WIF003", "WIF004"] },
] as const;

/**
 * A value derived from a home value: kept, a run replaced by `*`, one character by `?`, a prefix or
 * suffix kept around `*`, a bare `*`, upper-cased, or truncated.
 */
export function mutatedValue(home: string): fc.Arbitrary<string> {
  const n = home.length;
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant(home) },
    { weight: 3, arbitrary: fc.tuple(fc.nat(n), fc.nat(n)).map(([a, b]) => home.slice(0, Math.min(a, b)) + "*" + home.slice(Math.max(a, b))) },
    { weight: 2, arbitrary: fc.nat(Math.max(0, n - 1)).map((i) => home.slice(0, i) + "?" + home.slice(i + 1)) },
    { weight: 2, arbitrary: fc.nat(n).map((i) => home.slice(0, i) + "*") },
    { weight: 1, arbitrary: fc.nat(n).map((i) => "*" + home.slice(i)) },
    { weight: 1, arbitrary: fc.constant("*") },
    { weight: 1, arbitrary: fc.constant(home.toUpperCase()) },
    { weight: 1, arbitrary: fc.nat(n).map((i) => home.slice(0, i)) },
  );
}

/** Upper- or lower-cases a random subset of the letters (IAM operator names are case-insensitive). */
export function randomCase(word: string): fc.Arbitrary<string> {
  return fc
    .array(fc.boolean(), { minLength: word.length, maxLength: word.length })
    .map((flips) => [...word].map((c, i) => (flips[i] ? (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()) : c)).join(""));
}
