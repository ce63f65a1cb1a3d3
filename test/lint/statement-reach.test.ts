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
    ["a mapped GCP attribute identifies the workload", [eq("attribute.team", "payments")], "any-tenant", "attribute.team=payments"],
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
  ])("%s", (_name, checks, only, open) => {
    const r = reachOf(checks);
    expect([r.jobWorkflowOnly, r.jobWorkflowOwnerOpen]).toEqual([only, open]);
  });
});
