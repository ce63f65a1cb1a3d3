import { execFileSync } from "child_process";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");

/** The run-time names of an entry point, loaded in a fresh Node process, and the engine modules it loaded. */
function load(entry: string): { names: string[]; engineModules: string[] } {
  const script = `
    const entry = require(${JSON.stringify(path.join(ROOT, "src", entry))});
    const engine = /[\\\\/]node_modules[\\\\/](cdktf|cdktn|constructs|@cdktf[\\\\/]provider-[^\\\\/]+|@cdktn[\\\\/]provider-[^\\\\/]+)[\\\\/]/;
    const loaded = [...new Set(Object.keys(require.cache).map((f) => (f.match(engine) || [])[1]).filter(Boolean))];
    process.stdout.write(JSON.stringify({ names: Object.keys(entry).sort(), engineModules: loaded.sort() }));`;
  const out = execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], { cwd: ROOT, encoding: "utf8" });
  return JSON.parse(out);
}

// The public surface is curated: adding a name is a decision, made here and in API.md.
const CORE = [
  "AWS_PARTITIONS",
  "AWS_TRUST_POLICY_MAX_LENGTH",
  "AZURE_DEFAULT_AUDIENCE",
  "AZURE_MAX_CREDENTIALS",
  "AZURE_MAX_VALUE_LENGTH",
  "CLOUDS",
  "Claim",
  "GCP_LIMITS",
  "ISSUER_KINDS",
  "ISSUER_PROFILES",
  "Issuer",
  "RULES",
  "SEVERITIES",
  "StringCondition",
  "Subject",
  "Trust",
  "WifValidationError",
  "awsEvaluatedClaims",
  "compileAwsTrustPolicy",
  "compileAzureTrust",
  "compileGcpProvider",
  "defaultAudience",
  "explain",
  "extractTrustFacts",
  "factsFromTrust",
  "inventory",
  "inventoryHtml",
  "inventoryMarkdown",
  "isAtLeast",
  "isRuleId",
  "lintFacts",
  "lintTrust",
  "mergeInventories",
  "oidcProviderArn",
  "parseOidcProviderArn",
  "refusalError",
  "resourcesFromTerraformJson",
];
const CONSTRUCTS = [
  "AwsOidcProvider",
  "AwsWorkloadIdentityRole",
  "AzureAppFederatedCredential",
  "AzureFederatedIdentity",
  "FederatedWorkload",
  "GcpWorkloadIdentity",
  "TrustChecks",
  "gateTrust",
];

describe("public entry points", () => {
  const core = load("core");
  const root = load("index");

  test("cdktf-wif/core exports exactly the pinned names", () => {
    expect(core.names).toEqual([...CORE].sort());
  });

  test("cdktf-wif exports core plus the constructs, and nothing else", () => {
    expect(root.names).toEqual([...CORE, ...CONSTRUCTS].sort());
  });

  test("cdktf-wif/core loads no engine, constructs or provider binding", () => {
    expect(core.engineModules).toEqual([]);
  });

  test("package.json maps both entry points to the built files", () => {
    const pkg = require(path.join(ROOT, "package.json"));
    expect(pkg.exports["."]).toEqual({ types: "./lib/index.d.ts", default: "./lib/index.js" });
    expect(pkg.exports["./core"]).toEqual({ types: "./lib/core.d.ts", default: "./lib/core.js" });
  });
});
