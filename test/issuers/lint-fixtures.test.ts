// Each issuer's hand-written Terraform, linted through the CLI: the rules its grammar and profile imply,
// in its own words.
import { findingRows, runCli } from "../cli/run-cli";

const CC = "org/0a1b2c3d-0000-4000-8000-00000000000a";
const BB_REPO = "{11111111-2222-4333-8444-555555555555}";

describe("wif lint on each issuer's Terraform", () => {
  test.each<[string, number, unknown[][]]>([
    [
      "buildkite.tf",
      1,
      [
        ["WIF002", "critical", "aws_iam_role.any_org", 18, "organization:*"],
        ["WIF004", "medium", "aws_iam_role.any_ref", 34, "organization:acme-inc:pipeline:deploy:*"],
      ],
    ],
    [
      "circleci.tf",
      1,
      [
        ["WIF004", "medium", "aws_iam_role.any_user", 17, `${CC}/project/0a1b2c3d-0000-4000-8000-00000000000b/user/*`],
        ["WIF003", "high", "aws_iam_role.any_project", 33, `${CC}/project/*`],
      ],
    ],
    [
      "bitbucket.tf",
      1,
      [
        ["WIF004", "medium", "aws_iam_role.any_environment", 18, `${BB_REPO}*`],
        ["WIF003", "high", "aws_iam_role.any_repository", 34, "*"],
      ],
    ],
    [
      "azure-devops.tf",
      0,
      [
        ["WIF004", "medium", "aws_iam_role.any_connection", 20, "sc://acme/payments/*"],
        ["WIF006", "medium", "aws_iam_role.any_connection", 20, "api://AzureADTokenExchange"],
      ],
    ],
    [
      "gke.tf",
      1,
      [
        ["WIF004", "high", "aws_iam_role.any_namespace", 17, "system:serviceaccount:*:deployer"],
        ["WIF004", "medium", "aws_iam_role.any_service_account", 33, "system:serviceaccount:ci:*"],
      ],
    ],
    ["kubernetes.tf", 1, [["WIF004", "high", "aws_iam_role.any_namespace", 17, "system:serviceaccount:*:deployer"]]],
    ["spiffe.tf", 1, [["WIF003", "high", "aws_iam_role.whole_domain", 17, "spiffe://prod.acme.example/*"]]],
    ["terraform-cloud.tf", 0, [["WIF004", "low", "aws_iam_role.both_phases", 17, "organization:acme:project:infra:workspace:prod:run_phase:*"]]],
  ])("%s", async (file, code, rows) => {
    const run = await runCli(["lint", `issuers/${file}`, "--format", "json"]);
    expect(findingRows(run.stdout)).toEqual(rows);
    expect(run.code).toBe(code);
  });

  test.each([
    ["terraform-cloud.tf", "admits plan and apply runs of the workspace, including speculative plans of pull requests: use one identity per run phase."],
    ["gke.tf", "admits that service account name in any namespace of the cluster"],
    ["bitbucket.tf", "lets every repository of the Bitbucket workspace assume the identity"],
    ["circleci.tf", 'lets every project of the CircleCI organization "0a1b2c3d-0000-4000-8000-00000000000a" assume the identity'],
    ["buildkite.tf", "lets any Buildkite organization on https://agent.buildkite.com match"],
    ["azure-devops.tf", "admits every service connection of the project"],
    ["spiffe.tf", 'lets every workload of the SPIFFE trust domain "prod.acme.example" assume the identity'],
  ])("%s speaks the issuer's words", async (file, words) => {
    const run = await runCli(["lint", `issuers/${file}`]);
    expect(run.stdout).toContain(words);
    expect(run.stdout).not.toMatch(/every branch, tag, pull request and environment/);
  });
});
