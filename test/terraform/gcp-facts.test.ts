/**
 * Everything the GCP reader extracts from a configuration, as text (test/terraform/facts-text.ts): the
 * issuer, one statement per condition branch and member, the members, unknowns (WIF011) and ids.
 * Members are shortened: POOL is the pool's principalSet:// prefix, POOL_SUBJECT its principal:// one.
 */
import { trustGraph } from "../../src/terraform/eval/links";
import { extractTrustFacts, resourcesFromTerraformJson } from "../../src/terraform/extract";
import { policyDataMembers } from "../../src/terraform/gcp-policy-data";
import { factsText } from "./facts-text";
import { gcpConfig, GH, POOL_PREFIX, POOL_SUBJECT_PREFIX } from "./fixtures";

/** The config with the first provider's attribute_mapping replaced. */
function withMapping(config: object, mapping: unknown): object {
  const copy = structuredClone(config) as { resource: { google_iam_workload_identity_pool_provider: { p0: Record<string, unknown> } } };
  copy.resource.google_iam_workload_identity_pool_provider.p0.attribute_mapping = mapping;
  return copy;
}

/** The config with the first provider's values changed (undefined removes one). */
function withProvider(config: object, values: Record<string, unknown>): object {
  const copy = structuredClone(config) as { resource: { google_iam_workload_identity_pool_provider: { p0: Record<string, unknown> } } };
  const p0 = copy.resource.google_iam_workload_identity_pool_provider.p0;
  for (const [k, v] of Object.entries(values))
    if (v === undefined) delete p0[k];
    else p0[k] = v;
  return copy;
}

/** The config with more resources (by type, then name). */
function withResources(config: object, resources: Record<string, Record<string, object>>): object {
  const copy = structuredClone(config) as { resource: Record<string, object> };
  Object.assign(copy.resource, resources);
  return copy;
}

const GH_URL = `https://${GH}`;

const short = (line: string) => line.split(POOL_SUBJECT_PREFIX).join("POOL_SUBJECT").split(POOL_PREFIX).join("POOL");

