import { WifValidationError, quote } from "../errors";
import { Issuer } from "../issuer";
import { Subject } from "../subject";
import type { TrustProps } from "../trust-props";
import { checkPresetOptions, checkSubjectPart, checkUuid, NameRule, presetAudiences } from "./names";

/**
 * Options of `Trust.azureDevOps`: one service connection, in either issuer form Entra accepts.
 *
 * - Microsoft Entra issuer (default for new connections): `tenantId` and `subjectIdentifier` (the
 *   connection's "Subject identifier", `/eid1/c/pub/t/.../a/.../sc/<organization id>/<connection id>`).
 * - Azure DevOps issuer (older connections; retired for most Azure public cloud uses on 2027-07-01):
 *   `organizationId`, `organization`, `project`, `serviceConnection` (subject `sc://ORG/PROJECT/CONNECTION`).
 */
export interface AzureDevOpsTrustOptions {
  /** Entra form: the tenant of the app registration or managed identity (issuer `https://login.microsoftonline.com/<tenantId>/v2.0`). */
  readonly tenantId?: string;
  /** Entra form: the service connection's subject identifier, copied from Azure DevOps. */
  readonly subjectIdentifier?: string;
  /** Azure DevOps form: the organization id (issuer `https://vstoken.dev.azure.com/<organizationId>`). */
  readonly organizationId?: string;
  /** Azure DevOps form: the organization name. */
  readonly organization?: string;
  /** Azure DevOps form: the project name. */
  readonly project?: string;
  /** Azure DevOps form: the service connection name. */
  readonly serviceConnection?: string;
  /** @default - `api://AzureADTokenExchange` on Azure; none elsewhere (name them for AWS) */
  readonly audiences?: readonly string[];
}

const OPTIONS: readonly (keyof AzureDevOpsTrustOptions)[] = [
  "tenantId",
  "subjectIdentifier",
  "organizationId",
  "organization",
  "project",
  "serviceConnection",
  "audiences",
];
const NAME: NameRule = {
  whole: /^[^/\u0000-\u001f\u007f*?]{1,256}$/,
  char: /[^/\u0000-\u001f\u007f]/,
  describe: "a name without '/' or control characters",
  example: "payments",
};
const B64 = "[A-Za-z0-9_-]{22}";
const GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
const ENTRA_SUBJECT = new RegExp(`^/eid1/c/pub/t/(${B64})/a/(${B64})/sc/(${GUID})/(${GUID})$`);

/** The `TrustProps` of `Trust.azureDevOps`. */
export function azureDevOpsTrustProps(options: AzureDevOpsTrustOptions): TrustProps {
  const field = "azureDevOps";
  checkPresetOptions(
    field,
    options,
    OPTIONS,
    "{ tenantId, subjectIdentifier } (Entra issuer) or { organizationId, organization, project, serviceConnection } (Azure DevOps issuer)",
  );
  const entra = options.tenantId !== undefined || options.subjectIdentifier !== undefined;
  const devops = ["organizationId", "organization", "project", "serviceConnection"].filter((k) => options[k as keyof AzureDevOpsTrustOptions] !== undefined);
  if (entra && devops.length > 0) {
    throw new WifValidationError(
      field,
      `tenantId/subjectIdentifier (Entra issuer) and ${devops.join(", ")} (Azure DevOps issuer) are set together; a service connection uses one issuer. ` +
        `Copy "Issuer" and "Subject identifier" from the service connection and use the matching form.`,
    );
  }
  const audiences = presetAudiences(field, options.audiences);
  if (entra) {
    const tenant = checkUuid(`${field}.tenantId`, options.tenantId, "Give the Microsoft Entra tenant id.");
    const subject = options.subjectIdentifier;
    const m = typeof subject === "string" ? ENTRA_SUBJECT.exec(subject) : null;
    if (!m) {
      throw new WifValidationError(
        `${field}.subjectIdentifier`,
        `${quote(subject)} is not an Azure DevOps subject identifier of the Entra issuer ("/eid1/c/pub/t/<tenant>/a/<application>/sc/<organization id>/<service connection id>"). ` +
          `Copy "Subject identifier" from the service connection's details.`,
      );
    }
    if (m[1] !== base64UrlGuid(tenant)) {
      throw new WifValidationError(
        `${field}.subjectIdentifier`,
        `${quote(subject)} names the tenant ${quote(m[1])}, but tenantId ${quote(tenant)} is ${quote(base64UrlGuid(tenant))} in this encoding: ` +
          `the credential would never match. Use the tenant the service connection authenticates to.`,
      );
    }
    return {
      issuer: Issuer.fromUrl(`https://login.microsoftonline.com/${tenant}/v2.0`),
      subject: Subject.exactly(m[0]),
      ...audiences,
      claims: {},
      description: `Azure DevOps service connection ${m[4]}`,
    };
  }
  const orgId = checkUuid(
    `${field}.organizationId`,
    options.organizationId,
    "Give the organization id shown as the service connection's issuer (https://vstoken.dev.azure.com/<id>).",
  );
  const org = exact(`${field}.organization`, checkSubjectPart(`${field}.organization`, options.organization, { ...NAME, example: "acme" }));
  const project = exact(`${field}.project`, checkSubjectPart(`${field}.project`, options.project, NAME));
  const connection = exact(
    `${field}.serviceConnection`,
    checkSubjectPart(`${field}.serviceConnection`, options.serviceConnection, { ...NAME, example: "azure-prod" }),
  );
  return {
    issuer: Issuer.fromUrl(`https://vstoken.dev.azure.com/${orgId}`),
    subject: Subject.exactly(`sc://${org}/${project}/${connection}`),
    ...audiences,
    claims: {},
    description: `Azure DevOps ${org}/${project}/${connection}`,
  };
}

/** Service connections are trusted one by one: Entra matches subjects exactly. */
function exact(field: string, value: string): string {
  if (/[*?]/.test(value)) {
    throw new WifValidationError(field, `${quote(value)} holds a wildcard. Name one service connection exactly: Entra matches subjects exactly.`);
  }
  return value;
}

/** A GUID as Entra writes it in `/eid1/` subjects: its 16 bytes in .NET order, base64url without padding. */
export function base64UrlGuid(guid: string): string {
  const hex = guid.replace(/-/g, "");
  const bytes = Buffer.from(hex, "hex");
  const le = Buffer.concat([
    Buffer.from(bytes.subarray(0, 4)).reverse(),
    Buffer.from(bytes.subarray(4, 6)).reverse(),
    Buffer.from(bytes.subarray(6, 8)).reverse(),
    bytes.subarray(8),
  ]);
  return le.toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The `Trust` factories of this issuer kind, registered in `TRUST_PRESETS` (`src/trust/presets/index.ts`). */
export const AZURE_DEVOPS_PRESETS = {
  /** One Azure DevOps service connection, with the Microsoft Entra issuer or the Azure DevOps issuer. */
  azureDevOps: azureDevOpsTrustProps,
} as const;
