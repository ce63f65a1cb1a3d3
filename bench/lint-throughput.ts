import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { lintFacts } from "../src/lint/engine";
import { extractTrustFacts } from "../src/terraform/extract";
import { readInputs } from "../src/terraform/read-inputs";

/** Trusts in the generated configuration, spread evenly over AWS, GCP and Azure. */
export const TRUSTS = 5_000;
const TRUSTS_PER_FILE = 100;
/** The target of issue 6 for JSON input. */
const TARGET_JSON_TRUSTS_PER_SECOND = 5_000;

const GITHUB = "token.actions.githubusercontent.com";

/**
 * Lint throughput of `wif lint`'s pipeline (read files → resources → trust facts → findings) on a
 * generated configuration of 5,000 trusts (a third each AWS roles, GCP providers with a pool and
 * a binding, Azure credentials), once as Terraform JSON and once as HCL, in files of 100 trusts:
 * trusts per second, and the time relative to plain `JSON.parse` of the same JSON files.
 *
 * @example
 * (await benchLintThroughput()).forEach((line) => console.log(line));
 */
export async function benchLintThroughput(): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wif-bench-"));
  try {
    const jsonDir = path.join(dir, "json");
    const hclDir = path.join(dir, "hcl");
    writeConfiguration(jsonDir, "json");
    writeConfiguration(hclDir, "hcl");

    const parse = best(3, () => {
      for (const file of fs.readdirSync(jsonDir)) JSON.parse(fs.readFileSync(path.join(jsonDir, file), "utf8"));
    });
    await lintDirectory(hclDir, 1); // load hcl2json's wasm and warm the JIT outside the measurement
    const json = await bestAsync(3, () => lintDirectory(jsonDir, TRUSTS));
    const hcl = await bestAsync(1, () => lintDirectory(hclDir, TRUSTS));

    const perSecond = (ms: number) => Math.round(TRUSTS / (ms / 1000));
    const jsonRate = perSecond(json);
    return [
      `lint throughput (${TRUSTS} trusts: AWS, GCP, Azure; ${TRUSTS / TRUSTS_PER_FILE} files of ${TRUSTS_PER_FILE})`,
      `  JSON.parse only   ${fmt(parse)} ms`,
      `  wif lint JSON     ${fmt(json)} ms  ${jsonRate} trusts/s  ${(json / parse).toFixed(1)}x JSON.parse  ` +
        `(target >= ${TARGET_JSON_TRUSTS_PER_SECOND} trusts/s: ${jsonRate >= TARGET_JSON_TRUSTS_PER_SECOND ? "met" : "MISSED"})`,
      `  wif lint HCL      ${fmt(hcl)} ms  ${perSecond(hcl)} trusts/s  ${(hcl / parse).toFixed(1)}x JSON.parse of the JSON form`,
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads and lints a directory as `wif lint` does; checks that every trust was seen. */
async function lintDirectory(dir: string, expectedTrusts: number): Promise<void> {
  const read = await readInputs([dir]);
  if (read.problems.length > 0) throw new Error(`bench input unreadable: ${read.problems[0].message}`);
  let trusts = 0;
  for (const unit of read.units) {
    const facts = extractTrustFacts(unit.resources);
    trusts += facts.length;
    lintFacts(facts);
  }
  if (expectedTrusts > 1 && trusts !== expectedTrusts) throw new Error(`bench saw ${trusts} trusts, expected ${expectedTrusts}`);
}

function writeConfiguration(dir: string, format: "json" | "hcl"): void {
  fs.mkdirSync(dir, { recursive: true });
  for (let file = 0; file * TRUSTS_PER_FILE < TRUSTS; file++) {
    const trusts = Array.from({ length: TRUSTS_PER_FILE }, (_, k) => file * TRUSTS_PER_FILE + k);
    const name = `trusts-${String(file).padStart(3, "0")}`;
    if (format === "json") fs.writeFileSync(path.join(dir, `${name}.tf.json`), JSON.stringify(jsonConfiguration(trusts), null, 2));
    else fs.writeFileSync(path.join(dir, `${name}.tf`), trusts.map(hclTrust).join("\n"));
  }
}

/** Every 7th trust is over-broad, so the rules have findings to make. */
function subject(i: number): string {
  return i % 7 === 0 ? `repo:org-${i}/*` : `repo:org-${i}/app-${i}:environment:production`;
}

function awsPolicy(i: number): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${GITHUB}` },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: { [`${GITHUB}:aud`]: "sts.amazonaws.com", [`${GITHUB}:repository_owner_id`]: String(1000 + i) },
          StringLike: { [`${GITHUB}:sub`]: subject(i) },
        },
      },
    ],
  });
}

function jsonConfiguration(trusts: readonly number[]): Record<string, unknown> {
  const resource: Record<string, Record<string, unknown>> = {
    aws_iam_role: {},
    google_iam_workload_identity_pool: {},
    google_iam_workload_identity_pool_provider: {},
    google_service_account_iam_member: {},
    azurerm_federated_identity_credential: {},
  };
  for (const i of trusts) {
    if (i % 3 === 0) {
      resource.aws_iam_role[`r${i}`] = { name: `role-${i}`, assume_role_policy: awsPolicy(i) };
    } else if (i % 3 === 1) {
      resource.google_iam_workload_identity_pool[`p${i}`] = { project: "acme", workload_identity_pool_id: `pool-${i}` };
      resource.google_iam_workload_identity_pool_provider[`p${i}`] = {
        project: "acme",
        workload_identity_pool_id: `\${google_iam_workload_identity_pool.p${i}.workload_identity_pool_id}`,
        workload_identity_pool_provider_id: `github-${i}`,
        attribute_mapping: { "google.subject": "assertion.sub", "attribute.repository_owner_id": "assertion.repository_owner_id" },
        attribute_condition: `assertion.repository_owner_id == '${1000 + i}' && assertion.sub == '${subject(i)}'`,
        oidc: { issuer_uri: `https://${GITHUB}` },
      };
      resource.google_service_account_iam_member[`b${i}`] = {
        service_account_id: `projects/acme/serviceAccounts/sa-${i}@acme.iam.gserviceaccount.com`,
        role: "roles/iam.workloadIdentityUser",
        member: `principalSet://iam.googleapis.com/\${google_iam_workload_identity_pool.p${i}.name}/attribute.repository_owner_id/${1000 + i}`,
      };
    } else {
      resource.azurerm_federated_identity_credential[`c${i}`] = {
        name: `cred-${i}`,
        resource_group_name: "rg-ci",
        parent_id: `/subscriptions/0/resourceGroups/rg-ci/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-${i}`,
        issuer: `https://${GITHUB}`,
        subject: subject(i),
        audience: ["api://AzureADTokenExchange"],
      };
    }
  }
  return { resource };
}

