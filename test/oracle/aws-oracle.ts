/**
 * The AWS oracle: what the IAM policy simulator `@cloud-copilot/iam-simulate` (AGPL, dev/test only)
 * decides when a token is exchanged with `sts:AssumeRoleWithWebIdentity` against a synthesized trust
 * policy. Reusable by any test (e.g. a cross-cloud fast-check property):
 *
 * ```ts
 * const oracle = await createAwsOracle();                 // once per test file (beforeAll)
 * oracle.allows(policyJson, providerArn, claims);         // boolean, synchronous, ~0.2 ms
 * oracle.decide(policyJson, providerArn, claims);         // "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied"
 * ```
 *
 * How a token becomes a simulator request (what STS does before IAM evaluates the trust policy):
 * - STS finds the IAM OIDC provider by the token's `iss`: the request principal is
 *   `arn:<partition>:iam::<account>:oidc-provider/<iss without https://>`, partition and account
 *   taken from `providerArn` (the role lives next to its provider). A token from another issuer thus
 *   presents another principal, and the policy's `Federated` decides. A non-https `iss` has no
 *   provider at all: denied without asking the simulator.
 * - Each claim becomes the context key `<iss without https://>:<claim>` — but only the keys STS
 *   evaluates: the generic OIDC keys `sub`, `aud`, `azp`, `amr`, and the issuer-specific keys listed
 *   for `sts:AssumeRoleWithWebIdentity` in the simulator's own data (`allowedContextKeysForRequest`,
 *   with `${Domain}`/`${SubPath}`-style placeholders matching one segment). Other claims are dropped,
 *   as STS drops them. `iss` itself is not a condition key.
 *
 * The known snag, and why this is faithful: the validated `runSimulation` filters the request's
 * context keys through that same action list, which (being the Service Authorization Reference)
 * omits the generic `<issuer>:sub` and `<issuer>:aud` keys — so every trust policy would evaluate
 * with `sub`/`aud` missing and be denied. `runUnsafeSimulation` skips that filter, but it also skips
 * policy validation and loads the resource policy without a name (it then crashes reading
 * `metadata().name`). So this oracle does the two skipped steps itself with the simulator's own
 * libraries: it validates the trust policy with `validateTrustPolicy` from `@cloud-copilot/iam-policy`
 * (an invalid policy throws here, as IAM would refuse it) and hands it over as a named
 * `ValidatedPolicy`, which `loadPolicy` accepts with its metadata; and it builds the context with the
 * action's allowed keys plus the four generic OIDC keys. Evaluation (principal matching, condition
 * operators, `${*}`/`${?}`/`${$}` escapes, wildcards, case) is entirely the simulator's.
 *
 * Not modelled (the helper throws rather than guess): non-string claim values and list-valued claims
 * (`aud` as an array); AWS's handling of those is not pinned down by this simulator.
 */
import { allowedContextKeysForRequest, runUnsafeSimulation } from "@cloud-copilot/iam-simulate";
import type { EvaluationResult } from "@cloud-copilot/iam-simulate";
import { createValidatedPolicy, validateTrustPolicy } from "@cloud-copilot/iam-policy";
import type { ValidatedPolicy } from "@cloud-copilot/iam-policy";

/** The claims of a decoded token. */
export type OracleClaims = Readonly<Record<string, unknown>>;

export interface AwsOracle {
  /** The simulator's decision for one token against one trust policy. */
  decide(policyJson: string, providerArn: string, claims: OracleClaims): EvaluationResult;
  /** True when the simulator allows the exchange. */
  allows(policyJson: string, providerArn: string, claims: OracleClaims): boolean;
  /** The context keys the oracle passes for these claims (for explaining a failing test). */
  contextFor(claims: OracleClaims): Record<string, string>;
}

// The keys of every OIDC provider (no source lists "azp": a condition on it is never true).
const GENERIC_OIDC_KEYS = ["sub", "aud", "amr"];
const ACTION = "sts:AssumeRoleWithWebIdentity";

/** Loads the simulator's key list once and returns a synchronous oracle. */
export async function createAwsOracle(): Promise<AwsOracle> {
  const listed = await allowedContextKeysForRequest("sts", "AssumeRoleWithWebIdentity", "arn:aws:iam::111122223333:role/oracle", false, undefined);
  const patterns = listed.filter((k) => k.includes(":") && !k.startsWith("aws:") && !k.startsWith("sts:")).map(keyPattern);
  const isEvaluated = (key: string): boolean => {
    const lower = key.toLowerCase();
    const claim = lower.slice(lower.lastIndexOf(":") + 1);
    return GENERIC_OIDC_KEYS.includes(claim) || patterns.some((re) => re.test(lower));
  };
  const validated = new Map<string, ValidatedPolicy<{ name: string }>>();

  const contextFor = (claims: OracleClaims): Record<string, string> => {
    const prefix = String(claims.iss).slice("https://".length);
    const context: Record<string, string> = {};
    for (const [claim, value] of Object.entries(claims)) {
      if (claim === "iss" || value === undefined) continue;
      if (typeof value !== "string") {
        throw new Error(`aws-oracle: claim ${JSON.stringify(claim)} is ${JSON.stringify(value)}; only string claims are modelled.`);
      }
      const key = `${prefix}:${claim}`;
      if (isEvaluated(key)) context[key] = value;
    }
    return context;
  };

  const decide = (policyJson: string, providerArn: string, claims: OracleClaims): EvaluationResult => {
    const m = /^arn:(aws|aws-cn|aws-us-gov):iam::([0-9]{12}):oidc-provider\/.+$/.exec(providerArn);
    if (!m) throw new Error(`aws-oracle: ${JSON.stringify(providerArn)} is not a literal OIDC provider ARN.`);
    const [, partition, account] = m;
    if (typeof claims.iss !== "string" || !claims.iss.startsWith("https://")) return "ImplicitlyDenied";
    let policy = validated.get(policyJson);
    if (!policy) {
      policy = createValidatedPolicy(JSON.parse(policyJson), validateTrustPolicy, { name: "trust-policy" });
      if (policy.errors.length > 0) {
        throw new Error(`aws-oracle: IAM would reject this trust policy: ${JSON.stringify(policy.errors)}\n${policyJson}`);
      }
      validated.set(policyJson, policy);
    }
    return runUnsafeSimulation(
      {
        request: {
          principal: `arn:${partition}:iam::${account}:oidc-provider/${claims.iss.slice("https://".length)}`,
          action: ACTION,
          resource: { resource: `arn:${partition}:iam::${account}:role/wif-oracle`, accountId: account },
          contextVariables: contextFor(claims),
        },
        identityPolicies: [],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: policy,
      },
      {},
    );
  };

  return { decide, allows: (p, a, c) => decide(p, a, c) === "Allowed", contextFor };
}

/** `token.actions.${domain}.ghe.com:actor` → a regexp where each `${...}` is one segment. */
function keyPattern(key: string): RegExp {
  const source = key
    .split(/\$\{[^}]*\}/)
    .map((part) => part.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&"))
    .join("[^:/]+");
  return new RegExp(`^${source}$`);
}