describe("GCP reader: the facts of a configuration", () => {
  it.each<[string, object, string[]]>([
    [
      "members of every form (a user outside the pool is no member)",
      gcpConfig({
        members: [
          `${POOL_PREFIX}/*`,
          `${POOL_SUBJECT_PREFIX}/subject/repo:octo/app:ref:refs/heads/main`,
          `${POOL_PREFIX}/attribute.repository/octo/app`,
          `${POOL_PREFIX}/group/admins`,
          `${POOL_PREFIX}/foo`,
          "user:a@example.com",
        ],
      }),
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: github-actions shared (https://token.actions.githubusercontent.com)",
        "  attribute_condition, member POOL/*: aud [] (default) sub [] claims []",
        "  attribute_condition, member POOL_SUBJECT/subject/repo:octo/app:ref:refs/heads/main: aud [] (default) sub [sub equals (POOL_SUBJECT/subject/repo:octo/app:ref:refs/heads/main) repo:octo/app:ref:refs/heads/main [member]] claims []",
        "  attribute_condition, member POOL/attribute.repository/octo/app: aud [] (default) sub [] claims [repository equals (POOL/attribute.repository/octo/app) octo/app [member]]",
        "  attribute_condition, member POOL/group/admins: aud [] (default) sub [] claims [? unread (member) POOL/group/admins [member]]",
        "  attribute_condition, member POOL/foo: aud [] (default) sub [] claims [? unread (member) POOL/foo [member]]",
        "  gcp condition (none) (constrains nothing), 1 provider(s) in the pool",
        "  member pool POOL/* (google_service_account_iam_member.m0)",
        "  member subject POOL_SUBJECT/subject/repo:octo/app:ref:refs/heads/main (google_service_account_iam_member.m1)",
        "  member attribute POOL/attribute.repository/octo/app (google_service_account_iam_member.m2)",
        "  member group POOL/group/admins (google_service_account_iam_member.m3)",
        "  member unknown POOL/foo (google_service_account_iam_member.m4)",
        "  unknown member (google_service_account_iam_member.m3) = POOL/group/admins",
        "  unknown member (google_service_account_iam_member.m4) = POOL/foo",
        "  ids pool ci-pool provider github-0 subjects [repo:octo/app:ref:refs/heads/main]",
      ],
    ],
    [
      "a condition with two branches, and allowed audiences",
      gcpConfig({
        condition: "assertion.repository_owner == 'octo' && (assertion.ref == 'refs/heads/main' || assertion.ref == 'refs/heads/dev')",
        audiences: ["a", "b"],
      }),
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: github-actions shared (https://token.actions.githubusercontent.com)",
        "  attribute_condition branch 1: aud [aud equals (allowed_audiences) a|b] sub [] claims [repository_owner equals (assertion.repository_owner == 'octo') octo; ref equals (assertion.ref == 'refs/heads/main') refs/heads/main]",
        "  attribute_condition branch 2: aud [aud equals (allowed_audiences) a|b] sub [] claims [repository_owner equals (assertion.repository_owner == 'octo') octo; ref equals (assertion.ref == 'refs/heads/dev') refs/heads/dev]",
        "  gcp condition assertion.repository_owner == 'octo' && (assertion.ref == 'refs/heads/main' || assertion.ref == 'refs/heads/dev') (constrains), 1 provider(s) in the pool",
        "  ids pool ci-pool provider github-0 subjects []",
      ],
    ],
    [
      "a condition unknown here",
      gcpConfig({ condition: "${var.cond}" }),
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: github-actions shared (https://token.actions.githubusercontent.com)",
        "  attribute_condition: aud [] (default) sub [] claims [? unknown (${var.cond}) ]",
        "  gcp condition ${var.cond} (constrains), 1 provider(s) in the pool",
        "  unknown attribute_condition = ${var.cond}",
        "  ids pool ci-pool provider github-0 subjects []",
      ],
    ],
    [
      "a condition that constrains nothing",
      gcpConfig({ condition: "true" }),
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: github-actions shared (https://token.actions.githubusercontent.com)",
        "  attribute_condition: aud [] (default) sub [] claims [true constrains-nothing (true) ]",
        "  gcp condition true (constrains nothing), 1 provider(s) in the pool",
        "  ids pool ci-pool provider github-0 subjects []",
      ],
    ],
    [
      "an issuer with an unknown part",
      gcpConfig({ issuer: "https://${var.host}/x", members: [`${POOL_PREFIX}/*`] }),
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: generic (unknown https://${var.host}/x)",
        "  attribute_condition, member POOL/*: aud [] (default) sub [] claims []",
        "  gcp condition (none) (constrains nothing), 1 provider(s) in the pool",
        "  member pool POOL/* (google_service_account_iam_member.m0)",
        "  unknown oidc.issuer_uri = ${var.host}",
        "  ids pool ci-pool provider github-0 subjects []",
      ],
    ],
    [
      "an issuer with a trailing slash",
      gcpConfig({ issuer: "https://gitlab.com/", members: [`${POOL_PREFIX}/attribute.repository/g/p`] }),
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: gitlab shared (https://gitlab.com)",
        "  attribute_condition, member POOL/attribute.repository/g/p: aud [] (default) sub [] claims [repository equals (POOL/attribute.repository/g/p) g/p [member]]",
        "  gcp condition (none) (constrains nothing), 1 provider(s) in the pool",
        "  member attribute POOL/attribute.repository/g/p (google_service_account_iam_member.m0)",
        "  ids pool ci-pool provider github-0 subjects []",
      ],
    ],
    [
      "a mapping unknown here",
      withMapping(gcpConfig({ members: [`${POOL_PREFIX}/attribute.repository/octo/app`] }), "${var.mapping}"),
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: github-actions shared (https://token.actions.githubusercontent.com)",
        "  attribute_condition, member POOL/attribute.repository/octo/app: aud [] (default) sub [] claims [attribute.repository unread (POOL/attribute.repository/octo/app) octo/app [member]]",
        "  gcp condition (none) (constrains nothing), 1 provider(s) in the pool",
        "  member attribute POOL/attribute.repository/octo/app (google_service_account_iam_member.m0)",
        "  unknown attribute_mapping = ${var.mapping}",
        "  ids pool ci-pool provider github-0 subjects []",
      ],
    ],
    [
      "a mapping with a name unknown here and a value that is no string",
      withMapping(gcpConfig({ members: [`${POOL_PREFIX}/attribute.extra/v`, `${POOL_PREFIX}/attribute.n/v`] }), {
        "google.subject": "assertion.sub",
        "${var.name}": "assertion.x",
        "attribute.n": 5,
      }),
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: github-actions shared (https://token.actions.githubusercontent.com)",
        "  attribute_condition, member POOL/attribute.extra/v: aud [] (default) sub [] claims [attribute.extra unread (POOL/attribute.extra/v) v [member]]",
        "  attribute_condition, member POOL/attribute.n/v: aud [] (default) sub [] claims [attribute.n unread (POOL/attribute.n/v) v [member]]",
        "  gcp condition (none) (constrains nothing), 1 provider(s) in the pool",
        "  member attribute POOL/attribute.extra/v (google_service_account_iam_member.m0)",
        "  member attribute POOL/attribute.n/v (google_service_account_iam_member.m1)",
        "  unknown attribute_mapping = ${var.name}",
        "  unknown attribute_mapping = attribute.n = 5",
        "  ids pool ci-pool provider github-0 subjects []",
      ],
    ],
    [
      "google.subject from another claim; a value the claim never has",
      gcpConfig({
        mapping: { "google.subject": "assertion.actor", "attribute.owner_id": "assertion.repository_owner_id" },
        members: [`${POOL_SUBJECT_PREFIX}/subject/octocat`, `${POOL_PREFIX}/attribute.owner_id/abc`, `${POOL_PREFIX}/attribute.owner_id/123`],
      }),
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: github-actions shared (https://token.actions.githubusercontent.com)",
        "  attribute_condition, member POOL_SUBJECT/subject/octocat: aud [] (default) sub [] claims [actor equals (POOL_SUBJECT/subject/octocat) octocat [member]]",
        '  attribute_condition, member POOL/attribute.owner_id/abc: aud [] (default) sub [] claims [repository_owner_id equals (POOL/attribute.owner_id/abc) abc [member]] never POOL/attribute.owner_id/abc: attribute.owner_id is the token\'s repository_owner_id (attribute_mapping), and GitHub Actions never issues repository_owner_id "abc"',
        "  attribute_condition, member POOL/attribute.owner_id/123: aud [] (default) sub [] claims [repository_owner_id equals (POOL/attribute.owner_id/123) 123 [member]]",
        "  gcp condition (none) (constrains nothing), 1 provider(s) in the pool",
        "  member subject POOL_SUBJECT/subject/octocat (google_service_account_iam_member.m0)",
        "  member attribute POOL/attribute.owner_id/abc (google_service_account_iam_member.m1)",
        "  member attribute POOL/attribute.owner_id/123 (google_service_account_iam_member.m2)",
        "  ids pool ci-pool provider github-0 subjects []",
      ],
    ],
    [
      "mappings that are not plain claims",
      gcpConfig({
        mapping: { "google.subject": "assertion.sub + '/' + assertion.aud", "attribute.x": "assertion.a + assertion.b" },
        members: [`${POOL_SUBJECT_PREFIX}/subject/a`, `${POOL_PREFIX}/attribute.x/v`],
      }),
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: github-actions shared (https://token.actions.githubusercontent.com)",
        "  attribute_condition, member POOL_SUBJECT/subject/a: aud [] (default) sub [] claims [google.subject unread (POOL_SUBJECT/subject/a) a [member]]",
        "  attribute_condition, member POOL/attribute.x/v: aud [] (default) sub [] claims [attribute.x unread (POOL/attribute.x/v) v [member]]",
        "  gcp condition (none) (constrains nothing), 1 provider(s) in the pool",
        "  member subject POOL_SUBJECT/subject/a (google_service_account_iam_member.m0)",
        "  member attribute POOL/attribute.x/v (google_service_account_iam_member.m1)",
        "  unknown member (google_service_account_iam_member.m0) = google.subject (attribute_mapping \"assertion.sub + '/' + assertion.aud\")",
        '  unknown member (google_service_account_iam_member.m1) = attribute.x (attribute_mapping "assertion.a + assertion.b")',
        "  ids pool ci-pool provider github-0 subjects []",
      ],
    ],
    [
      "no google.subject mapping",
      gcpConfig({ mapping: { "attribute.repository": "assertion.repository" }, members: [`${POOL_SUBJECT_PREFIX}/subject/a`] }),
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: github-actions shared (https://token.actions.githubusercontent.com)",
        "  attribute_condition, member POOL_SUBJECT/subject/a: aud [] (default) sub [] claims [google.subject unread (POOL_SUBJECT/subject/a) a [member]]",
        "  gcp condition (none) (constrains nothing), 1 provider(s) in the pool",
        "  member subject POOL_SUBJECT/subject/a (google_service_account_iam_member.m0)",
        '  unknown member (google_service_account_iam_member.m0) = google.subject (attribute_mapping "missing")',
        "  ids pool ci-pool provider github-0 subjects []",
      ],
    ],
    [
      "malformed percent-encoding and a member unknown here",
      gcpConfig({
        members: [`${POOL_SUBJECT_PREFIX}/subject/100%`, `${POOL_PREFIX}/attribute.repository/100%`, `${POOL_PREFIX}/attribute.repository/\${var.repo}`],
      }),
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: github-actions shared (https://token.actions.githubusercontent.com)",
        "  attribute_condition, member POOL_SUBJECT/subject/100%: aud [] (default) sub [] claims [? unread (member) POOL_SUBJECT/subject/100% [member]]",
        "  attribute_condition, member POOL/attribute.repository/100%: aud [] (default) sub [] claims [? unread (member) POOL/attribute.repository/100% [member]]",
        "  attribute_condition, member POOL/attribute.repository/${var.repo}: aud [] (default) sub [] claims [repository equals (POOL/attribute.repository/${var.repo}) ${var.repo} [member]]",
        "  gcp condition (none) (constrains nothing), 1 provider(s) in the pool",
        "  member subject POOL_SUBJECT/subject/100% (google_service_account_iam_member.m0)",
        "  member attribute POOL/attribute.repository/100% (google_service_account_iam_member.m1)",
        "  member attribute POOL/attribute.repository/${var.repo} (google_service_account_iam_member.m2)",
        "  unknown member (google_service_account_iam_member.m0) = POOL_SUBJECT/subject/100% (malformed percent-encoding)",
        "  unknown member (google_service_account_iam_member.m1) = POOL/attribute.repository/100% (malformed percent-encoding)",
        "  unknown member (google_service_account_iam_member.m2) = ${var.repo}",
        "  ids pool ci-pool provider github-0 subjects []",
      ],
    ],
    [
      "constant attributes (one value per provider) and an attribute not mapped",
      gcpConfig({
        mapping: {
          "google.subject": "assertion.sub",
          "attribute.tag": "'ci'",
          "attribute.iss_tag": "assertion.iss == 'https://token.actions.githubusercontent.com' ? 'gh' : ''",
        },
        members: [
          `${POOL_PREFIX}/attribute.tag/ci`,
          `${POOL_PREFIX}/attribute.tag/other`,
          `${POOL_PREFIX}/attribute.iss_tag/gh`,
          `${POOL_PREFIX}/attribute.nope/x`,
        ],
      }),
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: github-actions shared (https://token.actions.githubusercontent.com)",
        "  attribute_condition, member POOL/attribute.tag/ci: aud [] (default) sub [] claims []",
        "  attribute_condition, member POOL/attribute.iss_tag/gh: aud [] (default) sub [] claims []",
        "  attribute_condition, member POOL/attribute.nope/x: aud [] (default) sub [] claims [] never POOL/attribute.nope/x: attribute.nope is not in the provider's attribute_mapping, so no token has it",
        "  gcp condition (none) (constrains nothing), 1 provider(s) in the pool",
        "  member attribute POOL/attribute.tag/ci (google_service_account_iam_member.m0)",
        "  member attribute POOL/attribute.tag/other (google_service_account_iam_member.m1)",
        "  member attribute POOL/attribute.iss_tag/gh (google_service_account_iam_member.m2)",
        "  member attribute POOL/attribute.nope/x (google_service_account_iam_member.m3)",
        "  ids pool ci-pool provider github-0 subjects []",
      ],
    ],
    [
      // A binding's members and an authoritative policy's grant; removing a member (_iam_member_remove) grants nothing.
      "members of a binding and a policy; a member removed is none",
      withResources(gcpConfig({}), {
        google_project_iam_binding: { b: { project: "p", role: "roles/iam.workloadIdentityUser", members: [`${POOL_PREFIX}/attribute.repository/octo/app`] } },
        google_project_iam_member_remove: { r: { project: "p", role: "roles/iam.workloadIdentityUser", member: `${POOL_PREFIX}/*` } },
        google_project_iam_policy: {
          pol: {
            project: "p",
            policy_data: JSON.stringify({ bindings: [{ role: "roles/owner", members: [`${POOL_PREFIX}/attribute.repository_owner/octo`] }] }),
          },
        },
      }),
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: github-actions shared (https://token.actions.githubusercontent.com)",
        "  attribute_condition, member POOL/attribute.repository/octo/app: aud [] (default) sub [] claims [repository equals (POOL/attribute.repository/octo/app) octo/app [member]]",
        "  attribute_condition, member POOL/attribute.repository_owner/octo: aud [] (default) sub [] claims [repository_owner equals (POOL/attribute.repository_owner/octo) octo [member]]",
        "  gcp condition (none) (constrains nothing), 1 provider(s) in the pool",
        "  member attribute POOL/attribute.repository/octo/app (google_project_iam_binding.b)",
        "  member attribute POOL/attribute.repository_owner/octo (google_project_iam_policy.pol)",
        "  ids pool ci-pool provider github-0 subjects []",
      ],
    ],
    [
      // A data source reads a policy as it is (plan JSON holds its values); this configuration grants nothing through it.
      "a data source's policy_data is no grant",
      {
        ...gcpConfig({}),
        data: {
          google_service_account_iam_policy: {
            d: {
              service_account_id: "sa",
              policy_data: JSON.stringify({ bindings: [{ role: "roles/iam.workloadIdentityUser", members: [`${POOL_PREFIX}/*`] }] }),
            },
          },
        },
      },
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: github-actions shared (https://token.actions.githubusercontent.com)",
        "  attribute_condition: aud [] (default) sub [] claims []",
        "  gcp condition (none) (constrains nothing), 1 provider(s) in the pool",
        "  ids pool ci-pool provider github-0 subjects []",
      ],
    ],
    [
      "a policy_data unknown here may grant the pool: an unknown of the provider",
      withResources(gcpConfig({}), { google_project_iam_policy: { pol: { project: "p", policy_data: "${var.policy}" } } }),
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: github-actions shared (https://token.actions.githubusercontent.com)",
        "  attribute_condition: aud [] (default) sub [] claims []",
        "  gcp condition (none) (constrains nothing), 1 provider(s) in the pool",
        "  unknown policy_data (google_project_iam_policy.pol) = ${var.policy}",
        "  ids pool ci-pool provider github-0 subjects []",
      ],
    ],
    [
      // A provider that federates AWS identities names no OIDC issuer: generic, with no URL.
      "a provider with no oidc block",
      withProvider(gcpConfig({}), { oidc: undefined, aws: { account_id: "999999999999" } }),
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: generic (no url)",
        "  attribute_condition: aud [] (default) sub [] claims []",
        "  gcp condition (none) (constrains nothing), 1 provider(s) in the pool",
        "  ids pool ci-pool provider github-0 subjects []",
      ],
    ],
    [
      "an issuer with an unknown part names no issuer (each unknown part is WIF011)",
      gcpConfig({ issuer: "https://${var.host}/x" }),
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: generic (unknown https://${var.host}/x)",
        "  attribute_condition: aud [] (default) sub [] claims []",
        "  gcp condition (none) (constrains nothing), 1 provider(s) in the pool",
        "  unknown oidc.issuer_uri = ${var.host}",
        "  ids pool ci-pool provider github-0 subjects []",
      ],
    ],
    ...[
      ["null", withMapping(gcpConfig({ members: [`${POOL_SUBJECT_PREFIX}/subject/x`, `${POOL_PREFIX}/attribute.repository/octo/app`] }), null)] as const,
      [
        "absent",
        withProvider(gcpConfig({ members: [`${POOL_SUBJECT_PREFIX}/subject/x`, `${POOL_PREFIX}/attribute.repository/octo/app`] }), {
          attribute_mapping: undefined,
        }),
      ] as const,
    ].map(([how, config]): [string, object, string[]] => [
      `an attribute_mapping ${how}: nothing is mapped, so a subject member is unread, an attribute member never matches, and the mapping is no unknown`,
      config,
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: github-actions shared (https://token.actions.githubusercontent.com)",
        "  attribute_condition, member POOL_SUBJECT/subject/x: aud [] (default) sub [] claims [google.subject unread (POOL_SUBJECT/subject/x) x [member]]",
        "  attribute_condition, member POOL/attribute.repository/octo/app: aud [] (default) sub [] claims [] never POOL/attribute.repository/octo/app: attribute.repository is not in the provider's attribute_mapping, so no token has it",
        "  gcp condition (none) (constrains nothing), 1 provider(s) in the pool",
        "  member subject POOL_SUBJECT/subject/x (google_service_account_iam_member.m0)",
        "  member attribute POOL/attribute.repository/octo/app (google_service_account_iam_member.m1)",
        '  unknown member (google_service_account_iam_member.m0) = google.subject (attribute_mapping "missing")',
        "  ids pool ci-pool provider github-0 subjects []",
      ],
    ]),
    [
      "an attribute_mapping that is no object (a number): unknown, as its JSON text",
      withMapping(gcpConfig({}), 5),
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: github-actions shared (https://token.actions.githubusercontent.com)",
        "  attribute_condition: aud [] (default) sub [] claims []",
        "  gcp condition (none) (constrains nothing), 1 provider(s) in the pool",
        "  unknown attribute_mapping = 5",
        "  ids pool ci-pool provider github-0 subjects []",
      ],
    ],
    [
      "an issuer with a path and a trailing slash: the URL without the slash",
      gcpConfig({ issuer: "https://gitlab.example.com/gitlab/" }),
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: generic (https://gitlab.example.com/gitlab)",
        "  attribute_condition: aud [] (default) sub [] claims []",
        "  gcp condition (none) (constrains nothing), 1 provider(s) in the pool",
        "  ids pool ci-pool provider github-0 subjects []",
      ],
    ],
    [
      "a condition with an unread part: an unknown of attribute_condition",
      gcpConfig({ condition: "size(assertion.x) > 1 && assertion.repository_owner == 'octo'" }),
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: github-actions shared (https://token.actions.githubusercontent.com)",
        "  attribute_condition: aud [] (default) sub [] claims [? unread (size(assertion.x) > 1) ; repository_owner equals (assertion.repository_owner == 'octo') octo]",
        "  gcp condition size(assertion.x) > 1 && assertion.repository_owner == 'octo' (constrains), 1 provider(s) in the pool",
        "  unknown attribute_condition = size(assertion.x) > 1",
        "  ids pool ci-pool provider github-0 subjects []",
      ],
    ],
    [
      // The condition constrains when every branch has a check that is neither negated nor "constrains nothing".
      "a branch that only excludes: the condition constrains nothing",
      gcpConfig({ condition: "assertion.repository_owner == 'octo' || assertion.ref != 'x'" }),
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: github-actions shared (https://token.actions.githubusercontent.com)",
        "  attribute_condition branch 1: aud [] (default) sub [] claims [repository_owner equals (assertion.repository_owner == 'octo') octo]",
        "  attribute_condition branch 2: aud [] (default) sub [] claims [ref negated (assertion.ref != 'x') x]",
        "  gcp condition assertion.repository_owner == 'octo' || assertion.ref != 'x' (constrains nothing), 1 provider(s) in the pool",
        "  ids pool ci-pool provider github-0 subjects []",
      ],
    ],
    [
      "one branch with a check beside an exclusion: the condition constrains",
      gcpConfig({ condition: "assertion.repository_owner == 'octo' && assertion.ref != 'x'" }),
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: github-actions shared (https://token.actions.githubusercontent.com)",
        "  attribute_condition: aud [] (default) sub [] claims [repository_owner equals (assertion.repository_owner == 'octo') octo; ref negated (assertion.ref != 'x') x]",
        "  gcp condition assertion.repository_owner == 'octo' && assertion.ref != 'x' (constrains), 1 provider(s) in the pool",
        "  ids pool ci-pool provider github-0 subjects []",
      ],
    ],
    [
      "attribute_condition true: constrains nothing",
      gcpConfig({ condition: "true" }),
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: github-actions shared (https://token.actions.githubusercontent.com)",
        "  attribute_condition: aud [] (default) sub [] claims [true constrains-nothing (true) ]",
        "  gcp condition true (constrains nothing), 1 provider(s) in the pool",
        "  ids pool ci-pool provider github-0 subjects []",
      ],
    ],
    [
      "a member whose form is decided at apply: unknown (WIF011), never unread",
      gcpConfig({ members: [`${POOL_PREFIX}/\${var.scope}`] }),
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: github-actions shared (https://token.actions.githubusercontent.com)",
        "  attribute_condition, member POOL/${var.scope}: aud [] (default) sub [] claims [? unknown (member) POOL/${var.scope} [member]]",
        "  gcp condition (none) (constrains nothing), 1 provider(s) in the pool",
        "  member unknown POOL/${var.scope} (google_service_account_iam_member.m0)",
        "  unknown member (google_service_account_iam_member.m0) = POOL/${var.scope}",
        "  unknown member (google_service_account_iam_member.m0) = ${var.scope}",
        "  ids pool ci-pool provider github-0 subjects []",
      ],
    ],
    [
      "a subject member the mapped claim never has (google.subject is the actor, a login has no space)",
      gcpConfig({ mapping: { "google.subject": "assertion.actor" }, members: [`${POOL_SUBJECT_PREFIX}/subject/octo%20cat`] }),
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: github-actions shared (https://token.actions.githubusercontent.com)",
        '  attribute_condition, member POOL_SUBJECT/subject/octo%20cat: aud [] (default) sub [] claims [actor equals (POOL_SUBJECT/subject/octo%20cat) octo cat [member]] never POOL_SUBJECT/subject/octo%20cat: google.subject is the token\'s actor (attribute_mapping), and GitHub Actions never issues actor "octo cat"',
        "  gcp condition (none) (constrains nothing), 1 provider(s) in the pool",
        "  member subject POOL_SUBJECT/subject/octo%20cat (google_service_account_iam_member.m0)",
        "  ids pool ci-pool provider github-0 subjects []",
      ],
    ],
    [
      "an attribute the mapping maps beside a name decided at apply: still its claim",
      gcpConfig({
        members: [`${POOL_PREFIX}/attribute.repository/octo/app`],
        mapping: { "google.subject": "assertion.sub", "attribute.repository": "assertion.repository", "${var.k}": "assertion.x" },
      }),
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: github-actions shared (https://token.actions.githubusercontent.com)",
        "  attribute_condition, member POOL/attribute.repository/octo/app: aud [] (default) sub [] claims [repository equals (POOL/attribute.repository/octo/app) octo/app [member]]",
        "  gcp condition (none) (constrains nothing), 1 provider(s) in the pool",
        "  member attribute POOL/attribute.repository/octo/app (google_service_account_iam_member.m0)",
        "  unknown attribute_mapping = ${var.k}",
        "  ids pool ci-pool provider github-0 subjects []",
      ],
    ],
    [
      // Each form's origin is the condition; a regex read as globs keeps its source, one with a flag is unread (WIF011).
      "every form of check: in a list, endsWith, contains, matches read as globs, matches unread",
      gcpConfig({
        condition:
          "assertion.ref in ['refs/heads/main', 'refs/heads/dev'] && assertion.repository.endsWith('/app') && assertion.workflow.contains('deploy') && assertion.sub.matches('^repo:octo/app:.*$') && assertion.actor.matches('^[a-z]+$') && assertion.job_workflow_ref.matches('(?i)^octo/')",
      }),
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: github-actions shared (https://token.actions.githubusercontent.com)",
        "  attribute_condition: aud [] (default) sub [sub like (assertion.sub.matches('^repo:octo/app:.*$')) repo:octo/app:*] claims [ref equals (assertion.ref in ['refs/heads/main', 'refs/heads/dev']) refs/heads/main|refs/heads/dev; repository like (assertion.repository.endsWith('/app')) */app; workflow like (assertion.workflow.contains('deploy')) *deploy*; actor like (assertion.actor.matches('^[a-z]+$')) *; job_workflow_ref regex (assertion.job_workflow_ref.matches('(?i)^octo/')) (?i)^octo/]",
        "  gcp condition assertion.ref in ['refs/heads/main', 'refs/heads/dev'] && assertion.repository.endsWith('/app') && assertion.workflow.contains('deploy') && assertion.sub.matches('^repo:octo/app:.*$') && assertion.actor.matches('^[a-z]+$') && assertion.job_workflow_ref.matches('(?i)^octo/') (constrains), 1 provider(s) in the pool",
        "  unknown attribute_condition = assertion.job_workflow_ref.matches('(?i)^octo/')",
        "  ids pool ci-pool provider github-0 subjects []",
      ],
    ],
    [
      // A data source reads a provider that exists; it declares no trust here (and is no second provider of the pool).
      "a data source of a provider is no trust",
      {
        ...gcpConfig({}),
        data: {
          google_iam_workload_identity_pool_provider: {
            d: { workload_identity_pool_id: "ci-pool", workload_identity_pool_provider_id: "other", oidc: { issuer_uri: "https://x.example.com" } },
          },
        },
      },
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: github-actions shared (https://token.actions.githubusercontent.com)",
        "  attribute_condition: aud [] (default) sub [] claims []",
        "  gcp condition (none) (constrains nothing), 1 provider(s) in the pool",
        "  ids pool ci-pool provider github-0 subjects []",
      ],
    ],
    [
      // The subjects GCP's length limit applies to (WIF010): exact values only, never a prefix or an exclusion.
      "subjects checked by prefix, exactly and by exclusion",
      gcpConfig({ condition: "assertion.sub.startsWith('repo:octo/') || assertion.sub == 'repo:octo/app:ref:refs/heads/main' || assertion.sub != 'x'" }),
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: github-actions shared (https://token.actions.githubusercontent.com)",
        "  attribute_condition branch 1: aud [] (default) sub [sub like (assertion.sub.startsWith('repo:octo/')) repo:octo/*] claims []",
        "  attribute_condition branch 2: aud [] (default) sub [sub equals (assertion.sub == 'repo:octo/app:ref:refs/heads/main') repo:octo/app:ref:refs/heads/main] claims []",
        "  attribute_condition branch 3: aud [] (default) sub [sub negated (assertion.sub != 'x') x] claims []",
        "  gcp condition assertion.sub.startsWith('repo:octo/') || assertion.sub == 'repo:octo/app:ref:refs/heads/main' || assertion.sub != 'x' (constrains nothing), 1 provider(s) in the pool",
        "  ids pool ci-pool provider github-0 subjects [repo:octo/app:ref:refs/heads/main]",
      ],
    ],
    [
      // WIF010 checks the ids' lengths: only ids known here are given.
      "a pool whose id is decided at apply, a provider with no id: neither id is known",
      withProvider(withResources(gcpConfig({}), { google_iam_workload_identity_pool: { pool: { workload_identity_pool_id: "${var.pool_id}" } } }), {
        workload_identity_pool_provider_id: undefined,
      }),
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: github-actions shared (https://token.actions.githubusercontent.com)",
        "  attribute_condition: aud [] (default) sub [] claims []",
        "  gcp condition (none) (constrains nothing), 1 provider(s) in the pool",
      ],
    ],
    [
      // google.subject is the token's actor here: a sub check is no google.subject value (WIF010's limit is on google.subject).
      "google.subject from the actor: the sub a condition checks is no subject value",
      gcpConfig({ mapping: { "google.subject": "assertion.actor" }, condition: "assertion.sub == 'repo:octo/app:ref:refs/heads/main'" }),
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: github-actions shared (https://token.actions.githubusercontent.com)",
        "  attribute_condition: aud [] (default) sub [sub equals (assertion.sub == 'repo:octo/app:ref:refs/heads/main') repo:octo/app:ref:refs/heads/main] claims []",
        "  gcp condition assertion.sub == 'repo:octo/app:ref:refs/heads/main' (constrains), 1 provider(s) in the pool",
        "  ids pool ci-pool provider github-0 subjects []",
      ],
    ],
    [
      // Mappings as GCP reads them: blanks around a claim or a constant; a constant in either quotes; a
      // constant with more after it is no constant; an attribute member with no value is no attribute.
      "mappings with blanks, quotes and concatenation; an attribute member without a value",
      gcpConfig({
        mapping: { "google.subject": " assertion.sub ", "attribute.tag": " 'ci' ", "attribute.dq": '"gh"', "attribute.cat": "'gh' + assertion.x" },
        members: [
          `${POOL_SUBJECT_PREFIX}/subject/repo:octo/app:ref:refs/heads/main`,
          `${POOL_PREFIX}/attribute.tag/ci`,
          `${POOL_PREFIX}/attribute.dq/gh`,
          `${POOL_PREFIX}/attribute.cat/gh`,
          `${POOL_PREFIX}/attribute.tag`,
        ],
      }),
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: github-actions shared (https://token.actions.githubusercontent.com)",
        "  attribute_condition, member POOL_SUBJECT/subject/repo:octo/app:ref:refs/heads/main: aud [] (default) sub [sub equals (POOL_SUBJECT/subject/repo:octo/app:ref:refs/heads/main) repo:octo/app:ref:refs/heads/main [member]] claims []",
        "  attribute_condition, member POOL/attribute.tag/ci: aud [] (default) sub [] claims []",
        "  attribute_condition, member POOL/attribute.dq/gh: aud [] (default) sub [] claims []",
        "  attribute_condition, member POOL/attribute.cat/gh: aud [] (default) sub [] claims [attribute.cat unread (POOL/attribute.cat/gh) gh [member]]",
        "  attribute_condition, member POOL/attribute.tag: aud [] (default) sub [] claims [? unread (member) POOL/attribute.tag [member]]",
        "  gcp condition (none) (constrains nothing), 1 provider(s) in the pool",
        "  member subject POOL_SUBJECT/subject/repo:octo/app:ref:refs/heads/main (google_service_account_iam_member.m0)",
        "  member attribute POOL/attribute.tag/ci (google_service_account_iam_member.m1)",
        "  member attribute POOL/attribute.dq/gh (google_service_account_iam_member.m2)",
        "  member attribute POOL/attribute.cat/gh (google_service_account_iam_member.m3)",
        "  member unknown POOL/attribute.tag (google_service_account_iam_member.m4)",
        `  unknown member (google_service_account_iam_member.m3) = attribute.cat (attribute_mapping "'gh' + assertion.x")`,
        "  unknown member (google_service_account_iam_member.m4) = POOL/attribute.tag",
        "  ids pool ci-pool provider github-0 subjects [repo:octo/app:ref:refs/heads/main]",
      ],
    ],
    [
      // A per-provider tag (assertion.iss == '<issuer_uri>' ? '<tag>' : '') with or without blanks is a
      // constant; with more around it, or for another issuer, it is no constant (unread, never a pin).
      "issuer tags: compact, with blanks, with more after or before, for another issuer",
      gcpConfig({
        mapping: {
          "google.subject": "assertion.sub",
          "attribute.t1": `assertion.iss=='${GH_URL}'?'gh':''`,
          "attribute.t2": ` assertion.iss == '${GH_URL}' ? 'gh' : '' `,
          "attribute.t3": `assertion.iss == '${GH_URL}' ? 'gh' : '' + assertion.x`,
          "attribute.t4": `assertion.sub == 'x' || assertion.iss == '${GH_URL}' ? 'gh' : ''`,
          "attribute.t5": "assertion.iss == 'https://other.example.com' ? 'gh' : ''",
        },
        members: [1, 2, 3, 4, 5].map((i) => `${POOL_PREFIX}/attribute.t${i}/gh`),
      }),
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: github-actions shared (https://token.actions.githubusercontent.com)",
        "  attribute_condition, member POOL/attribute.t1/gh: aud [] (default) sub [] claims []",
        "  attribute_condition, member POOL/attribute.t2/gh: aud [] (default) sub [] claims []",
        "  attribute_condition, member POOL/attribute.t3/gh: aud [] (default) sub [] claims [attribute.t3 unread (POOL/attribute.t3/gh) gh [member]]",
        "  attribute_condition, member POOL/attribute.t4/gh: aud [] (default) sub [] claims [attribute.t4 unread (POOL/attribute.t4/gh) gh [member]]",
        "  attribute_condition, member POOL/attribute.t5/gh: aud [] (default) sub [] claims [attribute.t5 unread (POOL/attribute.t5/gh) gh [member]]",
        "  gcp condition (none) (constrains nothing), 1 provider(s) in the pool",
        ...[0, 1, 2, 3, 4].map((i) => `  member attribute POOL/attribute.t${i + 1}/gh (google_service_account_iam_member.m${i})`),
        `  unknown member (google_service_account_iam_member.m2) = attribute.t3 (attribute_mapping "assertion.iss == '${GH_URL}' ? 'gh' : '' + assertion.x")`,
        `  unknown member (google_service_account_iam_member.m3) = attribute.t4 (attribute_mapping "assertion.sub == 'x' || assertion.iss == '${GH_URL}' ? 'gh' : ''")`,
        `  unknown member (google_service_account_iam_member.m4) = attribute.t5 (attribute_mapping "assertion.iss == 'https://other.example.com' ? 'gh' : ''")`,
        "  ids pool ci-pool provider github-0 subjects []",
      ],
    ],
    [
      "two providers in one pool",
      gcpConfig({ providers: 2, members: [`${POOL_PREFIX}/*`] }),
      [
        "google_iam_workload_identity_pool_provider.p0 gcp: github-actions shared (https://token.actions.githubusercontent.com)",
        "  attribute_condition, member POOL/*: aud [] (default) sub [] claims []",
        "  gcp condition (none) (constrains nothing), 2 provider(s) in the pool",
        "  member pool POOL/* (google_service_account_iam_member.m0)",
        "  ids pool ci-pool provider github-0 subjects []",
        "google_iam_workload_identity_pool_provider.p1 gcp: github-actions shared (https://token.actions.githubusercontent.com)",
        "  attribute_condition, member POOL/*: aud [] (default) sub [] claims []",
        "  gcp condition (none) (constrains nothing), 2 provider(s) in the pool",
        "  member pool POOL/* (google_service_account_iam_member.m0)",
        "  ids pool ci-pool provider github-1 subjects []",
      ],
    ],
  ])("%s", (_name, config, expected) => {
    expect(factsText(extractTrustFacts(resourcesFromTerraformJson(config))).map(short)).toEqual(expected);
  });
});

