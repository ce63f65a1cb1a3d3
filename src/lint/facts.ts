import type { Cloud } from "../trust/audiences";
import type { IssuerKind } from "../trust/issuer";
import type { Acknowledgement } from "./acknowledgement-type";
import type { SourceLocation } from "./finding";

/**
 * How a check compares a claim, normalized across clouds:
 * - `equals`: exact, case-sensitive (AWS `StringEquals`, CEL `==` / `in`, Azure `eq`, exact subjects);
 * - `equals-ignore-case`: AWS `StringEqualsIgnoreCase`;
 * - `like`: glob, `*` any run (crossing `/` and `:`), `?` one character (AWS `StringLike`, Azure `matches`,
 *   CEL `startsWith`/`endsWith`/`contains` and anchored `matches` translated to globs);
 * - `regex`: a CEL `matches()` that could not be translated to a glob (judged only for anchoring);
 * - `negated`: a negative check (`StringNotEquals`, `!=`): it excludes, it never pins;
 * - `constrains-nothing`: a tautology (`attribute.x == assertion.x`, `true`);
 * - `unknown`: a check whose value is unknown until apply (a variable, a token): its literal parts are
 *   judged, the rest is reported as WIF011 and assumed to pin (a value chosen at apply time);
 * - `unread`: a check the engine cannot read or does not model as a pin (an IAM operator outside the
 *   String family such as `Bool` or `NumericEquals`, an unknown operator name, a CEL ternary, a
 *   condition past the reader's size bounds). It never pins tenant, repository or context and never
 *   hides the rest of the statement: what is unread counts as "could admit anyone".
 */
export type CheckOperator = "equals" | "equals-ignore-case" | "like" | "regex" | "negated" | "constrains-nothing" | "unknown" | "unread";

/**
 * One condition on one claim. Its values are OR-ed. Values keep unresolved parts as written
 * (`${var.org}`); `unknownParts` lists them.
 */
export interface ClaimCheck {
  /** The token claim: `sub`, `aud`, `repository_id`, ...; `attribute.x` when a GCP mapping is not a plain claim. */
  readonly claim: string;
  readonly operator: CheckOperator;
  readonly values: readonly string[];
  /** How it was written, e.g. `ForAllValues:StringLike`, `assertion.sub.matches(...)`, `eq`. */
  readonly native: string;
  /** AWS set operator prefix, when present. */
  readonly setOperator?: "ForAllValues" | "ForAnyValue";
  /** AWS `...IfExists` (true when the claim is missing). */
  readonly ifExists?: boolean;
  /**
   * The comparison ignores case although `operator` is `like`: an AWS `...IgnoreCase` operator whose
   * values hold an IAM policy variable, read as `StringLike` on the lower-cased text.
   */
  readonly ignoresCase?: boolean;
  /**
   * AWS: the operator and values as written, when they hold IAM policy variables (the check's own
   * values read each variable as `*`); `wif explain` substitutes the token's claims into them.
   */
  readonly asWritten?: { readonly op: string; readonly values: readonly string[]; readonly form: "json" | "policy-document" };
  /** For `regex`: the expression and whether it is anchored at each end. */
  readonly regex?: { readonly source: string; readonly anchoredStart: boolean; readonly anchoredEnd: boolean; readonly oneSidedAlternation: boolean };
  /** Where the check comes from: the policy/condition, or a GCP binding member. */
  readonly origin?: "condition" | "member";
}

/** One way in: every check must hold (AND). Statements of one trust are OR-ed; the widest decides. */
export interface StatementFacts {
  /** e.g. `Statement[0]`, `attribute_condition branch 2`, `member principalSet://...`. */
  readonly label: string;
  /** Checks on `aud`. Empty: the audience is not checked (unless `audienceDefault`). */
  readonly audience: readonly ClaimCheck[];
  /** True when the cloud checks a default audience without any explicit check (GCP provider resource name). */
  readonly audienceDefault?: boolean;
  /** Checks on `sub`. */
  readonly subject: readonly ClaimCheck[];
  /** Checks on other claims (`repository_owner_id`, `job_workflow_ref`, ...). */
  readonly claims: readonly ClaimCheck[];
  /**
   * Set when the reader knows no token can take this way in (a GCP member naming an attribute the
   * provider does not map, or a value the mapped claim never has): `value` is what never matches.
   * @default - the checks decide
   */
  readonly never?: { readonly value: string; readonly reason: string };
}

