/**
 * The examples of a rule's `meta`: shown on its docs page, and linted by the rule tests
 * (test/lint/rule-examples.test.ts), so the documentation cannot drift from the behaviour. Every example
 * carries the Terraform JSON configuration it stands for (an AWS role, a GCP provider, Azure
 * credentials...): there are no prose-only examples.
 */
export interface RuleExample {
  /** Markdown for the docs page. */
  readonly text: string;
  /** The Terraform JSON configuration (`{ resource: { TYPE: { NAME: {...} } } }`) the example stands for. */
  readonly terraform: TerraformJson;
}

/** A Terraform JSON configuration: resource type → name → attributes. */
export interface TerraformJson {
  readonly resource: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
}

/** `{ StringLike: { sub: "repo:*" } }`. */
export type ConditionBlock = Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;

const GITHUB = "token.actions.githubusercontent.com";
const AZURE_AUDIENCE = "api://AzureADTokenExchange";

/** An example made of these Terraform resources. */
export function terraform(text: string, resource: TerraformJson["resource"]): RuleExample {
  return { text, terraform: { resource } };
}

/**
 * The JSON trust policy of an AWS role trusting `issuer` (host/path) with this `Condition` block; keys
 * without `:` get the issuer prefix. `federated` replaces the principal (e.g. a provider's `${....arn}`).
 */
export function awsTrustPolicy(condition: ConditionBlock, issuer = GITHUB, federated = `arn:aws:iam::111122223333:oidc-provider/${issuer}`): string {
  const prefixed = Object.fromEntries(
    Object.entries(condition).map(([op, checks]) => [
      op,
      Object.fromEntries(Object.entries(checks).map(([k, v]) => [k.includes(":") ? k : `${issuer}:${k}`, v])),
    ]),
  );
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: "sts:AssumeRoleWithWebIdentity",
        Principal: { Federated: federated },
        Condition: prefixed,
      },
    ],
  });
}

/** An AWS role trusting `issuer` (host/path, default GitHub) with exactly this condition block. */
export function awsCondition(text: string, condition: ConditionBlock, issuer = GITHUB): RuleExample {
  return terraform(text, { aws_iam_role: { example: { name: "example", assume_role_policy: awsTrustPolicy(condition, issuer) } } });
}

/**
 * An AWS role checking the audience (`sts.amazonaws.com`, or `audience`) and `sub` with `operator`,
 * plus `more` conditions.
 *
 * @example
 * subject("`repo:*`", "StringLike", "repo:*");
 */
export function subject(
  text: string,
  operator: string,
  sub: string | readonly string[],
  options: { readonly issuer?: string; readonly audience?: string; readonly more?: ConditionBlock } = {},
): RuleExample {
  const condition: Record<string, Record<string, string | readonly string[]>> = { StringEquals: { aud: options.audience ?? "sts.amazonaws.com" } };
  condition[operator] = { ...(condition[operator] ?? {}), sub };
  for (const [op, checks] of Object.entries(options.more ?? {})) condition[op] = { ...(condition[op] ?? {}), ...checks };
  return awsCondition(text, condition, options.issuer);
}

/** A GCP provider (`providerId`) on `issuer` (a URL, default GitHub's) with this `attribute_condition` (absent: none). */
export function gcpCondition(text: string, condition: string | undefined, issuer = `https://${GITHUB}`, providerId = "example"): RuleExample {
  return terraform(text, {
    google_iam_workload_identity_pool: { pool: { workload_identity_pool_id: "ci-pool" } },
    google_iam_workload_identity_pool_provider: {
      example: {
        workload_identity_pool_id: "${google_iam_workload_identity_pool.pool.workload_identity_pool_id}",
        workload_identity_pool_provider_id: providerId,
        attribute_mapping: { "google.subject": "assertion.sub", "attribute.repository": "assertion.repository" },
        ...(condition !== undefined ? { attribute_condition: condition } : {}),
        oidc: { issuer_uri: issuer },
      },
    },
  });
}

/** Federated credentials of one Azure user-assigned identity, one per subject (issuer default GitHub's). */
export function azureCredentials(
  text: string,
  subjects: readonly string[],
  options: { readonly issuer?: string; readonly audience?: readonly string[] } = {},
): RuleExample {
  const credentials = Object.fromEntries(
    subjects.map((sub, i) => [
      `c${i}`,
      {
        name: `ci-${i}`,
        resource_group_name: "rg",
        parent_id: "${azurerm_user_assigned_identity.ci.id}",
        issuer: options.issuer ?? `https://${GITHUB}`,
        subject: sub,
        audience: options.audience ?? [AZURE_AUDIENCE],
      },
    ]),
  );
  return terraform(text, { azurerm_federated_identity_credential: credentials });
}
