// Regenerates docs/rules/*.md from the rule metadata and docs/issuers.md from the issuer profiles:
//   npx ts-node --transpile-only -P tsconfig.json scripts/generate-rule-docs.ts
import { mkdirSync, writeFileSync } from "fs";
import { dirname, join } from "path";
import { ruleDocFiles } from "../src/lint/rule-docs";
import { renderIssuerDocs } from "../src/trust/issuers/docs";

for (const [path, content] of Object.entries({ ...ruleDocFiles(), "docs/issuers.md": renderIssuerDocs() })) {
  const file = join(__dirname, "..", path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
}