/** The scope of a GCP IAM member that names a workload identity pool. */
export interface GcpMemberFacts {
  readonly member: string;
  /** `pool`: every identity of the pool (`principalSet://.../*`); `subject`, `attribute`, `group`, `unknown`. */
  readonly scope: "pool" | "subject" | "attribute" | "group" | "unknown";
  /** Resource address of the IAM binding. */
  readonly address: string;
}

/** An unresolved value: a variable, a token, a function call. */
export interface UnknownValue {
  /** Where: `sub`, `issuer`, `assume_role_policy`, ... */
  readonly field: string;
  /** The unresolved expression as written, e.g. `${var.org}`. */
  readonly expression: string;
  /**
   * What would decide it, when the evaluation knows: e.g. `var.subjects of module.ci, set nowhere in
   * this configuration (...)`. @default - not known
   */
  readonly decidedBy?: string;
}

/** Values the cloud limits apply to (WIF010). */
export interface LimitFacts {
  readonly awsTrustPolicyLength?: number;
  /** GCP `google.subject` values (from exact subject checks), checked against 127 bytes. */
  readonly gcpSubjectValues?: readonly string[];
  readonly gcpPoolId?: string;
  readonly gcpProviderId?: string;
  /** Federated credentials on the same Azure identity or application. */
  readonly azureCredentialCount?: number;
  readonly azureCredentialName?: string;
  /** Lengths of Azure issuer/subject/audience values. */
  readonly azureValues?: readonly string[];
}

/** The issuer as the trust names it. */
export interface IssuerFacts {
  /** The issuer URL, e.g. `https://token.actions.githubusercontent.com`; undefined when unknown. */
  readonly url?: string;
  /** The subject grammar. */
  readonly kind: IssuerKind;
  /** True when many tenants share the issuer (github.com, gitlab.com, app.terraform.io, Buildkite). */
  readonly shared: boolean;
  /**
   * The issuer as written when part of it is unknown here (`https://oidc.circleci.com/org/${var.org_id}`,
   * a condition-key prefix `${var.issuer}`); `url` is then undefined and the unknown parts are WIF011.
   * The lint infers the kind from its literal parts or from the subjects (docs/lint.md).
   * @default - the issuer is known, or named nowhere
   */
  readonly unknownUrl?: string;
  /** Every spelling of the issuer in the resource (provider URL, AWS condition-key prefix, Azure issuer). */
  readonly references: readonly { readonly where: string; readonly value: string }[];
}

/**
 * The normalized shape every rule reads: one trust (a role trust policy, a GCP provider with its
 * bindings, an Azure credential, or a `Trust` declaration), whichever source it came from.
 */
export interface TrustFacts {
  /** Resource address (`aws_iam_role.ci`) or construct path. */
  readonly address: string;
  readonly cloud?: Cloud;
  readonly issuer: IssuerFacts;
  /** The ways in, OR-ed. */
  readonly statements: readonly StatementFacts[];
  /** GCP only: the provider condition and the members that name its pool. */
  readonly gcp?: {
    /** The `attribute_condition` as written; undefined when absent. */
    readonly condition?: string;
    /** False when the condition is absent or constrains nothing (`true`, tautologies). */
    readonly conditionConstrains: boolean;
    readonly members: readonly GcpMemberFacts[];
    /** Providers in the same pool. */
    readonly poolProviderCount: number;
  };
  readonly limits?: LimitFacts;
  readonly unknowns: readonly UnknownValue[];
  /**
   * AWS: the labels of the policy's Deny statements that may deny `sts:AssumeRoleWithWebIdentity`. The
   * rules judge only what the Allow statements admit (a Deny never widens a trust); `wif explain` does not
   * evaluate Deny conditions, so a token they may block is undecided, never accepted.
   * @default - none
   */
  readonly denyStatements?: readonly string[];
  readonly acknowledgements: readonly Acknowledgement[];
  readonly source?: SourceLocation;
}
