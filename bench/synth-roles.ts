import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { App, TerraformOutput, TerraformStack } from "cdktf";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BenchResult, BenchSection, median, ratio, ROOT } from "./harness";

const ROLES = 500;
const ROUNDS = 5;
const POLICY = "arn:aws:iam::aws:policy/ReadOnlyAccess";

// The built library (lib/), as users get it; bench/run.ts builds it first.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lib = () => require(path.join(ROOT, "lib", "index.js")) as typeof import("../src");

function withApp(build: (stack: TerraformStack) => void): number {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "wif-bench-"));
  const t0 = process.hrtime.bigint();
  const app = new App({ outdir, skipValidation: false });
  const stack = new TerraformStack(app, "bench");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });
  build(stack);
  app.synth();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  fs.rmSync(outdir, { recursive: true, force: true });
  return ms;
}

/**
 * 500 roles through AwsWorkloadIdentityRole (shared provider, one managed policy, ARN output each),
 * rule engine included. The trusts pin the owner id, as the docs recommend: a trust that draws a
 * warning (e.g. WIF008) also pays for cdktf's annotation.
 */
function viaConstructs(): number {
  const { AwsOidcProvider, AwsWorkloadIdentityRole, Trust } = lib();
  return withApp((stack) => {
    const first = Trust.githubActions({ repository: "octo-org/app-0", branch: "main", repositoryOwnerId: "1234567" });
    const provider = new AwsOidcProvider(stack, "github", { trust: first });
    for (let i = 0; i < ROLES; i++) {
      const trust = Trust.githubActions({ repository: `octo-org/app-${i}`, branch: "main", repositoryOwnerId: "1234567" });
      new AwsWorkloadIdentityRole(stack, `role-${i}`, { trust, oidcProvider: provider, roleName: `app-${i}`, managedPolicyArns: [POLICY] });
    }
  });
}

/** The same resources (same attributes, same outputs) written by hand with the provider bindings. */
function byHand(): number {
  return withApp((stack) => {
    const provider = new IamOpenidConnectProvider(stack, "github", { url: "https://token.actions.githubusercontent.com", clientIdList: ["sts.amazonaws.com"] });
    for (let i = 0; i < ROLES; i++) {
      const role = new IamRole(stack, `role-${i}`, {
        name: `app-${i}`,
        description: `Workload identity: GitHub Actions octo-org/app-${i} ref:refs/heads/main`,
        assumeRolePolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { Federated: provider.arn },
              Action: "sts:AssumeRoleWithWebIdentity",
              Condition: {
                StringEquals: {
                  "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                  "token.actions.githubusercontent.com:sub": `repo:octo-org/app-${i}:ref:refs/heads/main`,
                  "token.actions.githubusercontent.com:repository_owner_id": "1234567",
                },
              },
            },
          ],
        }),
      });
      new IamRolePolicyAttachment(stack, `role-${i}-policy`, { role: role.name, policyArn: POLICY });
      new TerraformOutput(stack, `role-${i}-arn`, { value: role.arn, description: `ARN of the role for GitHub Actions octo-org/app-${i} ref:refs/heads/main` });
    }
  });
}

/**
 * Construct + `app.synth()` (written to a temp dir) of 500 roles, through the constructs and by hand,
 * in this process: one warm-up each, then ${ROUNDS} alternating rounds; medians are compared.
 */
export const synthRoles: BenchSection = {
  title: `synth of ${ROLES} roles`,
  method: `construct + app.synth() in one process, warm-up then median of ${ROUNDS} alternating rounds`,
  run(): BenchResult[] {
    viaConstructs();
    byHand();
    const ours: number[] = [];
    const hand: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      ours.push(viaConstructs());
      hand.push(byHand());
    }
    const a = median(ours);
    const b = median(hand);
    return [
      { label: `${ROLES} roles via AwsWorkloadIdentityRole`, value: a, unit: "ms" },
      { label: `${ROLES} roles by hand`, value: b, unit: "ms" },
      ratio("synth via constructs / by hand", a, b, 1.3),
    ];
  },
};
