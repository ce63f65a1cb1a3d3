import * as path from "path";
import { BenchResult, BenchSection, median, ratio, ROOT, runNode } from "./harness";

const ROUNDS = 9;
const AWS_MODULES = ["iam-openid-connect-provider", "iam-role", "iam-role-policy", "iam-role-policy-attachment"].map((m) => `@cdktf/provider-aws/lib/${m}`);
const LIB = path.join(ROOT, "lib", "index.js");

/** A child script that times `requires` (in order) and reports which provider modules got loaded. */
function script(requires: readonly string[]): string {
  return `
const t0 = process.hrtime.bigint();
${requires.map((r) => `require(${JSON.stringify(r)});`).join("\n")}
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const providers = Object.keys(require.cache).filter((f) => /@cdkt[fn][/]provider-/.test(f)).length;
const engines = Object.keys(require.cache).filter((f) => /node_modules[/]cdkt[fn][/]/.test(f)).length;
process.stdout.write(JSON.stringify({ ms, providers, engines }));`;
}

function measure(requires: readonly string[]): { ms: number; providers: number; engines: number } {
  return JSON.parse(runNode(script(requires)));
}

/**
 * Cold `require("cdktf-wif")` (lib/index.js, the package's `main`) against a cold require of what a
 * hand-written AWS stack needs: `cdktf`, `constructs` and the four AWS resource modules the
 * constructs use. Each sample is a fresh `node -e` process timing only its require calls (node's own
 * start-up excluded); the variants alternate over ${ROUNDS} rounds after one warm-up; medians are compared.
 */
export const coldRequire: BenchSection = {
  title: "cold require",
  method: `fresh node -e processes, require time only, median of ${ROUNDS} alternating rounds, against the built lib/`,
  run(): BenchResult[] {
    const variants = {
      library: [LIB],
      libraryThenAws: [LIB, ...AWS_MODULES],
      handWritten: ["cdktf", "constructs", ...AWS_MODULES],
    };
    for (const requires of Object.values(variants)) measure(requires); // warm the file cache
    const samples: Record<keyof typeof variants, number[]> = { library: [], libraryThenAws: [], handWritten: [] };
    let providersLoadedByLibrary = 0;
    let engineModulesLoadedByLibrary = 0;
    for (let i = 0; i < ROUNDS; i++) {
      for (const [name, requires] of Object.entries(variants) as [keyof typeof variants, string[]][]) {
        const { ms, providers, engines } = measure(requires);
        samples[name].push(ms);
        if (name === "library") providersLoadedByLibrary = Math.max(providersLoadedByLibrary, providers);
        if (name === "library") engineModulesLoadedByLibrary = Math.max(engineModulesLoadedByLibrary, engines);
      }
    }
    const lib = median(samples.library);
    const libAws = median(samples.libraryThenAws);
    const hand = median(samples.handWritten);
    return [
      { label: 'require("cdktf-wif")', value: lib, unit: "ms" },
      { label: 'require("cdktf-wif") + the 4 AWS resource modules', value: libAws, unit: "ms" },
      { label: "require cdktf + constructs + the 4 AWS resource modules", value: hand, unit: "ms" },
      { label: 'provider modules loaded by require("cdktf-wif")', value: providersLoadedByLibrary, unit: "x", target: 0 },
      { label: 'cdktf/cdktn modules loaded by require("cdktf-wif")', value: engineModulesLoadedByLibrary, unit: "x", target: 0 },
      ratio('cold require("cdktf-wif") / cdktf + AWS modules', lib, hand, 1.5),
      ratio('cold require("cdktf-wif") + AWS modules / cdktf + AWS modules', libAws, hand, 1.5),
    ];
  },
};
