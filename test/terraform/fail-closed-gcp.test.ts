/**
 * Issue 9, GCP readers: nothing unread counts as a pin, readers are bounded and never throw, and one
 * bad value is reported for its resource only. One table per defect class.
 */
import { lintFacts } from "../../src/lint/engine";
import { readCelCondition } from "../../src/terraform/cel-condition";
import { extractTrustFacts, resourcesFromTerraformJson } from "../../src/terraform/extract";
import { awsPolicy, awsRoles, gcpConfig, ghCondition, POOL_PREFIX } from "./fixtures";

function findings(config: object) {
  return lintFacts(extractTrustFacts(resourcesFromTerraformJson(config)));
}
function ids(config: object): string[] {
  return [...new Set(findings(config).map((f) => `${f.rule}/${f.severity}`))].sort();
}
const MAPPING = { "google.subject": "assertion.sub", "attribute.repository": "assertion.repository" };
const POOL_MEMBER = `${POOL_PREFIX}/*`;
const PINNED = "assertion.sub == 'repo:octo/app:ref:refs/heads/main' && assertion.repository_owner_id == '1234567'";

describe("defect 4: a condition on non-identity claims only admits every tenant of a shared issuer", () => {
  it.each<[string, string]>([
    ["workflow", "assertion.workflow == 'deploy'"],
    ["event_name", "assertion.event_name == 'push'"],
    ["actor", "assertion.actor == 'octocat'"],
    ["aud", "assertion.aud == 'https://github.com/octo'"],
    ["runner_environment", "assertion.runner_environment == 'self-hosted'"],
    ["repository_visibility", "assertion.repository_visibility == 'private'"],
    [
      "several non-identity claims and a ref (a context, not a tenant)",
      "assertion.workflow == 'deploy' && assertion.event_name == 'push' && assertion.ref == 'refs/heads/main'",
    ],
    ["an OR of non-identity claims", "assertion.workflow == 'deploy' || assertion.actor == 'octocat'"],
    ["a ternary on a non-identity claim", "assertion.event_name == 'push' ? true : false"],
  ])("%s: WIF001 (or WIF002) critical", (_name, condition) => {
    for (const members of [[], [POOL_MEMBER]]) {
      const found = ids(gcpConfig({ condition, members }));
      expect(found.filter((id) => id === "WIF001/critical" || id === "WIF002/critical").length).toBeGreaterThan(0);
    }
  });

  it("names the condition and the issuer", () => {
    const f = findings(gcpConfig({ condition: "assertion.workflow == 'deploy'" })).find((x) => x.rule === "WIF001");
    expect(f?.value).toBe("assertion.workflow == 'deploy'");
    expect(f?.risk).toContain("every tenant of the shared issuer https://token.actions.githubusercontent.com");
  });

  it.each<[string, string, string[]]>([
    ["the same claims next to a pinned subject pass", `${PINNED} && assertion.workflow == 'deploy'`, []],
    ["a member on the repository pins it", "assertion.workflow == 'deploy'", ["WIF004/medium"]],
  ])("%s", (_name, condition, expected) => {
    const members = _name.startsWith("a member") ? [`${POOL_PREFIX}/attribute.repository/octo/app`] : [];
    expect(ids(gcpConfig({ condition, members })).filter((r) => r !== "WIF008/low" && r !== "WIF008/medium")).toEqual(expected);
  });

  it("on a private issuer the same condition is not a cross-tenant finding", () => {
    expect(ids(gcpConfig({ condition: "assertion.workflow == 'deploy'", issuer: "https://issuer.example.com" }))).not.toContain("WIF002/critical");
  });
});

