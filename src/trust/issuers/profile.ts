import type { AwsClaimKeys } from "./aws-claim-keys";

/**
 * What the library knows about one OIDC issuer kind. One file per kind (`src/trust/issuers/<kind>.ts`)
 * holds one `IssuerProfile`; the presets, the compilers' claim tables, the subject analysis of the lint,
 * the rules' wording and the docs all read it. Nothing here imports cloud or lint code.
 */

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
   * Characters the value never holds besides `stop` (a GitHub owner never holds `:`): they decide
   * where the literal text after an unknown part can fall (`repo:${var.repo}:*`: the `:` ends the
   * repository, so the unknown is OWNER/REPO). @default - any character
   */
  readonly excludes?: string;
  /**
   * For context fields: value prefixes that name a kind of context; a pattern whose literal prefix is
   * only such a kind (`ref:refs/heads/` + `*`) admits every context of that kind.
   */
  readonly kinds?: readonly string[];
  /** True when a value ending in `@<digits>` is an immutable id (GitHub's immutable subjects). */
  readonly immutableSuffix?: boolean;
}

/** An issuer's subject grammar, as the lint reads subjects. */
export interface SubjectGrammar {
  /** Human form, for messages. */
  readonly form: string;
  /** The fields in order; at least one (the first lead is what a value's literal start is matched against). */
  readonly fields: readonly [GrammarField, ...GrammarField[]];
  /** True when the literal text after the last wildcard still pins one context, e.g. `:ref:refs/heads/main`. */
  readonly tailPinsContext: (tail: string) => boolean;
  /** Contexts reachable from forks or pull requests. */
  readonly pullRequestContext?: (context: string) => boolean;
}

/** What an exact value of a (non-`sub`) claim pins on this issuer. */
export interface ClaimMeaning {
  readonly pins: readonly ("tenant" | "repository" | "context")[];
  /** The value is an id that never changes hands (numeric owner/repository ids, UUIDs). */
  readonly immutable?: boolean;
  /** The value is `TENANT/REST`: a pattern with a literal `TENANT/` still pins the tenant. */
  readonly ownerSlashName?: boolean;
}

/** One family of issuer URLs of a kind (matched against the URL without `https://`). */
export interface IssuerUrl {
  readonly hostAndPath: RegExp;
  /** True when many unrelated tenants get tokens from this one URL (github.com, gitlab.com, ...). */
  readonly shared: boolean;
  /** True when the tokens' `iss` ends with "/" (AKS), which the URL then keeps. @default false */
  readonly trailingSlash?: boolean;
  /** An example URL, for docs and messages. */
  readonly example: string;
}

/** A severity a profile may give a finding (the lint's severities, minus `critical`/`info`). */
export type ProfileSeverity = "low" | "medium" | "high";

/** The words of one finding: what is at risk and how to fix it. */
export interface FindingWords {
  readonly severity?: ProfileSeverity;
  readonly risk: (value: string) => string;
  readonly fix: string;
}

/** How messages name the parts of a subject on this issuer. */
export interface IssuerWords {
  /** The tenant segment, e.g. "GitHub owner (user or organization)". */
  readonly tenant: string;
  /** One "repository", e.g. "project" on GitLab, "workspace" on HCP Terraform. */
  readonly repository: string;
  /** The contexts of one repository, e.g. "branch, tag, pull request or environment". */
  readonly context: string;
  /** A concrete narrow subject for fix messages; `tenant` replaces the placeholder owner when known. */
  readonly example: (tenant?: string) => string;
  /** WIF004: one repository, any context. */
  readonly anyContext: FindingWords;
  /**
   * WIF004 (raised) instead of WIF003 when the grammar has no tenant and an open repository field admits
   * a workload name everywhere (Kubernetes: a service account name in any namespace).
   */
  readonly anyRepository?: FindingWords;
  /** WIF008: the immutable-id pins to add; set only where names are recycled on a shared issuer. */
  readonly immutablePins?: string;
}

/** The parts of one workload family the inventory names (`*`: open). */
export interface FamilyParts {
  readonly tenant: string;
  readonly repository: string;
  readonly context: string;
}

/** The claims that name a family's tenant, repository and context (the first one checked wins). */
export interface FamilyClaims {
  readonly tenant: readonly string[];
  readonly repository: readonly string[];
  readonly context: readonly string[];
  /** Context claims as the subject spells them (GitHub: `environment` is `environment:NAME` in the subject). */
  readonly contextPrefix?: Readonly<Record<string, string>>;
}

/** How the inventory (`wif inventory`) describes the workload families of this issuer. */
export interface InventoryWords {
  /** The issuer in sentences ("GitHub"), given its URL (a cluster is named by its URL). */
  readonly name: (issuerUrl: string) => string;
  /** One tenant, e.g. "owner" (`any owner on GitHub`). */
  readonly tenant: string;
  /** One repository, e.g. "project" (`any project of grp on GitLab`). */
  readonly repository: string;
  /** The phrase for one context value, e.g. `, environment production`; `*` is every context. */
  readonly context: (context: string) => string;
  /** A whole sentence for every family, where tenant/repository wording does not fit (Kubernetes service accounts). */
  readonly family?: (name: string, parts: FamilyParts) => string;
  /** The claims that name the parts of a family when the subject leaves them open. */
  readonly claims: FamilyClaims;
}

