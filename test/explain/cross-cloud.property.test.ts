/**
 * The cross-cloud property through the CLI path: for generated trusts (test/property/arbitraries.ts)
 * that the constructs synthesize, `wif explain --claims` on the synthesized cdk.tf.json decides
 * tokens near the trust's boundary exactly as `trust.accepts(claims, cloud)` (GCP: with the
 * provider's resource name as the default audience). Sized for CI; the full-size equivalence
 * property against the clouds' own evaluators is test/property/cross-cloud.property.test.ts.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Testing, TerraformStack } from "cdktf";
import fc from "fast-check";
import {
  AwsOidcProvider,
  AwsWorkloadIdentityRole,
  AzureAppFederatedCredential,
  AzureFederatedIdentity,
  GcpWorkloadIdentity,
  TokenClaims,
  Trust,
  WifValidationError,
} from "../../src";
import { acknowledgeAll } from "../acknowledge-all";
import { runCli } from "../cli/run-cli";
import { anyTrust, tokenNear } from "../property/arbitraries";

const PROJECT_NUMBER = "123456789012";
const GCP_PROVIDER = `//iam.googleapis.com/projects/${PROJECT_NUMBER}/locations/global/workloadIdentityPools/ci-pool/providers/wif-prop`;
const TRUSTS = 60;
const TOKENS = 5;
const REASON = "property test of explain through the CLI";

jest.setTimeout(120_000);

type Cloud = "aws" | "gcp" | "azure";

/** The stack's JSON, or undefined when the construct refuses the trust. */
function synth(build: (stack: TerraformStack) => void): string | undefined {
  const stack = new TerraformStack(Testing.app(), "prop");
  try {
    build(stack);
  } catch (e) {
    if (e instanceof WifValidationError) return undefined;
    throw e;
  }
  return Testing.synth(stack);
}

function synthFor(trust: Trust, cloud: Cloud): string | undefined {
  if (cloud === "aws") {
    return synth((stack) => {
      const oidcProvider = new AwsOidcProvider(stack, "provider", {
        issuerUrl: trust.issuer.url,
        clientIds: trust.audiencesFor("aws") ?? ["sts.amazonaws.com"],
      });
      new AwsWorkloadIdentityRole(stack, "role", { trust, oidcProvider, roleArnOutput: false, acknowledge: acknowledgeAll(trust, "aws", REASON) });
    });
  }
  if (cloud === "gcp") {
    return synth((stack) => {
      new GcpWorkloadIdentity(stack, "gcp", {
        trust,
        project: "acme-prod",
        projectNumber: PROJECT_NUMBER,
        poolId: "ci-pool",
        providerId: "wif-prop",
        serviceAccountEmail: "deployer@acme-prod.iam.gserviceaccount.com",
        acknowledge: acknowledgeAll(trust, "gcp", REASON),
      });
    });
  }
  const acknowledge = acknowledgeAll(trust, "azure", REASON);
  return (
    synth((stack) => void new AzureFederatedIdentity(stack, "identity", { trust, resourceGroupName: "rg-ci", location: "westeurope", acknowledge })) ??
    synth((stack) => void new AzureAppFederatedCredential(stack, "app", { trust, displayName: "prop", acknowledge }))
  );
}

function expected(trust: Trust, cloud: Cloud, claims: TokenClaims): boolean {
  if (!trust.accepts(claims, cloud)) return false;
  if (cloud !== "gcp" || trust.audiences) return true;
  const auds = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  return auds.some((a) => a === GCP_PROVIDER || a === `https:${GCP_PROVIDER}`);
}

test(`${TRUSTS} generated trusts: wif explain on the synthesized JSON decides as trust.accepts, on every cloud`, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wif-explain-prop-"));
  const audiences: Record<Cloud, (t: Trust) => readonly string[]> = {
    aws: (t) => t.audiencesFor("aws") ?? ["sts.amazonaws.com"],
    gcp: (t) => t.audiences ?? [GCP_PROVIDER, `https:${GCP_PROVIDER}`],
    azure: (t) => t.audiencesFor("azure") ?? ["api://AzureADTokenExchange"],
  };
  const samples = fc.sample(
    anyTrust.chain((trust) =>
      fc.record({
        trust: fc.constant(trust),
        aws: fc.array(tokenNear(trust, audiences.aws(trust)), { minLength: TOKENS, maxLength: TOKENS }),
        gcp: fc.array(tokenNear(trust, audiences.gcp(trust)), { minLength: TOKENS, maxLength: TOKENS }),
        azure: fc.array(tokenNear(trust, audiences.azure(trust)), { minLength: TOKENS, maxLength: TOKENS }),
      }),
    ),
    { numRuns: TRUSTS, seed: 20261202 },
  );
  const judged = { aws: 0, gcp: 0, azure: 0 };
  const accepted = { aws: 0, gcp: 0, azure: 0 };
  let n = 0;
  for (const s of samples) {
    for (const cloud of ["aws", "gcp", "azure"] as const) {
      const json = synthFor(s.trust, cloud);
      if (json === undefined) continue;
      const unit = path.join(dir, `t${n}-${cloud}`);
      fs.mkdirSync(unit);
      fs.writeFileSync(path.join(unit, "cdk.tf.json"), json);
      for (const claims of s[cloud]) {
        const file = path.join(unit, `token-${judged[cloud]}.json`);
        fs.writeFileSync(file, JSON.stringify(claims));
        const run = await runCli(["explain", "--claims", file, unit, "--cloud", cloud, "--format", "json"], { cwd: dir });
        if (run.code !== 0) throw new Error(`exit ${run.code}: ${run.stderr}`);
        const verdicts = (JSON.parse(run.stdout) as { verdicts: { decision: string; reason: string }[] }).verdicts;
        const want = expected(s.trust, cloud, claims) ? "accepted" : "rejected";
        // One trust may synthesize several Azure credentials (one per exact subject): the identity
        // accepts when one of them does. Nothing here is unknown, so nothing may be undecided.
        const got = verdicts.some((v) => v.decision === "accepted") ? "accepted" : "rejected";
        if (got !== want || verdicts.some((v) => v.decision === "undecided")) {
          throw new Error(
            `${cloud}: explain ${JSON.stringify(verdicts)}, trust.accepts ${want}\ntrust: ${s.trust.description}\nclaims: ${JSON.stringify(claims)}`,
          );
        }
        expect(verdicts.length).toBeGreaterThan(0);
        judged[cloud]++;
        if (want === "accepted") accepted[cloud]++;
      }
    }
    n++;
  }
  for (const cloud of ["aws", "gcp", "azure"] as const) {
    expect(judged[cloud]).toBeGreaterThan(20);
    expect(accepted[cloud]).toBeGreaterThan(0);
    expect(accepted[cloud]).toBeLessThan(judged[cloud]);
  }
});
