import { WifValidationError, quote } from "../../trust/errors";

/** GCP limits the compiler and the construct check (CLOUD-FACTS.md, GCP). */
export const GCP_LIMITS = Object.freeze({
  /** `attribute_condition` length in characters. */
  conditionChars: 4096,
  /** One `attribute_mapping` expression, in characters. */
  mappingExpressionChars: 2048,
  /** The mapped `google.subject` value (the provider docs say characters; the IAM docs say bytes: bytes is the stricter). */
  subjectBytes: 127,
  /** `oidc.allowed_audiences` entries. */
  audiences: 10,
  /** Characters of one allowed audience (the trust model already caps audiences at 255). */
  audienceChars: 256,
});

const ID = /^[a-z0-9-]{4,32}$/;

/**
 * Validates a workload identity pool or provider id: 4-32 characters `[a-z0-9-]`, not starting
 * with `gcp-` (reserved by Google).
 *
 * @example
 * checkGcpId("poolId", "ci-pool"); // "ci-pool"
 */
export function checkGcpId(field: string, value: unknown): string {
  if (typeof value !== "string" || !ID.test(value)) {
    throw new WifValidationError(
      field,
      `${quote(value)} is not a valid workload identity pool/provider id: use 4-32 characters, lowercase letters, digits or "-", e.g. "ci-pool".`,
    );
  }
  if (value.startsWith("gcp-")) {
    throw new WifValidationError(
      field,
      `${quote(value)} starts with "gcp-", a prefix Google reserves. Choose an id without it, e.g. ${quote(`wif-${value.slice(4)}`)}.`,
    );
  }
  return value;
}

/** Validates a GCP project number (digits only; not the project id). */
export function checkProjectNumber(field: string, value: unknown): string {
  if (typeof value !== "string" || !/^[1-9][0-9]{0,19}$/.test(value)) {
    throw new WifValidationError(
      field,
      `${quote(value)} is not a project number. IAM principal identifiers need the numeric project number, not the project id: ` +
        `give it as a string of digits, e.g. "123456789012" (gcloud projects describe PROJECT_ID --format='value(projectNumber)').`,
    );
  }
  return value;
}

/** UTF-8 length of a string. */
export function utf8Bytes(value: string): number {
  return Buffer.byteLength(value, "utf8");
}
