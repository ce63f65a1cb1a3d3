import { statementReach } from "../../src/lint/analysis/statement-reach";
import type { ClaimCheck, StatementFacts, TrustFacts } from "../../src/lint/facts";
import { eq, facts, like } from "./helpers";

/** The reach of the one statement of AWS facts on GitHub's issuer with these checks. */
const reachOf = (checks: ClaimCheck[], more: Partial<StatementFacts> = {}) => {
  const f: TrustFacts = facts({ checks });
  return statementReach(f, { ...f.statements[0], ...more });
};
const regex = (claim: string, source: string): ClaimCheck => ({
  claim,
  operator: "regex",
  values: [source],
  native: "matches",
  regex: { source, anchoredStart: true, anchoredEnd: true, oneSidedAlternation: false },
});
const OWNER = eq("repository_owner_id", "1");
const MAIN = "repo:octo/app:ref:refs/heads/main";
const unknownSub: ClaimCheck = { claim: "sub", operator: "unknown", values: ["${var.a}", "${var.b}"], native: "StringEquals" };
const CEL_OWNER: ClaimCheck = { claim: "repository_owner_id", operator: "equals", values: ["1"], native: "assertion.repository_owner_id == '1'" };
const WORKFLOW = like("job_workflow_ref", "octo/wf/.github/workflows/deploy.yml@*");

