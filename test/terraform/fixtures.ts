/** Builders of Terraform JSON configurations for extractor and rule tests. */

export const GH = "token.actions.githubusercontent.com";
export const GH_PROVIDER_ARN = `arn:aws:iam::111122223333:oidc-provider/${GH}`;

/** A JSON trust policy with one web-identity statement per condition block. */
export function awsPolicy(...conditions: object[]): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: conditions.map((Condition) => ({
      Effect: "Allow",
      Action: "sts:AssumeRoleWithWebIdentity",
      Principal: { Federated: GH_PROVIDER_ARN },
      Condition,
    })),
  });
}

/** A condition block on the GitHub issuer: `{ StringLike: { sub: ... } }` plus the usual audience check. */
export function ghCondition(op: string, subject: string | string[], extra: Record<string, Record<string, unknown>> = {}): object {
  const block: Record<string, Record<string, unknown>> = { StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com" } };
  block[op] = { ...(block[op] ?? {}), [`${GH}:sub`]: subject };
  for (const [o, kv] of Object.entries(extra)) block[o] = { ...(block[o] ?? {}), ...kv };
  return block;
}

/** A Terraform JSON config with the given AWS roles (name → assume_role_policy). */
export function awsRoles(roles: Record<string, unknown>, extra: Record<string, unknown> = {}): object {
  return { resource: { aws_iam_role: Object.fromEntries(Object.entries(roles).map(([n, p]) => [n, { name: n, assume_role_policy: p }])), ...extra } };
}

/** A Terraform JSON config with one role whose trust is `data.aws_iam_policy_document.d` with the given statements. */
export function documentRole(...statements: object[]): object {
  return {
    data: { aws_iam_policy_document: { d: { statement: statements } } },
    resource: { aws_iam_role: { r: { name: "r", assume_role_policy: "${data.aws_iam_policy_document.d.json}" } } },
  };
}

/** A GCP pool + provider (+ members) config. */
export function gcpConfig(options: {
  condition?: string;
  issuer?: string;
  mapping?: Record<string, string>;
  members?: string[];
  providers?: number;
  audiences?: string[];
}): object {
  const providers: Record<string, unknown> = {};
  for (let i = 0; i < (options.providers ?? 1); i++) {
    providers[`p${i}`] = {
      workload_identity_pool_id: "${google_iam_workload_identity_pool.pool.workload_identity_pool_id}",
      workload_identity_pool_provider_id: `github-${i}`,
      attribute_mapping: options.mapping ?? {
        "google.subject": "assertion.sub",
        "attribute.repository": "assertion.repository",
        "attribute.repository_owner": "assertion.repository_owner",
      },
      ...(options.condition !== undefined ? { attribute_condition: options.condition } : {}),
      oidc: { issuer_uri: options.issuer ?? `https://${GH}`, ...(options.audiences ? { allowed_audiences: options.audiences } : {}) },
    };
  }
  return {
    resource: {
      google_iam_workload_identity_pool: { pool: { workload_identity_pool_id: "ci-pool" } },
      google_iam_workload_identity_pool_provider: providers,
      google_service_account_iam_member: Object.fromEntries(
        (options.members ?? []).map((m, i) => [`m${i}`, { service_account_id: "sa", role: "roles/iam.workloadIdentityUser", member: m }]),
      ),
    },
  };
}

export const POOL_PREFIX = "principalSet://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/ci-pool";
export const POOL_SUBJECT_PREFIX = "principal://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/ci-pool";
