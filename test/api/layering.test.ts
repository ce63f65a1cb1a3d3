import { execFileSync } from "child_process";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");

interface Probe {
  readonly file: string;
  readonly code: string;
  readonly rule: string | undefined;
}

// Each probe is linted as if it were the named file: the layering of ARCHITECTURE.md is enforced by ESLint.
const PROBES: readonly Probe[] = [
  { file: "src/trust/probe.ts", code: 'import { RULES } from "../lint/engine";\nexport const x = RULES;\n', rule: "import-x/no-restricted-paths" },
  { file: "src/compile/probe.ts", code: 'import { lintFacts } from "../lint/engine";\nexport const x = lintFacts;\n', rule: "import-x/no-restricted-paths" },
  {
    file: "src/lint/probe.ts",
    code: 'import { compileAwsTrustPolicy } from "../compile/aws";\nexport const x = compileAwsTrustPolicy;\n',
    rule: "import-x/no-restricted-paths",
  },
  {
    file: "src/terraform/probe.ts",
    code: 'import { TrustChecks } from "../constructs/trust-checks";\nexport const x = TrustChecks;\n',
    rule: "import-x/no-restricted-paths",
  },
  { file: "src/constructs/probe.ts", code: 'import { main } from "../cli/main";\nexport const x = main;\n', rule: "import-x/no-restricted-paths" },
  { file: "src/core.ts", code: 'export { TrustChecks } from "./constructs/trust-checks";\n', rule: "import-x/no-restricted-paths" },
  { file: "src/lint/probe.ts", code: 'import { App } from "cdktf";\nexport const x = App;\n', rule: "no-restricted-imports" },
  { file: "src/constructs/probe.ts", code: 'import { iamRole } from "@cdktf/provider-aws";\nexport const x = iamRole;\n', rule: "no-restricted-imports" },
  { file: "src/trust/issuer.ts", code: 'import type { Trust } from "./trust";\nexport type X = Trust;\n', rule: "wif/no-import-cycles" },
  { file: "src/compile/probe.ts", code: 'import { Trust } from "../trust";\nexport const x = Trust;\n', rule: undefined },
  { file: "src/constructs/probe.ts", code: 'import { App } from "cdktf";\nexport const x = App;\n', rule: undefined },
];

function lint(probes: readonly Probe[]): string[][] {
  const script = `
    const { ESLint } = require("eslint");
    (async () => {
      const eslint = new ESLint({ cwd: ${JSON.stringify(ROOT)} });
      const probes = JSON.parse(process.argv[1]);
      const out = [];
      for (const p of probes) {
        const [result] = await eslint.lintText(p.code, { filePath: p.file });
        out.push(result.messages.map((m) => m.ruleId || m.message));
      }
      process.stdout.write(JSON.stringify(out));
    })().catch((e) => { console.error(e); process.exit(2); });`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script, JSON.stringify(probes)], { cwd: ROOT, encoding: "utf8" }));
}

test("ESLint enforces the layering, the engine boundary, barrel imports and import cycles", () => {
  const results = lint(PROBES);
  PROBES.forEach((probe, i) => {
    if (probe.rule === undefined) expect({ file: probe.file, code: probe.code, rules: results[i] }).toEqual({ file: probe.file, code: probe.code, rules: [] });
    else
      expect({ file: probe.file, code: probe.code, rules: results[i] }).toEqual({
        file: probe.file,
        code: probe.code,
        rules: expect.arrayContaining([probe.rule]),
      });
  });
});
