// The examples in each rule's meta (shown on its docs page) are linted here: an example that fires must
// produce the rule, one that passes must not. Rule ids and counts come from the registry.
import { lintFacts, RULES } from "../../src/lint/engine";
import { ALL_RULES } from "../../src/lint/rules";
import type { RuleExample } from "../../src/lint/rules/examples";
import { extractTrustFacts, resourcesFromTerraformJson } from "../../src/terraform/extract";

/** The Terraform JSON configuration an example stands for. */
function configuration(example: RuleExample): object {
  if (example.aws) {
    const { issuer, condition } = example.aws;
    const prefixed = Object.fromEntries(
      Object.entries(condition).map(([op, checks]) => [
        op,
        Object.fromEntries(Object.entries(checks).map(([k, v]) => [k.includes(":") ? k : `${issuer}:${k}`, v])),
      ]),
    );
    const policy = {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: "sts:AssumeRoleWithWebIdentity",
          Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${issuer}` },
          Condition: prefixed,
        },
      ],
    };
    return { resource: { aws_iam_role: { example: { name: "example", assume_role_policy: JSON.stringify(policy) } } } };
  }
  const gcp = example.gcp!;
  return {
    resource: {
      google_iam_workload_identity_pool: { pool: { workload_identity_pool_id: "ci-pool" } },
      google_iam_workload_identity_pool_provider: {
        example: {
          workload_identity_pool_id: "${google_iam_workload_identity_pool.pool.workload_identity_pool_id}",
          workload_identity_pool_provider_id: "example",
          attribute_mapping: { "google.subject": "assertion.sub", "attribute.repository": "assertion.repository" },
          ...(gcp.condition !== undefined ? { attribute_condition: gcp.condition } : {}),
          oidc: { issuer_uri: gcp.issuer },
        },
      },
    },
  };
}

function rulesOf(example: RuleExample): string[] {
  return lintFacts(extractTrustFacts(resourcesFromTerraformJson(configuration(example)))).map((f) => f.rule);
}

const executable = (examples: readonly RuleExample[]) => examples.filter((e) => e.aws !== undefined || e.gcp !== undefined).map((e) => [e.text, e] as const);

describe.each(ALL_RULES.map((r) => [r.meta.id, r] as const))("%s examples", (id, rule) => {
  const fires = executable(rule.meta.fires);
  const passes = executable(rule.meta.passes);
  if (fires.length > 0) {
    test.each(fires)("fires on %s", (_, example) => {
      expect(rulesOf(example)).toContain(id);
    });
  }
  if (passes.length > 0) {
    test.each(passes)("does not fire on %s", (_, example) => {
      expect(rulesOf(example)).not.toContain(id);
    });
  }
  test("has at least one example that fires", () => {
    expect(rule.meta.fires.length).toBeGreaterThan(0);
  });
});

test("every rule but the cloud limits has an executable example that fires", () => {
  const without = ALL_RULES.filter((r) => executable(r.meta.fires).length === 0).map((r) => r.meta.id);
  expect(without).toEqual(["WIF010"]);
});

test("the engine's rule list is the registry's", () => {
  expect(RULES.map((r) => r.id)).toEqual(ALL_RULES.map((r) => r.meta.id));
  expect(new Set(RULES.map((r) => r.id)).size).toBe(ALL_RULES.length);
});
