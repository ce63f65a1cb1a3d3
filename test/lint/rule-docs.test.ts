import { readFileSync } from "fs";
import { join } from "path";
import { RULES } from "../../src/lint/engine";
import { ruleDocFiles } from "../../src/lint/rule-docs";

describe("rule metadata and docs", () => {
  it("ids are WIF001..WIF011 in order, each with its docs path", () => {
    expect(RULES.map((r) => r.id)).toEqual(Array.from({ length: 11 }, (_, i) => `WIF${String(i + 1).padStart(3, "0")}`));
    for (const r of RULES) expect(r.docs).toBe(`docs/rules/${r.id}.md`);
  });

  it("severities follow RULES.md", () => {
    expect(Object.fromEntries(RULES.map((r) => [r.id, r.severity]))).toEqual({
      WIF001: "critical",
      WIF002: "critical",
      WIF003: "high",
      WIF004: "medium",
      WIF005: "medium",
      WIF006: "high",
      WIF007: "high",
      WIF008: "low",
      WIF009: "high",
      WIF010: "medium",
      WIF011: "info",
    });
  });

  it.each(Object.entries(ruleDocFiles()))("%s is in sync with the metadata (run scripts/generate-rule-docs.ts)", (path, content) => {
    expect(readFileSync(join(__dirname, "..", "..", path), "utf8")).toBe(content);
  });
});
