/**
 * wif explain's AWS verdicts agree with the IAM policy simulator (test/oracle/aws-oracle.ts, a dev-only
 * oracle) on generated trust policies — every String operator, negations, `IfExists`, `ForAnyValue:` /
 * `ForAllValues:`, wildcards and `${*}`-style escapes, keys STS does not evaluate — and tokens derived
 * from them.
 */
import fc from "fast-check";
import { explainGraph } from "../../src/explain/explain";
import { questionFromClaims } from "../../src/explain/question";
import { graphFromUnits } from "../../src/inventory/graph";
import { resourcesFromTerraformJson } from "../../src/terraform/extract";
import { AwsOracle, createAwsOracle } from "../oracle/aws-oracle";

const GH = "https://token.actions.githubusercontent.com";
const HOST = "token.actions.githubusercontent.com";
const ARN = `arn:aws:iam::111122223333:oidc-provider/${HOST}`;
const CHARS = ["a", "b", "A", ":", "/", "-"];
/** `environment` is evaluated by STS for GitHub; `head_ref` is not (its key is never in the request). */
const KEYS = ["sub", "aud", "environment", "head_ref"];
const BASES = ["StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike"];

let oracle: AwsOracle;
beforeAll(async () => {
  oracle = await createAwsOracle();
});

const literal = fc.array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 4 }).map((cs) => cs.join(""));
const patternValue = fc
  .array(fc.oneof(fc.constantFrom(...CHARS), fc.constantFrom("*", "?", "${*}", "${?}")), { minLength: 1, maxLength: 4 })
  .map((cs) => cs.join(""));
const operator = fc
  .tuple(fc.constantFrom("", "", "ForAnyValue:", "ForAllValues:"), fc.constantFrom(...BASES), fc.boolean())
  .map(([set, base, ifExists]) => `${set}${base}${ifExists ? "IfExists" : ""}`);
const condition = fc.tuple(operator, fc.constantFrom(...KEYS), fc.array(patternValue, { minLength: 1, maxLength: 2 }));
const statement = fc.array(condition, { minLength: 1, maxLength: 3 }).map((conds) => {
  const block: Record<string, Record<string, string[]>> = {};
  for (const [op, key, values] of conds) (block[op] ??= {})[`${HOST}:${key}`] = values;
  return { Effect: "Allow", Principal: { Federated: ARN }, Action: "sts:AssumeRoleWithWebIdentity", Condition: block };
});
const policy = fc.array(statement, { minLength: 1, maxLength: 2 }).map((Statement) => ({ Version: "2012-10-17", Statement }));

/** A claim value near the policy's values: one of them with wildcards filled, kept, emptied, or another literal. */
function claimNear(p: { Statement: { Condition: Record<string, Record<string, string[]>> }[] }): fc.Arbitrary<string | undefined> {
  const written = p.Statement.flatMap((s) => Object.values(s.Condition).flatMap((b) => Object.values(b).flat()));
  return fc.oneof(
    fc.tuple(fc.constantFrom(...written), literal, fc.integer({ min: 0, max: 3 })).map(([v, fill, how]) => {
      const plain = v.replace(/\$\{\*\}/g, "*").replace(/\$\{\?\}/g, "?");
      if (how === 0) return plain;
      if (how === 1)
        return v
          .replace(/\$\{\*\}/g, "*")
          .replace(/\$\{\?\}/g, "?")
          .replace(/(?<!\$\{)\*/g, fill)
          .replace(/(?<!\$\{)\?/g, fill[0]);
      if (how === 2) return plain.toUpperCase();
      return plain + fill;
    }),
    literal,
    fc.constant(undefined),
  );
}

function explainAws(policyJson: string, claims: Record<string, unknown>) {
  // Terraform JSON escapes a literal "${" as "$${" (as the constructs write it).
  const config = { resource: { aws_iam_role: { r: { name: "r", assume_role_policy: policyJson.replace(/\$\{/g, "$${") } } } };
  const graph = graphFromUnits([{ name: "oracle", resources: resourcesFromTerraformJson(config) }]);
  return explainGraph(questionFromClaims(claims), graph).verdicts;
}

test("explain decides as the IAM policy simulator on generated policies and tokens", () => {
  const seen = { accepted: 0, rejected: 0 };
  fc.assert(
    fc.property(
      policy.chain((p) => fc.tuple(fc.constant(p), fc.record({ sub: claimNear(p), aud: claimNear(p), environment: claimNear(p), head_ref: claimNear(p) }))),
      ([p, values]) => {
        const json = JSON.stringify(p);
        const claims: Record<string, unknown> = { iss: GH };
        for (const [k, v] of Object.entries(values)) if (v !== undefined) claims[k] = v;
        const allowed = oracle.allows(json, ARN, claims);
        const verdicts = explainAws(json, claims);
        expect(verdicts).toHaveLength(1);
        expect({ decision: verdicts[0].decision, reason: verdicts[0].reason, context: oracle.contextFor(claims), policy: json }).toEqual({
          decision: allowed ? "accepted" : "rejected",
          reason: expect.any(String),
          context: expect.anything(),
          policy: json,
        });
        seen[allowed ? "accepted" : "rejected"]++;
      },
    ),
    { numRuns: 400 },
  );
  expect(seen.accepted).toBeGreaterThan(20);
  expect(seen.rejected).toBeGreaterThan(20);
});

test("another issuer's token is rejected by the role, as the simulator says", () => {
  const p = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Principal: { Federated: ARN }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { [`${HOST}:sub`]: "a" } } },
    ],
  });
  const claims = { iss: "https://gitlab.com", sub: "a" };
  expect(oracle.allows(p, ARN, claims)).toBe(false);
  expect(explainAws(p, claims)[0]).toMatchObject({ decision: "rejected", reason: `the role trusts tokens of ${GH}; the token's iss is "https://gitlab.com"` });
});

