// Regenerates docs/rules/*.md from the rule metadata:
//   npx ts-node --transpile-only -P tsconfig.json scripts/generate-rule-docs.ts
import { mkdirSync, writeFileSync } from "fs";
import { dirname, join } from "path";
import { ruleDocFiles } from "../src/lint/rule-docs";

for (const [path, content] of Object.entries(ruleDocFiles())) {
  const file = join(__dirname, "..", path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
}
