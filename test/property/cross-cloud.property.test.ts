/**
 * The guarantee the project sells: for generated trusts and tokens near their boundary, every cloud
 * either refuses the trust at construct time or decides every token exactly as `trust.accepts`.
 * Each cloud is judged by an independent evaluator of what the constructs synthesize:
 * AWS by the IAM policy simulator, GCP by the CEL engine, Azure by Entra's exact/flexible matching.
 */
import { Testing, TerraformStack } from "cdktf";
import fc from "fast-check";
import { AwsOidcProvider, AwsWorkloadIdentityRole, GcpWorkloadIdentity, TokenClaims, Trust, WifValidationError } from "../../src";
import { acknowledgeAll } from "../acknowledge-all";
import { AwsOracle, createAwsOracle } from "../oracle/aws-oracle";
import { entraAccepts } from "../oracle/azure-oracle";
import { synthAzure } from "../oracle/azure-synth";
import { gcpOracle, gcpProvidersFromSynth } from "../oracle/gcp-oracle";
import { renderTerraformLiteral } from "../oracle/terraform-render";
import { anyTrust, tokenNear } from "./arbitraries";

const ACCOUNT = "111122223333";
const PROJECT_NUMBER = "123456789012";
const GCP_PROVIDER = `//iam.googleapis.com/projects/${PROJECT_NUMBER}/locations/global/workloadIdentityPools/ci-pool/providers/wif-prop`;
const TOKENS_PER_TRUST = 10;
const TRUSTS = 180;

type Decider = (claims: TokenClaims) => boolean;

// Equivalence is about the compilers, so the rule engine's verdicts are acknowledged here: broad
// trusts (which constructs refuse by default) are compiled and judged like any other.
const REASON = "property test of compiler equivalence";

/** Builds the construct in a fresh stack; a construct-time refusal is `undefined`. */
function build(make: (stack: TerraformStack) => void): string | undefined {
  const stack = new TerraformStack(Testing.app(), "prop");
  try {
    make(stack);
  } catch (e) {
    if (e instanceof WifValidationError) return undefined;
    throw e;
  }
  return Testing.synth(stack);
}

function awsDecider(oracle: AwsOracle, trust: Trust): Decider | undefined {
  const json = build((stack) => {
    const oidcProvider = AwsOidcProvider.fromIssuer(stack, "provider", { issuerUrl: trust.issuer.url, accountId: ACCOUNT });
    new AwsWorkloadIdentityRole(stack, "role", { trust, oidcProvider, roleArnOutput: false, acknowledge: acknowledgeAll(trust, "aws", REASON) });
  });
  if (json === undefined) return undefined;
  const roles = Object.values(JSON.parse(json).resource.aws_iam_role as Record<string, { assume_role_policy: string }>);
  const providerArn = `arn:aws:iam::${ACCOUNT}:oidc-provider/${trust.issuer.hostAndPath}`;
  const policy = renderTerraformLiteral(roles[0].assume_role_policy); // as Terraform hands it to IAM
  return (claims) => oracle.allows(policy, providerArn, claims);
}

function gcpDecider(trust: Trust): Decider | undefined {
  const json = build((stack) => {
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
  if (json === undefined) return undefined;
  const [provider] = gcpProvidersFromSynth(json, PROJECT_NUMBER);
  expect(provider.provider.providerResourceName).toBe(GCP_PROVIDER);
  const oracle = gcpOracle(provider.provider, provider.bindings[0].member);
  return (claims) => oracle.admits(claims);
}

function azureDecider(trust: Trust): Decider | undefined {
  // The managed identity takes exact subjects; the app registration also takes flexible credentials.
  for (const target of ["managed-identity", "app-registration"] as const) {
    const result = synthAzure(trust, target, acknowledgeAll(trust, "azure", REASON));
    if ("credentials" in result) {
      const credentials = result.credentials;
      return (claims) => entraAccepts(credentials, claims);
    }
  }
  return undefined;
}

/** GCP's default audience is the provider's resource name, with or without `https:`. */
function gcpExpected(trust: Trust, claims: TokenClaims): boolean {
  if (!trust.accepts(claims, "gcp")) return false;
  if (trust.audiences) return true;
  const auds = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  return auds.some((a) => a === GCP_PROVIDER || a === `https:${GCP_PROVIDER}`);
}

describe("cross-cloud equivalence with trust.accepts", () => {
  let aws: AwsOracle;
  beforeAll(async () => {
    aws = await createAwsOracle();
  });

  test(`${TRUSTS} generated trusts: every cloud refuses or decides each token as trust.accepts does`, () => {
    const decided = { aws: 0, gcp: 0, azure: 0 };
    const accepted = { aws: 0, gcp: 0, azure: 0 };
    const refused = { aws: 0, gcp: 0, azure: 0 };
    const tokens = (trust: Trust, audiences: readonly string[]) =>
      fc.array(tokenNear(trust, audiences), { minLength: TOKENS_PER_TRUST, maxLength: TOKENS_PER_TRUST });
    const scenario = anyTrust.chain((trust) =>
      fc.record({
        trust: fc.constant(trust),
        aws: tokens(trust, trust.audiencesFor("aws") ?? ["sts.amazonaws.com"]),
        gcp: tokens(trust, trust.audiences ?? [GCP_PROVIDER, `https:${GCP_PROVIDER}`]),
        azure: tokens(trust, trust.audiencesFor("azure") ?? ["api://AzureADTokenExchange"]),
      }),
    );

    fc.assert(
      fc.property(scenario, (s) => {
        const check = (cloud: "aws" | "gcp" | "azure", decide: Decider | undefined, expected: (c: TokenClaims) => boolean, list: readonly TokenClaims[]) => {
          if (!decide) {
            refused[cloud]++;
            return;
          }
          for (const claims of list) {
            // The IAM simulator does not model list-valued claims (see aws-oracle.ts): not judged there.
            if (cloud === "aws" && Object.values(claims).some((v) => typeof v !== "string")) continue;
            const want = expected(claims);
            const got = decide(claims);
            if (got !== want) {
              throw new Error(`${cloud} decided ${got}, trust.accepts ${want}\ntrust: ${s.trust.description}\nclaims: ${JSON.stringify(claims)}`);
            }
            decided[cloud]++;
            if (got) accepted[cloud]++;
          }
        };
        check("aws", awsDecider(aws, s.trust), (c) => s.trust.accepts(c, "aws"), s.aws);
        check("gcp", gcpDecider(s.trust), (c) => gcpExpected(s.trust, c), s.gcp);
        check("azure", azureDecider(s.trust), (c) => s.trust.accepts(c, "azure"), s.azure);
      }),
      { numRuns: TRUSTS },
    );

    for (const cloud of ["aws", "gcp", "azure"] as const) {
      // Enough tokens were really judged, on both sides of the boundary, and some trusts were refused or not.
      expect(decided[cloud]).toBeGreaterThanOrEqual(1000);
      expect(accepted[cloud]).toBeGreaterThan(decided[cloud] * 0.2);
      expect(accepted[cloud]).toBeLessThan(decided[cloud] * 0.9);
    }
    expect(refused.aws + refused.gcp + refused.azure).toBeGreaterThan(0);

    console.log("cross-cloud property:", JSON.stringify({ decided, accepted, refused }));
  });
});
