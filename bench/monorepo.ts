import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { lintUnits } from "../src/cli/commands/lint";
import { readInputs } from "../src/terraform/read-inputs";
import type { BenchResult, BenchSection } from "./harness";

const FOLDERS = 1_000;
const FILES_PER_FOLDER = 5;
/** One folder in this many holds a trust. */
const TRUST_EVERY = 50;
/** The target of issue 11: wif lint on the monorepo within this multiple of reading its files. */
const TARGET_RATIO = 15;

/**
 * `wif lint` on a monorepo of 1,000 module folders x 5 files (about 7 MB of HCL; a GitHub OIDC
 * trust in one folder of 50), against reading the same files: wall time and ratio. Most folders
 * hold no trust-bearing block and no module call, so they are read but never parsed.
 */
export const monorepo: BenchSection = {
  title: "monorepo scan",
  method: `wif lint's pipeline (read, evaluate, lint) on ${FOLDERS} folders x ${FILES_PER_FOLDER} files, a trust in 1 folder of ${TRUST_EVERY}; best of 3, against reading the files (best of 3)`,
  async run(): Promise<readonly BenchResult[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wif-monorepo-"));
    try {
      const bytes = writeMonorepo(dir);
      const read = await best(3, async () => {
        for (const folder of fs.readdirSync(dir)) for (const f of fs.readdirSync(path.join(dir, folder))) fs.readFileSync(path.join(dir, folder, f), "utf8");
      });
      let findings = 0;
      const lint = await best(3, async () => {
        const inputs = await readInputs(["."], { cwd: dir });
        if (inputs.problems.length > 0) throw new Error(`bench input unreadable: ${inputs.problems[0].message}`);
        findings = new Set(lintUnits(inputs.units, {}).findings.map((f) => f.location?.file)).size;
      });
      if (findings !== FOLDERS / TRUST_EVERY) throw new Error(`bench found trusts in ${findings} folders, expected ${FOLDERS / TRUST_EVERY}`);
      const parseAll = await best(1, async () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const hcl2json = require("@cdktf/hcl2json") as typeof import("@cdktf/hcl2json");
        for (const folder of fs.readdirSync(dir)) {
          for (const f of fs.readdirSync(path.join(dir, folder))) await hcl2json.parse(f, fs.readFileSync(path.join(dir, folder, f), "utf8"));
        }
      });
      return [
        { label: `reading the files (${(bytes / 1e6).toFixed(1)} MB of HCL)`, value: read, unit: "ms" },
        { label: "wif lint (read, evaluate, lint)", value: lint, unit: "ms" },
        { label: "wif lint / reading", value: lint / read, unit: "x", target: TARGET_RATIO },
        { label: "for comparison: parsing every file with hcl2json (no prefilter)", value: parseAll, unit: "ms" },
        { label: "parsing every file / reading", value: parseAll / read, unit: "x" },
      ];
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

async function best(runs: number, work: () => Promise<void>): Promise<number> {
  let min = Infinity;
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    await work();
    min = Math.min(min, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return min;
}

function writeMonorepo(dir: string): number {
  let bytes = 0;
  for (let i = 0; i < FOLDERS; i++) {
    const folder = path.join(dir, `service-${String(i).padStart(4, "0")}`);
    fs.mkdirSync(folder);
    const files: Record<string, string> = {
      "main.tf": serviceMain(i) + (i % TRUST_EVERY === 0 ? trust(i) : ""),
      "variables.tf": variables(i),
      "outputs.tf": outputs(),
      "versions.tf": versions(),
      "locals.tf": locals(i),
    };
    for (const [name, text] of Object.entries(files)) {
      fs.writeFileSync(path.join(folder, name), text);
      bytes += Buffer.byteLength(text);
    }
  }
  return bytes;
}

function serviceMain(i: number): string {
  const blocks: string[] = [];
  for (let k = 0; k < 8; k++) {
    blocks.push(
      `resource "aws_s3_bucket" "data_${k}" {\n  bucket = "\${local.prefix}-data-${k}"\n  tags   = merge(local.tags, { Purpose = "data-${k}" })\n}\n`,
      `resource "aws_s3_bucket_versioning" "data_${k}" {\n  bucket = aws_s3_bucket.data_${k}.id\n  versioning_configuration {\n    status = var.versioning ? "Enabled" : "Suspended"\n  }\n}\n`,
      `resource "aws_cloudwatch_log_group" "app_${k}" {\n  name              = "/svc/${i}/app-${k}"\n  retention_in_days = var.retention_days\n  tags              = local.tags\n}\n`,
    );
  }
  blocks.push(
    `data "aws_iam_policy_document" "read" {\n  statement {\n    actions   = ["s3:GetObject", "s3:ListBucket"]\n    resources = [for b in aws_s3_bucket.data_0[*] : "\${b.arn}/*"]\n  }\n}\n`,
    `resource "aws_iam_policy" "read" {\n  name   = "\${local.prefix}-read"\n  policy = data.aws_iam_policy_document.read.json\n}\n`,
  );
  return blocks.join("\n");
}

function trust(i: number): string {
  return `
resource "aws_iam_role" "deploy" {
  name = "\${local.prefix}-deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
      Condition = {
        StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }
        StringLike   = { "token.actions.githubusercontent.com:sub" = "repo:octo-org/service-${i}:*" }
      }
    }]
  })
}
`;
}

function variables(i: number): string {
  const out: string[] = [];
  for (let k = 0; k < 8; k++)
    out.push(
      `variable "setting_${k}" {\n  description = "Setting ${k} of service ${i}: a description long enough to look like real documentation of an input."\n  type        = string\n  default     = "value-${k}"\n}\n`,
    );
  out.push(`variable "versioning" {\n  type    = bool\n  default = true\n}\n`, `variable "retention_days" {\n  type    = number\n  default = 30\n}\n`);
  return out.join("\n");
}

function outputs(): string {
  return Array.from(
    { length: 6 },
    (_, k) => `output "bucket_${k}" {\n  description = "Bucket ${k}."\n  value       = aws_s3_bucket.data_${k}.bucket\n}\n`,
  ).join("\n");
}

function versions(): string {
  return `terraform {\n  required_version = ">= 1.5"\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "~> 5.0"\n    }\n  }\n}\n`;
}

function locals(i: number): string {
  return `locals {\n  prefix = "svc-${i}"\n  tags = {\n    Service     = "service-${i}"\n    Owner       = "team-${i % 17}"\n    CostCenter  = "cc-${i % 9}"\n    Environment = var.setting_0\n  }\n}\n`;
}
