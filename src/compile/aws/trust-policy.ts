import { checkOptionsObject } from "../../trust/errors";
import type { MatchAlternative } from "../../trust/string-condition";
import { Trust, missingAwsAudience } from "../../trust/trust";
import { AwsPartition, checkPartition, oidcProviderArnLength, parseOidcProviderArn } from "./arn";
import { AWS_UNSUPPORTED_CLAIM_KEYS, awsEvaluatedClaims } from "./claim-keys";
import { iamLiteralForStringLike, iamPatternForStringLike } from "./escape";
import { awsMessages } from "./messages";

/** The default IAM quota for a role trust policy, in characters without whitespace. */
export const AWS_TRUST_POLICY_MAX_LENGTH = 2048;

/** What `compileAwsTrustPolicy` needs besides the trust. */
export interface AwsTrustPolicyOptions {
  /**
   * The ARN of the IAM OIDC provider of the trust's issuer: a literal ARN, or an unresolved token
   * (e.g. `${TfToken[...]}` from a provider resource) whose deployed length is then computed.
   */
  readonly providerArn: string;
  /**
   * The partition, used to compute the ARN's length when `providerArn` is a token.
   * @default - the partition written in `providerArn`, else "aws"
   */
  readonly partition?: AwsPartition;
  /**
   * The largest compiled policy accepted (IAM quota "Role trust policy length").
   * @default 2048
   */
  readonly maxLength?: number;
}

/** A condition value: one string, or a list of which one must match. */
export type AwsConditionValue = string | readonly string[];

/** The trust policy document (the `assume_role_policy` of an `aws_iam_role`). */
export interface AwsTrustPolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly [
    {
      readonly Effect: "Allow";
      readonly Principal: { readonly Federated: string };
      readonly Action: "sts:AssumeRoleWithWebIdentity";
      readonly Condition: Readonly<Partial<Record<"StringEquals" | "StringLike", Readonly<Record<string, AwsConditionValue>>>>>;
    },
  ];
}

/** The compiled policy. */
export interface AwsTrustPolicy {
  readonly document: AwsTrustPolicyDocument;
  /** `document` as compact JSON (what the role's `assume_role_policy` gets). */
  readonly json: string;
  /**
   * The length IAM will count once `providerArn` is resolved: compact JSON without whitespace,
   * conservatively in UTF-8 bytes and with `<`, `>`, `&` counted as `\u003c`-style escapes.
   */
  readonly length: number;
  /** The condition-key prefix: the issuer URL without `https://`. */
  readonly conditionKeyPrefix: string;
}

/**
 * Compiles a trust to the IAM trust policy that admits exactly the tokens `trust.accepts(claims, "aws")`
 * admits, or throws a `WifValidationError` when AWS cannot express it (a claim AWS does not evaluate,
 * no known audience, a policy over the length quota). Pure: no cdktf.
 *
 * Exact values go to `StringEquals`; a subject or claim with any pattern (or a literal `$`) goes to
 * `StringLike` with its exact values escaped (`${*}`, `${?}`, `${$}`), so exact values and patterns
 * stay one OR.
 *
 * @example
 * const { json } = compileAwsTrustPolicy(Trust.githubActions({ repository: "octo-org/app", branch: "main" }), {
 *   providerArn: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
 * });
 */
