import type { ClaimCheck, StatementFacts, TrustFacts } from "../../src/lint/facts";
import { WIF007 } from "../../src/lint/rules/wif007-operator-misuse";
import { eq, facts, like, ruleHits } from "./helpers";

const M = WIF007.meta.messages;
type Expected = { value: string; risk: string; fix: string };
const OWNER = eq("repository_owner_id", "1");
const EXACT = "repo:octo/app:environment:prod";

const hits = (f: TrustFacts) => ruleHits("WIF007", f);
const withChecks = (...checks: ClaimCheck[]) => facts({ checks });

const forAllValues = (c: ClaimCheck): Expected => {
  const d = { claim: c.claim, native: c.native };
  return { value: `${c.native} ${c.claim} ${c.values.join(", ")}`, risk: M.forAllValuesSingle.risk(d), fix: M.forAllValuesSingle.fix(d) };
};
const literal = (native: string, value: string): Expected => ({ value, risk: M.literalWildcard.risk({ native, value }), fix: M.literalWildcard.fix() });
const ifExists = (c: ClaimCheck, plain: string): Expected => {
  const d = { claim: c.claim, native: c.native, plain };
  return { value: `${c.native} ${c.claim} ${c.values.join(", ")}`, risk: M.ifExistsAlwaysPresent.risk(d), fix: M.ifExistsAlwaysPresent.fix(d) };
};
const likeOnly = (c: ClaimCheck): Expected => ({
  value: c.values.join(", "),
  risk: M.likeWithoutWildcard.risk({ native: c.native }),
  fix: M.likeWithoutWildcard.fix(),
});
const unanchored = (source: string, anchoredStart: boolean): Expected => ({
  value: source,
  risk: M.unanchoredRegex.risk({ source, anchoredStart }),
  fix: M.unanchoredRegex.fix(),
});
const memberNever = (value: string, reason: string): Expected => ({
  value,
  risk: M.memberNeverMatches.risk({ value, reason }),
  fix: M.memberNeverMatches.fix(),
});

const regex = (source: string, anchoredStart: boolean, anchoredEnd: boolean): ClaimCheck => ({
  claim: "sub",
  operator: "regex",
  values: [source],
  native: "matches",
  regex: { source, anchoredStart, anchoredEnd, oneSidedAlternation: false },
});
const forAll = { ...like("sub", "repo:octo/app:*", "repo:octo/lib:*"), setOperator: "ForAllValues" as const, native: "ForAllValues:StringLike" };
const forAllIfExists = { ...eq("sub", EXACT), setOperator: "ForAllValues" as const, ifExists: true, native: "ForAllValues:StringEqualsIfExists" };
const subIfExists = { ...eq("sub", EXACT, "repo:octo/app:environment:staging"), ifExists: true, native: "StringEqualsIfExists" };
const ignoreCase = { ...eq("sub", "repo:o/r:*"), operator: "equals-ignore-case" as const, native: "StringEqualsIgnoreCase" };
const escapes = like("sub", "repo:octo/app:environment:prod", "repo:octo/app:environment:a${$}b");
const noValues = like("sub");
const question = like("sub", "repo:octo/app:environment:pro?");

