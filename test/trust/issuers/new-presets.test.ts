import { Trust } from "../../../src/trust";
import { base64UrlGuid } from "../../../src/trust/presets/azure-devops";

const ORG = "0a1b2c3d-0000-4000-8000-00000000000a";
const UUID = "11111111-2222-4333-8444-555555555555";

describe("new issuer presets build the issuer's subject", () => {
  test.each<[string, Trust, string, string]>([
    [
      "buildkite branch",
      Trust.buildkite({ organization: "acme", pipeline: "app", branch: "main" }),
      "https://agent.buildkite.com",
      "organization:acme:pipeline:app:ref:refs/heads/main:commit:*:step:*",
    ],
    [
      "buildkite tag and step",
      Trust.buildkite({ organization: "acme", pipeline: "app", tag: "v*", step: "deploy" }),
      "https://agent.buildkite.com",
      "organization:acme:pipeline:app:ref:refs/tags/v*:commit:*:step:deploy",
    ],
    [
      "circleci user",
      Trust.circleci({ organizationId: ORG, projectId: UUID, userId: UUID }),
      `https://oidc.circleci.com/org/${ORG}`,
      `org/${ORG}/project/${UUID}/user/${UUID}`,
    ],
    [
      "bitbucket any environment",
      Trust.bitbucket({ workspace: "acme", workspaceUuid: UUID, repositoryUuid: `{${UUID}}`, anyEnvironment: true }),
      "https://api.bitbucket.org/2.0/workspaces/acme/pipelines-config/identity/oidc",
      `{${UUID}}*`,
    ],
    [
      "azure devops issuer",
      Trust.azureDevOps({ organizationId: ORG, organization: "acme", project: "My Project", serviceConnection: "prod" }),
      `https://vstoken.dev.azure.com/${ORG}`,
      "sc://acme/My Project/prod",
    ],
    [
      "gke",
      Trust.gke({ project: "acme-prod", location: "europe-west1-b", cluster: "c1", namespace: "ci", serviceAccount: "sa" }),
      "https://container.googleapis.com/v1/projects/acme-prod/locations/europe-west1-b/clusters/c1",
      "system:serviceaccount:ci:sa",
    ],
    [
      "spiffe pattern",
      Trust.spiffe({ issuerUrl: "https://spire.example", trustDomain: "td.example", path: "ns/ci/*" }),
      "https://spire.example",
      "spiffe://td.example/ns/ci/*",
    ],
  ])("%s", (_, trust, issuer, subject) => {
    expect(trust.issuer.url).toBe(issuer);
    expect(trust.subject.toString()).toContain(subject);
  });

  test("default audiences come from the profiles", () => {
    expect(Trust.buildkite({ organization: "acme", pipeline: "app", branch: "main" }).audiencesFor("aws")).toEqual(["sts.amazonaws.com"]);
    const cc = Trust.circleci({ organizationId: ORG, projectId: UUID, userId: UUID });
    expect([cc.audiencesFor("aws"), cc.audiencesFor("gcp"), cc.audiencesFor("azure")]).toEqual([[ORG], [ORG], ["api://AzureADTokenExchange"]]);
    expect(Trust.bitbucket({ workspace: "acme", workspaceUuid: UUID, repositoryUuid: UUID, anyEnvironment: true }).audiences).toEqual([
      `ari:cloud:bitbucket::workspace/${UUID}`,
    ]);
    expect(Trust.azureDevOps({ organizationId: ORG, organization: "a", project: "p", serviceConnection: "s" }).audiencesFor("aws")).toBeUndefined();
  });

  test("Entra's base64url GUIDs (tenant ids in /eid1/ subjects)", () => {
    expect(base64UrlGuid("499b84ac-1321-427f-aa17-267ca6975798")).toBe("rISbSSETf0KqFyZ8ppdXmA");
  });
});

describe("new issuer presets refuse bad input, naming the field", () => {
  test.each<[string, () => unknown, string]>([
    [
      "buildkite two contexts",
      () => Trust.buildkite({ organization: "acme", pipeline: "app", branch: "main", anyRef: true }),
      "buildkite: branch and anyRef are set together",
    ],
    [
      "buildkite uppercase slug",
      () => Trust.buildkite({ organization: "Acme", pipeline: "app", branch: "main" }),
      'buildkite.organization: "Acme" is not valid',
    ],
    [
      "buildkite organizationId",
      () => Trust.buildkite({ organization: "acme", pipeline: "app", branch: "main", organizationId: "42" }),
      'buildkite.organizationId: "42" is not a UUID',
    ],
    [
      "buildkite unknown option",
      () => Trust.buildkite({ organization: "acme", pipeline: "app", branch: "main", brnach: "x" } as never),
      'buildkite.brnach: unknown option "brnach"',
    ],
    [
      "circleci no context",
      () => Trust.circleci({ organizationId: ORG, projectId: UUID }),
      "circleci: say which runs are trusted: set exactly one of userId, anyUser.",
    ],
    [
      "circleci vcsRef",
      () => Trust.circleci({ organizationId: ORG, projectId: UUID, anyUser: true, vcsRef: "main" }),
      'circleci.vcsRef: "main" is not valid: a full git ref',
    ],
    [
      "bitbucket workspace uuid",
      () => Trust.bitbucket({ workspace: "acme", workspaceUuid: "x", repositoryUuid: UUID, anyEnvironment: true }),
      'bitbucket.workspaceUuid: "x" is not a UUID',
    ],
    [
      "azure devops both forms",
      () => Trust.azureDevOps({ tenantId: ORG, organization: "acme" }),
      "azureDevOps: tenantId/subjectIdentifier (Entra issuer) and organization (Azure DevOps issuer) are set together",
    ],
    [
      "azure devops wildcard",
      () => Trust.azureDevOps({ organizationId: ORG, organization: "acme", project: "p", serviceConnection: "*" }),
      'azureDevOps.serviceConnection: "*" holds a wildcard',
    ],
    [
      "azure devops subject",
      () => Trust.azureDevOps({ tenantId: ORG, subjectIdentifier: "sc://acme/p/s" }),
      'azureDevOps.subjectIdentifier: "sc://acme/p/s" is not an Azure DevOps subject identifier of the Entra issuer',
    ],
    [
      "azure devops tenant mismatch",
      () => Trust.azureDevOps({ tenantId: ORG, subjectIdentifier: `/eid1/c/pub/t/v4j5cvGGr0GRqy180BHbRw/a/rISbSSETf0KqFyZ8ppdXmA/sc/${UUID}/${UUID}` }),
      'names the tenant "v4j5cvGGr0GRqy180BHbRw", but tenantId "0a1b2c3d-0000-4000-8000-00000000000a" is',
    ],
    [
      "gke location",
      () => Trust.gke({ project: "acme-prod", location: "EU", cluster: "c1", namespace: "ci", serviceAccount: "sa" }),
      'gke.location: "EU" is not a region or zone',
    ],
    ["spiffe path", () => Trust.spiffe({ issuerUrl: "https://spire.example", trustDomain: "td", path: "/ns/../x" }), 'spiffe.path: "/ns/../x" is not valid'],
    [
      "spiffe on a GitHub URL",
      () => Trust.spiffe({ issuerUrl: "https://token.actions.githubusercontent.com", trustDomain: "td", path: "x" }),
      'spiffe.issuerUrl: "https://token.actions.githubusercontent.com" is a github-actions issuer; kind "spiffe" would read its subjects with the wrong grammar',
    ],
  ])("%s", (_, build, message) => {
    expect(build).toThrow(message);
  });
});
