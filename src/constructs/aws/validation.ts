import { isUnresolved } from "../engine";
import { WifValidationError, quote } from "../../trust/errors";
import { terraformText } from "../terraform-literal";

/** Checks of IAM role inputs; unresolved tokens are left to Terraform. */

const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;
const ROLE_PATH = /^(\/|\/[\u0021-\u007e]+\/)$/;
const POLICY_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(aws|[0-9]{12}):policy\/[\u0021-\u007e]+$/;
const DESCRIPTION = /^[\u0009\u000a\u000d\u0020-\u007e\u00a1-\u00ff]{0,1000}$/;
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export function checkRoleName(field: string, name: unknown): string | undefined {
  if (name === undefined || (typeof name === "string" && isUnresolved(name))) return name as string | undefined;
  if (typeof name !== "string" || !ROLE_NAME.test(name)) {
    throw new WifValidationError(
      field,
      `${quote(name)} is not a valid IAM role name: 1-64 characters from letters, digits and "+=,.@_-". ` + `Shorten or rename it, e.g. "payments-deploy".`,
    );
  }
  return name;
}

export function checkRolePath(field: string, path: unknown): string | undefined {
  if (path === undefined || (typeof path === "string" && isUnresolved(path))) return path as string | undefined;
  if (typeof path !== "string" || path.length > 512 || !ROLE_PATH.test(path)) {
    throw new WifValidationError(
      field,
      `${quote(path)} is not a valid IAM path: it must start and end with "/" and hold printable ASCII without spaces (at most 512 characters), e.g. "/ci/".`,
    );
  }
  return path;
}

export function checkMaxSessionDuration(field: string, seconds: unknown): number | undefined {
  if (seconds === undefined || (typeof seconds === "number" && isUnresolved(seconds))) return seconds as number | undefined;
  if (typeof seconds !== "number" || !Number.isInteger(seconds) || seconds < 3600 || seconds > 43200) {
    throw new WifValidationError(field, `${quote(seconds)} is out of range: IAM accepts a whole number of seconds from 3600 (1 hour) to 43200 (12 hours).`);
  }
  return seconds;
}

export function checkDescription(field: string, description: unknown): string | undefined {
  if (description === undefined || (typeof description === "string" && isUnresolved(description))) return description as string | undefined;
  if (typeof description !== "string" || !DESCRIPTION.test(description)) {
    throw new WifValidationError(
      field,
      `${quote(description)} is not a valid IAM role description: at most 1000 characters, Latin-1 printable characters, tabs and newlines only.`,
    );
  }
  return description;
}

export function checkPolicyArn(field: string, arn: unknown): string {
  if (typeof arn === "string" && isUnresolved(arn)) return arn;
  if (typeof arn !== "string" || !POLICY_ARN.test(arn)) {
    throw new WifValidationError(
      field,
      `${quote(arn)} is not an IAM policy ARN. Expected "arn:aws:iam::aws:policy/NAME" (AWS managed) or "arn:aws:iam::<account>:policy/<path/>NAME".`,
    );
  }
  return arn;
}

export function checkPolicyArns(field: string, arns: unknown): readonly string[] {
  if (arns === undefined) return [];
  if (!Array.isArray(arns)) throw new WifValidationError(field, `expected a list of policy ARNs, got ${quote(arns)}.`);
  const seen = new Set<string>();
  return arns.map((arn, i) => {
    const checked = checkPolicyArn(`${field}[${i}]`, arn);
    if (seen.has(checked)) throw new WifValidationError(`${field}[${i}]`, `${quote(checked)} is listed twice. List each policy once.`);
    seen.add(checked);
    return checked;
  });
}

/** Inline policies: name → policy document (JSON string, token, or object serialised to JSON). */
export function checkInlinePolicies(field: string, policies: unknown): ReadonlyArray<readonly [string, string]> {
  if (policies === undefined) return [];
  if (policies === null || typeof policies !== "object" || Array.isArray(policies)) {
    throw new WifValidationError(field, `expected an object of policy name to policy document, got ${quote(policies)}.`);
  }
  return Object.entries(policies).map(([name, doc]) => {
    if (!POLICY_NAME.test(name)) {
      throw new WifValidationError(field, `${quote(name)} is not a valid inline policy name: 1-128 characters from letters, digits and "+=,.@_-".`);
    }
    if (typeof doc === "string") {
      if (!isUnresolved(doc)) {
        try {
          JSON.parse(doc);
        } catch {
          throw new WifValidationError(
            `${field}.${name}`,
            `the policy document is not valid JSON (${quote(doc.slice(0, 60))}...). Give a JSON string or an object.`,
          );
        }
      }
      return [name, doc] as const;
    }
    if (doc === null || typeof doc !== "object") {
      throw new WifValidationError(`${field}.${name}`, `expected a policy document (object or JSON string), got ${quote(doc)}.`);
    }
    // IAM policy variables (${aws:username}) must reach IAM literally, not be read by Terraform.
    return [name, terraformText(JSON.stringify(doc))] as const;
  });
}

export function checkTags(field: string, tags: unknown): Readonly<Record<string, string>> | undefined {
  if (tags === undefined) return undefined;
  if (tags === null || typeof tags !== "object" || Array.isArray(tags)) {
    throw new WifValidationError(field, `expected an object of tag key to value, got ${quote(tags)}.`);
  }
  const entries = Object.entries(tags);
  if (entries.length > 50) throw new WifValidationError(field, `${entries.length} tags given; IAM allows at most 50 per resource.`);
  for (const [key, value] of entries) {
    if (isUnresolved(key)) continue;
    if (key.length === 0 || key.length > 128 || !TAG_CHARS.test(key) || /^aws:/i.test(key)) {
      throw new WifValidationError(field, `tag key ${quote(key)} is not valid: 1-128 letters, digits, spaces or "_.:/=+-@", not starting with "aws:".`);
    }
    if (typeof value !== "string") throw new WifValidationError(`${field}.${key}`, `expected a string value, got ${quote(value)}.`);
    if (isUnresolved(value)) continue;
    if (value.length > 256 || !TAG_CHARS.test(value)) {
      throw new WifValidationError(`${field}.${key}`, `tag value ${quote(value)} is not valid: at most 256 letters, digits, spaces or "_.:/=+-@".`);
    }
  }
  return tags as Record<string, string>;
}
