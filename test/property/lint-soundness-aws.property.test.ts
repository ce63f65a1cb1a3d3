/**
 * Lint soundness against the IAM policy simulator (issue 9, "the guarantee"): for generated trust
 * policies (operators of every family and case, set-operator prefixes and `IfExists`, extra
 * conditions, several statements, principals including `*`), whenever the simulator admits a token
 * of a foreign tenant, `wif lint`'s reader and rules must report WIF001 or WIF002 on the role;
 * another repository of the tenant: WIF001-WIF003; another branch: WIF001-WIF004.
 * Run size: RUNS generated trusts (>= 2,000) per run, 0 unsound verdicts.
 */
import fc from "fast-check";
import { lintFacts } from "../../src/lint/engine";
import { extractTrustFacts, resourcesFromTerraformJson } from "../../src/terraform/extract";
import { AwsOracle, createAwsOracle } from "../oracle/aws-oracle";
import { Claims, DEMANDS, IssuerWorld, mutatedValue, randomCase, WORLDS } from "./soundness-world";
import { propertyRuns } from "./runs";

const RUNS = propertyRuns(2_100);
/** At least 2,000 valid cases and more than 100 of each admitted kind at the CI size, in proportion at another size. */
const MIN_VALID = Math.round((RUNS * 2_000) / 2_100);
const MIN_ADMITTED = Math.floor((RUNS * 100) / 2_100);
const ACCOUNT = "111122223333";

let oracle: AwsOracle;
beforeAll(async () => {
  oracle = await createAwsOracle();
});

const STRING_OPS = ["StringEquals", "StringLike", "StringEqualsIgnoreCase", "StringNotEquals", "StringNotLike", "StringNotEqualsIgnoreCase"];
/** Operators of the other families with a value IAM accepts for them. */
const OTHER_OPS: readonly [string, fc.Arbitrary<string>][] = [
  ["Bool", fc.constantFrom("true", "false")],
  ["Null", fc.constantFrom("true", "false")],
  ["NumericEquals", fc.constantFrom("111", "222", "11")],
  ["NumericLessThan", fc.constantFrom("1000", "5")],
  ["NumericGreaterThanEquals", fc.constantFrom("0", "500")],
  ["DateGreaterThan", fc.constant("2020-01-01T00:00:00Z")],
  ["DateLessThan", fc.constant("2020-01-01T00:00:00Z")],
  ["ArnLike", fc.constant("arn:aws:iam::1:*")],
  ["ArnNotEquals", fc.constant("arn:aws:iam::1:role/x")],
];

interface Condition {
  readonly op: string;
  readonly key: string;
  readonly values: readonly string[];
}

function condition(world: IssuerWorld): fc.Arbitrary<Condition> {
  const claim = fc.constantFrom("sub", "sub", "sub", "aud", ...world.claims);
  // The provider's prefix, mostly; in another case (the same key to IAM) or with a trailing slash
  // (a key no token of this provider has, so a check that holds when it is missing restricts nothing).
  const prefix = fc.constantFrom(world.host, world.host, world.host, world.host, world.host, world.host.toUpperCase(), `${world.host}/`);
  const stringCondition = fc
    .tuple(claim, fc.constantFrom(...STRING_OPS), fc.constantFrom("", "", "", "ForAnyValue:", "ForAllValues:"), fc.constantFrom("", "", "", "IfExists"), prefix)
    .chain(([c, base, set, ifExists, host]) =>
      fc
        .tuple(
          randomCase(`${set}${base}${ifExists}`),
          fc.array(mutatedValue(c === "aud" ? "sts.amazonaws.com" : (world.home[c] ?? "x")), { minLength: 1, maxLength: 3 }),
        )
        .map(([op, values]) => ({ op, key: `${host}:${c}`, values })),
    );
  const otherCondition = fc
    .tuple(claim, fc.constantFrom(...OTHER_OPS), fc.constantFrom("", "", "IfExists"), prefix)
    .chain(([c, [base, value], ifExists, host]) =>
      fc.tuple(randomCase(`${base}${base === "Null" ? "" : ifExists}`), value).map(([op, v]) => ({ op, key: `${host}:${c}`, values: [v] })),
    );
  return fc.oneof({ weight: 4, arbitrary: stringCondition }, { weight: 1, arbitrary: otherCondition });
}

