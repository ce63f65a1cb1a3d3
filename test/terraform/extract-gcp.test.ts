import { lintFacts } from "../../src/lint/engine";
import { extractTrustFacts, resourcesFromTerraformJson } from "../../src/terraform/extract";
import { gcpConfig, POOL_PREFIX, POOL_SUBJECT_PREFIX } from "./fixtures";

function ids(config: object): string[] {
  return [...new Set(lintFacts(extractTrustFacts(resourcesFromTerraformJson(config))).map((f) => `${f.rule}/${f.severity}`))].sort();
}
const REPO_MEMBER = `${POOL_PREFIX}/attribute.repository/octo/app`;
const PINNED = "assertion.repository_owner_id == '1234567'";

describe("GCP providers: attribute_condition", () => {
  it.each<[string, string | undefined, string[]]>([
    ["no condition on a shared issuer", undefined, ["WIF001/critical"]],
    ["condition true", "true", ["WIF001/critical"]],
    ["tautology", "attribute.repository == assertion.repository", ["WIF001/critical"]],
    ["true || narrow is still no constraint", "true || assertion.sub == 'repo:octo/app:ref:refs/heads/main'", ["WIF001/critical", "WIF008/low"]],
    ["only repository_owner", "assertion.repository_owner == 'octo'", ["WIF003/high", "WIF008/medium"]],
    ["only repository_owner_id", "assertion.repository_owner_id == '1234567'", ["WIF003/high"]],
    ["exact subject via google.subject", `google.subject == 'repo:octo/app:ref:refs/heads/main' && ${PINNED}`, []],
    ["exact subject and mutable names", "assertion.sub == 'repo:octo/app:ref:refs/heads/main'", ["WIF008/low"]],
    ["in list", `assertion.sub in ['repo:octo/app:ref:refs/heads/main', 'repo:octo/app:environment:prod'] && ${PINNED}`, []],
    ["startsWith owner prefix", `assertion.sub.startsWith('repo:octo')`, ["WIF002/critical"]],
    ["startsWith one repository", `assertion.sub.startsWith('repo:octo/app:') && ${PINNED}`, ["WIF004/medium"]],
    ["anchored matches", `assertion.sub.matches('^repo:octo/app:ref:refs/heads/(main|release)$') && ${PINNED}`, []],
    ["unanchored matches", `assertion.sub.matches('repo:octo/app') && ${PINNED}`, ["WIF003/high", "WIF007/high"]],
    [
      "one-sided alternation (the second branch is unanchored at the start)",
      `assertion.sub.matches('^repo:octo/app:ref:refs/heads/main|repo:octo/app:environment:prod$') && ${PINNED}`,
      ["WIF003/high", "WIF007/high"],
    ],
    [
      "|| takes the widest branch",
      `(assertion.sub == 'repo:octo/app:ref:refs/heads/main' || assertion.repository_owner == 'octo') && ${PINNED}`,
      ["WIF003/high"],
    ],
    ["negation only", "assertion.sub != 'repo:evil/x:pull_request'", ["WIF001/critical"]],
    ["unreadable function is unread: it pins nothing", "size(assertion.sub) > 3", ["WIF001/critical", "WIF011/info"]],
    ["syntax error is unread: it pins nothing", "assertion.sub == ", ["WIF001/critical", "WIF011/info"]],
  ])("%s", (_name, condition, expected) => {
    expect(ids(gcpConfig({ condition }))).toEqual(expected);
  });
});

