// Each issuer added with its profile works end to end: preset → the three clouds where each supports it
// (a compiler refuses what its cloud cannot check) → the clouds' own evaluators agree with trust.accepts.
import { compileAwsTrustPolicy } from "../../src/compile/aws";
import { compileAzureTrust, refusalError } from "../../src/compile/azure";
import type { AzureTarget } from "../../src/compile/azure";
import { compileGcpProvider } from "../../src/compile/gcp";
import { Claim, Cloud, Issuer, Subject, Trust } from "../../src/trust";
import type { TokenClaims } from "../../src/trust";
import { createAwsOracle, AwsOracle } from "../oracle/aws-oracle";
import { entraAccepts } from "../oracle/azure-oracle";
import { gcpAdmits } from "../oracle/gcp-oracle";

const ORG = "0a1b2c3d-0000-4000-8000-00000000000a";
const PROJECT = "0a1b2c3d-0000-4000-8000-00000000000b";
const USER = "0a1b2c3d-0000-4000-8000-00000000000c";
const REPO = "11111111-2222-4333-8444-555555555555";
const ENV = "66666666-7777-4888-9999-000000000000";
const WS = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const ADO_ORG = "3c3b4f2e-1b6a-4a56-9d1e-8f0e2b3c4d5e";
const CONNECTION = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
// base64url of TENANT's bytes in .NET order, and of Azure DevOps' application id 499b84ac-1321-427f-aa17-267ca6975798
const TENANT_B64 = "v4j5cvGGr0GRqy180BHbRw";
const ADO_APP_B64 = "rISbSSETf0KqFyZ8ppdXmA";
const ENTRA_SUBJECT = `/eid1/c/pub/t/${TENANT_B64}/a/${ADO_APP_B64}/sc/${ADO_ORG}/${CONNECTION}`;

type Outcome = "ok" | RegExp;
interface Case {
  readonly name: string;
  readonly trust: Trust;
  readonly kind: string;
  readonly shared: boolean;
  /** Claims (besides iss and aud) of a token the trust admits, and of tokens it must refuse. */
  readonly admitted: TokenClaims;
  readonly refused: readonly TokenClaims[];
  readonly aws: Outcome;
  readonly gcp: Outcome;
  readonly azure: Readonly<Record<AzureTarget, Outcome>>;
}

