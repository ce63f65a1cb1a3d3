import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, TerraformStack } from "cdktf";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { findingRows, runCli } from "./run-cli";

const GITHUB = "token.actions.githubusercontent.com";
const PROVIDER_ARN = `arn:aws:iam::111122223333:oidc-provider/${GITHUB}`;

/** A cdktf app with one stack: a deploy role pinned to one environment and owner id, and a CI role acknowledged in source. */
function synthesize(): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "wif-e2e-"));
  const app = new App({ outdir });
  const stack = new TerraformStack(app, "payments");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  const trust = new DataAwsIamPolicyDocument(stack, "deploy-trust", {
    statement: [
      {
        actions: ["sts:AssumeRoleWithWebIdentity"],
        principals: [{ type: "Federated", identifiers: [PROVIDER_ARN] }],
        condition: [
          { test: "StringEquals", variable: `${GITHUB}:aud`, values: ["sts.amazonaws.com"] },
          { test: "StringEquals", variable: `${GITHUB}:sub`, values: ["repo:octo-org/payments:environment:production"] },
          { test: "StringEquals", variable: `${GITHUB}:repository_owner_id`, values: ["1234567"] },
        ],
      },
    ],
  });
  new IamRole(stack, "deploy", { name: "payments-deploy", assumeRolePolicy: trust.json });
  const ci = new IamRole(stack, "ci", {
    name: "payments-ci",
    assumeRolePolicy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: PROVIDER_ARN },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: { [`${GITHUB}:aud`]: "sts.amazonaws.com", [`${GITHUB}:repository_owner_id`]: "1234567" },
            StringLike: { [`${GITHUB}:sub`]: "repo:octo-org/payments:*" },
          },
        },
      ],
    }),
  });
  ci.addOverride("//.wif.acknowledge", [{ rule: "WIF004", reason: "read-only role used by every branch's CI" }]);
  app.synth();
  return outdir;
}

/** Adds a hand-written role trusting every GitHub repository to a synthesized stack, as someone editing cdk.tf.json would. */
function addHandWrittenRole(stackFile: string): void {
  const config = JSON.parse(fs.readFileSync(stackFile, "utf8"));
  config.resource.aws_iam_role.hand_written = {
    name: "hand-written",
    assume_role_policy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: PROVIDER_ARN },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: { StringEquals: { [`${GITHUB}:aud`]: "sts.amazonaws.com" }, StringLike: { [`${GITHUB}:sub`]: "repo:*" } },
        },
      ],
    }),
  };
  fs.writeFileSync(stackFile, JSON.stringify(config, null, 2));
}

describe("end to end: cdktf synth, then wif lint cdktf.out", () => {
  const outdir = synthesize();

  test("the synthesized app is clean; the acknowledged finding is reported as suppressed", async () => {
    const run = await runCli(["lint", outdir, "--format", "json"]);
    expect(findingRows(run.stdout).map((r) => [r[0], r[2], r[5]])).toEqual([["WIF004", "aws_iam_role.ci", "suppressed"]]);
    expect(run.code).toBe(0);
  });

  test("a hand-written repo:* role added to the stack fails with WIF002", async () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), "wif-e2e-bad-"));
    fs.cpSync(outdir, copy, { recursive: true });
    const stackFile = path.join(copy, "stacks", "payments", "cdk.tf.json");
    addHandWrittenRole(stackFile);
    const run = await runCli(["lint", copy]);
    expect(run.code).toBe(1);
    const lines = run.stdout.split("\n");
    const at = lines.findIndex((l) => l.includes("WIF002"));
    expect(lines[at]).toMatch(/^(.+):\d+:1: CRITICAL WIF002 Wildcard in the tenant segment of a shared issuer: "repo:\*"$/);
    expect(lines[at].slice(0, lines[at].indexOf(":"))).toBe(stackFile);
    expect(lines[at + 1]).toBe("    resource: aws_iam_role.hand_written");
    expect(run.stdout.trimEnd().split("\n").pop()).toBe("1 finding (1 critical) in 1 file, 1 suppressed; failed: 1 at or above high.");
  });
});

describe(".ci/e2e-lint (what CI runs on the synthesized examples)", () => {
  const script = path.join(__dirname, "..", "..", ".ci", "e2e-lint");
  const run = (dir: string) => spawnSync("bash", [script, dir], { encoding: "utf8", env: { ...process.env, WIF_E2E_FROM_SRC: "1" } });

  test("passes on clean examples, and proves the repo:* copy fails with WIF002", () => {
    const examples = fs.mkdtempSync(path.join(os.tmpdir(), "wif-examples-"));
    fs.cpSync(synthesize(), path.join(examples, "payments"), { recursive: true });
    const result = run(examples);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/e2e-lint: ok: WIF002 critical aws_iam_role\.e2e_hand_written "repo:\*" \(.*cdk\.tf\.json:\d+\)\n$/);
    expect(result.status).toBe(0);
  });

  test("fails when an example is not clean", () => {
    const examples = fs.mkdtempSync(path.join(os.tmpdir(), "wif-examples-"));
    const bad = path.join(examples, "bad");
    fs.cpSync(synthesize(), bad, { recursive: true });
    addHandWrittenRole(path.join(bad, "stacks", "payments", "cdk.tf.json"));
    const result = run(examples);
    expect(result.stderr).toContain(`e2e-lint: FAILED: wif lint ${bad} should exit 0`);
    expect(result.status).toBe(1);
  });
});
