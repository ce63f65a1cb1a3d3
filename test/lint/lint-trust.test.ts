import { Claim, Subject, Trust } from "../../src/trust";
import { lintTrust } from "../../src/lint/lint-trust";
import { EKS, GITHUB, GITLAB, TFC, ruleSeverities, trust } from "./helpers";

const OWNER_ID = { repository_owner_id: "1234567" };

describe("lintTrust: GitHub subjects (RULES.md examples)", () => {
  it.each<[string, ReturnType<typeof trust>, string[]]>([
    ["repo:*", trust(GITHUB, "repo:*"), ["WIF002/critical"]],
    ["repo:*/app:*", trust(GITHUB, "repo:*/app:*"), ["WIF002/critical"]],
    ["repo:octo* matches octo-evil", trust(GITHUB, "repo:octo*"), ["WIF002/critical"]],
    ["repo:octo?/x:*", trust(GITHUB, "repo:octo?/x:*"), ["WIF002/critical"]],
    ["immutable owner id wildcard", trust(GITHUB, "repo:octo@*/app:*"), ["WIF002/critical"]],
    ["repo:octo/* is WIF003 not WIF002", trust(GITHUB, "repo:octo/*", OWNER_ID), ["WIF003/high"]],
    ["repo:octo/*:*", trust(GITHUB, "repo:octo/*:*", OWNER_ID), ["WIF003/high"]],
    ["repo:octo/app:*", trust(GITHUB, "repo:octo/app:*", OWNER_ID), ["WIF004/medium"]],
    ["repo:octo/app:ref:*", trust(GITHUB, "repo:octo/app:ref:*", OWNER_ID), ["WIF004/medium"]],
    ["environment pinned", trust(GITHUB, "repo:octo/app:environment:prod", OWNER_ID), []],
    ["main pinned", trust(GITHUB, "repo:octo/app:ref:refs/heads/main", OWNER_ID), []],
    ["main without owner id", trust(GITHUB, "repo:octo/app:ref:refs/heads/main"), ["WIF008/low"]],
    ["pull_request", trust(GITHUB, "repo:octo/app:pull_request", OWNER_ID), ["WIF005/medium"]],
    ["repo:* pinned by repository_id", trust(GITHUB, "repo:*:ref:refs/heads/main", { repository_id: "42" }), []],
    ["Repo: never matches", trust(GITHUB, "Repo:octo/app:ref:refs/heads/main", OWNER_ID), ["WIF007/high"]],
    [
      "repo:octo/* with a job_workflow_ref of the owner is downgraded",
      trust(GITHUB, "repo:octo/*", { ...OWNER_ID, job_workflow_ref: "octo/workflows/.github/workflows/deploy.yml@refs/heads/main" }),
      ["WIF003/low"],
    ],
  ])("%s", (_name, t, expected) => {
    expect(ruleSeverities(t)).toEqual(expected);
  });
});

describe("lintTrust: other issuers", () => {
  it.each<[string, ReturnType<typeof trust>, string[]]>([
    ["project_path:*", trust(GITLAB, "project_path:*"), ["WIF002/critical"]],
    ["project_path:grp/*", trust(GITLAB, "project_path:grp/*", { namespace_id: "9" }), ["WIF003/high"]],
    ["tfc org wildcard", trust(TFC, "organization:*:project:*:workspace:*:run_phase:*"), ["WIF002/critical"]],
    ["tfc whole org", trust(TFC, "organization:o:project:*:workspace:*:run_phase:*"), ["WIF003/high"]],
    ["k8s any namespace", trust(EKS, "system:serviceaccount:*:deployer"), ["WIF004/high"]],
    ["k8s any service account", trust(EKS, "system:serviceaccount:ns:*"), ["WIF004/medium"]],
    ["k8s exact", trust(EKS, "system:serviceaccount:ci:deployer"), []],
  ])("%s", (_name, t, expected) => {
    expect(ruleSeverities(t)).toEqual(expected);
  });
});

describe("presets", () => {
  it("anyRef is WIF004 (medium) and WIF008 without ids", () => {
    expect(ruleSeverities(Trust.githubActions({ repository: "octo/app", anyRef: true }))).toEqual(["WIF004/medium", "WIF008/medium"]);
  });
  it("an owner wildcard is critical", () => {
    expect(ruleSeverities(Trust.githubActions({ repository: "octo*/app", branch: "main" }))).toEqual(["WIF002/critical"]);
  });
  it("a pinned, id-pinned preset is clean on every cloud", () => {
    const t = Trust.githubActions({ repository: "octo/app", environment: "production", repositoryOwnerId: "1234567" });
    for (const cloud of ["aws", "gcp", "azure"] as const) expect(lintTrust(t, { cloud })).toEqual([]);
  });
  it("GitLab on AWS without audiences is WIF006", () => {
    const t = new Trust({ issuer: GITLAB, subject: Subject.exactly("project_path:g/p:ref_type:branch:ref:main"), claims: { project_id: Claim.equals("7") } });
    expect(ruleSeverities(t, "aws")).toEqual(["WIF006/high"]);
  });
});

describe("findings", () => {
  it("carry id, severity, address, value, risk and fix", () => {
    const [f] = lintTrust(trust(GITHUB, "repo:octo*"), { address: "App/Stack/deploy" });
    expect(f).toEqual({
      rule: "WIF002",
      severity: "critical",
      title: "Wildcard in the tenant segment of a shared issuer",
      address: "App/Stack/deploy",
      value: "repo:octo*",
      risk: '"repo:octo*" lets any GitHub owner (user or organization) on https://token.actions.githubusercontent.com match, not only yours.',
      fix: 'Pin the tenant and the repository literally, e.g. "repo:OWNER/REPO:environment:production (or :ref:refs/heads/main)", and pin an immutable owner id.',
    });
  });
  it("severity overrides and ignore apply", () => {
    const t = trust(GITHUB, "repo:octo/app:ref:refs/heads/main");
    expect(lintTrust(t, { severityOverrides: { WIF008: "info" } }).map((f) => f.severity)).toEqual(["info"]);
    expect(lintTrust(t, { ignore: ["WIF008"] })).toEqual([]);
  });
  it("acknowledged findings stay, marked suppressed", () => {
    const t = trust(GITHUB, "repo:octo/app:ref:refs/heads/main");
    const [f] = lintTrust(t, { acknowledge: [{ rule: "WIF008", reason: "owner id pinned by SCP" }] });
    expect(f.suppressed).toEqual({ reason: "owner id pinned by SCP" });
  });
});
