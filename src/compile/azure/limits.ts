/** Entra limits for federated identity credentials (CLOUD-FACTS.md, Azure). */

/** At most this many federated credentials on one managed identity or app registration. */
export const AZURE_MAX_CREDENTIALS = 20;

/** Issuer, subject and audience are each at most this many characters. */
export const AZURE_MAX_VALUE_LENGTH = 600;

/** Credential names: 3-120 characters of `[A-Za-z0-9_-]`, the first alphanumeric. */
export const AZURE_CREDENTIAL_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{2,119}$/;

/**
 * The issuers whose tokens Entra matches with flexible credentials (GitHub, GitLab, HCP Terraform).
 * Only the public issuers Microsoft documents are listed: GitHub Enterprise issuers, self-managed
 * GitLab and Terraform Enterprise are not confirmed, so the compiler refuses them.
 */
export const FLEXIBLE_ISSUERS: Readonly<Record<string, FlexibleIssuer>> = {
  "https://token.actions.githubusercontent.com": {
    name: "GitHub Actions",
    claims: {
      sub: ["eq", "matches"],
      job_workflow_ref: ["eq", "matches"],
      repository_id: ["eq"],
      repository_owner_id: ["eq"],
    },
    requiredOneOf: ["repository_id", "repository_owner_id"],
  },
  "https://gitlab.com": { name: "GitLab", claims: { sub: ["eq", "matches"], project_id: ["eq"] } },
  "https://app.terraform.io": { name: "HCP Terraform", claims: { sub: ["eq", "matches"] } },
  "https://app.eu.terraform.io": { name: "HCP Terraform", claims: { sub: ["eq", "matches"] } },
};

/** The operators of the flexible credential language. */
export type FlexibleOperator = "eq" | "matches";

/** What Entra's flexible credential language allows for one issuer. */
export interface FlexibleIssuer {
  /** A human name for messages. */
  readonly name: string;
  /** The claims an expression may test, with the operators allowed on each. */
  readonly claims: Readonly<Record<string, readonly FlexibleOperator[]>>;
  /** The expression must test at least one of these claims (GitHub: an immutable id). */
  readonly requiredOneOf?: readonly string[];
}