/** What AWS STS evaluates for this issuer (beyond `aud` and `sub`), per issuer URL family. */
export interface AwsSupport {
  /**
   * Issuer-specific claims AWS turns into condition keys (`<issuer>:<claim>`): `awsClaimKeys(prefix, ...)`,
   * read from the one generated table of the AWS Service Authorization Reference (`aws-claim-table.ts`).
   */
  readonly claimKeys: readonly AwsClaimKeys[];
}

/** The clouds a profile can name a default audience for. */
export type ProfileCloud = "aws" | "gcp" | "azure";

/** The operators of Entra's flexible credential language. */
export type FlexibleOperator = "eq" | "matches";

/** What Entra's flexible credential language allows for one issuer. */
export interface FlexibleLanguage {
  /** A human name for messages. */
  readonly name: string;
  /** The claims an expression may test, with the operators allowed on each. */
  readonly claims: Readonly<Record<string, readonly FlexibleOperator[]>>;
  /** The expression must test at least one of these claims (GitHub: an immutable id; GitLab: the project id). */
  readonly requiredOneOf?: readonly string[];
  /** `requiredOneOf` applies only to subjects matching this (GitLab: `project_path:...`). @default - every subject */
  readonly requiredWhenSubject?: RegExp;
}

/** What Entra can check for this issuer. */
export interface AzureSupport {
  /** Issuer URLs whose tokens Entra matches with flexible credentials, and the language allowed. */
  readonly flexible?: {
    readonly urls: readonly string[];
    /** Further issuer URLs Entra accepts for this kind (self-managed GitLab: `gitlab.<name>.com` / `.ca`). @default - none */
    readonly urlPattern?: RegExp;
    /** `urlPattern` in words, for messages, e.g. `https://gitlab.<name>.com or .ca (self-managed GitLab)`. @default - none */
    readonly urlPatternText?: string;
    readonly language: FlexibleLanguage;
    /** Where it applies when narrower than the kind, for messages (GitLab: "gitlab.com"). */
    readonly scope?: string;
  };
  /**
   * The claim values every token whose subject starts with `literalPrefix` necessarily carries (so an
   * exact credential proves them). Only what the issuer guarantees.
   * @default - none
   */
  readonly impliedClaims?: (literalPrefix: string) => Readonly<Record<string, string>>;
  /** Extra advice when Azure cannot check a claim (GitHub: customise the subject template). */
  readonly claimAdvice?: string;
}

/** Everything the library knows about one issuer kind. */
export interface IssuerProfile {
  /** The kind, equal to its key in the registry. */
  readonly kind: string;
  /** Human name, e.g. "GitHub Actions". */
  readonly name: string;
  /** The issuer's own documentation of its tokens. */
  readonly docs: string;
  /**
   * Where each fact of the profile was checked: the issuer's own documentation first. Rendered in
   * docs/issuers.md. @default - `docs` only
   */
  readonly sources?: readonly { readonly url: string; readonly confirms: string }[];
  /** Facts the profile relies on that could not be confirmed against the issuer's own documentation, and what to check. @default - none recorded */
  readonly unconfirmed?: readonly string[];
  /** The preset call that builds a narrow trust, for the docs (`Trust.buildkite({ ... })`). */
  readonly preset?: string;
  /** The issuer URLs the kind is recognised by (empty: only when the caller names the kind). */
  readonly urls: readonly IssuerUrl[];
  /**
   * Subject grammars; a subject is read with the first grammar whose first literal fits it (Azure DevOps
   * has two). Empty: the engine reads subjects as opaque values.
   */
  readonly grammars: readonly SubjectGrammar[];
  /** Subjects start with this literal whatever the issuer URL (`spiffe://`): a generic issuer is read as this kind. */
  readonly subjectPrefix?: string;
  /**
   * GitHub-style customised subject templates (`repository_owner_id:123:...`): the claim keys that may
   * start one, the keys whose value the trigger controls, and the claims each key proves.
   */
  readonly subjectTemplates?: {
    readonly keys: readonly string[];
    readonly abusable: readonly string[];
  };
  /** Claims that identify the workload (a trust on them alone is not "no subject check"), with what they pin. */
  readonly claims: Readonly<Record<string, ClaimMeaning>>;
  /**
   * The form of a claim's values where the issuer documents it (GitHub logins, numeric ids): a value
   * outside it is never issued, so a check that requires one admits no token (a GCP member
   * `principal://.../subject/repo:o/r:...` while `google.subject` is `assertion.actor`). Only what
   * the issuer guarantees; when in doubt, wider.
   * @default - none
   */
  readonly claimValues?: Readonly<Record<string, RegExp>>;
  readonly words: IssuerWords;
  /** How the inventory describes its workload families. */
  readonly inventory: InventoryWords;
  /**
   * The audience tokens carry when the workload uses the usual login of `cloud` and the trust names
   * none (`hostAndPath`: the issuer URL without `https://`). `undefined`: the cloud's own default
   * (Azure `api://AzureADTokenExchange`, GCP the provider's resource name), or none on AWS.
   */
  readonly defaultAudience: (cloud: ProfileCloud, hostAndPath: string) => string | undefined;
  readonly aws: AwsSupport;
  readonly azure: AzureSupport;
}
