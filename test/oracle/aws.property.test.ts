/**
 * Property: for generated subjects (exact values and glob patterns over an alphabet full of IAM and
 * regex metacharacters) and tokens derived from them, the IAM simulator's decision on the compiled
 * policy equals `trust.accepts(claims, "aws")`. Values stay single-line BMP text (see aws-oracle.ts
 * for what the oracle does not model).
 */
import fc from "fast-check";
import { compileAwsTrustPolicy } from "../../src/compile/aws";
import { Claim, Issuer, Subject, Trust } from "../../src/trust";
import { AwsOracle, createAwsOracle } from "./aws-oracle";

const ISSUER = Issuer.fromUrl("https://token.actions.githubusercontent.com");
const PROVIDER_ARN = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
const CHARS = ["a", "b", "A", ":", "/", ".", "$", "{", "}", "(", "[", "\\", "^", "|", "+", "-", "é"];

let oracle: AwsOracle;
beforeAll(async () => {
  oracle = await createAwsOracle();
});

// Trust values never contain "${" (refused: Terraform would interpolate it); lone "$" and "{" are fine.
const literal = fc
  .array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 6 })
  .map((cs) => cs.join(""))
  .filter((v) => !v.includes("${"));
const pattern = fc
  .array(fc.oneof(fc.constantFrom(...CHARS), fc.constantFrom("*", "?")), { minLength: 1, maxLength: 6 })
  .map((cs) => cs.join(""))
  .filter((p) => /[*?]/.test(p) && !/^[*?]*$/.test(p) && !p.includes("${"));
const alternative = fc.oneof(
  literal.map((v) => ({ kind: "exact" as const, value: v })),
  pattern.map((p) => ({ kind: "like" as const, pattern: p })),
);
const condition = fc
  .array(alternative, { minLength: 1, maxLength: 3 })
  .map((alts) => alts.map((a) => (a.kind === "exact" ? a.value : Subject.like(a.pattern))));
/** A candidate value: an alternative itself, with wildcards filled or kept, or mutated. */
function candidate(alts: readonly (string | Subject)[]): fc.Arbitrary<string> {
  const base = fc.constantFrom(...alts.map((a) => (typeof a === "string" ? a : a.patterns[0])));
  return fc.tuple(base, literal, fc.integer({ min: 0, max: 3 })).map(([v, fill, how]) => {
    if (how === 0) return v; // as written (a pattern's own text, with literal * and ?)
    if (how === 1) return v.replace(/\*/g, fill).replace(/\?/g, fill[0]); // filled wildcards
    if (how === 2) return v.replace(/\*/g, "").replace(/\?/g, "x"); // empty runs
    return v + fill; // a suffix
  });
}

it("the simulator decides as trust.accepts on generated subjects and claims", () => {
  const decisions = { allowed: 0, denied: 0 };
  fc.assert(
    fc.property(
      condition.chain((sub) => condition.chain((env) => fc.tuple(fc.constant(sub), fc.constant(env), candidate(sub), candidate(env)))),
      ([sub, env, subValue, envValue]) => {
        const trust = new Trust({
          issuer: ISSUER,
          subject: Subject.anyOf(sub),
          claims: { environment: Claim.anyOf(env.map((e) => (typeof e === "string" ? e : Claim.like(e.patterns[0])))) },
        });
        const { json } = compileAwsTrustPolicy(trust, { providerArn: PROVIDER_ARN });
        const claims = { iss: ISSUER.url, aud: "sts.amazonaws.com", sub: subValue, environment: envValue };
        decisions[trust.accepts(claims, "aws") ? "allowed" : "denied"]++;
        expect({ json, claims, decision: oracle.allows(json, PROVIDER_ARN, claims) }).toEqual({ json, claims, decision: trust.accepts(claims, "aws") });
      },
    ),
    { numRuns: 300, seed: 20261122 },
  );
  // Not vacuous: a fair share of both decisions.
  expect(decisions.allowed).toBeGreaterThan(60);
  expect(decisions.denied).toBeGreaterThan(60);
});
