import type { IssuerKind } from "../../trust/issuer";

/** The name of the tenant segment on each shared issuer. */
export function tenantWord(kind: IssuerKind): string {
  switch (kind) {
    case "github-actions":
      return "GitHub owner (user or organization)";
    case "gitlab":
      return "GitLab group";
    case "terraform-cloud":
      return "HCP Terraform organization";
    case "buildkite":
      return "Buildkite organization";
    case "circleci":
      return "CircleCI organization";
    default:
      return "tenant";
  }
}

/** What "one repository" is called on each issuer. */
export function repositoryWord(kind: IssuerKind): string {
  switch (kind) {
    case "github-actions":
      return "repository";
    case "gitlab":
      return "project";
    case "terraform-cloud":
      return "workspace";
    case "buildkite":
      return "pipeline";
    case "circleci":
      return "project";
    case "kubernetes":
      return "namespace";
    default:
      return "workload";
  }
}

/** A concrete narrow subject for the issuer, for fix messages. */
export function exampleSubject(kind: IssuerKind, tenant = "OWNER"): string {
  switch (kind) {
    case "github-actions":
      return `repo:${tenant}/REPO:environment:production (or :ref:refs/heads/main)`;
    case "gitlab":
      return `project_path:${tenant === "OWNER" ? "GROUP" : tenant}/PROJECT:ref_type:branch:ref:main`;
    case "terraform-cloud":
      return `organization:${tenant === "OWNER" ? "ORG" : tenant}:project:PROJECT:workspace:WORKSPACE:run_phase:apply`;
    case "kubernetes":
      return "system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT";
    case "buildkite":
      return `organization:${tenant === "OWNER" ? "ORG" : tenant}:pipeline:PIPELINE:ref:refs/heads/main:*`;
    case "circleci":
      return "org/ORG_ID/project/PROJECT_ID/user/*";
    default:
      return "the exact subject of the workload";
  }
}

/** The immutable-id pins of an issuer, for fix messages. */
export function immutablePinWord(kind: IssuerKind): string {
  return kind === "gitlab"
    ? "`namespace_id` or `project_id` (StringEquals / Claim.equals)"
    : "`repository_owner_id` or `repository_id` (StringEquals / Claim.equals), or the immutable subject `repo:OWNER@OWNER_ID/REPO@REPO_ID:...`";
}