const PROVIDER_ARN = (world: IssuerWorld) => `arn:aws:iam::${ACCOUNT}:oidc-provider/${world.host}`;

function statement(world: IssuerWorld): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({
      principal: fc.constantFrom<unknown>(
        { Federated: PROVIDER_ARN(world) },
        { Federated: PROVIDER_ARN(world) },
        { Federated: PROVIDER_ARN(world) },
        "*",
        { AWS: "*" },
        { AWS: ["*"] },
      ),
      action: fc.constantFrom("sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWith*", "sts:*"),
      audCheck: fc.boolean(),
      conditions: fc.array(condition(world), { minLength: 0, maxLength: 4 }),
    })
    .map(({ principal, action, audCheck, conditions }) => {
      const block: Record<string, Record<string, string | string[]>> = {};
      const all = audCheck ? [{ op: "StringEquals", key: `${world.host}:aud`, values: ["sts.amazonaws.com"] }, ...conditions] : conditions;
      for (const c of all) {
        // One key per operator block (a later condition on the same key replaces the earlier one).
        block[c.op] = { ...(block[c.op] ?? {}), [c.key]: c.values.length === 1 ? c.values[0] : [...c.values] };
      }
      return { Effect: "Allow", Action: action, Principal: principal, ...(Object.keys(block).length > 0 ? { Condition: block } : {}) };
    });
}

const trust = fc
  .constantFrom(...WORLDS)
  .chain((world) => fc.tuple(fc.constant(world), fc.array(statement(world), { minLength: 1, maxLength: 3 })))
  .map(([world, statements]) => ({ world, policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) }));

function token(claims: Claims): Record<string, string> {
  return { ...claims, aud: "sts.amazonaws.com" };
}

/** The rules the lint reports (unsuppressed) on the role. */
function reported(policy: string): Set<string> {
  const config = { resource: { aws_iam_role: { r: { name: "r", assume_role_policy: policy } } } };
  return new Set(
    lintFacts(extractTrustFacts(resourcesFromTerraformJson(config)))
      .filter((f) => !f.suppressed)
      .map((f) => f.rule),
  );
}

describe("lint soundness against the IAM policy simulator", () => {
  it(`${RUNS} generated trusts: every admitted foreign tenant, other repository or other branch is reported`, () => {
    const stats = { valid: 0, rejectedByIam: 0, admittedForeign: 0, admittedOtherRepository: 0, admittedOtherContext: 0 };
    const started = Date.now();
    fc.assert(
      fc.property(trust, ({ world, policy }) => {
        const decide = (claims: Claims) => oracle.allows(policy, PROVIDER_ARN(world), token(claims));
        let homeAdmitted: boolean;
        try {
          homeAdmitted = decide(world.home);
        } catch {
          stats.rejectedByIam++;
          return true; // IAM refuses this policy: no trust to judge
        }
        stats.valid++;
        void homeAdmitted;
        const rules = reported(policy);
        for (const demand of DEMANDS) {
          const admitted = world[demand.tokens].filter((claims) => decide(claims));
          if (admitted.length === 0) continue;
          if (demand.tokens === "foreignTenant") stats.admittedForeign++;
          else if (demand.tokens === "otherRepository") stats.admittedOtherRepository++;
          else stats.admittedOtherContext++;
          if (!demand.rules.some((r) => rules.has(r))) {
            throw new Error(
              `unsound: the simulator admits ${admitted[0].sub} (${demand.tokens}) but the lint reports ${JSON.stringify([...rules])}, not one of ${demand.rules.join("/")}\n${policy}`,
            );
          }
        }
        return true;
      }),
      { numRuns: RUNS, seed: 20261202 },
    );
    // The property is not vacuous: most policies are valid, and many admit the tokens they must not.
    expect(stats.valid).toBeGreaterThanOrEqual(MIN_VALID);
    expect(stats.admittedForeign).toBeGreaterThan(MIN_ADMITTED);
    expect(stats.admittedOtherRepository).toBeGreaterThan(MIN_ADMITTED);
    expect(stats.admittedOtherContext).toBeGreaterThan(MIN_ADMITTED);
    if (process.env.WIF_PROPERTY_STATS) console.log({ ...stats, ms: Date.now() - started });
  });
});