describe("WIF007 on each check", () => {
  it.each<[string, TrustFacts, Expected[]]>([
    ["an exact StringEquals", withChecks(eq("sub", EXACT), OWNER), []],
    ["ForAllValues on sub", withChecks(forAll, OWNER), [forAllValues(forAll)]],
    ["ForAllValues on the multi-valued amr", withChecks(eq("sub", EXACT), OWNER, { ...eq("amr", "mfa"), setOperator: "ForAllValues" }), []],
    ["ForAllValues with IfExists on sub: only the ForAllValues hint", withChecks(forAllIfExists, OWNER), [forAllValues(forAllIfExists)]],
    ["a * in StringEquals", withChecks(eq("sub", EXACT), OWNER, eq("environment", "prod*")), [literal("StringEquals", "prod*")]],
    ["a ? in StringEquals", withChecks(eq("sub", EXACT), OWNER, eq("environment", "pro?")), [literal("StringEquals", "pro?")]],
    [
      "a * in StringEqualsIgnoreCase",
      withChecks(eq("sub", EXACT), OWNER, { ...ignoreCase, claim: "environment" }),
      [literal("StringEqualsIgnoreCase", "repo:o/r:*")],
    ],
    ["the escape ${*} in StringEquals", withChecks(eq("sub", EXACT), OWNER, eq("environment", "prod${*}")), []],
    ["IfExists on sub, two values", withChecks(subIfExists, OWNER), [ifExists(subIfExists, "StringEquals")]],
    ["IfExists on another claim (WIF003/WIF005 judge it)", withChecks(eq("sub", EXACT), { ...OWNER, ifExists: true, native: "StringEqualsIfExists" }), []],
    ["StringLike without a wildcard", withChecks(like("sub", EXACT), OWNER), [likeOnly(like("sub", EXACT))]],
    ["StringLike with a ?", withChecks(question, OWNER), []],
    ["StringLike holding ${$} in one value", withChecks(escapes, OWNER), []],
    ["StringLike without values", withChecks(eq("sub", EXACT), OWNER, noValues), []],
    ["a regex anchored at both ends", withChecks(regex(`^${EXACT}$`, true, true), OWNER), []],
    ["a regex anchored at the start only", withChecks(regex(`^${EXACT}`, true, false), OWNER), [unanchored(`^${EXACT}`, true)]],
    ["a regex anchored at the end only", withChecks(regex(`${EXACT}$`, false, true), OWNER), [unanchored(`${EXACT}$`, false)]],
  ])("%s", (_name, f, expected) => {
    expect(hits(f)).toEqual(expected);
  });
});

describe("WIF007 on statements no token can take", () => {
  const dead = { value: "principal://x/subject/repo:octo/app:ref:refs/heads/main", reason: "google.subject is assertion.actor" };
  const memberStatement = (subject: ClaimCheck[]): StatementFacts => ({
    label: "member",
    audience: [],
    audienceDefault: true,
    subject,
    claims: [OWNER],
    never: dead,
  });
  it.each<[string, TrustFacts, Expected[]]>([
    ["a dead member, no pool facts", facts({ cloud: "gcp", statements: [memberStatement([])] }), [memberNever(dead.value, dead.reason)]],
    [
      "a dead member, the pool's one provider",
      facts({ cloud: "gcp", gcp: { conditionConstrains: true, members: [], poolProviderCount: 1 }, statements: [memberStatement([])] }),
      [memberNever(dead.value, dead.reason)],
    ],
    [
      "a dead member in a pool of two providers (maybe meant for the other)",
      facts({ cloud: "gcp", gcp: { conditionConstrains: true, members: [], poolProviderCount: 2 }, statements: [memberStatement([])] }),
      [],
    ],
    [
      "a dead member beside a live subject: the subject is not reported",
      facts({ cloud: "gcp", statements: [memberStatement([eq("sub", EXACT)])] }),
      [memberNever(dead.value, dead.reason)],
    ],
    ["one dead subject value beside a live one: the statement still admits tokens", withChecks(eq("sub", "Repo:octo/app:environment:prod", EXACT), OWNER), []],
  ])("%s", (_name, f, expected) => {
    expect(hits(f)).toEqual(expected);
  });

  it("a statement whose only subject never matches is broken", () => {
    const [f] = hits(withChecks(eq("sub", "Repo:octo/app:environment:prod"), OWNER));
    expect(f.value).toBe("Repo:octo/app:environment:prod");
    expect(f.risk).toMatch(/^No token of the issuer can match "Repo:octo\/app:environment:prod": .+\. The trust is broken\.$/);
  });
});
