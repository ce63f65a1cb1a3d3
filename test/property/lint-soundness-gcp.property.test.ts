/**
 * Lint soundness against the CEL engine (issue 9, "the guarantee"): for generated GCP provider
 * conditions (identity and non-identity claims, `==`, `!=`, `in`, `startsWith`, `endsWith`,
 * `contains`, `matches`, `||`, `&&`, `!`, ternaries, mapped `attribute.x`) and IAM members, whenever
 * the GCP oracle (`@bufbuild/cel`, test/oracle/gcp-oracle.ts) admits a token of a foreign tenant, the
 * lint must report WIF001 or WIF002 on the provider; another repository: WIF001-WIF003; another
 * branch: WIF001-WIF004. Every generated condition is also parsed by `@bufbuild/cel`'s parser and by
 * the lint's own parser (the differential check behind docs/development.md "CEL parser").
 */
import { parse } from "@bufbuild/cel";
import fc from "fast-check";
import { lintFacts } from "../../src/lint/engine";
import { parseCel } from "../../src/terraform/cel-parser";
import { extractTrustFacts, resourcesFromTerraformJson } from "../../src/terraform/extract";
import { gcpOracle } from "../oracle/gcp-oracle";
import { gcpConfig, POOL_PREFIX, POOL_SUBJECT_PREFIX } from "../terraform/fixtures";
import { Claims, DEMANDS, IssuerWorld, WORLDS } from "./soundness-world";
import { propertyRuns } from "./runs";

const RUNS = propertyRuns(2_100);
/** At least 2,000 valid cases and more than 100 of each admitted kind at the CI size, in proportion at another size. */
const MIN_VALID = Math.round((RUNS * 2_000) / 2_100);
const MIN_ADMITTED = Math.floor((RUNS * 100) / 2_100);
const PROVIDER = "//iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/ci-pool/providers/github-0";

/** The claims mapped to attributes (the first two non-`sub` claims of the issuer) and google.subject. */
function mappingOf(world: IssuerWorld): Record<string, string> {
  const [a, b] = world.claims.filter((c) => c !== "sub");
  return { "google.subject": "assertion.sub", [`attribute.${a}`]: `assertion.${a}`, [`attribute.${b}`]: `assertion.${b}` };
}

const cel = (s: string) => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
const re2 = (s: string) => s.replace(/[\\.+*?()|[\]{}^$]/g, "\\$&");

/** A fragment of a home value: the whole, a prefix, a suffix or a middle part. */
function fragment(value: string): fc.Arbitrary<string> {
  const n = value.length;
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(value) },
    { weight: 2, arbitrary: fc.nat(n).map((i) => value.slice(0, i)) },
    { weight: 1, arbitrary: fc.nat(n).map((i) => value.slice(i)) },
    { weight: 1, arbitrary: fc.tuple(fc.nat(n), fc.nat(n)).map(([a, b]) => value.slice(Math.min(a, b), Math.max(a, b))) },
  );
}

/** A regex derived from a home value: anchored or not, a prefix with `.*`, one character as `.`, an alternation. */
function regexOf(value: string): fc.Arbitrary<string> {
  const n = value.length;
  return fc.oneof(
    fc.constant(`^${re2(value)}$`),
    fc.nat(n).map((i) => `^${re2(value.slice(0, i))}.*`),
    fc.nat(n).map((i) => `^${re2(value.slice(0, i))}`),
    fc.nat(n).map((i) => re2(value.slice(i))),
    fc.nat(Math.max(0, n - 1)).map((i) => `^${re2(value.slice(0, i))}.${re2(value.slice(i + 1))}$`),
    fc.nat(n).map((i) => `^(${re2(value)}|${re2(value.slice(0, i))}[a-z]+)$`),
    fc.nat(n).map((i) => `^${re2(value.slice(0, i))}[^/]*$`),
  );
}

function atom(world: IssuerWorld): fc.Arbitrary<string> {
  const mapping = mappingOf(world);
  const mapped = Object.keys(mapping)
    .filter((k) => k.startsWith("attribute."))
    .map((k) => [k, k.slice("attribute.".length)] as const);
  const ref = fc.constantFrom<readonly [string, string]>(
    ...world.claims.map((c) => [`assertion.${c}`, c] as const),
    ...world.claims.map((c) => [`assertion['${c}']`, c] as const).slice(0, 2),
    ...mapped,
    ["google.subject", "sub"],
  );
  return ref.chain(([expr, claim]) => {
    const home = world.home[claim];
    return fc.oneof(
      { weight: 4, arbitrary: fragment(home).map((v) => `${expr} == ${cel(v)}`) },
      { weight: 1, arbitrary: fragment(home).map((v) => `${cel(v)} == ${expr}`) },
      { weight: 1, arbitrary: fragment(home).map((v) => `${expr} != ${cel(v)}`) },
      { weight: 1, arbitrary: fc.array(fragment(home), { minLength: 1, maxLength: 3 }).map((vs) => `${expr} in [${vs.map(cel).join(", ")}]`) },
      { weight: 3, arbitrary: fragment(home).map((v) => `${expr}.startsWith(${cel(v)})`) },
      { weight: 1, arbitrary: fragment(home).map((v) => `${expr}.endsWith(${cel(v)})`) },
      { weight: 1, arbitrary: fragment(home).map((v) => `${expr}.contains(${cel(v)})`) },
      { weight: 2, arbitrary: regexOf(home).map((r) => `${expr}.matches(${cel(r)})`) },
      { weight: 1, arbitrary: fc.constantFrom("true", "false") },
      // Forms the lint does not read (it must never take them as a pin).
      { weight: 1, arbitrary: fc.nat(home.length + 2).map((n) => `size(${expr}) > ${n}`) },
      { weight: 1, arbitrary: fragment(home).map((v) => `${expr} + '' == ${cel(v)}`) },
    );
  });
}

