import * as awsTrust from "../../src/terraform/aws-trust";
import * as gcpTrust from "../../src/terraform/gcp-trust";
import { extractTrustFactsIsolated } from "../../src/terraform/extract";
import type { TrustGraph } from "../../src/terraform/eval";
import type { TerraformResource } from "../../src/terraform/resources";

const GITHUB = "token.actions.githubusercontent.com";

function role(name: string, subject: string, line: number): TerraformResource {
  const policy = {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${GITHUB}` },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { [`${GITHUB}:aud`]: "sts.amazonaws.com" }, StringLike: { [`${GITHUB}:sub`]: subject } },
      },
    ],
  };
  return {
    mode: "managed",
    type: "aws_iam_role",
    name,
    address: `aws_iam_role.${name}`,
    values: { assume_role_policy: JSON.stringify(policy) },
    source: { file: `${name}.tf`, line },
  };
}

const binding = (name: string): TerraformResource => ({
  mode: "managed",
  type: "google_service_account_iam_member",
  name,
  address: `google_service_account_iam_member.${name}`,
  values: { member: "principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/pool/*" },
  source: { file: "gcp.tf", line: 9 },
});

/** Makes a reader throw whenever the resources it is given include one of `poisoned`, as a reader meeting a value it cannot walk would. */
function poison(module: typeof awsTrust | typeof gcpTrust, fn: "awsTrustFacts" | "gcpTrustFacts", poisoned: readonly string[]) {
  const original = (module as Record<string, unknown>)[fn] as (graph: TrustGraph) => unknown;
  return jest.spyOn(module as unknown as Record<string, never>, fn as never).mockImplementation(((graph: TrustGraph) => {
    if (graph.instances.some((r) => poisoned.includes(r.address))) throw new RangeError("Maximum call stack size exceeded");
    return original(graph);
  }) as never);
}

afterEach(() => jest.restoreAllMocks());

describe("extractTrustFactsIsolated: one resource that breaks a reader is a problem of that resource", () => {
  test("nothing throws: the facts of every trust, no problem, and the readers run once", () => {
    const spy = jest.spyOn(awsTrust, "awsTrustFacts");
    const { facts, problems } = extractTrustFactsIsolated([role("a", "repo:*", 1), role("b", "repo:o/r:ref:refs/heads/main", 2)]);
    expect(facts.map((f) => f.address)).toEqual(["aws_iam_role.a", "aws_iam_role.b"]);
    expect(problems).toEqual([]);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  test.each<[string, string[]]>([
    ["the first of five", ["aws_iam_role.r0"]],
    ["the last of five", ["aws_iam_role.r4"]],
    ["two of five", ["aws_iam_role.r1", "aws_iam_role.r3"]],
    ["all five", ["aws_iam_role.r0", "aws_iam_role.r1", "aws_iam_role.r2", "aws_iam_role.r3", "aws_iam_role.r4"]],
  ])("%s poisoned: exactly those are problems (file, line, address), the others keep their facts", (_, poisoned) => {
    poison(awsTrust, "awsTrustFacts", poisoned);
    const roles = [0, 1, 2, 3, 4].map((i) => role(`r${i}`, "repo:*", 10 + i));
    const { facts, problems } = extractTrustFactsIsolated(roles);
    expect(facts.map((f) => f.address)).toEqual(roles.map((r) => r.address).filter((a) => !poisoned.includes(a)));
    expect(problems).toEqual(
      poisoned.map((address) => {
        const r = roles.find((x) => x.address === address) as TerraformResource;
        return {
          file: r.source?.file,
          line: r.source?.line,
          message: `${address}: could not be analysed: RangeError: Maximum call stack size exceeded; its trust is not checked (the other resources are). Simplify the value, or report a bug in wif with a copy of it.`,
        };
      }),
    );
  });

  test('a resource without a source (a plan, a caller\'s own list) is blamed under file "?", without a line', () => {
    poison(awsTrust, "awsTrustFacts", ["aws_iam_role.bare"]);
    const { source: _, ...bare } = role("bare", "repo:*", 1);
    const { facts, problems } = extractTrustFactsIsolated([bare, role("a", "repo:*", 2)]);
    expect(facts.map((f) => f.address)).toEqual(["aws_iam_role.a"]);
    expect(problems.map((p) => [p.file, p.line, p.message.split(":")[0]])).toEqual([["?", undefined, "aws_iam_role.bare"]]);
    expect("line" in problems[0]).toBe(false);
  });

  test("a binding whose value breaks the GCP reader is blamed, not the trust beside it", () => {
    poison(gcpTrust, "gcpTrustFacts", ["google_service_account_iam_member.bad"]);
    const { facts, problems } = extractTrustFactsIsolated([binding("bad"), role("a", "repo:*", 1)]);
    expect(facts.map((f) => f.address)).toEqual(["aws_iam_role.a"]);
    expect(problems.map((p) => `${p.file}:${p.line} ${p.message.split(":")[0]}`)).toEqual(["gcp.tf:9 google_service_account_iam_member.bad"]);
  });
});
