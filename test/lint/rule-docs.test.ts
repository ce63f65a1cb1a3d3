// Rule ids, count and severities come from the registry (ALL_RULES): nothing here lists them by hand.
// The catalogue pages (docs/rules/README.md and one page per rule) are generated from the same metadata
// and must be in sync; each rule's default severity must be what its own firing examples report.
import { readFileSync } from "fs";
import { join } from "path";
import { RULES, lintFacts } from "../../src/lint/engine";
import { SEVERITIES } from "../../src/lint/finding";
import { ALL_RULES } from "../../src/lint/rules";
import { renderRuleDoc, ruleDocFiles } from "../../src/lint/rule-docs";
import { extractTrustFacts, resourcesFromTerraformJson } from "../../src/terraform/extract";

const ROOT = join(__dirname, "..", "..");

describe("rule metadata and docs", () => {
  it("ids are WIF001..WIFnnn in registry order, one per registered rule, each with its docs path", () => {
    expect(RULES.map((r) => r.id)).toEqual(ALL_RULES.map((_, i) => `WIF${String(i + 1).padStart(3, "0")}`));
    for (const r of RULES) expect(r.docs).toBe(`docs/rules/${r.id}.md`);
  });

  it.each(ALL_RULES.map((r) => [r.meta.id, r.meta.severity] as const))("%s: default severity %s is a lint severity", (_id, severity) => {
    expect(SEVERITIES).toContain(severity);
  });

  it.each(ALL_RULES.map((r) => [r.meta.id, r.meta.severity, r] as const))(
    "%s: one of its firing examples reports the default severity %s",
    (id, severity, rule) => {
      const reported = rule.meta.fires.flatMap((e) =>
        lintFacts(extractTrustFacts(resourcesFromTerraformJson(e.terraform)))
          .filter((f) => f.rule === id)
          .map((f) => f.severity),
      );
      expect(reported).toContain(severity);
    },
  );

  it("the catalogue index lists every rule with its registry severity", () => {
    const index = readFileSync(join(ROOT, "docs", "rules", "README.md"), "utf8");
    const rows = [...index.matchAll(/^\| \[(WIF\d{3})\]\(WIF\d{3}\.md\) \| (\w+) \|/gm)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual(ALL_RULES.map((r) => [r.meta.id, r.meta.severity]));
  });

  it("a rule without examples or sources says so instead of an empty list", () => {
    const doc = renderRuleDoc({ ...RULES[3], id: "WIF099", fires: [], passes: [] });
    expect(doc).toContain("# WIF099: ");
    expect(doc).toContain("## Fires on\n\n- (none listed)\n\n## Does not fire on\n\n- (none listed)\n\n");
    expect(doc.endsWith("## References\n\n- (none listed)\n")).toBe(true);
  });

  // The pages are rendered inside each test, not when the table is built, so that a test that runs
  // the renderer is the one that checks its output (mutation testing runs only the covering tests).
  it.each(Object.keys(ruleDocFiles()))("%s is in sync with the metadata (run scripts/generate-rule-docs.ts)", (path) => {
    expect(readFileSync(join(ROOT, path), "utf8")).toBe(ruleDocFiles()[path]);
  });
});