function conditionOf(world: IssuerWorld): fc.Arbitrary<string> {
  const { node } = fc.letrec<{ node: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      { weight: 5, arbitrary: atom(world) },
      { weight: 2, arbitrary: fc.tuple(tie("node"), tie("node")).map(([a, b]) => `${a} && ${b}`) },
      { weight: 2, arbitrary: fc.tuple(tie("node"), tie("node")).map(([a, b]) => `(${a} || ${b})`) },
      { weight: 1, arbitrary: tie("node").map((a) => `!(${a})`) },
      { weight: 1, arbitrary: fc.tuple(tie("node"), tie("node"), tie("node")).map(([c, t, f]) => `(${c} ? ${t} : ${f})`) },
    ),
  }));
  return node;
}

function memberOf(world: IssuerWorld): fc.Arbitrary<string> {
  const [a] = world.claims.filter((c) => c !== "sub");
  return fc.constantFrom(
    `${POOL_PREFIX}/*`,
    `${POOL_PREFIX}/*`,
    `${POOL_PREFIX}/*`,
    `${POOL_PREFIX}/attribute.${a}/${encodeURIComponent(world.home[a])}`,
    `${POOL_SUBJECT_PREFIX}/subject/${encodeURIComponent(world.home.sub)}`,
  );
}

const generated = fc.constantFrom(...WORLDS).chain((world) => fc.record({ world: fc.constant(world), condition: conditionOf(world), member: memberOf(world) }));

function reported(world: IssuerWorld, condition: string, member: string): Set<string> {
  const config = gcpConfig({ condition, issuer: world.home.iss, mapping: mappingOf(world), members: [member] });
  return new Set(
    lintFacts(extractTrustFacts(resourcesFromTerraformJson(config)))
      .filter((f) => !f.suppressed)
      .map((f) => f.rule),
  );
}

describe("lint soundness against the CEL engine", () => {
  it(`${RUNS} generated conditions: every admitted foreign tenant, other repository or other branch is reported`, () => {
    const stats = { runs: 0, admittedForeign: 0, admittedOtherRepository: 0, admittedOtherContext: 0 };
    const started = Date.now();
    fc.assert(
      fc.property(generated, ({ world, condition, member }) => {
        stats.runs++;
        // Differential parse: both parsers read every generated condition.
        expect(() => parse(condition)).not.toThrow();
        expect(() => parseCel(condition)).not.toThrow();
        const oracle = gcpOracle(
          { issuerUri: world.home.iss, attributeMapping: mappingOf(world), attributeCondition: condition, providerResourceName: PROVIDER },
          member,
        );
        const admits = (claims: Claims) => oracle.admits({ ...claims, aud: PROVIDER });
        const rules = reported(world, condition, member);
        for (const demand of DEMANDS) {
          const admitted = world[demand.tokens].filter(admits);
          if (admitted.length === 0) continue;
          if (demand.tokens === "foreignTenant") stats.admittedForeign++;
          else if (demand.tokens === "otherRepository") stats.admittedOtherRepository++;
          else stats.admittedOtherContext++;
          if (!demand.rules.some((r) => rules.has(r))) {
            throw new Error(
              `unsound: CEL admits ${admitted[0].sub} (${demand.tokens}) through ${member} but the lint reports ${JSON.stringify([...rules])}, not one of ${demand.rules.join("/")}\n${condition}`,
            );
          }
        }
        return true;
      }),
      { numRuns: RUNS, seed: 20261202 },
    );
    expect(stats.runs).toBeGreaterThanOrEqual(MIN_VALID);
    expect(stats.admittedForeign).toBeGreaterThan(MIN_ADMITTED);
    expect(stats.admittedOtherRepository).toBeGreaterThan(MIN_ADMITTED);
    expect(stats.admittedOtherContext).toBeGreaterThan(MIN_ADMITTED);
    if (process.env.WIF_PROPERTY_STATS) console.log({ ...stats, ms: Date.now() - started });
  });
});