// IAM policy variables: explain substitutes the token's own claims (or the default), then compares
// as written, as IAM does. Before, it read each variable as `*` and accepted what IAM rejects.
test.each<[string, string, string, Record<string, unknown>]>([
  // operator, key, value as written, claims besides iss
  ["StringEqualsIgnoreCase", "sub", `repo:octo/\${${HOST}:actor}:ref:refs/heads/main`, { sub: "repo:octo/alice:ref:refs/heads/main", actor: "mallory" }],
  ["StringEqualsIgnoreCase", "sub", `repo:octo/\${${HOST}:actor}:ref:refs/heads/main`, { sub: "repo:octo/alice:ref:refs/heads/main" }],
  ["StringEqualsIgnoreCase", "sub", `repo:octo/\${${HOST}:actor}:ref:refs/heads/main`, { sub: "repo:OCTO/Alice:ref:refs/heads/main", actor: "alice" }],
  ["StringNotEqualsIgnoreCase", "sub", `repo:octo/\${${HOST}:actor}:ref:refs/heads/main`, { sub: "repo:octo/alice:ref:refs/heads/main", actor: "mallory" }],
  ["StringNotEqualsIgnoreCaseIfExists", "environment", `\${${HOST}:actor}`, { sub: "x", environment: "prod", actor: "mallory" }],
  ["ForAllValues:StringEqualsIgnoreCase", "environment", `\${${HOST}:actor}`, { sub: "x", environment: "prod", actor: "mallory" }],
  ["StringEqualsIgnoreCaseIfExists", "environment", `\${${HOST}:actor}`, { sub: "x", environment: "prod", actor: "prod" }],
  ["ForAnyValue:StringEqualsIgnoreCase", "sub", `repo:octo/\${${HOST}:actor}:*`, { sub: "repo:octo/alice:*", actor: "mallory" }],
  ["StringEquals", "sub", `repo:octo/\${${HOST}:actor, 'Bob'}`, { sub: "repo:octo/carol" }],
  ["StringEquals", "sub", `repo:octo/\${${HOST}:actor, 'Bob'}`, { sub: "repo:octo/Bob" }],
  ["StringEquals", "sub", `Repo:Octo/\${${HOST}:sub}`, { sub: "repo:octo/x" }],
  ["StringEquals", "sub", `repo:octo/app:\${${HOST}:actor}`, { sub: "repo:octo/app:X?Z", actor: "*" }],
  ["StringLike", "sub", `repo:octo/app:\${${HOST}:actor}`, { sub: "repo:octo/app:anything", actor: "*" }],
  ["StringLike", "sub", `repo:octo/\${${HOST}:actor}/*`, { sub: "repo:octo/alice/x", actor: "alice" }],
  // A claim whose text is a word the substitution uses as a marker is still that text.
  ["StringEquals", "sub", `repo:octo/\${${HOST}:actor}`, { sub: "repo:octo/missing", actor: "missing" }],
  ["StringEquals", "sub", `repo:octo/\${${HOST}:actor}`, { sub: "repo:octo/unknown", actor: "unknown" }],
])("%s %s %s: explain decides as the simulator", (op, key, value, claims) => {
  const p = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Principal: { Federated: ARN }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { [op]: { [`${HOST}:${key}`]: value } } },
    ],
  });
  const all = { iss: GH, ...claims };
  const allowed = oracle.allows(p, ARN, all);
  expect(explainAws(p, all)[0].decision).toBe(allowed ? "accepted" : "rejected");
});

// An `...IgnoreCase` operator with a policy variable is read as StringLike on lower-cased text:
// explain still compares without case, as IAM does. Before, it compared case-sensitively and rejected.
test.each<[string, string, string]>([
  // operator, subject as written, token subject
  ["StringEqualsIgnoreCase", `Repo:Octo/\${${HOST}:actor}:ref:refs/heads/main`, "repo:OCTO/mallory:ref:refs/heads/main"],
  ["StringEqualsIgnoreCase", `repo:octo/\${${HOST}:actor}:ref:refs/heads/main`, "REPO:octo/mallory:REF:refs/heads/main"],
  ["StringEquals", `Repo:Octo/\${${HOST}:actor}:ref:refs/heads/main`, "repo:OCTO/mallory:ref:refs/heads/main"],
])("%s %s with a policy variable against %s: as the simulator says", (op, sub, tokenSub) => {
  const p = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Federated: ARN }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { [op]: { [`${HOST}:sub`]: sub } } }],
  });
  const claims = { iss: GH, sub: tokenSub, actor: "mallory" };
  const allowed = oracle.allows(p, ARN, claims);
  expect(allowed).toBe(op === "StringEqualsIgnoreCase");
  expect(explainAws(p, claims)[0].decision).toBe(allowed ? "accepted" : "rejected");
});
