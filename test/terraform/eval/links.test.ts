import { trustGraph } from "../../../src/terraform/eval";
import { readInputs } from "../../../src/terraform/read-inputs";
import type { ResourceInstance } from "../../../src/terraform/eval";
import { EVAL_FIXTURES } from "./lint-fixture";

const graphOf = async (dir: string) => {
  const read = await readInputs([dir], { cwd: EVAL_FIXTURES });
  return trustGraph(read.units.flatMap((u) => u.resources as ResourceInstance[]));
};

describe("trustGraph: the links of a trust across blocks and modules", () => {
  test("roles inside module instances link to the root's OIDC provider", async () => {
    const graph = await graphOf("github-module");
    const roles = graph.links.filter((l) => l.kind === "role-provider" && l.from.endsWith("aws_iam_role.this")).map((l) => `${l.from} -> ${l.to}`);
    expect(roles).toEqual(
      expect.arrayContaining([
        "module.deploy_anyone.aws_iam_role.this -> aws_iam_openid_connect_provider.github",
        'module.service["api"].aws_iam_role.this -> aws_iam_openid_connect_provider.github',
      ]),
    );
  });

  test("GCP: provider -> pool, pool -> IAM member, each in its module instance", async () => {
    const graph = await graphOf("gcp-gh-oidc");
    expect(
      graph.links
        .filter((l) => l.kind !== "reference")
        .map((l) => `${l.kind} ${l.from} -> ${l.to}`)
        .sort(),
    ).toEqual([
      'pool-member module.open.google_iam_workload_identity_pool.main -> module.open.google_service_account_iam_member.wif["everyone"]',
      'pool-member module.pinned.google_iam_workload_identity_pool.main -> module.pinned.google_service_account_iam_member.wif["deployer"]',
      "provider-pool module.open.google_iam_workload_identity_pool_provider.main -> module.open.google_iam_workload_identity_pool.main",
      "provider-pool module.owner_subject.google_iam_workload_identity_pool_provider.main -> module.owner_subject.google_iam_workload_identity_pool.main",
      "provider-pool module.pinned.google_iam_workload_identity_pool_provider.main -> module.pinned.google_iam_workload_identity_pool.main",
    ]);
  });

  test("Azure: identity -> each credential instance", async () => {
    const graph = await graphOf("azure-credentials");
    expect(
      graph.links
        .filter((l) => l.kind === "identity-credential")
        .map((l) => `${l.from} -> ${l.to}`)
        .sort(),
    ).toEqual([
      'azurerm_user_assigned_identity.deploy -> azurerm_federated_identity_credential.environment["production"]',
      'azurerm_user_assigned_identity.deploy -> azurerm_federated_identity_credential.environment["staging"]',
    ]);
  });

  test("a literal provider ARN links by host", async () => {
    const graph = trustGraph([
      {
        mode: "managed",
        type: "aws_iam_openid_connect_provider",
        name: "gh",
        address: "aws_iam_openid_connect_provider.gh",
        values: { url: "https://token.actions.githubusercontent.com" },
        modulePath: "",
      },
      {
        mode: "managed",
        type: "aws_iam_role",
        name: "r",
        address: "aws_iam_role.r",
        values: { assume_role_policy: '{"Principal":{"Federated":"arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com"}}' },
        modulePath: "",
      },
    ]);
    expect(graph.links).toEqual([{ kind: "role-provider", from: "aws_iam_role.r", to: "aws_iam_openid_connect_provider.gh", via: "literal" }]);
  });
});
