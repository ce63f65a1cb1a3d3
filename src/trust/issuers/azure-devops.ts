import { NO_FAMILY_CLAIMS, plainContext } from "./inventory-words";
import type { IssuerProfile } from "./profile";

const GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

/**
 * Azure DevOps workload identity federation service connections, in both issuer forms Entra accepts:
 *
 * - the Azure DevOps issuer `https://vstoken.dev.azure.com/ORGANIZATION_ID` with subject
 *   `sc://ORGANIZATION/PROJECT/SERVICE_CONNECTION` (names, mutable; retired for single-tenant apps and
 *   managed identities in Azure public cloud on 2027-07-01);
 * - the Microsoft Entra issuer `https://login.microsoftonline.com/TENANT_ID/v2.0` with subject
 *   `/eid1/c/pub/t/TENANT/a/APP/sc/ORGANIZATION_ID/SERVICE_CONNECTION_ID` (base64url ids, then GUIDs).
 *
 * Both issuers are private (one per organization or tenant). Sources: Microsoft Learn "Convert service
 * connections to use the Microsoft Entra issuer"
 * (https://learn.microsoft.com/en-us/azure/devops/pipelines/release/convert-service-connections): the
 * Azure DevOps issuer has the `https://vstoken.dev.azure.com` prefix, the Entra issuer the
 * `https://login.microsoftonline.com/` prefix, and the Azure DevOps issuer is retired on July 1, 2027
 * for single-tenant applications and managed identities in Azure public cloud.
 *
 * NOT CONFIRMED by Microsoft's documentation available here: the `TENANT_ID/v2.0` rest of the Entra
 * issuer and the Entra-form subject layout `/eid1/c/pub/t/.../a/.../sc/ORGANIZATION_ID/SERVICE_CONNECTION_ID`;
 * both are seen only in third-party guidance that reads them from the service connection
 * (`workloadIdentityFederationIssuer`, `workloadIdentityFederationSubject`). `Trust.azureDevOps` takes
 * the subject identifier verbatim as the service connection shows it.
 */
export const AZURE_DEVOPS: IssuerProfile = {
  kind: "azure-devops",
  name: "Azure DevOps",
  docs: "https://learn.microsoft.com/en-us/azure/devops/pipelines/release/convert-service-connections",
  sources: [
    {
      url: "https://learn.microsoft.com/en-us/azure/devops/pipelines/release/convert-service-connections",
      confirms:
        "the Azure DevOps issuer prefix `https://vstoken.dev.azure.com`, the Entra issuer prefix `https://login.microsoftonline.com/`, and the retirement of the Azure DevOps issuer on July 1, 2027 (single-tenant applications and managed identities, Azure public cloud)",
    },
  ],
  unconfirmed: [
    "The Entra issuer's `<tenant>/v2.0` rest and the Entra-form subject `/eid1/c/pub/t/<tenant>/a/<app>/sc/<organization id>/<service connection id>`: seen only in third-party guidance (read from the service connection's `workloadIdentityFederationIssuer` and `workloadIdentityFederationSubject`). Copy the Issuer and Subject identifier the service connection shows; `Trust.azureDevOps` takes the subject identifier verbatim.",
  ],
  preset:
    'Trust.azureDevOps({ tenantId: "<tenant>", subjectIdentifier: "/eid1/c/pub/t/.../sc/<org id>/<connection id>" }) \u00b7 Trust.azureDevOps({ organizationId: "<uuid>", organization: "acme", project: "payments", serviceConnection: "azure-prod" })',
  urls: [
    {
      hostAndPath: new RegExp(`^vstoken\\.dev\\.azure\\.com\\/${GUID}$`),
      shared: false,
      example: "https://vstoken.dev.azure.com/00000000-0000-0000-0000-000000000000",
    },
    {
      hostAndPath: new RegExp(`^login\\.microsoftonline\\.com\\/${GUID}\\/v2\\.0$`),
      shared: false,
      example: "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0",
    },
  ],
  grammars: [
    {
      form: "sc://ORGANIZATION/PROJECT/SERVICE_CONNECTION",
      fields: [
        { name: "organization", role: "tenant", lead: "sc://", stop: "/" },
        { name: "project", role: "repository", lead: "/", stop: "/" },
        { name: "service connection", role: "context", lead: "/", stop: "" },
      ],
      tailPinsContext: () => false,
    },
    {
      form: "/eid1/c/pub/t/TENANT/a/APP/sc/ORGANIZATION_ID/SERVICE_CONNECTION_ID",
      fields: [
        { name: "tenant", role: "extra", lead: "/eid1/c/pub/t/", stop: "/" },
        { name: "application", role: "extra", lead: "/a/", stop: "/" },
        { name: "organization", role: "tenant", lead: "/sc/", stop: "/" },
        { name: "service connection", role: "context", lead: "/", stop: "" },
      ],
      tailPinsContext: () => false,
    },
  ],
  claims: {},
  words: {
    tenant: "Azure DevOps organization",
    repository: "project",
    context: "service connection",
    example: (tenant = "ORGANIZATION") => `sc://${tenant}/PROJECT/SERVICE_CONNECTION`,
    anyContext: {
      risk: (value) =>
        `${JSON.stringify(value)} admits every service connection of the project, and each is usable by the pipelines its own permissions allow.`,
      fix: "Pin one service connection: `sc://ORGANIZATION/PROJECT/SERVICE_CONNECTION` (one federated credential per connection).",
    },
  },
  inventory: {
    name: (issuerUrl) => issuerUrl,
    tenant: "organization",
    repository: "workload",
    context: plainContext(),
    claims: NO_FAMILY_CLAIMS,
  },
  defaultAudience: () => undefined, // api://AzureADTokenExchange on Azure, none elsewhere
  aws: { claimKeys: [] },
  azure: {},
};