describe("statementReach", () => {
  it.each<[string, ClaimCheck[], string, string]>([
    // name, checks, reach, value
    ["one exact subject", [eq("sub", MAIN), OWNER], "one-context", MAIN],
    [
      "a check with one dead and one live value: the live one decides",
      [like("sub", "Repo:octo/app:ref:refs/heads/main", "repo:octo/*")],
      "one-tenant",
      "repo:octo/*",
    ],
    ["a check whose every value is dead: never, named by its values", [eq("sub", "Repo:a", "Repo:b")], "never", "Repo:a, Repo:b"],
    ["a dead check AND a live one: never, named by the dead one", [like("sub", "repo:octo/*"), eq("sub", "Repo:x")], "never", "Repo:x"],
    ["a regex on sub is no dead check (it pins nothing)", [regex("sub", "^repo:octo/app:.*$")], "any-tenant", "^repo:octo/app:.*$"],
    // Checks AND together; the value named is one that alone (with the other claims) reaches as wide as the statement.
    [
      "two subject checks, the first wider alone: it is named",
      [like("sub", "*:ref:refs/heads/main"), like("sub", "repo:octo/*")],
      "one-tenant",
      "*:ref:refs/heads/main",
    ],
    ["a * beside a repository's subjects: the * is named", [like("sub", "*"), like("sub", "repo:octo/app:*")], "one-repository", "*"],
    ["a regex beside a live check is no dead check either", [like("sub", "repo:octo/*"), regex("sub", "^repo:octo/app:.*$")], "one-tenant", "repo:octo/*"],
    ["a mapped GCP attribute identifies the workload", [eq("attribute.team", "payments")], "any-tenant", "attribute.team=payments"],
    ["a dead value beside a live exact one: the live one is named", [like("sub", "Repo:x", MAIN)], "one-context", MAIN],
    ["a subject check with no value read (unknown): its values", [unknownSub, OWNER], "one-context", "${var.a}, ${var.b}"],
    [
      "identity claims only, AWS operators: claim=values",
      [eq("repository_owner_id", "1", "2"), eq("repository_id", "3")],
      "one-repository",
      "repository_owner_id=1|2 && repository_id=3",
    ],
    ["an identity claim whose native form names the claim: as written", [CEL_OWNER], "one-tenant", CEL_OWNER.native],
    [
      "a claim that names no identity: unrestricted",
      [eq("workflow", "deploy")],
      "unrestricted",
      "workflow StringEquals deploy; aud StringEquals sts.amazonaws.com",
    ],
  ])("%s", (_name, checks, reach, value) => {
    const r = reachOf(checks);
    expect([r.reach, r.value]).toEqual([reach, value]);
  });

  it("a statement no token can take is never, named by what never matches", () => {
    const r = reachOf([eq("sub", MAIN)], { never: { value: "principal://x/subject/y", reason: "unmapped" } });
    expect([r.reach, r.value]).toEqual(["never", "principal://x/subject/y"]);
  });

  it("names the tenant of the first value that has one", () => {
    expect(reachOf([like("sub", "repo:*:ref:refs/heads/main", "repo:octo/*")]).tenant).toBe("octo");
  });

  it.each<[string, ClaimCheck[], boolean, boolean]>([
    // name, checks, jobWorkflowOnly, jobWorkflowOwnerOpen
    ["job_workflow_ref alone, the owner literal", [WORKFLOW], true, false],
    ["job_workflow_ref alone, the owner open", [like("job_workflow_ref", "*/wf/.github/workflows/deploy.yml@*")], true, true],
    ["two job_workflow_ref checks, one pins the owner (AND)", [WORKFLOW, like("job_workflow_ref", "*@*")], true, false],
    ["job_workflow_ref beside a subject", [eq("sub", MAIN), WORKFLOW], false, false],
    ["job_workflow_ref beside another identity claim", [WORKFLOW, OWNER], false, false],
    ["job_workflow_ref unknown until apply (WIF011)", [{ ...WORKFLOW, operator: "unknown", values: ["${var.wf}"] }], true, false],
    [
      "job_workflow_ref compared ignoring case",
      [{ ...eq("job_workflow_ref", "octo/wf/.github/workflows/d.yml@refs/heads/main"), operator: "equals-ignore-case" }],
      true,
      false,
    ],
    ["job_workflow_ref with IfExists (skipped when missing)", [{ ...WORKFLOW, ifExists: true }], true, true],
    ["a * in an exact job_workflow_ref is literal", [eq("job_workflow_ref", "oc*o/wf/.github/workflows/d.yml@refs/heads/main")], true, false],
    ["job_workflow_ref by a regex (not read)", [regex("job_workflow_ref", "^octo/.+$")], true, true],
    ["job_workflow_ref starting with / (no owner)", [like("job_workflow_ref", "/wf/.github/workflows/d.yml@*")], true, true],
    // No value names an owner (fail closed: a check with no values is no pin).
    ["job_workflow_ref with no values", [eq("job_workflow_ref")], true, true],
  ])("%s", (_name, checks, only, open) => {
    const r = reachOf(checks);
    expect([r.jobWorkflowOnly, r.jobWorkflowOwnerOpen]).toEqual([only, open]);
  });

  it.each<[string, ClaimCheck[], string]>([
    ["no check at all", [], "(no conditions)"],
    [
      "two checks of two values",
      [eq("workflow", "deploy", "build"), eq("event_name", "push", "merge_group")],
      "workflow StringEquals deploy, build; event_name StringEquals push, merge_group",
    ],
  ])("an unrestricted statement is named by its checks: %s", (_name, claims, value) => {
    const f: TrustFacts = facts({ checks: claims, aud: [] });
    expect(statementReach(f, f.statements[0]).value).toBe(value);
  });

  it.each<[string, ClaimCheck, string | undefined, boolean]>([
    // name, subject check, why it never matches, assumed pins (a dead value holds them: it is dead, not wide)
    ["a * in StringEquals", eq("sub", "repo:octo/app:ref:refs/heads/*"), "StringEquals compares the wildcard literally", true],
    ["a ? in StringEquals", eq("sub", "repo:octo/app:ref:refs/heads/ma?n"), "StringEquals compares the wildcard literally", true],
    [
      "StringEqualsIgnoreCase with an unknown owner",
      { ...eq("sub", "REPO:${var.owner}/app:ref:refs/heads/main"), operator: "equals-ignore-case" },
      undefined,
      true,
    ],
  ])("reads the subject value of %s", (_name, check, never, assumed) => {
    const [s] = reachOf([check, OWNER]).subjects;
    expect([s.scope.never, s.scope.pins.assumed]).toEqual([never, assumed]);
  });
});
