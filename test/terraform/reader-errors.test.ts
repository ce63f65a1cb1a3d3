/**
 * A value a reader cannot walk (here a getter that throws, as a value nested too deep for the stack
 * does) is reported for that trust only: an unknown (WIF011) and, on GCP, an unread check that never
 * pins (so the unpinned subject is WIF001 too), with the resource's source and acknowledgements kept;
 * every other resource is still read.
 */
import { lintFacts } from "../../src/lint/engine";
import { extractTrustFacts, resourcesFromTerraformJson } from "../../src/terraform/extract";
import type { TerraformResource } from "../../src/terraform/resources";
import { factsText } from "./facts-text";
import { awsPolicy, awsRoles, gcpConfig, ghCondition, POOL_PREFIX } from "./fixtures";

const SOURCE = { file: "main.tf.json", line: 1 };
const STACK = "Maximum call stack size exceeded";

/** The resource at `address` with `field` of its values replaced by a getter that throws, and an acknowledgement of WIF005. */
function poisoned(resources: readonly TerraformResource[], address: string, field: string): TerraformResource[] {
  return resources.map((r) => {
    if (r.address !== address) return r;
    const values = { ...r.values };
    Object.defineProperty(values, field, {
      enumerable: true,
      get: () => {
        throw new RangeError(STACK);
      },
    });
    return { ...r, values, acknowledgements: [{ rule: "WIF005", reason: "reviewed" }] } as TerraformResource;
  });
}

const aws = resourcesFromTerraformJson(
  awsRoles({ a: awsPolicy(ghCondition("StringLike", "repo:o/r:*")), b: awsPolicy(ghCondition("StringLike", "repo:o/s:*")) }),
  SOURCE,
);
const gcp = resourcesFromTerraformJson(gcpConfig({ members: [`${POOL_PREFIX}/*`], providers: 2 }), SOURCE);
const p0 = "google_iam_workload_identity_pool_provider.p0";
const p1 = "google_iam_workload_identity_pool_provider.p1";

describe("a value a reader cannot walk is reported for that trust only", () => {
  it.each<[string, TerraformResource[], string, string[], Record<string, string[]>]>([
    [
      "an AWS role's assume_role_policy: the role has no statement and one unknown; the other role is read",
      poisoned(aws, "aws_iam_role.a", "assume_role_policy"),
      "aws_iam_role.a",
      [
        "aws_iam_role.a aws: generic (no url)",
        `  unknown assume_role_policy = could not be read: ${STACK}`,
        "  acknowledged WIF005",
        "aws_iam_role.b aws: github-actions shared (https://token.actions.githubusercontent.com)",
        "  Statement[0]: aud [aud equals (StringEquals) sts.amazonaws.com] sub [sub like (StringLike) repo:o/s:*] claims []",
        "  length 365",
      ],
      { "aws_iam_role.a": ["WIF011"], "aws_iam_role.b": ["WIF004", "WIF008"] },
    ],
    [
      "a GCP provider's attribute_mapping: the provider is one unread statement; the other provider is read",
      poisoned(gcp, p0, "attribute_mapping"),
      p0,
      [
        `${p0} gcp: generic (no url)`,
        `  provider: aud [] sub [] claims [? unread (could not be read: ${STACK}) ]`,
        `  unknown provider = could not be read: ${STACK}`,
        "  acknowledged WIF005",
        `${p1} gcp: github-actions shared (https://token.actions.githubusercontent.com)`,
        `  attribute_condition, member ${POOL_PREFIX}/*: aud [] (default) sub [] claims []`,
        "  gcp condition (none) (constrains nothing), 2 provider(s) in the pool",
        `  member pool ${POOL_PREFIX}/* (google_service_account_iam_member.m0)`,
        "  ids pool ci-pool provider github-1 subjects []",
      ],
      { [p0]: ["WIF001", "WIF006", "WIF011"], [p1]: ["WIF001", "WIF003"] },
    ],
    [
      "a GCP member: an unknown of every provider (it may grant their pool), each provider still read",
      poisoned(gcp, "google_service_account_iam_member.m0", "member"),
      p0,
      [p0, p1].flatMap((p, i) => [
        `${p} gcp: github-actions shared (https://token.actions.githubusercontent.com)`,
        "  attribute_condition: aud [] (default) sub [] claims []",
        "  gcp condition (none) (constrains nothing), 2 provider(s) in the pool",
        `  unknown members (google_service_account_iam_member.m0) = could not be read: ${STACK}`,
        `  ids pool ci-pool provider github-${i} subjects []`,
      ]),
      { [p0]: ["WIF001", "WIF011"], [p1]: ["WIF001", "WIF011"] },
    ],
  ])("%s", (_, resources, poisonedTrust, facts, rules) => {
    const read = extractTrustFacts(resources);
    expect(factsText(read)).toEqual(facts);
    expect(read.find((f) => f.address === poisonedTrust)?.source).toEqual(SOURCE);
    expect(Object.fromEntries(read.map((f) => [f.address, [...new Set(lintFacts(f).map((x) => x.rule))].sort()]))).toEqual(rules);
  });
});

describe("a resource a reader cannot walk, without acknowledgements", () => {
  it.each([
    ["an AWS role", poisoned(aws, "aws_iam_role.a", "assume_role_policy"), "aws_iam_role.a"],
    ["a GCP provider", poisoned(gcp, p0, "attribute_mapping"), p0],
  ])("%s keeps none", (_, resources, address) => {
    const bare = resources.map((r) => (r.address === address ? { ...r, acknowledgements: undefined } : r));
    expect(extractTrustFacts(bare).find((f) => f.address === address)?.acknowledgements).toEqual([]);
  });
});
