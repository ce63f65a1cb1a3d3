import { trustGraph } from "../../../src/terraform/eval";
import { addressType, memberPool, poolKey, reference } from "../../../src/terraform/eval/links";
import { extractTrustFacts } from "../../../src/terraform/extract";
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
      },
      {
        mode: "managed",
        type: "aws_iam_role",
        name: "r",
        address: "aws_iam_role.r",
        values: { assume_role_policy: '{"Principal":{"Federated":"arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com"}}' },
      },
    ]);
    expect(graph.links).toEqual([{ kind: "role-provider", from: "aws_iam_role.r", to: "aws_iam_openid_connect_provider.gh", via: "literal" }]);
  });
});

describe("link resolution shared by the graph and the trust readers", () => {
  const instance = (address: string, values: Record<string, unknown>) => {
    const { mode, type } = addressType(address) ?? { mode: "managed" as const, type: "?" };
    return { mode, type, name: "x", address, values };
  };

  test.each<[string, string, { address: string; attribute: string } | undefined]>([
    ["a root resource", "${aws_iam_openid_connect_provider.gh.arn}", { address: "aws_iam_openid_connect_provider.gh", attribute: "arn" }],
    ["a data source with a count key", "${data.aws_iam_policy_document.d[0].json}", { address: "data.aws_iam_policy_document.d[0]", attribute: "json" }],
    [
      "a module instance whose key holds ] and .",
      '${module.svc["a]b.c"].aws_iam_openid_connect_provider.gh.arn}',
      { address: 'module.svc["a]b.c"].aws_iam_openid_connect_provider.gh', attribute: "arn" },
    ],
    ["a variable", "${var.provider_arn}", undefined],
    ["a reference inside a longer string", "arn:${aws_iam_openid_connect_provider.gh.arn}", undefined],
  ])("reference: %s", (_, value, expected) => {
    expect(reference(value)).toEqual(expected);
  });

  test("a reference into a module instance whose key holds ], inside a JSON policy, is a link (the graph once missed it; the reader did not)", () => {
    const provider = 'module.svc["a]b"].aws_iam_openid_connect_provider.gh';
    const graph = trustGraph([
      instance(provider, { url: "https://token.actions.githubusercontent.com", client_id_list: ["sts.amazonaws.com"] }),
      instance("aws_iam_role.r", {
        assume_role_policy: JSON.stringify({
          Statement: [{ Effect: "Allow", Action: "sts:AssumeRoleWithWebIdentity", Principal: { Federated: `\${${provider}.arn}` } }],
        }),
      }),
    ]);
    expect(graph.links).toEqual([{ kind: "role-provider", from: "aws_iam_role.r", to: provider, via: "arn" }]);
    expect(extractTrustFacts(graph.instances).map((f) => [f.address, f.issuer.url, f.statements[0].audience[0]?.values])).toEqual([
      ["aws_iam_role.r", "https://token.actions.githubusercontent.com", ["sts.amazonaws.com"]],
    ]);
  });

  test("resources without a module path (Terraform JSON read directly) are linked within their module instance", () => {
    const pool = (path: string) => instance(`${path}google_iam_workload_identity_pool.p`, { workload_identity_pool_id: "ci" });
    const provider = (path: string) => instance(`${path}google_iam_workload_identity_pool_provider.gh`, { workload_identity_pool_id: "ci" });
    const graph = trustGraph([pool('module.a["x"].'), pool('module.a["y"].'), provider('module.a["x"].'), provider('module.a["y"].')]);
    expect(graph.links.map((l) => `${l.kind} ${l.from} -> ${l.to}`)).toEqual([
      'provider-pool module.a["x"].google_iam_workload_identity_pool_provider.gh -> module.a["x"].google_iam_workload_identity_pool.p',
      'provider-pool module.a["y"].google_iam_workload_identity_pool_provider.gh -> module.a["y"].google_iam_workload_identity_pool.p',
    ]);
  });

  test.each<[string, string, string | undefined, string | undefined]>([
    [
      "a literal pool",
      "principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/ci/attribute.repository/o/r",
      "id:ci",
      "attribute.repository/o/r",
    ],
    ["a pool by its name", "principalSet://iam.googleapis.com/${google_iam_workload_identity_pool.p.name}/*", "id:main", "*"],
    [
      "a pool outside these files",
      "principal://iam.googleapis.com/${google_iam_workload_identity_pool.other.name}/subject/x",
      "google_iam_workload_identity_pool.other",
      "subject/x",
    ],
    ["not a principal", "serviceAccount:ci@p.iam.gserviceaccount.com", undefined, undefined],
  ])("memberPool and poolKey: %s", (_, member, key, rest) => {
    const graph = trustGraph([instance("google_iam_workload_identity_pool.p", { workload_identity_pool_id: "main" })]);
    const named = memberPool(member);
    expect([named && poolKey(graph, named.pool), named?.rest]).toEqual([key, rest]);
  });
});
