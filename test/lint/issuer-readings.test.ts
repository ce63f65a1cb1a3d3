import { issuerReadings } from "../../src/lint/analysis/issuer-readings";
import { lintFacts } from "../../src/lint/engine";
import type { ClaimCheck, TrustFacts } from "../../src/lint/facts";
import { classifyPartialIssuerUrl } from "../../src/trust/issuers";

/** Facts of one AWS statement whose issuer is written `unknownUrl` (unknown here), with `sub` checked by StringLike. */
function facts(unknownUrl: string, subjects: readonly string[], operator: ClaimCheck["operator"] = "like"): TrustFacts {
  return {
    address: "aws_iam_role.r",
    cloud: "aws",
    issuer: { unknownUrl, kind: "generic", shared: false, references: [] },
    statements: [
      {
        label: "Statement[0]",
        audience: [{ claim: "aud", operator: "equals", values: ["sts.amazonaws.com"], native: "StringEquals", origin: "condition" }],
        subject: [{ claim: "sub", operator, values: subjects, native: "StringLike", origin: "condition" }],
        claims: [],
      },
    ],
    unknowns: [{ field: "issuer", expression: "${var.x}" }],
    acknowledgements: [],
  };
}

describe("classifyPartialIssuerUrl: what a URL with unknown parts may be", () => {
  it.each<[string, boolean, string[]]>([
    ["oidc.circleci.com/org/${var.org_id}", true, ["circleci"]],
    ["token.actions.githubusercontent.com/${var.enterprise}", true, ["github-actions"]],
    ["oidc.eks.${var.region}.amazonaws.com/id/${var.id}", false, ["kubernetes"]],
    ["${var.host}", false, ["github-actions", "gitlab", "terraform-cloud", "kubernetes", "buildkite", "circleci", "bitbucket", "azure-devops"]],
    ["idp.example.com/${var.tenant}", true, []],
  ])("%s", (url, hostKnown, kinds) => {
    const read = classifyPartialIssuerUrl(url);
    expect(read.hostKnown).toBe(hostKnown);
    expect([...new Set(read.candidates.map((c) => c.kind))]).toEqual(kinds);
  });
});

