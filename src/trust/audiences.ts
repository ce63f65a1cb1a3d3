import { rejectToken } from "./tokens";
import { WifValidationError, quote } from "./errors";
import { IssuerKind, profileOf } from "./issuers";

/** The clouds a trust can be deployed to. */
export type Cloud = "aws" | "gcp" | "azure";

export const CLOUDS: readonly Cloud[] = ["aws", "gcp", "azure"];

/** Azure's recommended (and default) audience for federated identity credentials. */
export const AZURE_DEFAULT_AUDIENCE = "api://AzureADTokenExchange";

/**
 * The audience a token carries when the workload uses the cloud's usual login and the trust names
 * none, from the issuer's profile (`hostAndPath`: the issuer URL without `https://`, for issuers whose
 * default depends on it, such as CircleCI's organization id). Azure falls back to
 * `api://AzureADTokenExchange`; `undefined` means there is no usual value (GitLab, generic issuers on
 * AWS) or that the cloud construct decides it (GCP: the provider's full resource name).
 */
export function defaultAudience(kind: IssuerKind, cloud: Cloud, hostAndPath = ""): string | undefined {
  const fromProfile = profileOf(kind).defaultAudience(cloud, hostAndPath);
  if (fromProfile !== undefined) return fromProfile;
  return cloud === "azure" ? AZURE_DEFAULT_AUDIENCE : undefined;
}

/** Validates a trust's explicit audience list. */
export function checkAudiences(field: string, audiences: unknown): readonly string[] {
  if (!Array.isArray(audiences) || audiences.length === 0) {
    throw new WifValidationError(field, `expected a non-empty list of audiences, got ${quote(audiences)}. Omit audiences to use each cloud's default.`);
  }
  const seen = new Set<string>();
  for (const aud of audiences) {
    rejectToken(field, aud);
    if (typeof aud !== "string" || aud.length === 0 || aud.trim() !== aud) {
      throw new WifValidationError(field, `${quote(aud)} is not a usable audience: give a non-empty string without surrounding whitespace.`);
    }
    if (aud.includes("${") || aud.includes("%{")) {
      throw new WifValidationError(
        field,
        `${quote(aud)} contains "\${" or "%{", which Terraform reads as an interpolation or template directive (and cdktf tokens look like that too). Give the literal audience.`,
      );
    }
    if (/[*?]/.test(aud)) {
      throw new WifValidationError(
        field,
        `${quote(aud)} contains a wildcard. Audiences are compared exactly by every cloud; give the exact "aud" value the workload requests.`,
      );
    }
    if (aud.length > 255) {
      throw new WifValidationError(field, `${quote(aud)} is ${aud.length} characters long; AWS accepts client ids of at most 255.`);
    }
    if (seen.has(aud)) throw new WifValidationError(field, `${quote(aud)} is listed twice. List each audience once.`);
    seen.add(aud);
  }
  return Object.freeze([...audiences] as string[]);
}
