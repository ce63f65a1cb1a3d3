import { plainContext } from "./inventory-words";
import { awsClaimKeys } from "./aws-claim-keys";
import type { IssuerProfile } from "./profile";

const CONTEXT_KINDS = ["ref:refs/heads/", "ref:refs/tags/", "ref:refs/pull/", "environment:"];
const TAIL_PINS_CONTEXT = /:(ref:refs\/(heads|tags)\/[^:*?]+|environment:[^:*?]+|pull_request)$/;
const TEMPLATE_IMPLIES = new Set(["repository_owner_id", "repository_id", "repository", "repository_owner"]);

/**
 * GitHub Actions (github.com, GitHub Enterprise Cloud slugs, data-residency `*.ghe.com`).
 * Sources: GitHub docs "OpenID Connect reference" (subject formats, immutable subjects, custom
 * templates), AWS Service Authorization Reference for STS (condition keys), Microsoft Entra flexible
 * federated identity credentials.
 */
export const GITHUB_ACTIONS: IssuerProfile = {
  kind: "github-actions",
  name: "GitHub Actions",
  docs: "https://docs.github.com/en/actions/reference/security/oidc",
  preset: 'Trust.githubActions({ repository: "octo-org/app", environment: "production", repositoryOwnerId: "1234567" })',
  urls: [
    { hostAndPath: /^token\.actions\.githubusercontent\.com(\/[^/]+)?$/, shared: true, example: "https://token.actions.githubusercontent.com" },
    { hostAndPath: /^token\.actions\.[a-z0-9-]+\.ghe\.com$/, shared: true, example: "https://token.actions.octo.ghe.com" },
  ],
  grammars: [
    {
      form: "repo:OWNER/REPO:CONTEXT",
      fields: [
        { name: "owner", role: "tenant", lead: "repo:", stop: "/", excludes: ":", immutableSuffix: true },
        { name: "repository", role: "repository", lead: "/", stop: ":", excludes: "/", immutableSuffix: true },
        { name: "context", role: "context", lead: ":", stop: "", kinds: CONTEXT_KINDS },
      ],
      tailPinsContext: (tail) => TAIL_PINS_CONTEXT.test(tail),
      pullRequestContext: (context) => context === "pull_request" || context.startsWith("ref:refs/pull/"),
    },
  ],
  subjectTemplates: {
    keys: [
      "repo",
      "context",
      "repository",
      "repository_owner",
      "repository_owner_id",
      "repository_id",
      "repository_visibility",
      "workflow",
      "workflow_ref",
      "workflow_sha",
      "job_workflow_ref",
      "job_workflow_sha",
      "environment",
      "ref",
      "ref_type",
      "ref_protected",
      "head_ref",
      "base_ref",
      "event_name",
      "actor",
      "actor_id",
      "enterprise",
      "enterprise_id",
      "runner_environment",
      "sha",
    ],
    abusable: ["workflow", "environment", "ref", "context", "head_ref", "base_ref"],
  },
  claims: {
    repository_owner: { pins: ["tenant"] },
    repository_owner_id: { pins: ["tenant"], immutable: true },
    repository: { pins: ["tenant", "repository"], ownerSlashName: true },
    repository_id: { pins: ["tenant", "repository"], immutable: true },
    ref: { pins: ["context"] },
    environment: { pins: ["context"] },
  },
  // Logins are letters, digits and hyphens (`_SHORTCODE` for managed users, `[bot]` for apps); ids are numbers.
  claimValues: {
    actor: /^[A-Za-z0-9_-]+(\[bot\])?$/,
    actor_id: /^[0-9]+$/,
    repository_owner: /^[A-Za-z0-9_-]+$/,
    repository_owner_id: /^[0-9]+$/,
    repository: /^[A-Za-z0-9_-]+\/[A-Za-z0-9._-]+$/,
    repository_id: /^[0-9]+$/,
  },
  words: {
    tenant: "GitHub owner (user or organization)",
    repository: "repository",
    context: "branch, tag, pull request or environment",
    example: (tenant = "OWNER") => `repo:${tenant}/REPO:environment:production (or :ref:refs/heads/main)`,
    anyContext: {
      risk: (value) =>
        `${JSON.stringify(value)} admits every branch, tag, pull request and environment of the repository, so anyone who can push a branch gets this identity.`,
      fix: "Pin one context: `ref:refs/heads/main` or `environment:production`, or acknowledge it with a reason (e.g. a read-only role).",
    },
    immutablePins: "`repository_owner_id` or `repository_id` (StringEquals / Claim.equals), or the immutable subject `repo:OWNER@OWNER_ID/REPO@REPO_ID:...`",
  },
  inventory: {
    name: () => "GitHub",
    tenant: "owner",
    repository: "repository",
    context: (context) => {
      if (context === "pull_request") return ", pull requests";
      const gh = /^(ref:refs\/heads\/|ref:refs\/tags\/|environment:|ref:refs\/pull\/)(.*)$/.exec(context);
      if (!gh) return plainContext()(context);
      const noun = gh[1] === "environment:" ? "environment" : gh[1] === "ref:refs/heads/" ? "branch" : gh[1] === "ref:refs/tags/" ? "tag" : "pull request ref";
      return gh[2] === "*" ? `, any ${noun}` : `, ${noun} ${gh[2]}`;
    },
    claims: {
      tenant: ["repository_owner", "repository_owner_id"],
      repository: ["repository", "repository_id"],
      context: ["environment", "ref"],
      contextPrefix: { environment: "environment:", ref: "ref:" },
    },
  },
  defaultAudience: (cloud) => (cloud === "aws" ? "sts.amazonaws.com" : undefined), // aws-actions/configure-aws-credentials
  aws: { claimKeys: awsClaimKeys("token.actions.githubusercontent.com", "token.actions.githubusercontent.com/${SubPath}", "token.actions.${Domain}.ghe.com") },

  azure: {
    flexible: {
      urls: ["https://token.actions.githubusercontent.com"],
      language: {
        name: "GitHub Actions",
        claims: {
          sub: ["eq", "matches"],
          job_workflow_ref: ["eq", "matches"],
          repository_id: ["eq"],
          repository_owner_id: ["eq"],
        },
        requiredOneOf: ["repository_id", "repository_owner_id"],
      },
    },
    /**
     * `repo:OWNER/REPO:...` is issued only to that repository (the segment cannot contain `:`), so it
     * implies `repository` and `repository_owner`; the immutable form also implies the ids. A customised
     * template whose first keys are repository claims implies those values (GitHub writes the token's own
     * values, `:` encoded as `%3A`). Mutable names never imply numeric ids.
     */
    impliedClaims: (prefix) => {
      const out: Record<string, string> = {};
      const repo = /^repo:([^:@/]+)(?:@([0-9]+))?\/([^:@/]+)(?:@([0-9]+))?:/.exec(prefix);
      if (repo) {
        out.repository_owner = repo[1];
        out.repository = `${repo[1]}/${repo[3]}`;
        if (repo[2] !== undefined) out.repository_owner_id = repo[2];
        if (repo[2] !== undefined && repo[4] !== undefined) out.repository_id = repo[4];
        return out;
      }
      const parts = prefix.split(":");
      for (let i = 0; i + 2 < parts.length && TEMPLATE_IMPLIES.has(parts[i]); i += 2) {
        if (parts[i + 1] === "" || parts[i] in out) break;
        out[parts[i]] = parts[i + 1];
      }
      return out;
    },
    claimAdvice:
      'customise the GitHub subject template so the subject contains the claim (e.g. "repository_owner_id:123:repository_id:456:..."; ' +
      "gh api -X PUT repos/OWNER/REPO/actions/oidc/customization/sub) and trust that subject",
  },
};
