/**
 * "Same verdicts everywhere" for the library's own output: what a construct synthesizes, read back
 * by the Terraform extractor (as the TrustChecks Aspect and `wif lint` read it), gets the same rule
 * ids as the declaration it was built from.
 */
import { Testing, TerraformStack } from "cdktf";
import {
  AwsOidcProvider,
  AwsWorkloadIdentityRole,
  AzureAppFederatedCredential,
  AzureFederatedIdentity,
  Cloud,
  extractTrustFacts,
  GcpWorkloadIdentity,
  lintFacts,
  lintTrust,
  resourcesFromTerraformJson,
  Trust,
} from "../../src";
import { acknowledgeAll } from "../acknowledge-all";

const REASON = "comparing verdicts only";

const BUILD: Record<string, { cloud: Cloud; build: (s: TerraformStack, trust: Trust) => void }> = {
  aws: {
    cloud: "aws",
    build: (s, trust) =>
      new AwsWorkloadIdentityRole(s, "role", {
        trust,
        oidcProvider: AwsOidcProvider.fromIssuer(s, "p", { issuerUrl: trust.issuer.url, accountId: "111122223333" }),
        acknowledge: acknowledgeAll(trust, "aws", REASON),
      }),
  },
  gcp: {
    cloud: "gcp",
    build: (s, trust) =>
      new GcpWorkloadIdentity(s, "gcp", {
        trust,
        project: "acme-prod",
        projectNumber: "123456789012",
        poolId: "ci-pool",
        providerId: "ci-provider",
        serviceAccountEmail: "d@acme.iam.gserviceaccount.com",
        acknowledge: acknowledgeAll(trust, "gcp", REASON),
      }),
  },
  azureIdentity: {
    cloud: "azure",
    build: (s, trust) =>
      new AzureFederatedIdentity(s, "identity", {
        trust,
        resourceGroupName: "rg",
        location: "westeurope",
        acknowledge: acknowledgeAll(trust, "azure", REASON),
      }),
  },
  azureApp: {
    cloud: "azure",
    build: (s, trust) => new AzureAppFederatedCredential(s, "app", { trust, displayName: "ci", acknowledge: acknowledgeAll(trust, "azure", REASON) }),
  },
};

const TRUSTS: [string, Trust, readonly string[]][] = [
  ["environment, owner id", Trust.githubActions({ repository: "octo/app", environment: "prod", repositoryOwnerId: "1" }), ["aws", "gcp", "azureApp"]],
  [
    "immutable subject",
    Trust.githubActions({ repository: "octo/app", branch: "main", repositoryOwnerId: "1", repositoryId: "2", immutableSubject: true }),
    ["aws", "gcp", "azureIdentity", "azureApp"],
  ],
  ["mutable names only", Trust.githubActions({ repository: "octo/app", environment: "prod" }), ["aws", "gcp", "azureIdentity", "azureApp"]],
  ["any ref", Trust.githubActions({ repository: "octo/app", anyRef: true, repositoryOwnerId: "1" }), ["aws", "gcp", "azureApp"]],
  ["whole owner", Trust.githubActions({ repository: "octo/*", branch: "main", repositoryOwnerId: "1" }), ["aws", "gcp", "azureApp"]],
  [
    "pull requests",
    Trust.githubActions({ repository: "octo/app", pullRequest: true, repositoryOwnerId: "1", repositoryId: "2", immutableSubject: true }),
    ["aws", "gcp", "azureIdentity"],
  ],
  [
    "EKS service account",
    Trust.kubernetes({ issuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC", namespace: "ci", serviceAccount: "deployer" }),
    ["aws", "gcp", "azureIdentity"],
  ],
  [
    "a literal $ (StringLike with ${$} on AWS)",
    Trust.githubActions({ repository: "octo/app", environment: "pay$day", repositoryOwnerId: "1" }),
    ["aws", "gcp", "azureApp"],
  ],
  [
    "HCP Terraform apply",
    Trust.terraformCloud({ organization: "acme", project: "infra", workspace: "prod", runPhase: "apply" }),
    ["aws", "gcp", "azureIdentity", "azureApp"],
  ],
];

const rules = (findings: readonly { rule: string; severity: string }[]) => [...new Set(findings.map((f) => `${f.rule}/${f.severity}`))].sort();

describe("a construct's synthesized trust gets the declaration's rule ids", () => {
  const rows = TRUSTS.flatMap(([name, trust, targets]) => targets.map((t) => [`${name} → ${t}`, trust, t] as const));
  test.each(rows)("%s", (_name, trust, target) => {
    const { cloud, build } = BUILD[target];
    const stack = new TerraformStack(Testing.app(), "s");
    build(stack, trust);
    const json = JSON.parse(Testing.synth(stack));
    const fromJson = lintFacts(extractTrustFacts(resourcesFromTerraformJson(json)));
    expect(rules(fromJson)).toEqual(rules(lintTrust(trust, { cloud })));
    expect(fromJson.some((f) => f.rule === "WIF011")).toBe(false);
  });
});