test("GCP reader: an issuer is a reference of the provider's oidc.issuer_uri (where it was read, for WIF009), a partly unknown one too; a wholly unknown one none", () => {
  const references = (config: object) => extractTrustFacts(resourcesFromTerraformJson(config)).map((f) => f.issuer.references);
  expect(references(gcpConfig({}))).toEqual([[{ where: "google_iam_workload_identity_pool_provider.p0.oidc.issuer_uri", value: `https://${GH}` }]]);
  expect(references(gcpConfig({ issuer: "https://${var.host}" }))).toEqual([
    [{ where: "google_iam_workload_identity_pool_provider.p0.oidc.issuer_uri", value: "https://${var.host}" }],
  ]);
  expect(references(gcpConfig({ issuer: "${var.issuer}" }))).toEqual([[]]);
  expect(references(withProvider(gcpConfig({}), { oidc: undefined }))).toEqual([[]]);
});

describe("policyDataMembers: the members an authoritative IAM policy grants", () => {
  const policyResource = (policyData: unknown) => ({
    mode: "managed" as const,
    type: "google_service_account_iam_policy",
    name: "m",
    address: "google_service_account_iam_policy.m",
    values: { service_account_id: "sa", ...(policyData !== undefined ? { policy_data: policyData } : {}) },
  });
  const data = {
    mode: "data" as const,
    type: "google_iam_policy",
    name: "p",
    address: "data.google_iam_policy.p",
    values: {
      binding: [
        { role: "roles/iam.workloadIdentityUser", members: ["a", "b"] },
        { role: "r", members: "c" },
      ],
    },
  };
  const graph = trustGraph([data]);
  it.each<[string, unknown, { members: string[]; unknown?: string }]>([
    ["a data.google_iam_policy of the configuration", "${data.google_iam_policy.p.policy_data}", { members: ["a", "b", "c"] }],
    ["one that is not", "${data.google_iam_policy.other.policy_data}", { members: [], unknown: "${data.google_iam_policy.other.policy_data}" }],
    ["a JSON literal", JSON.stringify({ bindings: [{ role: "r", members: ["x"] }] }), { members: ["x"] }],
    ["JSON null", "null", { members: [] }],
    ["text that is not JSON (its first 200 characters)", `{${"z".repeat(300)}`, { members: [], unknown: `{${"z".repeat(199)}` }],
    ["a value unknown here", "${var.policy}", { members: [], unknown: "${var.policy}" }],
    ["an object (jsonencode evaluated)", { bindings: [{ members: ["y"] }] }, { members: ["y"] }],
    ["a number", 5, { members: [], unknown: "5" }],
    ["no policy_data", undefined, { members: [] }],
    // Terraform refuses a null policy_data: nothing is granted, and it is named (WIF011), never read as none.
    ["policy_data null", null, { members: [], unknown: "null" }],
  ])("%s", (_name, policyData, expected) => {
    expect(policyDataMembers(policyResource(policyData), graph)).toEqual(expected);
  });
});
