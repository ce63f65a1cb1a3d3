// The examples in each rule's meta (shown on its docs page) are linted here: an example that fires must
// produce the rule, one that passes must not. Every example carries its Terraform configuration (none is
// prose only); rule ids and counts come from the registry.
import { lintFacts, RULES } from "../../src/lint/engine";
import { ALL_RULES } from "../../src/lint/rules";
import type { RuleExample } from "../../src/lint/rules/examples";
import { extractTrustFacts, resourcesFromTerraformJson } from "../../src/terraform/extract";

function rulesOf(example: RuleExample): string[] {
  return lintFacts(extractTrustFacts(resourcesFromTerraformJson(example.terraform))).map((f) => f.rule);
}

const cases = (examples: readonly RuleExample[]) => examples.map((e) => [e.text, e] as const);

describe.each(ALL_RULES.map((r) => [r.meta.id, r] as const))("%s examples", (id, rule) => {
  if (rule.meta.fires.length > 0) {
    test.each(cases(rule.meta.fires))("fires on %s", (_, example) => {
      expect(rulesOf(example)).toContain(id);
    });
  }
  if (rule.meta.passes.length > 0) {
    test.each(cases(rule.meta.passes))("does not fire on %s", (_, example) => {
      expect(rulesOf(example)).not.toContain(id);
    });
  }
  test("has at least one example that fires", () => {
    expect(rule.meta.fires.length).toBeGreaterThan(0);
  });
});

test("the engine's rule list is the registry's", () => {
  expect(RULES.map((r) => r.id)).toEqual(ALL_RULES.map((r) => r.meta.id));
  expect(new Set(RULES.map((r) => r.id)).size).toBe(ALL_RULES.length);
});
