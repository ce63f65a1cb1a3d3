import { NO_FAMILY_CLAIMS, plainContext } from "./inventory-words";
import type { IssuerProfile } from "./profile";

/**
 * Kubernetes service-account tokens of one cluster: EKS, GKE, AKS and any cluster whose service-account
 * issuer is published (generic clusters are named with `Trust.kubernetes({ issuerUrl })`). Each cluster
 * has its own issuer, so the issuer is private. Sources: Kubernetes docs "Service account token volume
 * projection" (`sub` = `system:serviceaccount:NAMESPACE:NAME`), EKS IRSA (audience `sts.amazonaws.com`),
 * GKE (`https://container.googleapis.com/v1/projects/P/locations/L/clusters/C`), AKS OIDC issuer (ends
 * with "/").
 */
export const KUBERNETES: IssuerProfile = {
  kind: "kubernetes",
  name: "Kubernetes",
  docs: "https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#serviceaccount-token-volume-projection",
  preset:
    'Trust.kubernetes({ issuerUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC", namespace: "ci", serviceAccount: "deployer" }) \u00b7 Trust.gke({ project: "acme-prod", location: "europe-west1", cluster: "main", namespace: "ci", serviceAccount: "deployer" })',
  urls: [
    {
      hostAndPath: /^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/id\/[A-Za-z0-9]+$/,
      shared: false,
      example: "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE",
    },
    {
      hostAndPath: /^container\.googleapis\.com\/v1\/projects\/[^/]+\/(locations|zones)\/[^/]+\/clusters\/[^/]+$/,
      shared: false,
      example: "https://container.googleapis.com/v1/projects/acme-prod/locations/europe-west1/clusters/main",
    },
    {
      hostAndPath: /^[a-z0-9.-]+\.oic\.prod-aks\.azure\.com\/[^/]+\/[^/]+\/?$/,
      shared: false,
      trailingSlash: true,
      example: "https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/11111111-1111-1111-1111-111111111111/",
    },
  ],
  // Clusters' issuers are any URL (self-managed clusters publish their own): the subject gives them away.
  subjectPrefix: "system:serviceaccount:",
  grammars: [
    {
      form: "system:serviceaccount:NAMESPACE:NAME",
      fields: [
        { name: "namespace", role: "repository", lead: "system:serviceaccount:", stop: ":" },
        { name: "service account", role: "context", lead: ":", stop: "" },
      ],
      tailPinsContext: (tail) => /^:[^:*?]+$/.test(tail),
    },
  ],
  claims: {},
  words: {
    tenant: "cluster",
    repository: "namespace",
    context: "service account",
    example: () => "system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT",
    anyContext: {
      risk: (value) => `${JSON.stringify(value)} admits every service account of the namespace.`,
      fix: 'Pin the service account: "system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT".',
    },
    anyRepository: {
      severity: "high",
      risk: (value) =>
        `${JSON.stringify(value)} admits that service account name in any namespace of the cluster, so anyone who can create a namespace or service account can assume the identity.`,
      fix: 'Pin the namespace: "system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT".',
    },
  },
  inventory: {
    name: (issuerUrl) => `cluster ${issuerUrl}`,
    tenant: "cluster",
    repository: "namespace",
    context: plainContext(),
    // No tenant: the namespace is the repository field, the service account the context.
    family: (name, p) => {
      const ns = p.repository === "*" ? "any namespace" : `namespace ${p.repository}`;
      if (p.repository === "*" && p.context === "*") return `any service account of ${name}`;
      return p.context === "*" ? `any service account in ${ns} of ${name}` : `service account ${p.repository}/${p.context} of ${name}`;
    },
    claims: NO_FAMILY_CLAIMS,
  },
  defaultAudience: (cloud) => (cloud === "aws" ? "sts.amazonaws.com" : undefined), // EKS IRSA
  aws: { claimKeys: [] },
  azure: {},
};