describe("defect 5: large conditions keep their readable conjuncts", () => {
  const refs = (n: number, claim = "ref") => `(${Array.from({ length: n }, (_, i) => `assertion.${claim} == 'refs/heads/b${i}'`).join(" || ")})`;
  it.each<[string, string, string]>([
    [
      "startsWith('repo:') && 8 x (ref == a || ...) x 2",
      `assertion.sub.startsWith('repo:') && ${refs(8)} && ${refs(8, "base_ref")} && ${refs(8, "head_ref")}`,
      "WIF002/critical",
    ],
    ["the any-tenant conjunct last", `${refs(8)} && ${refs(8, "base_ref")} && ${refs(8, "head_ref")} && assertion.sub.startsWith('repo:')`, "WIF002/critical"],
    [
      "any-tenant conjunct inside an over-cap OR",
      `(${Array.from({ length: 80 }, (_, i) => `assertion.sub == 'repo:octo/a${i}:ref:refs/heads/main'`).join(" || ")} || assertion.sub.startsWith('repo:')) && ${refs(8)}`,
      "WIF002/critical",
    ],
    [
      "one tenant across 80 alternatives",
      `(${Array.from({ length: 80 }, (_, i) => `assertion.sub == 'repo:octo/a${i}:ref:refs/heads/main'`).join(" || ")} || assertion.sub.startsWith('repo:octo/')) && ${refs(8)}`,
      "WIF003/high",
    ],
  ])("%s", (_name, condition, expected) => {
    expect(ids(gcpConfig({ condition }))).toContain(expected);
  });

  it("a pinned subject with many alternatives of the ref still pins one repository (no false WIF002)", () => {
    const condition = `assertion.sub.startsWith('repo:octo/app:') && assertion.repository_owner_id == '1' && ${refs(9)} && ${refs(9, "base_ref")}`;
    expect(ids(gcpConfig({ condition }))).not.toContain("WIF002/critical");
  });

  it("80 exact subjects are read as their union (every value judged)", () => {
    const condition =
      Array.from({ length: 80 }, (_, i) => `assertion.sub == 'repo:octo/a${i}:ref:refs/heads/main'`).join(" || ") +
      " || assertion.sub == 'repo:evil/x:ref:refs/heads/main'";
    const r = readCelCondition(condition, MAPPING);
    expect(r.paths.length).toBe(1);
    expect(r.paths[0][0].values).toHaveLength(81);
    expect(r.paths[0][0].values).toContain("repo:evil/x:ref:refs/heads/main");
  });

  it("the WIF011 text keeps the parentheses", () => {
    const condition = `assertion.sub.startsWith('repo:') && ${refs(8)} && ${refs(9, "base_ref")}`;
    const unknown = readCelCondition(condition, MAPPING).unknowns.join("\n");
    expect(unknown).toContain("(assertion.ref == 'refs/heads/b0' || ");
    expect(unknown).toContain("more than 64 alternatives");
  });
});

describe("unread CEL never pins (ternaries, negations, calls)", () => {
  it.each<[string, string, string]>([
    ["a ternary is read as (c && t) || (!c && f)", "assertion.repository_owner == 'octo' ? assertion.sub.startsWith('repo:octo/') : false", "WIF003/high"],
    ["a ternary with an any-tenant branch", "assertion.repository_owner == 'octo' ? true : assertion.sub.startsWith('repo:')", "WIF002/critical"],
    ["!! cancels", "!!(assertion.sub.startsWith('repo:'))", "WIF002/critical"],
    ["De Morgan: !(a || b) is !a && !b", "!(assertion.sub == 'a' || assertion.sub == 'b')", "WIF001/critical"],
    ["size() is unread", "size(assertion.sub) > 3", "WIF001/critical"],
    ["an unread call next to repo:*", "assertion.sub.startsWith('repo:') && has(assertion.x)", "WIF002/critical"],
    ["an untranslatable regex pins nothing", "assertion.sub.matches('^repo:(?i)octo/app:.*$')", "WIF002/critical"],
  ])("%s", (_name, condition, expected) => {
    expect(ids(gcpConfig({ condition }))).toContain(expected);
  });
});

