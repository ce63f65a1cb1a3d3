import { trustGraph } from "../../../src/terraform/eval";
import { addressType, linked, memberPool, oidcProviderHost, poolKey, reference } from "../../../src/terraform/eval/links";
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

/** A resource instance at an address, its mode and type read from the address. */
function instance(address: string, values: Record<string, unknown>) {
  const { mode, type } = addressType(address) ?? { mode: "managed" as const, type: "?" };
  return { mode, type, name: "x", address, values };
}

describe("link resolution shared by the graph and the trust readers", () => {
  test.each<[string, unknown, { address: string; attribute: string } | undefined]>([
    ["a root resource", "${aws_iam_openid_connect_provider.gh.arn}", { address: "aws_iam_openid_connect_provider.gh", attribute: "arn" }],
    ["a data source with a count key", "${data.aws_iam_policy_document.d[0].json}", { address: "data.aws_iam_policy_document.d[0]", attribute: "json" }],
    [
      "a module instance whose key holds ] and .",
      '${module.svc["a]b.c"].aws_iam_openid_connect_provider.gh.arn}',
      { address: 'module.svc["a]b.c"].aws_iam_openid_connect_provider.gh', attribute: "arn" },
    ],
    ["a variable", "${var.provider_arn}", undefined],
    ["a reference inside a longer string", "arn:${aws_iam_openid_connect_provider.gh.arn}", undefined],
    // A list is no reference, even one whose only item is (its text would read as one).
    ["a list holding a reference", ["${aws_iam_openid_connect_provider.gh.arn}"], undefined],
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

describe("the link helpers, each input form", () => {
  test.each<[string, { mode: string; type: string } | undefined]>([
    ["aws_iam_role.r", { mode: "managed", type: "aws_iam_role" }],
    ["data.aws_iam_policy_document.d[0]", { mode: "data", type: "aws_iam_policy_document" }],
    ['module.a["x"].module.b[0].data.google_iam_policy.p', { mode: "data", type: "google_iam_policy" }],
    ["x", undefined],
    ["module.a.x", undefined],
    ["aws_iam_role.r.arn", undefined],
  ])("addressType(%j)", (address, expected) => {
    expect(addressType(address)).toEqual(expected);
  });

  test.each<[string, string | undefined]>([
    ["arn:aws:iam::123:oidc-provider/token.actions.githubusercontent.com", "token.actions.githubusercontent.com"],
    ["arn:aws-us-gov:iam::1:oidc-provider/x/y", "x/y"],
    ["arn:aws:iam:::oidc-provider/x", "x"],
    ["arn:aws:iam::1:saml-provider/x", undefined],
    ["xarn:aws:iam::1:oidc-provider/x", undefined],
    ["arn:aws:iam::1:oidc-provider/", undefined],
  ])("oidcProviderHost(%j)", (arn, expected) => {
    expect(oidcProviderHost(arn)).toBe(expected);
  });

  const graph = trustGraph([
    instance("aws_iam_openid_connect_provider.gh", { url: "x" }),
    instance("data.aws_iam_openid_connect_provider.d", {}),
    instance("google_iam_workload_identity_pool.p", { workload_identity_pool_id: "main" }),
    instance("google_iam_workload_identity_pool.u", { workload_identity_pool_id: "${var.id}" }),
  ]);

  test.each<[string, string, "managed" | "data" | undefined, string | undefined]>([
    ["${aws_iam_openid_connect_provider.gh.arn}", "aws_iam_openid_connect_provider", undefined, "aws_iam_openid_connect_provider.gh arn (in the graph)"],
    ["${aws_iam_openid_connect_provider.gh.arn}", "aws_iam_openid_connect_provider", "data", undefined],
    ["${data.aws_iam_openid_connect_provider.d.arn}", "aws_iam_openid_connect_provider", "data", "data.aws_iam_openid_connect_provider.d arn (in the graph)"],
    ["${aws_iam_openid_connect_provider.gh.arn}", "aws_iam_role", undefined, undefined],
    ["${aws_iam_openid_connect_provider.missing.arn}", "aws_iam_openid_connect_provider", "managed", "aws_iam_openid_connect_provider.missing arn"],
    ["arn:x", "aws_iam_openid_connect_provider", undefined, undefined],
  ])("linked(%j, %s, %s)", (value, type, mode, expected) => {
    const link = linked(graph, value, type, mode);
    expect(link && `${link.address} ${link.attribute}${link.instance ? " (in the graph)" : ""}`).toBe(expected);
  });

  test.each<[string, { pool: string; rest: string } | undefined]>([
    [
      "principalSet://iam.googleapis.com/${google_iam_workload_identity_pool.p.id}/*",
      { pool: "${google_iam_workload_identity_pool.p.workload_identity_pool_id}", rest: "*" },
    ],
    ["principal://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/ci/subject/a/b", { pool: "ci", rest: "subject/a/b" }],
    ["principalSet://iam.googleapis.com/${google_iam_workload_identity_pool.p.workload_identity_pool_id}/*", undefined],
    ["principalSet://iam.googleapis.com/${google_service_account.s.name}/*", undefined],
    ["principalSet://iam.googleapis.com/${var.pool}/*", undefined],
    ["principalSet://x/workloadIdentityPools/ci", undefined],
    ["xprincipal://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/ci/*", undefined],
  ])("memberPool(%j)", (member, expected) => {
    expect(memberPool(member)).toEqual(expected);
  });

  test.each<[unknown, string]>([
    ["${google_iam_workload_identity_pool.p.workload_identity_pool_id}", "id:main"],
    // A pool whose id is unknown here, or that is not in the graph, is known by its address.
    ["${google_iam_workload_identity_pool.u.workload_identity_pool_id}", "google_iam_workload_identity_pool.u"],
    ["${google_iam_workload_identity_pool.missing.workload_identity_pool_id}", "google_iam_workload_identity_pool.missing"],
    ["ci", "id:ci"],
    ["${var.pool}", "id:${var.pool}"],
    [5, "id:5"],
    [undefined, "?"],
  ])("poolKey(%j)", (value, expected) => {
    expect(poolKey(graph, value)).toBe(expected);
  });

  // Each row of the graph below is there to not link (or to link once): see the expected list.
  test("what links and what does not: URLs by host and path (any case, trailing slashes, http), other types, missing or self references, other pools", () => {
    const links = trustGraph([
      instance("aws_iam_openid_connect_provider.gl", { url: "http://GitLab.example.com/group//" }),
      instance("aws_iam_openid_connect_provider.odd", { url: 5 }),
      instance("aws_iam_openid_connect_provider.eks", { url: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC" }),
      instance("aws_lambda_function_url.site", { url: "https://gitlab.example.com/group" }),
      instance("aws_iam_role.r", {
        assume_role_policy: JSON.stringify({
          Statement: [
            { Principal: { Federated: "arn:aws:iam::1:oidc-provider/gitlab.example.com/group" } },
            { Principal: { Federated: "arn:aws:iam::1:oidc-provider/nowhere.example.com" } },
          ],
        }),
        description: "${aws_iam_role.r.name} ${aws_iam_role.missing.arn}",
      }),
      instance("data.aws_iam_policy_document.d", {
        statement: [{ principals: [{ identifiers: ["${aws_iam_openid_connect_provider.gl.arn}"] }], resources: ["${aws_s3_bucket.b.arn}"] }],
      }),
      instance("aws_s3_bucket.b", {}),
      instance("aws_iam_role.viadoc", { assume_role_policy: "${data.aws_iam_policy_document.d.json}" }),
      instance("aws_iam_policy.p", { policy: "${data.aws_iam_policy_document.d.json}" }),
      instance("aws_iam_role.viarole", { description: "${aws_iam_role.r.name}" }),
      instance("google_iam_workload_identity_pool_provider.pb", { workload_identity_pool_id: "b" }),
      instance("google_iam_workload_identity_pool_provider.nowhere", { workload_identity_pool_id: "nowhere" }),
      instance("google_iam_workload_identity_pool.a", { workload_identity_pool_id: "a", description: "see workloadIdentityPools/a/ for members" }),
      instance("google_iam_workload_identity_pool.b", { workload_identity_pool_id: "b" }),
      instance("google_iam_workload_identity_pool.n", { workload_identity_pool_id: 7 }),
      instance("google_iam_workload_identity_pool_provider.pn", { workload_identity_pool_id: "7" }),
      // Without an id (Terraform refuses it): nothing to link, and no provider without one links to it.
      instance("google_iam_workload_identity_pool.noid", {}),
      instance("google_iam_workload_identity_pool_provider.noid", {}),
      instance("google_service_account_iam_member.m", {
        member: "principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/other/*",
      }),
    ]).links;
    expect(links.map((l) => `${l.kind} ${l.from} -> ${l.to} via ${l.via}`)).toEqual([
      "role-provider aws_iam_role.r -> aws_iam_openid_connect_provider.gl via literal",
      "role-provider data.aws_iam_policy_document.d -> aws_iam_openid_connect_provider.gl via arn",
      "reference data.aws_iam_policy_document.d -> aws_s3_bucket.b via arn",
      "reference aws_iam_role.viadoc -> data.aws_iam_policy_document.d via json",
      "reference aws_iam_policy.p -> data.aws_iam_policy_document.d via json",
      "reference aws_iam_role.viarole -> aws_iam_role.r via name",
      "provider-pool google_iam_workload_identity_pool_provider.pb -> google_iam_workload_identity_pool.b via literal",
      // A pool id written as a number is its text (as Terraform converts it).
      "provider-pool google_iam_workload_identity_pool_provider.pn -> google_iam_workload_identity_pool.n via literal",
      // Only a role reaches the providers of the document it references (not a policy, not a role referencing a role).
      "role-provider aws_iam_role.viadoc -> aws_iam_openid_connect_provider.gl via arn",
    ]);
  });

  test("links by reference and by literal value, typed and flipped; a role reaches the providers of its policy document", () => {
    const links = trustGraph([
      instance("aws_iam_openid_connect_provider.gh", { url: "https://Token.Actions.GithubUserContent.com/" }),
      instance("aws_iam_openid_connect_provider.u", { url: "https://${var.host}" }),
      instance("aws_iam_role.r", {
        assume_role_policy: JSON.stringify({ Statement: [{ Principal: { Federated: "arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com" } }] }),
      }),
      instance("data.aws_iam_policy_document.d", {
        statement: [{ principals: [{ identifiers: ["${aws_iam_openid_connect_provider.gh.arn}", "${aws_iam_openid_connect_provider.gh.arn}"] }] }],
      }),
      instance("aws_iam_role.viadoc", { assume_role_policy: "${data.aws_iam_policy_document.d.json}" }),
      instance("google_iam_workload_identity_pool.p", { workload_identity_pool_id: "main" }),
      instance("google_iam_workload_identity_pool_provider.pp", { workload_identity_pool_id: "main" }),
      instance("google_service_account_iam_member.m", { member: "principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/main/*" }),
      instance("azurerm_user_assigned_identity.id", {}),
      instance("azurerm_federated_identity_credential.c", { parent_id: "${azurerm_user_assigned_identity.id.id}" }),
      instance("aws_s3_bucket.b", { x: "${aws_iam_role.r.arn}" }),
    ]).links;
    expect(links.map((l) => `${l.kind} ${l.from} -> ${l.to} via ${l.via}`)).toEqual([
      "role-provider aws_iam_role.r -> aws_iam_openid_connect_provider.gh via literal",
      "role-provider data.aws_iam_policy_document.d -> aws_iam_openid_connect_provider.gh via arn",
      "reference aws_iam_role.viadoc -> data.aws_iam_policy_document.d via json",
      "provider-pool google_iam_workload_identity_pool_provider.pp -> google_iam_workload_identity_pool.p via literal",
      "pool-member google_iam_workload_identity_pool.p -> google_service_account_iam_member.m via literal",
      "identity-credential azurerm_user_assigned_identity.id -> azurerm_federated_identity_credential.c via id",
      "reference aws_s3_bucket.b -> aws_iam_role.r via arn",
      "role-provider aws_iam_role.viadoc -> aws_iam_openid_connect_provider.gh via arn",
    ]);
  });
});
