import type { IssuerKind } from "../trust/issuer";

const ANY = "*";

/** The issuer's product name, for sentences. */
export function issuerName(kind: IssuerKind, issuer: string): string {
  switch (kind) {
    case "github-actions":
      return "GitHub";
    case "gitlab":
      return "GitLab";
    case "terraform-cloud":
      return "HCP Terraform";
    case "buildkite":
      return "Buildkite";
    case "circleci":
      return "CircleCI";
    case "kubernetes":
      return `cluster ${issuer}`;
    default:
      return issuer;
  }
}

/**
 * Who a family is, in words: "GitHub octo/app, environment production", "any repository of octo",
 * "anyone on GitHub", "service account ci/deployer of cluster https://...".
 */
export function familyWords(
  kind: IssuerKind,
  issuer: string,
  shared: boolean,
  p: { readonly tenant: string; readonly repository: string; readonly context: string },
): string {
  const name = issuerName(kind, issuer);
  if (kind === "kubernetes") {
    const ns = p.repository === ANY ? "any namespace" : `namespace ${p.repository}`;
    if (p.repository === ANY && p.context === ANY) return `any service account of ${name}`;
    return p.context === ANY ? `any service account in ${ns} of ${name}` : `service account ${p.repository}/${p.context} of ${name}`;
  }
  if (p.tenant === "?") return `${name} subject ${p.repository}${p.repository.includes("${") ? " (unknown here)" : ""}`;
  if (p.tenant === ANY && p.repository === ANY && p.context === ANY) return shared ? `anyone on ${name}` : `anyone with a token from ${name}`;
  if (p.tenant === ANY) return `${shared ? `any ${tenantNoun(kind)} on ${name}` : name}, ${repoNoun(kind)} ${p.repository}${contextPhrase(kind, p.context)}`;
  if (p.repository === ANY || p.repository === "") {
    const base = `any ${repoNoun(kind)} of ${p.tenant}${shared ? ` on ${name}` : ""}`;
    return p.context === ANY || p.context === "" ? base : `${base}${contextPhrase(kind, p.context)}`;
  }
  return `${name} ${p.tenant}/${p.repository}${contextPhrase(kind, p.context)}`;
}

function tenantNoun(kind: IssuerKind): string {
  return kind === "github-actions" ? "owner" : kind === "gitlab" ? "group" : "organization";
}

function repoNoun(kind: IssuerKind): string {
  return kind === "github-actions"
    ? "repository"
    : kind === "gitlab"
      ? "project"
      : kind === "terraform-cloud"
        ? "project/workspace"
        : kind === "buildkite"
          ? "pipeline"
          : kind === "circleci"
            ? "project"
            : "workload";
}

/** ", environment production", ", branch main", ", any branch, tag or environment". */
export function contextPhrase(kind: IssuerKind, context: string): string {
  if (context === "") return "";
  if (context === ANY)
    return kind === "terraform-cloud" ? ", any run phase" : kind === "circleci" ? ", any user" : ", any branch, tag, environment or pull request";
  const gh = /^(ref:refs\/heads\/|ref:refs\/tags\/|environment:|ref:refs\/pull\/)(.*)$/.exec(context);
  if (kind === "github-actions") {
    if (context === "pull_request") return ", pull requests";
    if (gh) {
      const noun = gh[1] === "environment:" ? "environment" : gh[1] === "ref:refs/heads/" ? "branch" : gh[1] === "ref:refs/tags/" ? "tag" : "pull request ref";
      return gh[2] === ANY ? `, any ${noun}` : `, ${noun} ${gh[2]}`;
    }
  }
  const gl = /^ref_type:(branch|tag):ref:(.*)$/.exec(context);
  if (kind === "gitlab" && gl) return gl[2] === ANY ? `, any ${gl[1]}` : `, ${gl[1]} ${gl[2]}`;
  if (kind === "terraform-cloud") return `, ${context} runs`;
  if (kind === "buildkite") return `, ref ${context}`;
  return `, ${context}`;
}
