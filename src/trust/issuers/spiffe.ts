import { NO_FAMILY_CLAIMS, plainContext } from "./inventory-words";
import type { IssuerProfile } from "./profile";

/**
 * SPIFFE JWT-SVIDs served through an OIDC discovery provider (SPIRE's `oidc-discovery-provider`, whose
 * `jwt_issuer` is the issuer URL). The subject is the workload's SPIFFE ID
 * `spiffe://TRUST_DOMAIN/PATH`; the audience is whatever the workload requests (JWT-SVIDs always carry
 * one). The issuer URL is chosen by the operator, so it is recognised by the subject's `spiffe://`
 * prefix. Sources: SPIFFE JWT-SVID specification, SPIRE OIDC discovery provider docs.
 */
export const SPIFFE: IssuerProfile = {
  kind: "spiffe",
  name: "SPIFFE (JWT-SVID)",
  docs: "https://github.com/spiffe/spiffe/blob/main/standards/JWT-SVID.md",
  preset: 'Trust.spiffe({ issuerUrl: "https://oidc.spire.example.com", trustDomain: "prod.example.com", path: "ns/ci/sa/deployer", audiences: ["wif"] })',
  urls: [],
  subjectPrefix: "spiffe://",
  grammars: [
    {
      form: "spiffe://TRUST_DOMAIN/PATH",
      fields: [
        { name: "trust domain", role: "tenant", lead: "spiffe://", stop: "/" },
        { name: "workload path", role: "repository", lead: "/", stop: "" },
      ],
      tailPinsContext: () => true,
    },
  ],
  claims: {},
  words: {
    tenant: "SPIFFE trust domain",
    repository: "workload",
    context: "workload",
    example: (tenant = "TRUST_DOMAIN") => `spiffe://${tenant}/ns/NAMESPACE/sa/SERVICE_ACCOUNT`,
    anyContext: {
      risk: (value) => `${JSON.stringify(value)} admits every workload whose SPIFFE ID starts with that path.`,
      fix: "Pin the exact SPIFFE ID of the workload.",
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
  aws: { claimKeys: [] },
  azure: {},
};
