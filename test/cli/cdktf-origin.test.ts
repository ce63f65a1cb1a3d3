import { mkdirSync, mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { cdktfOrigin } from "../../src/terraform/cdktf-metadata";
import { runCli } from "./run-cli";

describe("cdktf origin of a resource", () => {
  it.each<[string, Record<string, unknown>, unknown]>([
    ["path only", { "//": { metadata: { path: "app/deploy/role" } } }, { constructPath: "app/deploy/role" }],
    [
      "the first frame in the user's code",
      {
        "//": {
          metadata: {
            path: "app/deploy/role",
            stackTrace: [
              "at new IamRole (/p/node_modules/@cdktf/provider-aws/lib/iam-role/index.js:10:5)",
              "at new AwsWorkloadIdentityRole (/p/node_modules/cdktf-wif/lib/constructs/aws/workload-identity-role.js:90:18)",
              "at new Deploy (/p/src/main.ts:12:5)",
              "at node:internal/main:1:1",
            ],
          },
        },
      },
      { constructPath: "app/deploy/role", definedAt: { file: "/p/src/main.ts", line: 12 } },
    ],
    ["no metadata", { name: "x" }, undefined],
  ])("%s", (_name, values, expected) => {
    expect(cdktfOrigin(values)).toEqual(expected);
  });

  it("wif lint reports the construct path and the user's file:line with each finding of cdktf output", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wif-origin-"));
    mkdirSync(join(dir, "stacks", "app"), { recursive: true });
    const gh = "token.actions.githubusercontent.com";
    const config = {
      resource: {
        aws_iam_role: {
          ci: {
            "//": { metadata: { path: "app/deploy/role", uniqueId: "ci", stackTrace: ["at new Deploy (/home/me/infra/main.ts:21:7)"] } },
            assume_role_policy: JSON.stringify({
              Version: "2012-10-17",
              Statement: [
                {
                  Effect: "Allow",
                  Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${gh}` },
                  Action: "sts:AssumeRoleWithWebIdentity",
                  Condition: { StringEquals: { [`${gh}:aud`]: "sts.amazonaws.com" }, StringLike: { [`${gh}:sub`]: "repo:*" } },
                },
              ],
            }),
          },
        },
      },
    };
    writeFileSync(join(dir, "stacks", "app", "cdk.tf.json"), JSON.stringify(config, null, 2));
    const json = await runCli(["lint", dir, "--format", "json"], { cwd: dir });
    const finding = (JSON.parse(json.stdout) as { findings: Record<string, unknown>[] }).findings[0];
    expect(finding).toMatchObject({
      rule: "WIF002",
      address: "aws_iam_role.ci",
      constructPath: "app/deploy/role",
      definedAt: { file: "/home/me/infra/main.ts", line: 21 },
    });
    const text = await runCli(["lint", dir], { cwd: dir });
    expect(text.stdout).toContain("    resource: aws_iam_role.ci\n    construct: app/deploy/role (/home/me/infra/main.ts:21:1)\n");
  });
});
