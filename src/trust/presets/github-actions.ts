import { Claim } from "../claim";
import { WifValidationError, quote, rejectUnknownOptions } from "../errors";
import { Issuer } from "../issuer";
import { Subject } from "../subject";
import type { TrustProps } from "../trust-props";
import { checkNumericId, checkSubjectPart, checkTrueFlag, exactlyOne, isPattern, NameRule } from "./names";

/** Options of `Trust.githubActions`. Exactly one context: `ref`, `branch`, `tag`, `environment`, `pullRequest` or `anyRef`. */
export interface GitHubActionsTrustOptions {
  /** `OWNER/REPO`. Wildcards are accepted here only to be judged (and by default refused) by the rule engine. */
  readonly repository: string;
  /** A full ref, `refs/heads/main` or `refs/tags/v1.2.3` (glob `*` allowed, e.g. `refs/heads/release-*`). */
  readonly ref?: string;
  /** A branch name, shorthand for `ref: "refs/heads/<branch>"`. */
  readonly branch?: string;
  /** A tag name, shorthand for `ref: "refs/tags/<tag>"` (e.g. `v*`). */
  readonly tag?: string;
  /** A deployment environment: jobs that reference it get `repo:OWNER/REPO:environment:NAME`. */
  readonly environment?: string;
  /** Pull-request workflows (`repo:OWNER/REPO:pull_request`); reachable from forks' PRs where allowed. */
  readonly pullRequest?: true;
  /** Any ref, environment or PR of the repository (`repo:OWNER/REPO:*`): every branch can assume it. */
  readonly anyRef?: true;
  /** Pins the owner by its immutable numeric id (claim `repository_owner_id`). */
  readonly repositoryOwnerId?: string;
  /** Pins the repository by its immutable numeric id (claim `repository_id`). */
  readonly repositoryId?: string;
  /** Requires a reusable workflow (claim `job_workflow_ref`), e.g. `octo/deploy/.github/workflows/deploy.yml@refs/heads/main`. */
  readonly jobWorkflowRef?: string;
  /**
   * Uses GitHub's immutable subject form `repo:OWNER@OWNERID/REPO@REPOID:...` (needs both ids). The
   * ids are then part of the subject rather than separate claim conditions.
   * @default false
   */
  readonly immutableSubject?: boolean;
  /** GitHub Enterprise Cloud: tokens issued at `https://token.actions.githubusercontent.com/<enterprise>`. */
  readonly enterprise?: string;
  /** GitHub Enterprise Cloud with data residency: `https://token.actions.<gheSubdomain>.ghe.com`. */
  readonly gheSubdomain?: string;
  /** @default - each cloud's default audience */
  readonly audiences?: readonly string[];
}

const OPTIONS: readonly (keyof GitHubActionsTrustOptions)[] = [
  "repository", "ref", "branch", "tag", "environment", "pullRequest", "anyRef", "repositoryOwnerId",
  "repositoryId", "jobWorkflowRef", "immutableSubject", "enterprise", "gheSubdomain", "audiences",
];
const CONTEXTS = ["ref", "branch", "tag", "environment", "pullRequest", "anyRef"] as const;

