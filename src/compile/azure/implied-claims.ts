import type { IssuerKind } from "../../trust/issuer";

/**
 * The claim values every token with a given subject necessarily carries, per issuer grammar.
 * Azure compares only issuer, subject and audience on exact credentials, so a claim condition of a
 * trust survives there only when it is proved by the subject. Only facts the issuer guarantees are
 * listed (see docs/azure.md, "Claims implied by the subject"):
 *
 * - GitHub Actions: `repo:OWNER/REPO:...` is issued only to that repository (the `repo` segment is
 *   the `repository` claim and cannot contain `:`), so it implies `repository` and
 *   `repository_owner`; the immutable form `repo:OWNER@OID/REPO@RID:...` also implies
 *   `repository_owner_id` and `repository_id`. A customised subject template whose first keys are
 *   `repository_owner_id`, `repository_id`, `repository` or `repository_owner` implies those values
 *   (GitHub writes the token's own values and encodes `:` inside them as `%3A`).
 * - GitLab: `project_path:GROUP/PROJECT:...` implies `project_path`.
 * - HCP Terraform: `organization:O:project:P:workspace:W:...` implies `terraform_organization_name`,
 *   `terraform_project_name` and `terraform_workspace_name`.
 *
 * Mutable names never imply numeric ids: an owner can be deleted and its name registered again.
 */
export function impliedClaims(kind: IssuerKind, literalPrefix: string): Readonly<Record<string, string>> {
  switch (kind) {
    case "github-actions":
      return githubImplied(literalPrefix);
    case "gitlab": {
      const m = /^project_path:([^:*?]+):/.exec(literalPrefix);
      return m ? { project_path: m[1] } : {};
    }
    case "terraform-cloud": {
      const out: Record<string, string> = {};
      const m = /^organization:([^:]+):(?:project:([^:]+):(?:workspace:([^:]+):)?)?/.exec(literalPrefix);
      if (m) {
        out.terraform_organization_name = m[1];
        if (m[2] !== undefined) out.terraform_project_name = m[2];
        if (m[3] !== undefined) out.terraform_workspace_name = m[3];
      }
      return out;
    }
    default:
      return {};
  }
}

/** The part of a subject pattern before its first wildcard; an exact subject is all literal. */
export function literalPrefix(pattern: string): string {
  const i = pattern.search(/[*?]/);
  return i < 0 ? pattern : pattern.slice(0, i);
}

const GITHUB_TEMPLATE_KEYS = new Set(["repository_owner_id", "repository_id", "repository", "repository_owner"]);

function githubImplied(prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  const repo = /^repo:([^:@/]+)(?:@([0-9]+))?\/([^:@/]+)(?:@([0-9]+))?:/.exec(prefix);
  if (repo) {
    out.repository_owner = repo[1];
    out.repository = `${repo[1]}/${repo[3]}`;
    if (repo[2] !== undefined) out.repository_owner_id = repo[2];
    if (repo[2] !== undefined && repo[4] !== undefined) out.repository_id = repo[4];
    return out;
  }
  // Customised template: leading "key:value:" pairs with keys GitHub fills from the token itself.
  const parts = prefix.split(":");
  for (let i = 0; i + 2 < parts.length && GITHUB_TEMPLATE_KEYS.has(parts[i]); i += 2) {
    if (parts[i + 1] === "" || parts[i] in out) break;
    out[parts[i]] = parts[i + 1];
  }
  return out;
}
