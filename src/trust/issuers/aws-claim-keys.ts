import { AWS_CLAIM_TABLE } from "./aws-claim-table";

/** One issuer prefix's AWS claim keys, as an issuer profile lists them (`aws.claimKeys`). */
export interface AwsClaimKeys {
  /** The issuer host and path (the condition-key prefix) this entry applies to. */
  readonly hostAndPath: RegExp;
  readonly claims: readonly string[];
  /** The prefix as the AWS reference writes it, e.g. `token.actions.${Domain}.ghe.com`. */
  readonly prefix?: string;
}

/** What each placeholder of the reference's prefixes stands for: one DNS label or one path segment. */
const PLACEHOLDERS: Readonly<Record<string, string>> = {
  Domain: "[a-z0-9-]+",
  SubPath: "[^/]+",
  EnterpriseName: "[^/]+",
  OrgId: "[^/]+",
  OciUniqueIdentifier: "[a-z0-9]+",
};

function prefixPattern(prefix: string): RegExp {
  const source = prefix
    .split(/(\$\{[A-Za-z]+\})/)
    .map((part) => {
      const name = /^\$\{([A-Za-z]+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
      const pattern = PLACEHOLDERS[name];
      if (pattern === undefined) throw new Error(`internal: unknown placeholder \${${name}} in the AWS claim table`);
      return pattern;
    })
    .join("");
  return new RegExp(`^${source}$`);
}

/**
 * The AWS claim keys of the given condition-key prefixes, read from the one generated table
 * (`aws-claim-table.ts`, from the AWS Service Authorization Reference): profiles name their prefixes,
 * the claims come from the reference data.
 *
 * @example
 * awsClaimKeys("gitlab.com"); // [{ hostAndPath: /^gitlab\.com$/, claims: ["namespace_id", ...], prefix: "gitlab.com" }]
 */
export function awsClaimKeys(...prefixes: readonly string[]): readonly AwsClaimKeys[] {
  return prefixes.map((prefix) => {
    const row = AWS_CLAIM_TABLE.find((r) => r.prefix === prefix);
    if (row === undefined) throw new Error(`internal: ${JSON.stringify(prefix)} is not in the AWS claim table (scripts/generate-aws-claim-table.ts)`);
    return Object.freeze({ hostAndPath: prefixPattern(prefix), claims: row.claims, prefix });
  });
}