describe("GCP: provider condition AND binding member", () => {
  it("a whole-pool member on a broad condition is WIF003", () => {
    const f = lintFacts(
      extractTrustFacts(resourcesFromTerraformJson(gcpConfig({ condition: "assertion.repository_owner_id == '1'", members: [`${POOL_PREFIX}/*`] }))),
    );
    expect(f.map((x) => [x.rule, x.value])).toEqual([
      ["WIF003", "assertion.repository_owner_id == '1'"],
      ["WIF003", `${POOL_PREFIX}/*`],
    ]);
  });
  it("a whole-pool member with several providers is WIF003", () => {
    expect(
      ids(gcpConfig({ condition: `assertion.sub == 'repo:octo/app:ref:refs/heads/main' && ${PINNED}`, members: [`${POOL_PREFIX}/*`], providers: 2 })),
    ).toEqual(["WIF003/high"]);
  });
  it.each<[string, string]>([
    ["google_service_account_iam_policy", "service_account_id"],
    ["google_project_iam_policy", "project"],
  ])("a whole-pool member granted through data.google_iam_policy + %s is WIF003", (type, target) => {
    const config = gcpConfig({ condition: `assertion.sub == 'repo:octo/app:ref:refs/heads/main' && ${PINNED}`, providers: 2 }) as {
      resource: Record<string, unknown>;
      data?: unknown;
    };
    config.resource[type] = { m: { [target]: "x", policy_data: "${data.google_iam_policy.p.policy_data}" } };
    config.data = { google_iam_policy: { p: [{ binding: [{ role: "roles/iam.workloadIdentityUser", members: [`${POOL_PREFIX}/*`] }] }] } };
    const f = lintFacts(extractTrustFacts(resourcesFromTerraformJson(config)));
    expect(f.map((x) => [x.rule, x.severity, x.value])).toEqual([
      ["WIF003", "high", `${POOL_PREFIX}/*`],
      ["WIF003", "high", `${POOL_PREFIX}/*`],
    ]);
  });
  it("a policy_data written as a JSON literal is read too", () => {
    const config = gcpConfig({ condition: PINNED }) as { resource: Record<string, unknown> };
    config.resource.google_service_account_iam_policy = {
      m: { service_account_id: "sa", policy_data: JSON.stringify({ bindings: [{ role: "roles/iam.workloadIdentityUser", members: [REPO_MEMBER] }] }) },
    };
    expect(ids(config)).toEqual(["WIF004/medium"]);
  });
  it("a policy_data that is unknown is WIF011", () => {
    const config = gcpConfig({ condition: PINNED }) as { resource: Record<string, unknown> };
    config.resource.google_service_account_iam_policy = { m: { service_account_id: "sa", policy_data: "${var.policy}" } };
    expect(lintFacts(extractTrustFacts(resourcesFromTerraformJson(config))).map((x) => [x.rule, x.value])).toEqual([
      ["WIF003", PINNED],
      ["WIF011", "${var.policy}"],
    ]);
  });
  it("a repository member narrows an owner-wide condition", () => {
    expect(ids(gcpConfig({ condition: PINNED, members: [REPO_MEMBER] }))).toEqual(["WIF004/medium"]);
  });
  it("a subject member narrows to one context", () => {
    expect(ids(gcpConfig({ condition: PINNED, members: [`${POOL_SUBJECT_PREFIX}/subject/repo:octo/app:ref:refs/heads/main`] }))).toEqual([]);
  });
  it("members of another pool do not count", () => {
    const other = "principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/other/attribute.repository/octo/app";
    expect(ids(gcpConfig({ condition: PINNED, members: [other] }))).toEqual(["WIF003/high"]);
  });
  it("a member naming the pool through its name attribute counts", () => {
    const byName = "principalSet://iam.googleapis.com/${google_iam_workload_identity_pool.pool.name}/attribute.repository/octo/app";
    expect(ids(gcpConfig({ condition: PINNED, members: [byName] }))).toEqual(["WIF004/medium"]);
  });
  it("a member on an unmapped attribute matches no token: it grants nothing (WIF007), the condition beside it is no way in", () => {
    expect(ids(gcpConfig({ condition: PINNED, members: [`${POOL_PREFIX}/attribute.workflow/deploy`] }))).toEqual(["WIF007/high"]);
  });
});

describe("GCP: issuer, audiences, limits", () => {
  it("default audience is fine, explicit audiences too", () => {
    const c = `assertion.sub == 'repo:octo/app:ref:refs/heads/main' && ${PINNED}`;
    expect(ids(gcpConfig({ condition: c }))).toEqual([]);
    expect(ids(gcpConfig({ condition: c, audiences: ["https://example.com/aud"] }))).toEqual([]);
  });
  it("a private issuer without condition is not WIF001 when members pin subjects", () => {
    const eks = "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC";
    expect(ids(gcpConfig({ issuer: eks, members: [`${POOL_SUBJECT_PREFIX}/subject/system:serviceaccount:ci:deployer`] }))).toEqual([]);
  });
  it("a private issuer without condition bound as a whole pool is WIF001", () => {
    const eks = "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC";
    expect(ids(gcpConfig({ issuer: eks, members: [`${POOL_PREFIX}/*`] }))).toEqual(["WIF001/critical", "WIF003/high"]);
  });
  it("a google.subject over 127 bytes is WIF010", () => {
    const long = `repo:octo/app:environment:${"e".repeat(120)}`;
    expect(ids(gcpConfig({ condition: `assertion.sub == '${long}' && ${PINNED}` }))).toEqual(["WIF010/medium"]);
  });
  it("a trailing slash on issuer_uri is WIF009", () => {
    expect(
      ids(
        gcpConfig({ condition: `assertion.sub == 'repo:octo/app:ref:refs/heads/main' && ${PINNED}`, issuer: "https://token.actions.githubusercontent.com/" }),
      ),
    ).toEqual(["WIF009/high"]);
  });
});
