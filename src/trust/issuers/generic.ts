import { NO_FAMILY_CLAIMS, plainContext } from "./inventory-words";
import { awsClaimKeys } from "./aws-claim-keys";
import type { IssuerProfile } from "./profile";

/** Any other issuer: subjects are opaque values, and only `sub` and `aud` are known to every cloud. */
export const GENERIC: IssuerProfile = {
  kind: "generic",
  name: "OIDC issuer",
  docs: "https://openid.net/specs/openid-connect-core-1_0.html#IDToken",
  preset: 'new Trust({ issuer: Issuer.fromUrl("https://idp.example.com"), subject: Subject.exactly("..."), audiences: ["..."] })',
  urls: [],
  grammars: [],
  claims: {},
  words: {
    tenant: "tenant",
    repository: "workload",
    context: "context",
    example: () => "the exact subject of the workload",
    anyContext: {
      risk: (value) => `${JSON.stringify(value)} admits every context of the workload.`,
      fix: "Pin the exact subject of the workload.",
    },
  },
  inventory: {
    name: (issuerUrl) => issuerUrl,
    tenant: "organization",
    repository: "workload",
    context: plainContext(),
    claims: NO_FAMILY_CLAIMS,
  },
  defaultAudience: () => undefined,
  aws: { claimKeys: awsClaimKeys("github.com/enterprises/${EnterpriseName}", "idcs-${OciUniqueIdentifier}.identity.oraclecloud.com") },
  azure: {},
};