const PATTERN_ON_AZURE = /cannot express the subject pattern|needs a flexible credential/;
const CASES: readonly Case[] = [
  {
    name: "Buildkite, main branch, pinned organization id",
    trust: Trust.buildkite({ organization: "acme-inc", pipeline: "deploy", branch: "main", organizationId: ORG }),
    kind: "buildkite",
    shared: true,
    admitted: { sub: "organization:acme-inc:pipeline:deploy:ref:refs/heads/main:commit:0123abc:step:release", organization_id: ORG },
    refused: [
      { sub: "organization:acme-inc:pipeline:deploy:ref:refs/heads/dev:commit:0123abc:step:release", organization_id: ORG },
      { sub: "organization:acme-inc:pipeline:deploy:ref:refs/heads/main:commit:0123abc:step:release", organization_id: PROJECT },
      { sub: "organization:evil:pipeline:deploy:ref:refs/heads/main:commit:0123abc:step:release", organization_id: ORG },
    ],
    aws: "ok",
    gcp: "ok",
    azure: { "managed-identity": PATTERN_ON_AZURE, "app-registration": PATTERN_ON_AZURE },
  },
  {
    name: "CircleCI, one user",
    trust: Trust.circleci({ organizationId: ORG, projectId: PROJECT, userId: USER }),
    kind: "circleci",
    shared: false,
    admitted: { sub: `org/${ORG}/project/${PROJECT}/user/${USER}` },
    refused: [{ sub: `org/${ORG}/project/${PROJECT}/user/${ORG}` }, { sub: `org/${ORG}/project/${USER}/user/${USER}` }],
    aws: "ok",
    gcp: "ok",
    azure: { "managed-identity": "ok", "app-registration": "ok" },
  },
  {
    name: "CircleCI, any user of the main branch (vcs-ref: only GCP can check it)",
    trust: Trust.circleci({ organizationId: ORG, projectId: PROJECT, anyUser: true, vcsRef: "refs/heads/main" }),
    kind: "circleci",
    shared: false,
    admitted: { sub: `org/${ORG}/project/${PROJECT}/user/${USER}`, "oidc.circleci.com/vcs-ref": "refs/heads/main" },
    refused: [{ sub: `org/${ORG}/project/${PROJECT}/user/${USER}`, "oidc.circleci.com/vcs-ref": "refs/heads/dev" }],
    aws: /AWS does not evaluate|not evaluated|cannot check|oidc\.circleci\.com\/vcs-ref/,
    gcp: "ok",
    azure: { "managed-identity": PATTERN_ON_AZURE, "app-registration": PATTERN_ON_AZURE },
  },
  {
    name: "Bitbucket Pipelines, one deployment environment",
    trust: Trust.bitbucket({ workspace: "acme", workspaceUuid: WS, repositoryUuid: REPO, environmentUuid: ENV }),
    kind: "bitbucket",
    shared: false,
    admitted: { sub: `{${REPO}}{${ENV}}:{${USER}}` },
    refused: [{ sub: `{${REPO}}:{${USER}}` }, { sub: `{${REPO}}{${ORG}}:{${USER}}` }, { sub: `{${ORG}}{${ENV}}:{${USER}}` }],
    aws: "ok",
    gcp: "ok",
    azure: { "managed-identity": PATTERN_ON_AZURE, "app-registration": PATTERN_ON_AZURE },
  },
  {
    name: "Azure DevOps, Entra issuer",
    trust: Trust.azureDevOps({ tenantId: TENANT, subjectIdentifier: ENTRA_SUBJECT }),
    kind: "azure-devops",
    shared: false,
    admitted: { sub: ENTRA_SUBJECT },
    refused: [{ sub: ENTRA_SUBJECT.replace(CONNECTION, ADO_ORG) }],
    aws: /no usual AWS audience/,
    // The Entra-form subject is 138 bytes; GCP's google.subject holds 127.
    gcp: /at most 127 bytes/,
    azure: { "managed-identity": "ok", "app-registration": "ok" },
  },
  {
    name: "Azure DevOps, Azure DevOps issuer (named audience for AWS)",
    trust: Trust.azureDevOps({
      organizationId: ADO_ORG,
      organization: "acme",
      project: "payments",
      serviceConnection: "azure-prod",
      audiences: ["api://AzureADTokenExchange"],
    }),
    kind: "azure-devops",
    shared: false,
    admitted: { sub: "sc://acme/payments/azure-prod" },
    refused: [{ sub: "sc://acme/payments/azure-dev" }, { sub: "sc://acme/payments/azure-prod/x" }],
    aws: "ok",
    gcp: "ok",
    azure: { "managed-identity": "ok", "app-registration": "ok" },
  },
  {
    name: "GKE service account",
    trust: Trust.gke({ project: "acme-prod", location: "europe-west1", cluster: "main", namespace: "ci", serviceAccount: "deployer" }),
    kind: "kubernetes",
    shared: false,
    admitted: { sub: "system:serviceaccount:ci:deployer" },
    refused: [{ sub: "system:serviceaccount:ci:other" }, { sub: "system:serviceaccount:dev:deployer" }],
    aws: "ok",
    gcp: "ok",
    azure: { "managed-identity": "ok", "app-registration": "ok" },
  },
  {
    name: "generic Kubernetes cluster",
    trust: Trust.kubernetes({ issuerUrl: "https://k8s.acme.example", namespace: "ci", serviceAccount: "deployer", audiences: ["sts.amazonaws.com"] }),
    kind: "kubernetes",
    shared: false,
    admitted: { sub: "system:serviceaccount:ci:deployer" },
    refused: [{ sub: "system:serviceaccount:ci:deployer2" }],
    aws: "ok",
    gcp: "ok",
    azure: { "managed-identity": "ok", "app-registration": "ok" },
  },
  {
    name: "SPIFFE JWT-SVID",
    trust: Trust.spiffe({
      issuerUrl: "https://oidc.spire.acme.example",
      trustDomain: "prod.acme.example",
      path: "ns/payments/sa/deployer",
      audiences: ["wif"],
    }),
    kind: "spiffe",
    shared: false,
    admitted: { sub: "spiffe://prod.acme.example/ns/payments/sa/deployer" },
    refused: [{ sub: "spiffe://prod.acme.example/ns/payments/sa/deployer/x" }, { sub: "spiffe://dev.acme.example/ns/payments/sa/deployer" }],
    aws: "ok",
    gcp: "ok",
    azure: { "managed-identity": "ok", "app-registration": "ok" },
  },
];