describe("issuerReadings: the kind of an issuer unknown here", () => {
  it.each<[string, string, string[], string[]]>([
    // name, issuer as written, subjects, kinds read (kind/shared)
    ["the literal URL names one kind", "https://oidc.circleci.com/org/${var.org_id}", ["org/${var.org_id}/project/*"], ["circleci/false"]],
    ["the subjects name one kind", "${var.issuer}", ["repo:${var.repo}:*"], ["github-actions/true"]],
    ["a Kubernetes subject on a cluster issuer", "${var.issuer}", ["system:serviceaccount:payments:*"], ["kubernetes/false"]],
    ["several kinds fit: each is read", "https://${var.host}", ["organization:acme:*"], ["terraform-cloud/true", "buildkite/true"]],
    // The generic reading of a host unknown here is shared: the issuer may be one many tenants use.
    ["nothing fits: generic", "https://${var.host}", ["deploy-*"], ["generic/true"]],
    ["a subject no kind's grammar fits: generic", "https://${var.host}", ["Repo:octo/app:*"], ["generic/true"]],
    ["spiffe:// still decides a generic reading", "https://${var.host}", ["spiffe://acme.example/ns/ci"], ["spiffe/false"]],
    // No URL family of the kind fits (a GitHub Enterprise Server, say): the subjects decide, not shared.
    ["an unrecognised literal host", "https://github.example.com/${var.path}", ["repo:octo/*"], ["github-actions/false"]],
  ])("%s", (_name, url, subjects, expected) => {
    expect(issuerReadings(facts(url, subjects)).map((f) => `${f.issuer.kind}/${f.issuer.shared}`)).toEqual(expected);
  });

  // A generic issuer whose URL is known (or absent): only a subject prefix a profile claims names a kind.
  it.each<[string, string | undefined, string[], string]>([
    ["spiffe:// subjects", "https://idp.example.com", ["spiffe://acme.example/ns/ci"], "spiffe/false"],
    ["subjects no profile claims", "https://idp.example.com", ["deploy"], "generic/false"],
    ["no URL at all", undefined, ["spiffe://acme.example/ns/ci"], "spiffe/false"],
  ])("a generic issuer with a known URL: %s", (_name, url, subjects, expected) => {
    const generic: TrustFacts = { ...facts("x", subjects), issuer: { ...(url !== undefined ? { url } : {}), kind: "generic", shared: false, references: [] } };
    const read = issuerReadings(generic);
    expect(read.map((f) => `${f.issuer.kind}/${f.issuer.shared}`)).toEqual([expected]);
    if (expected.startsWith("generic")) expect(read[0]).toBe(generic);
  });

  // Values a GitHub subject would be, were they read as subjects.
  it.each<ClaimCheck["operator"]>(["unknown", "regex"])("a %s subject check names no kind (its values are not subjects)", (operator) => {
    expect(
      issuerReadings(facts("https://${var.host}", ["repo:octo/*", "repo:octo/app:ref:refs/heads/main"], operator)).map(
        (f) => `${f.issuer.kind}/${f.issuer.shared}`,
      ),
    ).toEqual(["generic/true"]);
  });

  it("a known issuer is read as it is", () => {
    const known: TrustFacts = { ...facts("x", ["repo:*"]), issuer: { url: "https://gitlab.com", kind: "gitlab", shared: true, references: [] } };
    expect(issuerReadings(known)).toEqual([known]);
  });

  it("findings of every reading are reported once each", () => {
    const found = lintFacts(facts("https://${var.host}", ["organization:acme:*"])).map((f) => `${f.rule} ${f.value}`);
    expect(found).toEqual(["WIF003 organization:acme:*", "WIF011 ${var.x}"]);
  });

  it("the subject alone never makes a wildcard of the unknown issuer: repo:* on an unknown issuer is WIF002", () => {
    expect(lintFacts(facts("${var.issuer}", ["repo:*"])).map((f) => f.rule)).toContain("WIF002");
  });
});

/** Facts of an AWS trust on the unknown issuer `${var.issuer}`, one statement per list of StringLike subjects. */
function statementsFacts(statements: readonly (readonly string[])[]): TrustFacts {
  const one = facts("${var.issuer}", []);
  return {
    ...one,
    statements: statements.map((subjects, i) => ({
      ...one.statements[0],
      label: `Statement[${i}]`,
      subject: [{ ...one.statements[0].subject[0], values: subjects }],
    })),
  };
}

describe("issuerReadings: a subject of another kind is a dead alternative, never a reason to drop a kind", () => {
  it.each<[string, (readonly string[])[], string[]]>([
    // name, statements (StringLike sub values), rule/severity/value that must be reported
    [
      "repo:* beside an HCP Terraform subject (review P2, /tmp/rv/i1)",
      [["repo:*", "organization:octo:project:p:workspace:w:run_phase:apply"]],
      ["WIF002 critical repo:*"],
    ],
    ["repo:* beside a Kubernetes subject", [["repo:*", "system:serviceaccount:ns:sa"]], ["WIF002 critical repo:*"]],
    ["repo:* and a Kubernetes subject in two statements (/tmp/rv/i2)", [["repo:*"], ["system:serviceaccount:ns:sa"]], ["WIF002 critical repo:*"]],
    [
      "repo:?* beside a pinned GitHub subject and an HCP Terraform one",
      [["repo:?*", "repo:octo/app:ref:refs/heads/main", "organization:o:project:p:workspace:w:run_phase:apply"]],
      ["WIF002 critical repo:?*"],
    ],
    // A wholly unknown host may be a shared issuer: a subject that pins nothing admits every tenant.
    ["* on a wholly unknown issuer (/tmp/rv/i2 star)", [["*"]], ["WIF002 critical *"]],
    ["*:* on a wholly unknown issuer (/tmp/rv/i1 star)", [["*:*"]], ["WIF002 critical *:*"]],
    [
      "a broad Kubernetes subject beside a pinned GitHub one",
      [["repo:octo/app:ref:refs/heads/main", "system:serviceaccount:*"]],
      ["WIF004 high system:serviceaccount:*"],
    ],
  ])("%s", (_name, statements, expected) => {
    const found = lintFacts(statementsFacts(statements)).map((f) => `${f.rule} ${f.severity} ${f.value}`);
    expect(found).toEqual(expect.arrayContaining([...expected, "WIF011 info ${var.x}"]));
  });
});