/** The same trust as `jsonConfiguration` writes, in HCL. */
function hclTrust(i: number): string {
  if (i % 3 === 0) {
    return `resource "aws_iam_role" "r${i}" {\n  name               = "role-${i}"\n  assume_role_policy = ${JSON.stringify(awsPolicy(i))}\n}\n`;
  }
  if (i % 3 === 1) {
    return [
      `resource "google_iam_workload_identity_pool" "p${i}" {`,
      `  project                   = "acme"`,
      `  workload_identity_pool_id = "pool-${i}"`,
      `}`,
      `resource "google_iam_workload_identity_pool_provider" "p${i}" {`,
      `  project                            = "acme"`,
      `  workload_identity_pool_id          = google_iam_workload_identity_pool.p${i}.workload_identity_pool_id`,
      `  workload_identity_pool_provider_id = "github-${i}"`,
      `  attribute_mapping = {`,
      `    "google.subject"                 = "assertion.sub"`,
      `    "attribute.repository_owner_id" = "assertion.repository_owner_id"`,
      `  }`,
      `  attribute_condition = "assertion.repository_owner_id == '${1000 + i}' && assertion.sub == '${subject(i)}'"`,
      `  oidc {`,
      `    issuer_uri = "https://${GITHUB}"`,
      `  }`,
      `}`,
      `resource "google_service_account_iam_member" "b${i}" {`,
      `  service_account_id = "projects/acme/serviceAccounts/sa-${i}@acme.iam.gserviceaccount.com"`,
      `  role               = "roles/iam.workloadIdentityUser"`,
      `  member             = "principalSet://iam.googleapis.com/\${google_iam_workload_identity_pool.p${i}.name}/attribute.repository_owner_id/${1000 + i}"`,
      `}`,
      ``,
    ].join("\n");
  }
  return [
    `resource "azurerm_federated_identity_credential" "c${i}" {`,
    `  name                = "cred-${i}"`,
    `  resource_group_name = "rg-ci"`,
    `  parent_id           = "/subscriptions/0/resourceGroups/rg-ci/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-${i}"`,
    `  issuer              = "https://${GITHUB}"`,
    `  subject             = "${subject(i)}"`,
    `  audience            = ["api://AzureADTokenExchange"]`,
    `}`,
    ``,
  ].join("\n");
}

function best(runs: number, work: () => void): number {
  let min = Infinity;
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    work();
    min = Math.min(min, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return min;
}

async function bestAsync(runs: number, work: () => Promise<void>): Promise<number> {
  let min = Infinity;
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    await work();
    min = Math.min(min, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return min;
}

function fmt(ms: number): string {
  return ms.toFixed(0).padStart(6);
}

if (require.main === module) {
  benchLintThroughput().then(
    (lines) => lines.forEach((line) => console.log(line)),
    (err) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
