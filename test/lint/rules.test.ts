import { lintFacts } from "../../src/lint/engine";
import type { ClaimCheck, TrustFacts } from "../../src/lint/facts";
import { factsFromTrust } from "../../src/lint/from-trust";
import { lintTrust } from "../../src/lint/lint-trust";
import { extractTrustFacts, resourcesFromTerraformJson } from "../../src/terraform/extract";
import { Subject, Trust } from "../../src/trust";
import { BUILDKITE, CIRCLECI, EKS, eq, facts, GENERIC, GITHUB, GITLAB, like, TFC, trust } from "./helpers";

const OWNER = eq("repository_owner_id", "1");

/**
 * Facts of a hand-written AWS role in Terraform JSON: for values a `Trust` refuses (variables,
 * references), which only Terraform configurations can hold.
 */
function terraformRole(subject: string, claims: Record<string, string> = {}): TrustFacts {
  const prefix = "token.actions.githubusercontent.com";
  const equals: Record<string, string> = { [`${prefix}:aud`]: "sts.amazonaws.com" };
  for (const [k, v] of Object.entries(claims)) equals[`${prefix}:${k}`] = v;
  const policy = {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${prefix}` },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: equals, StringLike: { [`${prefix}:sub`]: subject } },
      },
    ],
  };
  const [f] = extractTrustFacts(resourcesFromTerraformJson({ resource: { aws_iam_role: { r: { assume_role_policy: JSON.stringify(policy) } } } }));
  return f;
}
const ids = (f: TrustFacts | Trust) => [...new Set((f instanceof Trust ? lintTrust(f) : lintFacts(f)).map((x) => x.rule))];

type Case = [string, TrustFacts | Trust];
function table(rule: string, fires: Case[], passes: Case[]): void {
  describe(rule, () => {
    it.each(fires)(`fires: %s`, (_n, input) => expect(ids(input)).toContain(rule));
    it.each(passes)(`passes: %s`, (_n, input) => expect(ids(input)).not.toContain(rule));
  });
}

table(
  "WIF001",
  [
    ["only aud", facts({ checks: [] })],
    ["nothing at all", facts({ checks: [], aud: [] })],
    ["only a negated sub", facts({ checks: [{ ...eq("sub", "repo:evil/x:pull_request"), operator: "negated", native: "StringNotEquals" }] })],
    ["only a Null check", facts({ checks: [{ claim: "sub", operator: "constrains-nothing", values: ["false"], native: "Null" }] })],
    ["only a non-identity claim", facts({ checks: [eq("actor", "octocat")] })],
    ["K8s with only aud", facts({ issuer: { url: EKS.url, kind: "kubernetes", shared: false, references: [] }, checks: [] })],
    ["ForAllValues sub only", facts({ checks: [{ ...like("sub", "repo:octo/app:*"), setOperator: "ForAllValues" }] })],
  ],
  [
    ["K8s exact sub", trust(EKS, "system:serviceaccount:ci:deployer")],
    ["GitHub exact sub", trust(GITHUB, "repo:octo/app:environment:prod")],
    ["only an owner id claim (that is WIF003)", facts({ checks: [OWNER] })],
    ["an unreadable condition", facts({ checks: [{ claim: "?", operator: "unknown", values: [], native: "Condition" }] })],
  ],
);

table(
  "WIF002",
  [
    ["*", facts({ checks: [like("sub", "*")] })],
    ["repo:*", trust(GITHUB, "repo:*")],
    ["repo:*/app:*", trust(GITHUB, "repo:*/app:*")],
    ["repo:octo*", trust(GITHUB, "repo:octo*")],
    ["repo:octo?/x:*", trust(GITHUB, "repo:octo?/x:*")],
    ["project_path:*", trust(GITLAB, "project_path:*")],
    ["organization:*:...", trust(TFC, "organization:*:project:*:workspace:*:run_phase:*")],
    ["immutable owner wildcard", trust(GITHUB, "repo:octo@*/app:*")],
    ["Buildkite organization:*", trust(BUILDKITE, "organization:*")],
    ["repository claim only owner wildcard", facts({ checks: [like("repository", "oct*/app")] })],
    ["one wide value among narrow ones", facts({ checks: [like("sub", "repo:octo/app:ref:refs/heads/main", "repo:*")] })],
    [
      "one wide statement among narrow ones",
      facts({
        statements: [
          ...facts({ checks: [eq("sub", "repo:octo/app:environment:prod"), OWNER] }).statements,
          ...facts({ checks: [like("sub", "repo:*")] }).statements,
        ],
      }),
    ],
  ],
  [
    ["repo:octo/* (WIF003)", trust(GITHUB, "repo:octo/*")],
    ["repo:* pinned by repository_id", trust(GITHUB, "repo:*:ref:refs/heads/main", { repository_id: "42" })],
    ["repo:* pinned by repository_owner_id (WIF003)", trust(GITHUB, "repo:*", { repository_owner_id: "1" })],
    ["repo:* pinned by repository claim", trust(GITHUB, "repo:*", { repository: "octo/app" })],
    ["private issuer wildcard", trust(EKS, "system:serviceaccount:*")],
    ["CircleCI issuer is per org", trust(CIRCLECI, "org/*")],
    ["job_workflow_ref only (WIF005)", facts({ checks: [eq("job_workflow_ref", "octo/wf/.github/workflows/d.yml@refs/heads/main")] })],
    ["unknown owner", terraformRole("repo:${var.org}/app:ref:refs/heads/main")],
  ],
);

table(
  "WIF003",
  [
    ["repo:octo/*", trust(GITHUB, "repo:octo/*")],
    ["repo:octo/*:*", trust(GITHUB, "repo:octo/*:*")],
    ["repo:octo/app*", trust(GITHUB, "repo:octo/app*")],
    ["project_path:grp/*", trust(GITLAB, "project_path:grp/*")],
    ["organization:o:project:*:...", trust(TFC, "organization:o:project:*:workspace:*:run_phase:*")],
    ["only repository_owner", facts({ checks: [eq("repository_owner", "octo")] })],
    ["repository claim with owner/*", facts({ checks: [like("repository", "octo/*")] })],
    ["owner id plus repo:*", trust(GITHUB, "repo:*", { repository_owner_id: "1" })],
    ["Buildkite organization:acme:*", trust(BUILDKITE, "organization:acme:*")],
    ["CircleCI any project", trust(CIRCLECI, "org/0a1b2c3d-0000-4000-8000-000000000000/project/*")],
    ["generic issuer, bare wildcard", facts({ issuer: { url: GENERIC.url, kind: "generic", shared: false, references: [] }, checks: [like("sub", "*")] })],
  ],
  [
    ["one repository one branch", trust(GITHUB, "repo:octo/app:ref:refs/heads/main")],
    ["one repository any ref (WIF004)", trust(GITHUB, "repo:octo/app:*")],
    ["K8s any namespace is WIF004 high", trust(EKS, "system:serviceaccount:*:deployer")],
    ["repository_id pin narrows repo:octo/*", trust(GITHUB, "repo:octo/*", { repository_id: "9" })],
  ],
);

describe("WIF003 downgrade", () => {
  it("job_workflow_ref of the same owner downgrades to low with the reason", () => {
    const f = lintTrust(trust(GITHUB, "repo:octo/*", { repository_owner_id: "1", job_workflow_ref: "octo/wf/.github/workflows/deploy.yml@refs/heads/main" }));
    expect(f.map((x) => [x.rule, x.severity])).toEqual([["WIF003", "low"]]);
    expect(f[0].risk).toContain('job_workflow_ref pin "octo/wf/.github/workflows/deploy.yml@refs/heads/main"');
  });
  it.each([
    ["another owner's workflow", "evil/wf/.github/workflows/deploy.yml@refs/heads/main"],
    ["a wildcard workflow path", "octo/*"],
  ])("%s is not a downgrade", (_n, ref) => {
    const f = lintTrust(trust(GITHUB, "repo:octo/*", { repository_owner_id: "1", job_workflow_ref: ref }));
    expect(f.map((x) => [x.rule, x.severity])).toEqual([["WIF003", "high"]]);
  });
});

// The downgrade needs a job_workflow_ref that names one workflow file of the same owner (literal up to
// `@`, the ref after it may be a pattern), on every value, with a positive operator and no ForAllValues.
describe("WIF003 downgrade: what counts as a reusable-workflow pin", () => {
  const WF = "octo/wf/.github/workflows/deploy.yml";
  const wif003 = (...checks: ClaimCheck[]) =>
    lintFacts(facts({ checks: [like("sub", "repo:octo/*"), OWNER, ...checks] }))
      .filter((f) => f.rule === "WIF003")
      .map((f) => f.severity);
  it.each<[string, ClaimCheck[], string]>([
    ["an exact workflow at one ref", [eq("job_workflow_ref", `${WF}@refs/heads/main`)], "low"],
    ["an exact workflow at any ref (a pattern after @)", [like("job_workflow_ref", `${WF}@refs/heads/*`)], "low"],
    ["two workflows of the owner", [eq("job_workflow_ref", `${WF}@refs/heads/main`, "octo/wf/.github/workflows/b.yml@v1")], "low"],
    ["one workflow and one pattern", [like("job_workflow_ref", `${WF}@refs/heads/main`, "octo/*")], "high"],
    ["a workflow without @", [eq("job_workflow_ref", WF)], "high"],
    ["a wildcard in the workflow path", [like("job_workflow_ref", "octo/wf/.github/workflows/*.yml@refs/heads/main")], "high"],
    ["a ? in the workflow path", [like("job_workflow_ref", "octo/wf/.github/workflows/d?.yml@refs/heads/main")], "high"],
    ["an unresolved part in the workflow path", [eq("job_workflow_ref", "octo/${var.repo}/.github/workflows/d.yml@refs/heads/main")], "high"],
    ["another owner's workflow", [eq("job_workflow_ref", `evil/wf/.github/workflows/deploy.yml@refs/heads/main`)], "high"],
    ["no values", [eq("job_workflow_ref")], "high"],
    ["no values, then a pin (the checks are AND-ed)", [eq("job_workflow_ref"), eq("job_workflow_ref", `${WF}@v1`)], "low"],
    ["nothing before @", [eq("job_workflow_ref", "@refs/heads/main")], "high"],
    ["ForAllValues", [{ ...eq("job_workflow_ref", `${WF}@refs/heads/main`), setOperator: "ForAllValues" }], "high"],
    ["a negated check", [{ ...eq("job_workflow_ref", `${WF}@refs/heads/main`), operator: "negated", native: "StringNotEquals" }], "high"],
    ["an unread check", [{ ...eq("job_workflow_ref", `${WF}@refs/heads/main`), operator: "unread", native: "Bool" }], "high"],
    ["the caller's workflow_ref, not job_workflow_ref", [eq("workflow_ref", `octo/app/.github/workflows/ci.yml@refs/heads/main`)], "high"],
    [
      "a pin after a claim that is not one",
      [eq("workflow_ref", "octo/app/.github/workflows/ci.yml@refs/heads/main"), eq("job_workflow_ref", `${WF}@v1`)],
      "low",
    ],
  ])("%s", (_name, checks, severity) => {
    expect(wif003(...checks)).toEqual([severity]);
  });
  // The owner is pinned by id only: the subject names no tenant to compare the workflow's owner with.
  it.each<[string, string, string]>([
    ["a workflow of any owner counts", `${WF}@v1`, "low"],
    ["nothing before @ does not", "@v1", "high"],
  ])("owner id only, %s", (_name, value, severity) => {
    const f = lintFacts(facts({ checks: [OWNER, eq("job_workflow_ref", value)] })).filter((x) => x.rule === "WIF003");
    expect(f.map((x) => x.severity)).toEqual([severity]);
  });
  it("names every pinned workflow in the message", () => {
    const f = lintFacts(facts({ checks: [like("sub", "repo:octo/*"), OWNER, eq("job_workflow_ref", `${WF}@v1`, `${WF}@v2`)] }));
    expect(f.find((x) => x.rule === "WIF003")?.risk).toContain(`job_workflow_ref pin "${WF}@v1, ${WF}@v2"`);
  });
});

table(
  "WIF004",
  [
    ["repo:octo/app:*", trust(GITHUB, "repo:octo/app:*")],
    ["repo:octo/app:ref:*", trust(GITHUB, "repo:octo/app:ref:*")],
    ["any branch", trust(GITHUB, "repo:octo/app:ref:refs/heads/*")],
    ["any environment", trust(GITHUB, "repo:octo/app:environment:*")],
    ["K8s any namespace", trust(EKS, "system:serviceaccount:*:deployer")],
    ["K8s any service account", trust(EKS, "system:serviceaccount:ns:*")],
    ["GitLab any ref", trust(GITLAB, "project_path:g/p:*")],
    ["TFC any run phase", trust(TFC, "organization:o:project:p:workspace:w:run_phase:*")],
    ["variables with a literal :*", terraformRole("repo:${var.org}/${var.repo}:*")],
    ["repository_id pin with a wide subject", trust(GITHUB, "repo:*", { repository_id: "9" })],
  ],
  [
    ["environment", trust(GITHUB, "repo:octo/app:environment:prod")],
    ["release branches", trust(GITHUB, "repo:octo/app:ref:refs/heads/release-*")],
    ["version tags", trust(GITHUB, "repo:octo/app:ref:refs/tags/v*")],
    ["StringEquals with * is broken, not broad (WIF007)", facts({ checks: [eq("sub", "repo:o/r:*"), OWNER] })],
    ["ref claim pins the context", trust(GITHUB, "repo:octo/app:*", { ref: "refs/heads/main" })],
  ],
);

describe("WIF004 severity", () => {
  it.each<[string, Trust, string]>([
    ["any namespace is high", trust(EKS, "system:serviceaccount:*:deployer"), "high"],
    ["any service account is medium", trust(EKS, "system:serviceaccount:ns:*"), "medium"],
    ["any ref is medium", trust(GITHUB, "repo:octo/app:*", { repository_owner_id: "1" }), "medium"],
  ])("%s", (_n, t, sev) => {
    expect(lintTrust(t).find((f) => f.rule === "WIF004")?.severity).toBe(sev);
  });
});

table(
  "WIF005",
  [
    ["pull_request", trust(GITHUB, "repo:octo/app:pull_request")],
    ["pull_request among others", trust(GITHUB, Subject.anyOf(["repo:octo/app:ref:refs/heads/main", "repo:octo/app:pull_request"]))],
    ["custom template starting with workflow", trust(GITHUB, "workflow:deploy:repo:octo/app:ref:refs/heads/main")],
    ["custom template starting with ref", trust(GITHUB, "ref:refs/heads/main:repository_owner_id:1")],
    ["job_workflow_ref only", facts({ checks: [eq("job_workflow_ref", "octo/wf/.github/workflows/d.yml@refs/heads/main")] })],
  ],
  [
    ["environment", trust(GITHUB, "repo:octo/app:environment:prod")],
    ["custom template starting with the owner id", trust(GITHUB, "repository_owner_id:1:repository_id:2:environment:prod")],
    [
      "job_workflow_ref with a repository pin",
      facts({ checks: [eq("job_workflow_ref", "octo/wf/.github/workflows/d.yml@refs/heads/main"), eq("repository_id", "9")] }),
    ],
  ],
);

table(
  "WIF006",
  [
    ["AWS without aud", facts({ checks: [eq("sub", "repo:octo/app:environment:prod"), OWNER], aud: [] })],
    ["wildcard aud", facts({ checks: [eq("sub", "repo:octo/app:environment:prod"), OWNER], aud: [like("aud", "*")] })],
    [
      "ForAllValues aud",
      facts({ checks: [eq("sub", "repo:octo/app:environment:prod"), OWNER], aud: [{ ...eq("aud", "sts.amazonaws.com"), setOperator: "ForAllValues" }] }),
    ],
    ["Azure with two audiences", facts({ cloud: "azure", checks: [eq("sub", "repo:octo/app:environment:prod"), OWNER], aud: [eq("aud", "a", "b")] })],
    [
      "Azure's login audience on an AWS role",
      facts({ checks: [eq("sub", "repo:octo/app:environment:prod"), OWNER], aud: [eq("aud", "api://AzureADTokenExchange")] }),
    ],
    [
      "AWS's login audience on an Azure credential",
      facts({ cloud: "azure", checks: [eq("sub", "repo:octo/app:environment:prod"), OWNER], aud: [eq("aud", "sts.amazonaws.com")] }),
    ],
    [
      "a GCP provider name on an AWS role",
      facts({
        checks: [eq("sub", "repo:octo/app:environment:prod"), OWNER],
        aud: [eq("aud", "//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/q")],
      }),
    ],
    [
      "GitLab on AWS without audiences",
      factsFromTrust(new Trust({ issuer: GITLAB, subject: Subject.exactly("project_path:g/p:ref_type:branch:ref:main") }), { cloud: "aws" }),
    ],
  ],
  [
    ["AWS with aud", facts({ checks: [eq("sub", "repo:octo/app:environment:prod"), OWNER] })],
    [
      "Azure with its own audience",
      facts({ cloud: "azure", checks: [eq("sub", "repo:octo/app:environment:prod"), OWNER], aud: [eq("aud", "api://AzureADTokenExchange")] }),
    ],
    ["a custom audience", facts({ checks: [eq("sub", "repo:octo/app:environment:prod"), OWNER], aud: [eq("aud", "my-app")] })],
    [
      "GCP default audience",
      facts({
        cloud: "gcp",
        statements: [{ label: "c", audience: [], audienceDefault: true, subject: [eq("sub", "repo:octo/app:environment:prod")], claims: [OWNER] }],
      }),
    ],
    [
      "unknown aud",
      facts({
        checks: [eq("sub", "repo:octo/app:environment:prod"), OWNER],
        aud: [{ claim: "aud", operator: "unknown", values: ["${var.aud}"], native: "StringEquals" }],
      }),
    ],
  ],
);

table(
  "WIF007",
  [
    [
      "ForAllValues:StringLike on sub",
      facts({ checks: [{ ...like("sub", "repo:octo/app:*"), setOperator: "ForAllValues", native: "ForAllValues:StringLike" }] }),
    ],
    ["wildcard inside StringEquals", facts({ checks: [eq("sub", "repo:o/r:*"), OWNER] })],
    ["? inside StringEquals on a claim", facts({ checks: [eq("sub", "repo:o/r:environment:prod"), eq("repository_owner_id", "1?")] })],
    ["StringLike without wildcard (info)", facts({ checks: [like("sub", "repo:o/r:environment:prod"), OWNER] })],
    [
      "unanchored regex",
      facts({
        checks: [
          { ...like("sub", "*repo:octo/app*"), regex: { source: "repo:octo/app", anchoredStart: false, anchoredEnd: false, oneSidedAlternation: false } },
        ],
      }),
    ],
    [
      "one-sided alternation",
      facts({ checks: [{ ...like("sub", "a*", "*b"), regex: { source: "^a|b$", anchoredStart: false, anchoredEnd: false, oneSidedAlternation: true } }] }),
    ],
    ["wrong case prefix", trust(GITHUB, "Repo:octo/app:ref:refs/heads/main")],
  ],
  [
    ["StringEquals exact", facts({ checks: [eq("sub", "repo:o/r:environment:prod"), OWNER] })],
    [
      "ForAllValues on the multi-valued amr",
      facts({ checks: [eq("sub", "repo:o/r:environment:prod"), OWNER, { ...like("amr", "auth*"), setOperator: "ForAllValues" }] }),
    ],
    ["AWS escaped literal star in StringLike", facts({ checks: [like("sub", "repo:o/r:environment:a${*}*"), OWNER] })],
    ["StringLike holding a literal $ (only StringLike can write it, as ${$})", facts({ checks: [like("sub", "repo:o/r:environment:pay${$}day"), OWNER] })],
  ],
);

describe("WIF007 severities", () => {
  it("StringLike without a wildcard is info, a wildcard in StringEquals is high", () => {
    const info = lintFacts(facts({ checks: [like("sub", "repo:o/r:environment:prod"), OWNER] }));
    expect(info.map((f) => [f.rule, f.severity])).toEqual([["WIF007", "info"]]);
    const broken = lintFacts(facts({ checks: [eq("sub", "repo:o/r:*"), OWNER] }));
    expect(broken.map((f) => [f.rule, f.severity, f.value])).toEqual([["WIF007", "high", "repo:o/r:*"]]);
  });
  it("keeps the most severe hit of a rule on one value: a broken StringLike is high, not info", () => {
    const f = lintFacts(facts({ checks: [like("sub", "Repo:octo/app:ref:refs/heads/main"), OWNER] }));
    expect(f.map((x) => [x.rule, x.severity, x.value])).toEqual([["WIF007", "high", "Repo:octo/app:ref:refs/heads/main"]]);
    expect(f[0].risk).toContain("The trust is broken");
  });
});

table(
  "WIF008",
  [
    ["GitHub exact subject alone", trust(GITHUB, "repo:octo/app:ref:refs/heads/main")],
    ["GitLab without namespace/project id", trust(GITLAB, "project_path:g/p:ref_type:branch:ref:main")],
    ["owner name claim is mutable", trust(GITHUB, "repo:octo/app:ref:refs/heads/main", { repository_owner: "octo" })],
  ],
  [
    ["owner id pin", trust(GITHUB, "repo:octo/app:ref:refs/heads/main", { repository_owner_id: "1" })],
    ["repository id pin", trust(GITHUB, "repo:octo/app:ref:refs/heads/main", { repository_id: "2" })],
    ["immutable subject", Trust.githubActions({ repository: "octo/app", branch: "main", repositoryOwnerId: "1", repositoryId: "2", immutableSubject: true })],
    ["custom template with the owner id", trust(GITHUB, "repository_owner_id:1:repository:octo/app:ref:refs/heads/main")],
    ["GitLab project id pin", trust(GITLAB, "project_path:g/p:ref_type:branch:ref:main", { project_id: "7" })],
    ["HCP Terraform (not in scope of WIF008)", trust(TFC, "organization:o:project:p:workspace:w:run_phase:apply")],
    ["private issuer", trust(EKS, "system:serviceaccount:ci:deployer")],
    ["a wildcard owner is WIF002 instead", trust(GITHUB, "repo:*")],
  ],
);

const ref = (where: string, value: string) => ({ where, value });
table(
  "WIF009",
  [
    [
      "http issuer",
      facts({
        issuer: {
          url: "http://token.actions.githubusercontent.com",
          kind: "github-actions",
          shared: true,
          references: [ref("url", "http://token.actions.githubusercontent.com")],
        },
        checks: [eq("sub", "repo:o/r:environment:p"), OWNER],
      }),
    ],
    [
      "trailing slash mismatch",
      facts({
        issuer: {
          kind: "github-actions",
          shared: true,
          references: [
            ref("provider url", "https://token.actions.githubusercontent.com/"),
            ref("condition keys", "https://token.actions.githubusercontent.com"),
          ],
        },
        checks: [eq("sub", "repo:o/r:environment:p"), OWNER],
      }),
    ],
    ["wildcard issuer", facts({ issuer: { kind: "generic", shared: false, references: [ref("issuer", "https://*.example.com")] }, checks: [eq("sub", "x")] })],
    [
      "non-https scheme",
      facts({ issuer: { kind: "generic", shared: false, references: [ref("issuer", "ftp://issuer.example.com")] }, checks: [eq("sub", "x")] }),
    ],
    [
      "GitHub issuer with a trailing slash (GitHub's iss has none)",
      facts({
        issuer: { kind: "github-actions", shared: true, references: [ref("issuer", "https://token.actions.githubusercontent.com/")] },
        checks: [eq("sub", "repo:o/r:environment:p"), OWNER],
      }),
    ],
    [
      "EKS issuer with a trailing slash",
      facts({
        issuer: { kind: "kubernetes", shared: false, references: [ref("issuer", "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC/")] },
        checks: [eq("sub", "system:serviceaccount:ci:deployer")],
      }),
    ],
    [
      "condition keys of another issuer than the provider",
      facts({
        issuer: {
          kind: "github-actions",
          shared: true,
          references: [ref("Principal.Federated", "https://token.actions.githubusercontent.com"), ref("condition keys", "https://gitlab.com")],
        },
        checks: [eq("sub", "repo:o/r:environment:p"), OWNER],
      }),
    ],
    [
      "generic issuer spelled with and without the slash",
      facts({
        issuer: {
          kind: "generic",
          shared: false,
          references: [ref("provider url", "https://issuer.example.com/"), ref("condition keys", "https://issuer.example.com")],
        },
        checks: [eq("sub", "x")],
      }),
    ],
  ],
  [
    [
      "consistent https issuer",
      facts({
        issuer: {
          kind: "github-actions",
          shared: true,
          references: [ref("url", "https://token.actions.githubusercontent.com"), ref("keys", "https://token.actions.githubusercontent.com")],
        },
        checks: [eq("sub", "repo:o/r:environment:p"), OWNER],
      }),
    ],
    ["unknown issuer (WIF011)", facts({ issuer: { kind: "generic", shared: false, references: [ref("url", "${var.issuer}")] }, checks: [eq("sub", "x")] })],
    [
      "AKS issuer with its trailing slash",
      facts({
        issuer: { kind: "kubernetes", shared: false, references: [ref("issuer", "https://eastus.oic.prod-aks.azure.com/tenant/cluster/")] },
        checks: [eq("sub", "system:serviceaccount:ci:deployer")],
      }),
    ],
    [
      "generic issuer with a trailing slash everywhere",
      facts({
        issuer: {
          kind: "generic",
          shared: false,
          references: [ref("provider url", "https://issuer.example.com/"), ref("condition keys", "https://issuer.example.com/")],
        },
        checks: [eq("sub", "x")],
      }),
    ],
  ],
);

table(
  "WIF010",
  [
    ["AWS policy > 2048", facts({ checks: [eq("sub", "repo:o/r:environment:p"), OWNER], limits: { awsTrustPolicyLength: 2049 } })],
    ["google.subject > 127 bytes", facts({ cloud: "gcp", checks: [eq("sub", "x"), OWNER], limits: { gcpSubjectValues: ["é".repeat(64)] } })],
    ["GCP provider id starting with gcp-", facts({ checks: [eq("sub", "repo:o/r:environment:p"), OWNER], limits: { gcpProviderId: "gcp-github" } })],
    ["GCP pool id too short", facts({ checks: [eq("sub", "repo:o/r:environment:p"), OWNER], limits: { gcpPoolId: "ci" } })],
    ["21 Azure credentials", facts({ checks: [eq("sub", "repo:o/r:environment:p"), OWNER], limits: { azureCredentialCount: 21 } })],
    ["Azure name with a dot", facts({ checks: [eq("sub", "repo:o/r:environment:p"), OWNER], limits: { azureCredentialName: "a.b" } })],
    ["Azure value over 600", facts({ checks: [eq("sub", "repo:o/r:environment:p"), OWNER], limits: { azureValues: ["x".repeat(601)] } })],
  ],
  [
    ["AWS policy of 2048", facts({ checks: [eq("sub", "repo:o/r:environment:p"), OWNER], limits: { awsTrustPolicyLength: 2048 } })],
    ["127-byte subject", facts({ checks: [eq("sub", "x"), OWNER], limits: { gcpSubjectValues: ["x".repeat(127)] } })],
    [
      "20 Azure credentials and a valid name",
      facts({ checks: [eq("sub", "repo:o/r:environment:p"), OWNER], limits: { azureCredentialCount: 20, azureCredentialName: "deploy-prod_1" } }),
    ],
    ["unknown ids", facts({ checks: [eq("sub", "repo:o/r:environment:p"), OWNER], limits: { gcpProviderId: "${var.id}", azureCredentialName: "${var.n}" } })],
  ],
);

table(
  "WIF011",
  [
    ["variable in the subject", terraformRole("repo:${var.org}/${var.repo}:*")],
    ["unknown values recorded", facts({ checks: [eq("sub", "x")], unknowns: [{ field: "issuer", expression: "${var.issuer}" }] })],
    ["reference in a claim", terraformRole("repo:octo/app:environment:prod", { repository_owner_id: "${data.github_organization.octo.id}" })],
  ],
  [["all literal", trust(GITHUB, "repo:octo/app:environment:prod", { repository_owner_id: "1" })]],
);

// GCP: a provider's condition and the members bound to its pool (facts as the GCP reader produces them).
describe("GCP providers: whole-pool members (WIF003) and conditions that pin no identity (WIF001)", () => {
  const POOL_MEMBER = {
    member: "principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/*",
    scope: "pool",
    address: "google_service_account_iam_member.all",
  } as const;
  const SUBJECT_MEMBER = {
    ...POOL_MEMBER,
    member: "principal://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/subject/x",
    scope: "subject",
  } as const;
  const gcpFacts = (checks: ClaimCheck[], gcp: Partial<NonNullable<TrustFacts["gcp"]>>) =>
    facts({
      cloud: "gcp",
      checks,
      aud: [],
      gcp: { condition: "assertion.repository == 'octo/app'", conditionConstrains: true, members: [POOL_MEMBER], poolProviderCount: 1, ...gcp },
    });
  const findings = (f: TrustFacts, rule: string) => lintFacts(f).filter((x) => x.rule === rule);
  const MAIN = eq("sub", "repo:octo/app:ref:refs/heads/main");

  it.each<[string, ClaimCheck[], Partial<NonNullable<TrustFacts["gcp"]>>, string[]]>([
    ["a pinned provider with one provider in the pool", [MAIN], {}, []],
    ["a pinned provider in a pool of two providers", [MAIN], { poolProviderCount: 2 }, [POOL_MEMBER.member]],
    ["a condition that constrains nothing", [MAIN], { conditionConstrains: false }, [POOL_MEMBER.member]],
    ["any repository of any owner", [like("sub", "repo:*")], {}, [POOL_MEMBER.member]],
    ["every repository of one owner", [like("sub", "repo:octo/*")], {}, ["repo:octo/*", POOL_MEMBER.member]],
    ["no identity claim at all", [eq("workflow", "deploy")], {}, [POOL_MEMBER.member]],
    ["one repository, any ref (not whole-pool broad)", [like("sub", "repo:octo/app:*")], {}, []],
    ["a subject member is not whole-pool", [like("sub", "repo:*")], { members: [SUBJECT_MEMBER], poolProviderCount: 2 }, []],
  ])("WIF003 on %s", (_name, checks, gcp, values) => {
    expect(findings(gcpFacts(checks, gcp), "WIF003").map((f) => f.value)).toEqual(values);
  });

  it("WIF003 on a condition one of whose branches admits any owner (branches are OR-ed)", () => {
    const pinned = gcpFacts([MAIN], {});
    const f: TrustFacts = { ...pinned, statements: [pinned.statements[0], { ...pinned.statements[0], label: "branch 2", subject: [like("sub", "repo:*")] }] };
    expect(findings(f, "WIF003").map((x) => x.value)).toEqual([POOL_MEMBER.member]);
  });

  it.each<[number, string]>([
    [3, "admits every identity of all 3 providers of the pool"],
    [1, "admits every identity the broad provider condition lets in"],
  ])("the whole-pool message names the member and its binding (%i providers)", (poolProviderCount, words) => {
    const [f] = findings(gcpFacts([like("sub", "repo:*")], { poolProviderCount }), "WIF003");
    expect(f.risk).toBe(`The whole-pool member ${JSON.stringify(POOL_MEMBER.member)} (${POOL_MEMBER.address}) ${words}.`);
  });

  it.each<[string, ClaimCheck[], Partial<NonNullable<TrustFacts["gcp"]>>, string[], string]>([
    [
      "no attribute_condition",
      [],
      { condition: undefined, conditionConstrains: false },
      ["(no attribute_condition)"],
      "https://token.actions.githubusercontent.com",
    ],
    ["a condition that is always true", [], { condition: "true", conditionConstrains: false }, ["true"], '"true"'],
    [
      "a condition on a claim that is not an identity",
      [eq("workflow", "deploy")],
      { condition: "assertion.workflow == 'deploy'" },
      ["assertion.workflow == 'deploy'"],
      "assertion.workflow == 'deploy'",
    ],
  ])("WIF001 on %s", (_name, checks, gcp, values, quoted) => {
    const f = findings(gcpFacts(checks, { members: [], ...gcp }), "WIF001");
    expect(f.map((x) => x.value)).toEqual(values);
    expect(f[0].risk).toContain(quoted);
  });
});

// A "*" right after a branch name has its own message; a check with a wider value is worded by that value.
describe("WIF004: a pattern that extends one ref name", () => {
  it.each<[string, string[], string, boolean]>([
    ["alone", ["repo:octo/app:ref:refs/heads/main*"], "repo:octo/app:ref:refs/heads/main*", true],
    ["after a value that opens every context", ["repo:octo/app:*", "repo:octo/app:ref:refs/heads/main*"], "repo:octo/app:*", false],
    ["before a value that opens every context", ["repo:octo/app:ref:refs/heads/main*", "repo:octo/app:*"], "repo:octo/app:*", false],
  ])("%s", (_name, values, value, extended) => {
    const f = lintFacts(facts({ checks: [like("sub", ...values), OWNER] })).filter((x) => x.rule === "WIF004");
    expect(f.map((x) => [x.value, x.risk.startsWith('The "*" right after "main"')])).toEqual([[value, extended]]);
  });
});

// Messages and branches the rule examples do not reach: each names what it is about.
describe("rule messages on facts the examples do not hold", () => {
  const only = (f: TrustFacts, rule: string) => lintFacts(f).filter((x) => x.rule === rule);
  const JOB_WORKFLOW = eq("job_workflow_ref", "octo/deploy/.github/workflows/deploy.yml@refs/heads/main");

  it.each<[string, "aws" | "azure", boolean]>([
    ["AWS: every caller of the reusable workflow", "aws", false],
    ["Azure: Entra also refuses the credential", "azure", true],
  ])("WIF005 job_workflow_ref only, %s", (_name, cloud, entra) => {
    const [f] = only(facts({ cloud, checks: [JOB_WORKFLOW] }), "WIF005");
    expect(f.risk).toMatch(/^Only job_workflow_ref is checked \(/);
    expect(f.risk.includes("Entra also requires")).toBe(entra);
  });

  it.each<[string, ClaimCheck, string]>([
    ["a pull-request subject", eq("sub", "repo:octo/app:pull_request"), '"repo:octo/app:pull_request" admits pull-request runs'],
    ["a template led by a trigger-controlled claim", eq("sub", "workflow:deploy:repo:octo/app"), 'The subject template starts with "workflow"'],
  ])("WIF005 on %s quotes it", (_name, check, text) => {
    expect(only(facts({ checks: [check, OWNER] }), "WIF005").map((f) => f.risk.slice(0, text.length))).toEqual([text]);
  });

  it("WIF002 on an issuer whose URL is unknown here speaks of the shared issuer", () => {
    const f = only(facts({ checks: [like("sub", "repo:*")], issuer: { kind: "github-actions", shared: true, references: [] } }), "WIF002");
    expect(f.map((x) => x.risk)).toEqual(['"repo:*" lets any GitHub owner (user or organization) on the shared issuer match, not only yours.']);
  });

  it.each<[string, string, string[]]>([
    ["a GCP audience on AWS", "//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/q", ["GCP"]],
    ["the same with https:", "https://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/q", ["GCP"]],
    ["a URL that only contains a GCP audience", "https://example.com/?//iam.googleapis.com/projects/1", []],
  ])("WIF006 other-cloud audience: %s", (_name, aud, owners) => {
    const f = only(facts({ checks: [eq("sub", "repo:octo/app:environment:prod"), OWNER], aud: [eq("aud", aud)] }), "WIF006");
    expect(f.map((x) => owners.some((o) => x.risk.includes(`audience of ${o} logins`)))).toEqual(owners.map(() => true));
  });

  it("WIF007 on an anchored CEL regex whose anchors bind to one alternative each", () => {
    const source = "^repo:octo/app:ref:refs/heads/main|repo:octo/app:environment:prod$";
    const check: ClaimCheck = {
      claim: "sub",
      operator: "regex",
      values: [source],
      native: "matches",
      regex: { source, anchoredStart: true, anchoredEnd: true, oneSidedAlternation: true },
    };
    expect(only(facts({ cloud: "gcp", checks: [check, OWNER] }), "WIF007").map((f) => [f.value, f.risk])).toEqual([
      [source, `In ${JSON.stringify(source)} the anchors bind to the first and last alternative only, so the other alternatives match anywhere.`],
    ]);
  });
});

// A trust that checks only job_workflow_ref admits any tenant whose workflow it names: WIF002 unless the
// workflow's owner is written literally (or is unknown until apply, which WIF011 reports).
describe("WIF002 on a job_workflow_ref-only trust: is the workflow's owner pinned?", () => {
  const regex = (source: string): ClaimCheck => ({
    claim: "job_workflow_ref",
    operator: "regex",
    values: [source],
    native: "matches",
    regex: { source, anchoredStart: true, anchoredEnd: true, oneSidedAlternation: false },
  });
  it.each<[string, ClaimCheck, string[]]>([
    ["an owner written literally", like("job_workflow_ref", "octo/wf/.github/workflows/deploy.yml@*"), ["WIF005"]],
    ["a wildcard owner", like("job_workflow_ref", "*/.github/workflows/deploy.yml@*"), ["WIF002", "WIF005"]],
    ["a value unknown until apply", { claim: "job_workflow_ref", operator: "unknown", values: ["${var.wf}"], native: "StringLike" }, ["WIF005"]],
    ["a regex (not read: it pins no owner)", regex("^octo/wf/.+$"), ["WIF002", "WIF005"]],
  ])("%s", (_name, check, rules) => {
    expect(ids(facts({ checks: [check] })).filter((r) => r !== "WIF011")).toEqual(rules);
  });
});