describe("defect 8 (readers): bounded, never throw, one bad value is reported for its resource only", () => {
  const repoStar = awsRoles({ r: awsPolicy(ghCondition("StringLike", "repo:*")) }) as { resource: Record<string, unknown> };
  const beside = (gcp: object) => ({ resource: { ...(gcp as { resource: object }).resource, ...repoStar.resource } });

  it.each<[string, () => object, string[]]>([
    [
      "a CEL condition with 20,000 ORs",
      () => gcpConfig({ condition: Array.from({ length: 20_001 }, (_, i) => `assertion.sub == 'r${i}'`).join(" || ") }),
      ["WIF001/critical", "WIF011/info"],
    ],
    [
      "a CEL condition with 20,000 ANDs",
      () => gcpConfig({ condition: Array.from({ length: 20_001 }, () => "assertion.workflow == 'x'").join(" && ") }),
      ["WIF001/critical", "WIF011/info"],
    ],
    [
      "4,000 short ORs (inside the length bound)",
      () => gcpConfig({ condition: Array.from({ length: 4_000 }, (_, i) => `assertion.sub=='r${i}'`).join("||") }),
      ["WIF011/info"],
    ],
    ["6,000 nested parentheses", () => gcpConfig({ condition: "(".repeat(6_000) + "true" + ")".repeat(6_000) }), ["WIF001/critical", "WIF011/info"]],
    ["20,000 negations", () => gcpConfig({ condition: "!".repeat(20_000) + "true" }), ["WIF001/critical", "WIF011/info"]],
    ["nested ternaries", () => gcpConfig({ condition: "(".repeat(150) + "assertion.workflow == 'a'" + " ? true : false)".repeat(150) }), ["WIF001/critical"]],
    ["a field chain of 20,000", () => gcpConfig({ condition: "assertion" + ".x".repeat(20_000) + " == 'a'" }), ["WIF001/critical", "WIF011/info"]],
    [
      "a subject member with malformed percent-encoding",
      () => gcpConfig({ condition: PINNED, members: [`${POOL_PREFIX.replace("principalSet", "principal")}/subject/100%`] }),
      ["WIF011/info"],
    ],
    [
      "an attribute member with malformed percent-encoding",
      () => gcpConfig({ condition: "assertion.repository_owner_id == '1'", members: [`${POOL_PREFIX}/attribute.repository/octo%zz`] }),
      ["WIF003/high", "WIF011/info"],
    ],
  ])("%s: judged, and the repo:* role beside it is still WIF002", (_name, make, expected) => {
    const start = Date.now();
    const all = findings(beside(make()));
    expect(Date.now() - start).toBeLessThan(5_000);
    expect(all.filter((f) => f.address.startsWith("aws_iam_role.")).map((f) => f.rule)).toEqual(["WIF002"]);
    const gcp = [...new Set(all.filter((f) => f.address.startsWith("google_")).map((f) => `${f.rule}/${f.severity}`))].sort();
    for (const id of expected) expect(gcp).toContain(id);
  });

  it("a policy_data JSON nested 6,000 deep is read without throwing, beside a repo:* role", () => {
    const deep = "[".repeat(6_000) + "]".repeat(6_000);
    const config = beside({ resource: { google_project_iam_policy: { p: { project: "x", policy_data: `{"bindings":${deep}}` } } } });
    expect(findings(config).map((f) => `${f.address} ${f.rule}`)).toEqual(["aws_iam_role.r WIF002"]);
  });

  it("an assume_role_policy nested 6,000 deep is read without throwing", () => {
    const deep = "[".repeat(6_000) + '"repo:*"' + "]".repeat(6_000);
    const policy = `{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRoleWithWebIdentity","Principal":{"Federated":"arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com"},"Condition":{"StringLike":{"token.actions.githubusercontent.com:sub":${deep}}}}]}`;
    expect(ids(awsRoles({ deep: policy }))).toContain("WIF002/critical");
  });
});