/** Facts as `facts` builds them, with the one subject check replaced. */
function withSubject(url: string, check: Partial<ClaimCheck>): TrustFacts {
  const f = facts(url, []);
  return { ...f, statements: [{ ...f.statements[0], subject: [{ ...f.statements[0].subject[0], ...check }] }] };
}
const kinds = (f: TrustFacts) => issuerReadings(f).map((r) => `${r.issuer.kind}/${r.issuer.shared}`);

describe("issuerReadings: which subject checks and values name a kind", () => {
  it.each<[string, TrustFacts, string[]]>([
    [
      "an exact subject names its kind",
      withSubject("${var.issuer}", { operator: "equals", values: ["repo:octo/app:ref:refs/heads/main"] }),
      ["github-actions/true"],
    ],
    [
      "StringEqualsIgnoreCase is read lower-cased",
      withSubject("${var.issuer}", { operator: "equals-ignore-case", values: ["REPO:OCTO/APP:REF:REFS/HEADS/MAIN"] }),
      ["github-actions/true"],
    ],
    [
      "a * in an exact subject is literal: no GitHub owner holds it",
      withSubject("${var.issuer}", { operator: "equals", values: ["repo:*"] }),
      ["generic/true"],
    ],
    [
      "ForAllValues is no evidence (it holds with no sub)",
      withSubject("${var.issuer}", { setOperator: "ForAllValues", values: ["repo:octo/*"] }),
      ["generic/true"],
    ],
    [
      "a negated subject is no evidence",
      withSubject("${var.issuer}", { operator: "negated", values: ["system:serviceaccount:ci:deployer"] }),
      ["generic/true"],
    ],
    ["a value with no literal start names nothing", withSubject("${var.issuer}", { values: ["*"] }), ["generic/true"]],
    ["a literal start inside a kind's first literal names it", withSubject("${var.issuer}", { values: ["re*"] }), ["github-actions/true"]],
    [
      "a kind's prefix on a subject it never issues (no context)",
      withSubject("${var.issuer}", { operator: "equals", values: ["repo:octo/app"] }),
      ["generic/true"],
    ],
    // Only a grammar's first lead names a kind: GitHub's custom subject templates do not (the generic, shared reading is the wider one).
    ["a GitHub custom-template subject names no kind", withSubject("${var.issuer}", { values: ["repository_owner:octo:*"] }), ["generic/true"]],
    ["the second grammar of a kind", withSubject("${var.issuer}", { operator: "equals", values: ["sc://acme/web/prod"] }), ["azure-devops/false"]],
    ["the URL names one kind the subjects do not", withSubject("https://oidc.circleci.com/org/${var.org_id}", { values: ["deploy-*"] }), ["circleci/false"]],
    // A literal host of no known kind is the operator's own issuer: not shared.
    ["nothing fits under a literal unknown host", withSubject("https://idp.example.com/${var.tenant}", { values: ["deploy-*"] }), ["generic/false"]],
  ])("%s", (_name, f, expected) => {
    expect(kinds(f)).toEqual(expected);
  });

  it("a known URL wins over an unknown one the facts also carry", () => {
    const f = withSubject("https://oidc.circleci.com/org/${var.org_id}", { values: ["deploy-*"] });
    expect(kinds({ ...f, issuer: { ...f.issuer, url: "https://issuer.example.com" } })).toEqual(["generic/false"]);
  });

  it("a known issuer keeps its kind whatever its subjects look like", () => {
    const f = withSubject("x", { operator: "equals", values: ["system:serviceaccount:ci:deployer"] });
    const gitlab: TrustFacts = { ...f, issuer: { url: "https://gitlab.com", kind: "gitlab", shared: true, references: [] } };
    expect(issuerReadings(gitlab)).toEqual([gitlab]);
  });
});