const OWNER: NameRule = {
  whole: /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/,
  char: /[A-Za-z0-9-]/,
  describe: "a GitHub owner is 1-39 letters, digits or single inner hyphens",
  example: "octo-org",
};
const REPO: NameRule = {
  whole: /^(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/,
  char: /[A-Za-z0-9._-]/,
  describe: "a GitHub repository name is 1-100 letters, digits, '.', '_' or '-'",
  example: "payments",
};
// Git ref names: no control characters, spaces, ':', '~', '^', '[', '\\', '..' (git check-ref-format).
const GIT_REF_NAME: NameRule = {
  whole: /^(?!.*\.\.)(?!.*\/\/)(?!\/)(?!.*[/.]$)[^\s:~^[\\\u0000-\u001f\u007f]{1,255}$/,
  char: /[^\s:~^[\\\u0000-\u001f\u007f]/,
  describe: "a git ref name has no spaces, ':', '~', '^', '[', '\\\\' or '..'",
  example: "main",
};
const ENVIRONMENT: NameRule = {
  whole: /^[^\u0000-\u001f\u007f]{1,255}$/,
  char: /[^\u0000-\u001f\u007f]/,
  describe: "an environment name is 1-255 printable characters",
  example: "production",
};

/** The `TrustProps` of `Trust.githubActions`. */
export function githubActionsTrustProps(options: GitHubActionsTrustOptions): TrustProps {
  const field = "githubActions";
  if (options === null || typeof options !== "object") {
    throw new WifValidationError(field, `expected options { repository, environment | ref | branch | tag | pullRequest | anyRef }, got ${quote(options)}.`);
  }
  rejectUnknownOptions(field, options, OPTIONS);
  const { owner, repo } = splitRepository(options.repository);
  checkTrueFlag(`${field}.pullRequest`, options.pullRequest);
  checkTrueFlag(`${field}.anyRef`, options.anyRef);
  const context = contextSuffix(options, exactlyOne(field, options, CONTEXTS));
  const ownerId = options.repositoryOwnerId === undefined ? undefined : checkNumericId(`${field}.repositoryOwnerId`, options.repositoryOwnerId);
  const repoId = options.repositoryId === undefined ? undefined : checkNumericId(`${field}.repositoryId`, options.repositoryId);

  let repoPart = `${owner}/${repo}`;
  const claims: Record<string, Claim> = {};
  if (options.immutableSubject) {
    if (ownerId === undefined || repoId === undefined) {
      throw new WifValidationError(
        `${field}.immutableSubject`,
        `the immutable subject "repo:OWNER@OWNERID/REPO@REPOID:..." needs both repositoryOwnerId and repositoryId; ` +
          `set them (gh api repos/${owner}/${repo} --jq '.owner.id, .id').`,
      );
    }
    repoPart = `${owner}@${ownerId}/${repo}@${repoId}`;
  } else {
    if (options.immutableSubject !== undefined && options.immutableSubject !== false) {
      throw new WifValidationError(`${field}.immutableSubject`, `expected true or false, got ${quote(options.immutableSubject)}.`);
    }
    if (ownerId !== undefined) claims.repository_owner_id = Claim.equals(ownerId);
    if (repoId !== undefined) claims.repository_id = Claim.equals(repoId);
  }
  if (options.jobWorkflowRef !== undefined) {
    claims.job_workflow_ref = jobWorkflowRefClaim(options.jobWorkflowRef);
  }
  const sub = `repo:${repoPart}:${context}`;
  const subject = isPattern(owner, repo) || context.includes("*") || context.includes("?") ? Subject.like(sub) : Subject.exactly(sub);
  return {
    issuer: Issuer.githubActions({ enterprise: options.enterprise, gheSubdomain: options.gheSubdomain }),
    subject,
    ...(options.audiences !== undefined ? { audiences: options.audiences } : {}),
    claims,
    description: `GitHub Actions ${owner}/${repo} ${context}`,
  };
}

function splitRepository(repository: unknown): { owner: string; repo: string } {
  const field = "githubActions.repository";
  if (typeof repository !== "string" || repository.split("/").length !== 2) {
    throw new WifValidationError(field, `${quote(repository)} is not "OWNER/REPO". Give the owner and the repository, e.g. "octo-org/payments".`);
  }
  const [owner, repo] = repository.split("/");
  return {
    owner: checkSubjectPart(field, owner, OWNER),
    repo: checkSubjectPart(field, repo, REPO),
  };
}

function contextSuffix(options: GitHubActionsTrustOptions, context: (typeof CONTEXTS)[number]): string {
  const field = `githubActions.${context}`;
  switch (context) {
    case "ref": {
      const ref = options.ref as string;
      if (typeof ref !== "string" || !/^refs\/(heads|tags)\/./.test(ref)) {
        throw new WifValidationError(
          field,
          `${quote(ref)} is not a full ref. Write "refs/heads/<branch>" or "refs/tags/<tag>", or use branch / tag.`,
        );
      }
      checkSubjectPart(field, ref.replace(/^refs\/(heads|tags)\//, ""), GIT_REF_NAME);
      return `ref:${ref}`;
    }
    case "branch":
      return `ref:refs/heads/${checkSubjectPart(field, options.branch, GIT_REF_NAME)}`;
    case "tag":
      return `ref:refs/tags/${checkSubjectPart(field, options.tag, GIT_REF_NAME)}`;
    case "environment":
      // GitHub percent-encodes ":" inside subject values.
      return `environment:${checkSubjectPart(field, options.environment, ENVIRONMENT).replace(/:/g, "%3A")}`;
    case "pullRequest":
      return "pull_request";
    case "anyRef":
      return "*";
  }
}

function jobWorkflowRefClaim(value: unknown): Claim {
  const field = "githubActions.jobWorkflowRef";
  if (typeof value !== "string" || !/^[^/\s]+\/[^/\s]+\/\.github\/workflows\/[^@\s]+@\S+$/.test(value)) {
    throw new WifValidationError(
      field,
      `${quote(value)} is not a job_workflow_ref. Use "OWNER/REPO/.github/workflows/FILE.yml@REF", e.g. ` +
        `"octo-org/deploy/.github/workflows/deploy.yml@refs/heads/main".`,
    );
  }
  return isPattern(value) ? Claim.like(value) : Claim.equals(value);
}
