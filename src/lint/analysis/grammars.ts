import type { IssuerKind } from "../../trust/issuer";

/** What a subject field identifies. */
export type FieldRole = "tenant" | "repository" | "context" | "extra";

/** One field of a subject grammar: the literal before it and the characters that end its value. */
export interface GrammarField {
  readonly name: string;
  readonly role: FieldRole;
  /** Literal text before the value, e.g. `repo:` or `/`. */
  readonly lead: string;
  /** Characters that end the value (empty: the value runs to the end). */
  readonly stop: string;
  /**
   * For context fields: value prefixes that name a kind of context; a pattern whose literal prefix is
   * only such a kind (`ref:refs/heads/` + `*`) admits every context of that kind.
   */
  readonly kinds?: readonly string[];
  /** True when a value ending in `@<digits>` is an immutable id (GitHub's immutable subjects). */
  readonly immutableSuffix?: boolean;
}

/** An issuer's subject grammar. */
export interface SubjectGrammar {
  readonly issuer: IssuerKind;
  /** Human form, for messages. */
  readonly form: string;
  readonly fields: readonly GrammarField[];
  /** True when the literal text after the last wildcard still pins one context, e.g. `:ref:refs/heads/main`. */
  readonly tailPinsContext: (tail: string) => boolean;
  /** Contexts reachable from forks or pull requests. */
  readonly pullRequestContext?: (context: string) => boolean;
}

const GITHUB_CONTEXT_KINDS = ["ref:refs/heads/", "ref:refs/tags/", "ref:refs/pull/", "environment:"];

export const GITHUB_GRAMMAR: SubjectGrammar = {
  issuer: "github-actions",
  form: "repo:OWNER/REPO:CONTEXT",
  fields: [
    { name: "owner", role: "tenant", lead: "repo:", stop: "/", immutableSuffix: true },
    { name: "repository", role: "repository", lead: "/", stop: ":", immutableSuffix: true },
    { name: "context", role: "context", lead: ":", stop: "", kinds: GITHUB_CONTEXT_KINDS },
  ],
  tailPinsContext: (tail) => /:(ref:refs\/(heads|tags)\/[^:*?]+|environment:[^:*?]+|pull_request)$/.test(tail),
  pullRequestContext: (context) => context === "pull_request" || context.startsWith("ref:refs/pull/"),
};

export const GITLAB_GRAMMAR: SubjectGrammar = {
  issuer: "gitlab",
  form: "project_path:GROUP/PROJECT:ref_type:branch|tag:ref:NAME",
  fields: [
    { name: "group", role: "tenant", lead: "project_path:", stop: "/" },
    { name: "project", role: "repository", lead: "/", stop: ":" },
    { name: "ref", role: "context", lead: ":", stop: "", kinds: ["ref_type:branch:ref:", "ref_type:tag:ref:"] },
  ],
  tailPinsContext: (tail) => /:ref_type:(branch|tag):ref:[^:*?]+$/.test(tail),
};

export const TERRAFORM_CLOUD_GRAMMAR: SubjectGrammar = {
  issuer: "terraform-cloud",
  form: "organization:ORG:project:PROJECT:workspace:WORKSPACE:run_phase:PHASE",
  fields: [
    { name: "organization", role: "tenant", lead: "organization:", stop: ":" },
    { name: "project", role: "repository", lead: ":project:", stop: ":" },
    { name: "workspace", role: "repository", lead: ":workspace:", stop: ":" },
    { name: "run_phase", role: "context", lead: ":run_phase:", stop: "" },
  ],
  tailPinsContext: (tail) => /:run_phase:(plan|apply)$/.test(tail),
};

export const KUBERNETES_GRAMMAR: SubjectGrammar = {
  issuer: "kubernetes",
  form: "system:serviceaccount:NAMESPACE:NAME",
  fields: [
    { name: "namespace", role: "repository", lead: "system:serviceaccount:", stop: ":" },
    { name: "service account", role: "context", lead: ":", stop: "" },
  ],
  tailPinsContext: (tail) => /^:[^:*?]+$/.test(tail),
};

export const BUILDKITE_GRAMMAR: SubjectGrammar = {
  issuer: "buildkite",
  form: "organization:ORG:pipeline:PIPELINE:ref:REF:commit:SHA:step:STEP",
  fields: [
    { name: "organization", role: "tenant", lead: "organization:", stop: ":" },
    { name: "pipeline", role: "repository", lead: ":pipeline:", stop: ":" },
    { name: "ref", role: "context", lead: ":ref:", stop: ":", kinds: ["refs/heads/", "refs/tags/"] },
    { name: "commit", role: "extra", lead: ":commit:", stop: ":" },
    { name: "step", role: "extra", lead: ":step:", stop: "" },
  ],
  tailPinsContext: (tail) => /:ref:[^:*?]+:commit:[^:*?]*(:step:[^:*?]*)?$/.test(tail),
};

export const CIRCLECI_GRAMMAR: SubjectGrammar = {
  issuer: "circleci",
  form: "org/ORG_ID/project/PROJECT_ID/user/USER_ID",
  fields: [
    { name: "organization", role: "tenant", lead: "org/", stop: "/" },
    { name: "project", role: "repository", lead: "/project/", stop: "/" },
    { name: "user", role: "context", lead: "/user/", stop: "" },
  ],
  tailPinsContext: (tail) => /\/user\/[^/*?]+$/.test(tail),
};

/** The grammar of an issuer kind; undefined for issuers whose subjects the engine cannot read (generic, Bitbucket). */
export function grammarFor(kind: IssuerKind): SubjectGrammar | undefined {
  switch (kind) {
    case "github-actions":
      return GITHUB_GRAMMAR;
    case "gitlab":
      return GITLAB_GRAMMAR;
    case "terraform-cloud":
      return TERRAFORM_CLOUD_GRAMMAR;
    case "kubernetes":
      return KUBERNETES_GRAMMAR;
    case "buildkite":
      return BUILDKITE_GRAMMAR;
    case "circleci":
      return CIRCLECI_GRAMMAR;
    default:
      return undefined;
  }
}
