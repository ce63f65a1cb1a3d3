import { Claim } from "../claim";
import { WifValidationError, quote } from "../errors";
import { Issuer } from "../issuer";
import { Subject } from "../subject";
import type { TrustProps } from "../trust-props";
import { checkNumericId, checkPresetOptions, checkSubjectPart, checkTrueFlag, exactlyOne, isPattern, NameRule, presetAudiences } from "./names";

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
   * Which subject form GitHub puts in the tokens:
   * - `false`: the name form `repo:OWNER/REPO:...`; the ids, when given, are separate claim conditions.
   * - `true`: the immutable form `repo:OWNER@OWNERID/REPO@REPOID:...` (needs both ids). GitHub uses it by
   *   default for repositories created, renamed or transferred after mid-2026; older repositories opt in.
   * - `"both"`: the change-over of an older repository: trusts the name form and the immutable form
   *   (two exact subjects, each with the id pins; two credentials on Azure), so the role keeps working
   *   before and after the repository switches. Set `true` once it has switched.
   * @default false
   */
  readonly immutableSubject?: boolean | "both";
  /** GitHub Enterprise Cloud: tokens issued at `https://token.actions.githubusercontent.com/<enterprise>`. */
  readonly enterprise?: string;
  /** GitHub Enterprise Cloud with data residency: `https://token.actions.<gheSubdomain>.ghe.com`. */
  readonly gheSubdomain?: string;
  /** @default - each cloud's default audience */
  readonly audiences?: readonly string[];
}

const OPTIONS: readonly (keyof GitHubActionsTrustOptions)[] = [
  "repository",
  "ref",
  "branch",
  "tag",
  "environment",
  "pullRequest",
  "anyRef",
  "repositoryOwnerId",
  "repositoryId",
  "jobWorkflowRef",
  "immutableSubject",
  "enterprise",
  "gheSubdomain",
  "audiences",
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
  checkPresetOptions(field, options, OPTIONS, "{ repository, environment | ref | branch | tag | pullRequest | anyRef }");
  const { owner, repo } = splitRepository(options.repository);
  checkTrueFlag(`${field}.pullRequest`, options.pullRequest);
  checkTrueFlag(`${field}.anyRef`, options.anyRef);
  const context = contextSuffix(options, exactlyOne(field, options, CONTEXTS));
  const ownerId = options.repositoryOwnerId === undefined ? undefined : checkNumericId(`${field}.repositoryOwnerId`, options.repositoryOwnerId);
  const repoId = options.repositoryId === undefined ? undefined : checkNumericId(`${field}.repositoryId`, options.repositoryId);

  const form = subjectForm(options.immutableSubject);
  const claims: Record<string, Claim> = {};
  const repoParts: string[] = [];
  if (form !== "name") {
    if (ownerId === undefined || repoId === undefined) {
      throw new WifValidationError(
        `${field}.immutableSubject`,
        `the immutable subject "repo:OWNER@OWNERID/REPO@REPOID:..." needs both repositoryOwnerId and repositoryId; ` +
          `set them (gh api repos/${owner}/${repo} --jq '.owner.id, .id').`,
      );
    }
    if (isPattern(owner, repo)) {
      throw new WifValidationError(
        `${field}.immutableSubject`,
        `the immutable subject pins one repository by its ids, so the repository ${quote(`${owner}/${repo}`)} cannot hold a wildcard. Give the exact OWNER/REPO.`,
      );
    }
  }
  if (form !== "immutable") {
    repoParts.push(`${owner}/${repo}`);
    if (ownerId !== undefined) claims.repository_owner_id = Claim.equals(ownerId);
    if (repoId !== undefined) claims.repository_id = Claim.equals(repoId);
  }
  if (form !== "name") repoParts.push(`${owner}@${ownerId}/${repo}@${repoId}`);
  if (options.jobWorkflowRef !== undefined) {
    claims.job_workflow_ref = jobWorkflowRefClaim(options.jobWorkflowRef);
  }
  const subs = repoParts.map((part) => `repo:${part}:${context}`);
  const pattern = isPattern(owner, repo) || context.includes("*") || context.includes("?");
  const subject = pattern
    ? subs.length === 1
      ? Subject.like(subs[0])
      : Subject.anyOf(subs.map((s) => Subject.like(s)))
    : subs.length === 1
      ? Subject.exactly(subs[0])
      : Subject.anyOf(subs);
  return {
    issuer: Issuer.githubActions({ enterprise: options.enterprise, gheSubdomain: options.gheSubdomain }),
    subject,
    ...presetAudiences(field, options.audiences),
    claims,
    description: `GitHub Actions ${owner}/${repo} ${context}${form === "both" ? " (name and immutable subjects)" : ""}`,
  };
}

/** The subject forms trusted: `immutableSubject` checked for its runtime type (JavaScript callers). */
function subjectForm(value: unknown): "name" | "immutable" | "both" {
  if (value === undefined || value === false) return "name";
  if (value === true) return "immutable";
  if (value === "both") return "both";
  throw new WifValidationError(
    "githubActions.immutableSubject",
    `expected true, false or "both", got ${quote(value)}. A string such as "false" is not a boolean: write immutableSubject: false.`,
  );
}

function splitRepository(repository: unknown): { owner: string; repo: string } {
  const field = "githubActions.repository";
  if (typeof repository !== "string" || repository.split("/").length !== 2) {
    throw new WifValidationError(field, `${quote(repository)} is not "OWNER/REPO". Give the owner and the repository, e.g. "octo-org/payments".`);
  }
  const [owner, repo] = repository.split("/");
  if (/\.git$/i.test(repo)) {
    throw new WifValidationError(
      field,
      `${quote(repository)} ends with ".git", as a clone URL does; GitHub's tokens carry the repository name without it, ` +
        `so the subject would never match. Write ${quote(`${owner}/${repo.replace(/\.git$/i, "")}`)}.`,
    );
  }
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
        throw new WifValidationError(field, `${quote(ref)} is not a full ref. Write "refs/heads/<branch>" or "refs/tags/<tag>", or use branch / tag.`);
      }
      checkSubjectPart(field, ref.replace(/^refs\/(heads|tags)\//, ""), GIT_REF_NAME);
      return `ref:${ref}`;
    }
    case "branch":
      rejectFullRef(field, options.branch, "heads");
      return `ref:refs/heads/${checkSubjectPart(field, options.branch, GIT_REF_NAME)}`;
    case "tag":
      rejectFullRef(field, options.tag, "tags");
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

/** `branch: "refs/heads/main"` would compile to `ref:refs/heads/refs/heads/main`, which no token carries. */
function rejectFullRef(field: string, value: unknown, kind: "heads" | "tags"): void {
  if (typeof value !== "string" || !value.startsWith("refs/")) return;
  const option = kind === "heads" ? "branch" : "tag";
  const name = value.replace(/^refs\/(heads|tags)\//, "");
  throw new WifValidationError(
    field,
    `${quote(value)} is a full ref, but ${option} takes the ${option} name: the subject would read ` +
      `"ref:refs/${kind}/${value}", which no token carries. Write ${option}: ${quote(name)}, or ref: ${quote(value)}.`,
  );
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

/** The `Trust` factories of this issuer kind, registered in `TRUST_PRESETS` (`src/trust/presets/index.ts`). */
export const GITHUB_ACTIONS_PRESETS = {
  /** GitHub Actions: `repo:OWNER/REPO:<context>` subjects, with optional immutable id pins. */
  githubActions: githubActionsTrustProps,
} as const;
