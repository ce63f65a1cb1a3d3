import { WifValidationError, quote } from "../../trust/errors";

/** The AWS partitions whose IAM supports OIDC providers: commercial, China, GovCloud (US). */
export type AwsPartition = "aws" | "aws-cn" | "aws-us-gov";

export const AWS_PARTITIONS: readonly AwsPartition[] = ["aws", "aws-cn", "aws-us-gov"];

/** The parts of an IAM OIDC provider ARN. */
export interface OidcProviderArnParts {
  readonly partition: AwsPartition;
  readonly accountId: string;
  /** The provider URL without `https://`, e.g. `token.actions.githubusercontent.com`. */
  readonly hostAndPath: string;
}

const ACCOUNT_ID = /^[0-9]{12}$/;
// The host and path keep an AKS issuer's trailing "/" (".../<tenant>/<uuid>/"); never "//" or a leading "/".
const PROVIDER_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::([0-9]{12}):oidc-provider\/((?!.*\/\/)[^\s*?/][^\s*?]*)$/;

/** Throws unless `partition` is one of `aws`, `aws-cn`, `aws-us-gov`. */
export function checkPartition(field: string, partition: unknown): AwsPartition {
  if (!AWS_PARTITIONS.includes(partition as AwsPartition)) {
    throw new WifValidationError(field, `${quote(partition)} is not an AWS partition. Use one of ${AWS_PARTITIONS.map((p) => `"${p}"`).join(", ")}.`);
  }
  return partition as AwsPartition;
}

/** Throws unless `accountId` is a 12-digit AWS account id. */
export function checkAccountId(field: string, accountId: unknown): string {
  if (typeof accountId !== "string" || !ACCOUNT_ID.test(accountId)) {
    throw new WifValidationError(field, `${quote(accountId)} is not an AWS account id. Give the 12 digits as a string, e.g. "111122223333".`);
  }
  return accountId;
}

/**
 * The ARN IAM gives the OIDC provider of `hostAndPath` in an account.
 *
 * @example
 * oidcProviderArn({ partition: "aws", accountId: "111122223333", hostAndPath: "token.actions.githubusercontent.com" });
 * // "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"
 */
export function oidcProviderArn(parts: OidcProviderArnParts): string {
  return `arn:${parts.partition}:iam::${parts.accountId}:oidc-provider/${parts.hostAndPath}`;
}

/** The parts of a literal OIDC provider ARN, or `undefined` when `arn` is not one. */
export function parseOidcProviderArn(arn: string): OidcProviderArnParts | undefined {
  const m = PROVIDER_ARN.exec(arn);
  if (!m) return undefined;
  return { partition: m[1] as AwsPartition, accountId: m[2], hostAndPath: m[3] };
}

/** The length the provider ARN of `hostAndPath` will have once deployed (the account id is always 12 digits). */
export function oidcProviderArnLength(partition: AwsPartition, hostAndPath: string): number {
  return oidcProviderArn({ partition, accountId: "000000000000", hostAndPath }).length;
}
