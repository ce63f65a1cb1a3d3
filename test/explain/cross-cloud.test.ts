/**
 * The cross-cloud property through the CLI path: for trusts the constructs synthesize on every
 * cloud, `wif explain --claims` on the synthesized cdk.tf.json accepts exactly the tokens
 * `trust.accepts(claims, cloud)` accepts (AWS, GCP, Azure).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Testing } from "cdktf";
import { FederatedWorkload, Trust } from "../../src";
import type { Cloud } from "../../src";
import { acknowledgeAll } from "../acknowledge-all";
import { allProvidersStack } from "../constructs/all-providers-stack";
import { runCli } from "../cli/run-cli";

const GH = "https://token.actions.githubusercontent.com";
const GCP = { project: "acme-prod", projectNumber: "123456789012", poolId: "ci-pool", serviceAccountEmail: "deployer@acme-prod.iam.gserviceaccount.com" };
const AZURE = { resourceGroupName: "rg-ci", location: "westeurope" };

interface Case {
  readonly name: string;
  readonly trust: Trust;
  /** Azure app registration (flexible credential) instead of a managed identity. */
  readonly app?: boolean;
  readonly tokens: readonly Record<string, unknown>[];
}

const gh = (sub: string, extra: Record<string, unknown> = {}) => ({ iss: GH, sub, repository_owner_id: "1234567", repository_id: "7654321", ...extra });

const CASES: readonly Case[] = [
  {
    name: "environment",
    trust: Trust.githubActions({
      repository: "octo/payments",
      environment: "production",
      repositoryOwnerId: "1234567",
      repositoryId: "7654321",
      immutableSubject: true,
    }),
    tokens: [
      gh("repo:octo@1234567/payments@7654321:environment:production", { environment: "production" }),
      gh("repo:octo@1234567/payments@7654321:environment:staging", { environment: "staging" }),
      gh("repo:octo@1234567/payments@7654321:ref:refs/heads/main"),
      gh("repo:octo/payments:environment:production", { environment: "production" }),
      gh("repo:evil@1234567/payments@7654321:environment:production", { environment: "production" }),
      { ...gh("repo:octo@1234567/payments@7654321:environment:production"), iss: "https://gitlab.com" },
    ],
  },
  {
    name: "branches",
    app: true,
    trust: Trust.githubActions({ repository: "octo/app", branch: "release/*", repositoryOwnerId: "1234567" }),
    tokens: [
      gh("repo:octo/app:ref:refs/heads/release/1.0", { ref: "refs/heads/release/1.0" }),
      gh("repo:octo/app:ref:refs/heads/main", { ref: "refs/heads/main" }),
      gh("repo:octo/app:ref:refs/heads/release/", { ref: "refs/heads/release/" }),
      gh("repo:octo/app:ref:refs/heads/release/x", { ref: "refs/heads/release/x", repository_owner_id: "1" }),
      gh("repo:octo/app2:ref:refs/heads/release/1.0"),
    ],
  },
  {
    name: "kubernetes",
    trust: Trust.kubernetes({ issuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789", namespace: "apps", serviceAccount: "api" }),
    tokens: [
      { iss: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789", sub: "system:serviceaccount:apps:api" },
      { iss: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789", sub: "system:serviceaccount:apps:worker" },
      { iss: "https://oidc.eks.eu-west-1.amazonaws.com/id/OTHER", sub: "system:serviceaccount:apps:api" },
    ],
  },
];

const AUDIENCE: Readonly<Record<Cloud, (providerName: string) => string>> = {
  aws: () => "sts.amazonaws.com",
  gcp: (providerName) => providerName,
  azure: () => "api://AzureADTokenExchange",
};

let dir: string;
const providerNames = new Map<string, string>();
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "wif-explain-"));
  for (const c of CASES) {
    const stack = allProvidersStack();
    const acknowledge = [
      ...acknowledgeAll(c.trust, "aws", "cross-cloud property test"),
      ...acknowledgeAll(c.trust, "gcp", "cross-cloud property test"),
      ...acknowledgeAll(c.trust, "azure", "cross-cloud property test"),
    ];
    new FederatedWorkload(stack, c.name, {
      trust: c.trust,
      aws: {},
      gcp: { ...GCP, providerId: c.name.slice(0, 20) },
      ...(c.app ? { azureApp: { displayName: c.name } } : { azure: AZURE }),
      acknowledge,
    });
    const synth = Testing.synth(stack);
    fs.mkdirSync(path.join(dir, c.name));
    fs.writeFileSync(path.join(dir, c.name, "cdk.tf.json"), synth);
    const provider = Object.values(
      (JSON.parse(synth) as { resource: Record<string, Record<string, { workload_identity_pool_provider_id?: string }>> }).resource
        .google_iam_workload_identity_pool_provider,
    )[0];
    providerNames.set(
      c.name,
      `//iam.googleapis.com/projects/${GCP.projectNumber}/locations/global/workloadIdentityPools/${GCP.poolId}/providers/${provider.workload_identity_pool_provider_id}`,
    );
  }
});

const rows = CASES.flatMap((c) => c.tokens.flatMap((_t, i) => (["aws", "gcp", "azure"] as const).map((cloud) => [c.name, i, cloud] as const)));

test.each(rows)("%s token %d on %s: wif explain decides as trust.accepts", async (name, i, cloud) => {
  const c = CASES.find((x) => x.name === name) as Case;
  const claims = { ...c.tokens[i], aud: AUDIENCE[cloud](providerNames.get(name) as string) };
  const file = path.join(dir, `${name}-${i}-${cloud}.json`);
  fs.writeFileSync(file, JSON.stringify(claims));
  const run = await runCli(["explain", "--claims", file, path.join(dir, name), "--cloud", cloud, "--format", "json"], { cwd: dir });
  expect([run.code, run.stderr]).toEqual([0, ""]);
  const verdicts = (JSON.parse(run.stdout) as { verdicts: { decision: string; reason: string }[] }).verdicts;
  expect(verdicts.length).toBeGreaterThan(0);
  const expected = c.trust.accepts(claims, cloud);
  for (const v of verdicts) expect([v.decision, v.reason]).toEqual([expected ? "accepted" : "rejected", expect.any(String)]);
});

test("the cases are not vacuous: each cloud accepts some tokens and rejects others", () => {
  for (const cloud of ["aws", "gcp", "azure"] as const) {
    const decisions = CASES.flatMap((c) => c.tokens.map((t) => c.trust.accepts({ ...t, aud: AUDIENCE[cloud]("x") }, cloud)));
    expect(decisions).toContain(true);
    expect(decisions).toContain(false);
  }
});