const GCP_AT = { projectNumber: "123456789012", poolId: "ci-pool", providerId: "issuer-a" };
let aws: AwsOracle;
beforeAll(async () => {
  aws = await createAwsOracle();
});

function token(trust: Trust, cloud: Cloud, claims: TokenClaims, fallbackAudience?: string): TokenClaims {
  return { iss: trust.issuer.url, aud: trust.audiencesFor(cloud)?.[0] ?? fallbackAudience, ...claims };
}

describe.each(CASES)("$name", (c) => {
  test("the preset names the issuer kind and its sharedness", () => {
    expect([c.trust.issuer.kind, c.trust.issuer.shared]).toEqual([c.kind, c.shared]);
  });

  test("AWS: compiled, and the IAM simulator decides as trust.accepts; or refused", () => {
    const providerArn = `arn:aws:iam::111122223333:oidc-provider/${c.trust.issuer.hostAndPath}`;
    if (c.aws !== "ok") {
      expect(() => compileAwsTrustPolicy(c.trust, { providerArn })).toThrow(c.aws);
      return;
    }
    const { json } = compileAwsTrustPolicy(c.trust, { providerArn });
    for (const claims of [c.admitted, ...c.refused]) {
      const t = token(c.trust, "aws", claims);
      expect(aws.allows(json, providerArn, t)).toBe(c.trust.accepts(t, "aws"));
    }
    expect(c.trust.accepts(token(c.trust, "aws", c.admitted), "aws")).toBe(true);
    expect(aws.allows(json, providerArn, { ...token(c.trust, "aws", c.admitted), iss: "https://other.example" })).toBe(false);
  });

  test("GCP: compiled, and the CEL engine decides as trust.accepts; or refused", () => {
    if (c.gcp !== "ok") {
      expect(() => compileGcpProvider(c.trust, GCP_AT)).toThrow(c.gcp);
      return;
    }
    const gcp = compileGcpProvider(c.trust, GCP_AT);
    for (const claims of [c.admitted, ...c.refused]) {
      const t = token(c.trust, "gcp", claims, gcp.providerResourceName);
      expect(gcpAdmits(gcp, gcp.member, t)).toBe(c.trust.accepts(t, "gcp"));
    }
    expect(gcpAdmits(gcp, gcp.member, token(c.trust, "gcp", c.admitted, gcp.providerResourceName))).toBe(true);
  });

  test.each(["managed-identity", "app-registration"] as const)("Azure %s: compiled, and Entra's matching decides as trust.accepts; or refused", (target) => {
    const result = compileAzureTrust(c.trust, target);
    const expected = c.azure[target];
    if (expected !== "ok") {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(refusalError(result).message).toMatch(expected);
      return;
    }
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const credentials = {
      exact: result.credentials.flatMap((x) => (x.kind === "exact" ? [{ issuer: x.issuer, subject: x.subject, audiences: [x.audience] }] : [])),
      flexible: result.credentials.flatMap((x) =>
        x.kind === "flexible" ? [{ issuer: x.issuer, audience: x.audience, claims_matching_expression: x.claimsMatchingExpression }] : [],
      ),
    };
    for (const claims of [c.admitted, ...c.refused]) {
      const t = token(c.trust, "azure", claims);
      expect(entraAccepts(credentials, t)).toBe(c.trust.accepts(t, "azure"));
    }
    expect(entraAccepts(credentials, token(c.trust, "azure", c.admitted))).toBe(true);
  });
});

test("a claim named like an Object property (constructor) is refused on Azure flexible credentials, not a crash", () => {
  const trust = new Trust({
    issuer: Issuer.fromUrl("https://token.actions.githubusercontent.com"),
    subject: Subject.like("repo:octo/app:ref:refs/heads/*"),
    claims: { repository_owner_id: Claim.equals("1"), constructor: Claim.equals("x") },
  });
  const result = compileAzureTrust(trust, "app-registration");
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.message).toContain("cannot test constructor");
});
