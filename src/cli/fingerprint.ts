import { createHash } from "crypto";

/** What identifies a finding across runs: its rule, resource, offending value and file (never its line). */
export interface FingerprintFields {
  readonly rule: string;
  readonly address: string;
  readonly value: string;
  readonly file?: string | null;
}

/**
 * A stable identity of a finding, independent of line numbers so it survives edits above it: SARIF
 * `partialFingerprints`, GitLab `fingerprint` and `--baseline` matching all use it.
 *
 * @example
 * findingFingerprint({ rule: "WIF002", address: "aws_iam_role.x", value: "repo:*", file: "infra/aws.tf" });
 */
export function findingFingerprint(f: FingerprintFields): string {
  return createHash("sha256")
    .update([f.rule, f.address, f.value, f.file ?? ""].join("\u0000"))
    .digest("hex")
    .slice(0, 32);
}