export function compileAwsTrustPolicy(trust: Trust, options: AwsTrustPolicyOptions): AwsTrustPolicy {
  const field = "compileAwsTrustPolicy";
  options = checkOptionsObject<AwsTrustPolicyOptions>(
    field,
    options,
    ["providerArn", "partition", "maxLength"],
    "options { providerArn, partition?, maxLength? }",
  );
  const maxLength = options.maxLength === undefined ? AWS_TRUST_POLICY_MAX_LENGTH : checkMaxTrustPolicyLength(`${field}.maxLength`, options.maxLength);
  if (options.partition !== undefined) checkPartition(`${field}.partition`, options.partition);
  const prefix = trust.issuer.hostAndPath;
  if (/^accounts\.google\.com$/.test(prefix)) throw awsMessages.unsupportedIssuer(trust);
  if (prefix.includes(":")) throw awsMessages.colonInIssuer(trust);
  // AKS issuers end with "/": the provider ARN and the condition-key prefix keep it ("<host>/<tenant>/<uuid>/:sub").
  const arnLength = providerArnLength(trust, options);

  const audiences = trust.audiencesFor("aws");
  if (audiences === undefined) throw missingAwsAudience(trust);

  const stringEquals: Record<string, AwsConditionValue> = {};
  const stringLike: Record<string, AwsConditionValue> = {};
  place(
    `${prefix}:aud`,
    audiences.map((value) => ({ kind: "exact", value })),
    stringEquals,
    stringLike,
  );
  place(`${prefix}:sub`, trust.subject.alternatives, stringEquals, stringLike);

  const evaluated = awsEvaluatedClaims(prefix);
  for (const [claim, condition] of Object.entries(trust.claims)) {
    if (AWS_UNSUPPORTED_CLAIM_KEYS[claim] !== undefined) {
      throw awsMessages.unevaluatedClaim(trust, claim, evaluated, AWS_UNSUPPORTED_CLAIM_KEYS[claim]);
    }
    if (!evaluated.includes(claim)) throw awsMessages.unevaluatedClaim(trust, claim, evaluated);
    place(`${prefix}:${claim}`, condition.alternatives, stringEquals, stringLike);
  }

  const condition: Record<string, Record<string, AwsConditionValue>> = {};
  if (Object.keys(stringEquals).length > 0) condition.StringEquals = stringEquals;
  if (Object.keys(stringLike).length > 0) condition.StringLike = stringLike;
  const document: AwsTrustPolicyDocument = {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: options.providerArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: condition,
      },
    ],
  };
  const json = JSON.stringify(document);
  const length = policyLength(json) - policyLength(JSON.stringify(options.providerArn).slice(1, -1)) + arnLength;
  if (length > maxLength) throw awsMessages.policyTooLong(length, maxLength, trust);
  return deepFreeze({ document, json, length, conditionKeyPrefix: prefix });
}

/**
 * Puts one key's alternatives under exactly one operator (two operators on one key would AND, not OR):
 * exact values without `$` → `StringEquals`, verbatim. Anything else → `StringLike`, where `${$}`,
 * `${*}` and `${?}` are the documented way to write literal characters (in `StringEquals` AWS would
 * still expand `${...}` policy variables, and the escapes are not documented there).
 */
function place(
  key: string,
  alternatives: readonly MatchAlternative[],
  equals: Record<string, AwsConditionValue>,
  like: Record<string, AwsConditionValue>,
): void {
  if (alternatives.every((a) => a.kind === "exact" && !a.value.includes("$"))) {
    equals[key] = oneOrMany(alternatives.map((a) => (a.kind === "exact" ? a.value : a.pattern)));
    return;
  }
  like[key] = oneOrMany(alternatives.map((a) => (a.kind === "exact" ? iamLiteralForStringLike(a.value) : iamPatternForStringLike(a.pattern))));
}

/**
 * The size IAM counts: the compact JSON (no whitespace between tokens; spaces inside values are
 * counted), conservatively in UTF-8 bytes and with `<`, `>`, `&` as the 6-character escapes Go's
 * JSON encoder (the Terraform provider) may send.
 */
function policyLength(json: string): number {
  return Buffer.byteLength(json, "utf8") + 5 * (json.match(/[<>&]/g)?.length ?? 0);
}

function oneOrMany(values: readonly string[]): AwsConditionValue {
  return values.length === 1 ? values[0] : Object.freeze([...values]);
}

/** The trust-policy length limit: an integer from 1 to 4096 (the IAM quota, 2048 by default, raisable to 4096). */
export function checkMaxTrustPolicyLength(field: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > 4096) throw awsMessages.badMaxLength(field, value);
  return value;
}

/** The deployed length of the provider ARN; checks a literal ARN against the trust's issuer. */
function providerArnLength(trust: Trust, options: AwsTrustPolicyOptions): number {
  const arn = options.providerArn;
  const field = "compileAwsTrustPolicy.providerArn";
  if (typeof arn !== "string" || arn.length === 0) throw awsMessages.notAProviderArn(field, arn);
  const literal = parseOidcProviderArn(arn);
  if (literal) {
    if (literal.hostAndPath !== trust.issuer.hostAndPath) throw awsMessages.issuerMismatch(field, literal.hostAndPath, trust);
    return arn.length;
  }
  if (!arn.includes("${")) throw awsMessages.notAProviderArn(field, arn);
  // A (partly) unresolved ARN: check what is literal, compute the rest.
  const suffix = /:oidc-provider\/([^$]+)$/.exec(arn);
  if (suffix && suffix[1] !== trust.issuer.hostAndPath) throw awsMessages.issuerMismatch(field, suffix[1], trust);
  const written = /^arn:([a-z-]+):/.exec(arn)?.[1];
  const partition = checkPartition("compileAwsTrustPolicy.partition", options.partition ?? written ?? "aws");
  return oidcProviderArnLength(partition, trust.issuer.hostAndPath);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
