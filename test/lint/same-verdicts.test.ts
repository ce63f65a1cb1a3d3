import { lintFacts } from "../../src/lint/engine";
import { lintTrust } from "../../src/lint/lint-trust";
import { extractTrustFacts, resourcesFromTerraformJson } from "../../src/terraform/extract";
import type { StringCondition } from "../../src/trust/string-condition";
import { Trust } from "../../src/trust";
import { EKS, GITHUB, GITLAB, trust } from "./helpers";

/** A hand-written AWS trust policy equivalent to the trust (what a user would write without the library). */
function awsPolicyFor(t: Trust): string {
  const prefix = t.issuer.hostAndPath;
  const eq: Record<string, string[]> = { [`${prefix}:aud`]: [...(t.audiencesFor("aws") ?? [])] };
  const like: Record<string, string[]> = {};
  const put = (claim: string, c: StringCondition) => {
    if (c.isExact) eq[`${prefix}:${claim}`] = [...c.exactValues];
    else like[`${prefix}:${claim}`] = c.alternatives.map((a) => (a.kind === "exact" ? a.value : a.pattern));
  };
  put("sub", t.subject);
  for (const [name, c] of Object.entries(t.claims)) put(name, c);
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: "sts:AssumeRoleWithWebIdentity",
        Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${prefix}` },
        Condition: { StringEquals: eq, ...(Object.keys(like).length > 0 ? { StringLike: like } : {}) },
      },
    ],
  });
}

const rules = (findings: readonly { rule: string; severity: string }[]) => findings.map((f) => `${f.rule}/${f.severity}`).sort();

describe("the same risky trust gives the same rule ids on the declaration and on Terraform JSON", () => {
  it.each<[string, Trust]>([
    ["repo:*", trust(GITHUB, "repo:*")],
    ["repo:octo*", trust(GITHUB, "repo:octo*")],
    ["repo:octo/*", trust(GITHUB, "repo:octo/*")],
    ["repo:octo/app:*", trust(GITHUB, "repo:octo/app:*")],
    ["anyRef preset", Trust.githubActions({ repository: "octo/app", anyRef: true })],
    ["pull request preset with owner id", Trust.githubActions({ repository: "octo/app", pullRequest: true, repositoryOwnerId: "1" })],
    [
      "immutable subject preset",
      Trust.githubActions({ repository: "octo/app", branch: "main", repositoryOwnerId: "1", repositoryId: "2", immutableSubject: true }),
    ],
    [
      "job_workflow_ref downgrade",
      trust(GITHUB, "repo:octo/*", { repository_owner_id: "1", job_workflow_ref: "octo/wf/.github/workflows/d.yml@refs/heads/main" }),
    ],
    ["repo:* pinned by repository_id", trust(GITHUB, "repo:*:ref:refs/heads/main", { repository_id: "42" })],
    ["GitLab group", trust(GITLAB, "project_path:grp/*")],
    ["HCP Terraform organization", Trust.terraformCloud({ organization: "acme", project: "*", workspace: "*", runPhase: "any" })],
    ["EKS any namespace", trust(EKS, "system:serviceaccount:*:deployer")],
  ])("%s", (_name, t) => {
    const fromJson = lintFacts(extractTrustFacts(resourcesFromTerraformJson({ resource: { aws_iam_role: { r: { assume_role_policy: awsPolicyFor(t) } } } })));
    expect(rules(fromJson)).toEqual(rules(lintTrust(t, { cloud: "aws" })));
  });

  it("variables: a declaration refuses them outright; in Terraform JSON the literal part is judged and the rest is WIF011", () => {
    expect(() => trust(GITHUB, "repo:${var.org}/${var.repo}:*")).toThrow(/contains "\$\{" or "%\{"/);
    const policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
            StringLike: { "token.actions.githubusercontent.com:sub": "repo:${var.org}/${var.repo}:*" },
          },
        },
      ],
    });
    const fromJson = lintFacts(extractTrustFacts(resourcesFromTerraformJson({ resource: { aws_iam_role: { r: { assume_role_policy: policy } } } })));
    expect(rules(fromJson)).toEqual(expect.arrayContaining(["WIF004/medium", "WIF011/info"]));
  });
});
