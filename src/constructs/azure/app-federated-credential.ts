import { ownProps } from "../own-props";
import type { ApplicationFederatedIdentityCredential } from "@cdktf/provider-azuread/lib/application-federated-identity-credential";
import type { ApplicationFlexibleFederatedIdentityCredential } from "@cdktf/provider-azuread/lib/application-flexible-federated-identity-credential";
import type { ApplicationRegistration } from "@cdktf/provider-azuread/lib/application-registration";
import type { ServicePrincipal } from "@cdktf/provider-azuread/lib/service-principal";
import type { ITerraformOutput } from "../engine-types";
import { Construct } from "constructs";

import { AzureCredential, compileAzureTrust, refusalError } from "../../compile/azure";
import { WifValidationError, checkOptionsObject, quote } from "../../trust/errors";
import { Trust } from "../../trust/trust";
import type { Acknowledgement } from "../../lint/acknowledgement";
import { engineOf } from "../engine";
import { loadProviderModule } from "../providers";
import { emitOutputs, type OutputNames } from "../outputs";
import { rescoped } from "../scoped";
import { addDuplicateCheck } from "../duplicates";
import { terraformText } from "../terraform-literal";
import { gateTrust, writeAcknowledgements } from "../trust-gate";
import { checkGuid, checkPattern } from "./validation";

type ApplicationRegistrationModule = typeof import("@cdktf/provider-azuread/lib/application-registration");
type ServicePrincipalModule = typeof import("@cdktf/provider-azuread/lib/service-principal");
type ExactCredentialModule = typeof import("@cdktf/provider-azuread/lib/application-federated-identity-credential");
type FlexibleCredentialModule = typeof import("@cdktf/provider-azuread/lib/application-flexible-federated-identity-credential");
type ClientConfigModule = typeof import("@cdktf/provider-azuread/lib/data-azuread-client-config");

/** An app registration that already exists. */
export interface AzureExistingApplication {
  /** The application's resource id, `/applications/<objectId>` (azuread `azuread_application.id`). */
  readonly id: string;
  /** The application (client) id, which the workload logs in with. */
  readonly clientId: string;
}

/** Props of `AzureAppFederatedCredential`. Give exactly one of `displayName` (create) and `existingApplication`. */
export interface AzureAppFederatedCredentialProps {
  /** Who may act as the application. Azure must be able to express it exactly, or construction fails. */
  readonly trust: Trust;
  /**
   * Display name of the app registration to create, together with its service principal.
   * @default - none: required unless `existingApplication` is given
   */
  readonly displayName?: string;
  /**
   * Add the credentials to this app registration instead of creating one.
   * @default - a new app registration and service principal are created
   */
  readonly existingApplication?: AzureExistingApplication;
  /**
   * The tenant id for the CI output.
   * @default - `data.azuread_client_config.tenant_id` (the tenant Terraform deploys to)
   */
  readonly tenantId?: string;
  /**
   * Findings of the rule engine accepted explicitly, each with a reason (at least 10 characters),
   * e.g. `[{ rule: "WIF004", reason: "read-only role used by every branch's CI" }]`. Without one,
   * a finding at or above `high` refuses the trust; `medium` and below become synth warnings.
   * @default - none
   */
  readonly acknowledge?: readonly Acknowledgement[];
  /**
   * The CI outputs and their Terraform names: `false` for none, or e.g.
   * `{ clientId: "azure_client_id", tenantId: "azure_tenant_id" }` (only the outputs named are emitted).
   * @default - both outputs under generated names
   */
  readonly outputs?: OutputNames<"clientId" | "tenantId">;
}

const PROPS = ["trust", "displayName", "existingApplication", "tenantId", "acknowledge", "outputs"];
const APPLICATION_ID = /^\/applications\/[0-9a-fA-F-]{36}$/;

/**
 * Federated credentials on an Entra app registration (created with its service principal, or
 * existing): an `azuread_application_federated_identity_credential` per exact subject, and for a
 * pattern subject, or a claim condition the subject does not imply, an
 * `azuread_application_flexible_federated_identity_credential` (GitHub Actions, GitLab and HCP
 * Terraform; preview API). Outputs `client-id` and `tenant-id`. Give the service principal Azure
 * roles yourself (`azurerm_role_assignment` with `servicePrincipalObjectId`).
 *
 * @example
 * new AzureAppFederatedCredential(this, "release", {
 *   trust: Trust.githubActions({ repository: "octo/app", branch: "release-*", repositoryOwnerId: "1234567" }),
 *   displayName: "octo-app-release",
 * }); // claims['sub'] matches 'repo:octo/app:ref:refs/heads/release-*' and claims['repository_owner_id'] eq '1234567'
 */
export class AzureAppFederatedCredential extends Construct {
  /** The application's resource id (`/applications/<objectId>`). */
  public readonly applicationId: string;
  /** The application (client) id the workload logs in with. */
  public readonly clientId: string;
  /** The tenant id the workload logs in to. */
  public readonly tenantId: string;
  /** The created service principal's object id, for role assignments; `undefined` for an existing application. */
  public readonly servicePrincipalObjectId?: string;
  /** The credentials, as compiled from the trust. */
  public readonly credentials: readonly AzureCredential[];
  /** The CI outputs. */
  /** The CI outputs emitted (see the `outputs` prop). */
  public readonly outputs: { readonly clientId?: ITerraformOutput; readonly tenantId?: ITerraformOutput };
  /** Escape hatch: the created `azuread_application_registration`; `undefined` with `existingApplication`. */
  public readonly application?: ApplicationRegistration;
  /** Escape hatch: the created `azuread_service_principal`; `undefined` with `existingApplication`. */
  public readonly servicePrincipal?: ServicePrincipal;
  /** Escape hatch: the credential resources (exact and flexible), by credential name. */
  public readonly credentialResources: Readonly<Record<string, ApplicationFederatedIdentityCredential | ApplicationFlexibleFederatedIdentityCredential>>;

  constructor(scope: Construct, id: string, props: AzureAppFederatedCredentialProps) {
    super(scope, id);
    try {
      const field = "AzureAppFederatedCredential";
      const engine = engineOf(this, field);
      if (props === null || typeof props !== "object")
        throw new WifValidationError(field, `expected props { trust, displayName | existingApplication }, got ${quote(props)}.`);
      props = ownProps(field, props, PROPS);
      if (!(props.trust instanceof Trust)) {
        throw new WifValidationError(`${field}.trust`, `expected a Trust, got ${quote(props.trust)}. Use Trust.githubActions({...}) or new Trust({...}).`);
      }
      if ((props.displayName === undefined) === (props.existingApplication === undefined)) {
        throw new WifValidationError(
          field,
          `set exactly one of displayName (to create an app registration) and existingApplication ({ id: "/applications/<objectId>", clientId }).`,
        );
      }
      const compiled = compileAzureTrust(props.trust, "app-registration");
      if (!compiled.ok) throw refusalError(compiled);
      gateTrust(this, props.trust, { cloud: "azure", acknowledge: props.acknowledge });
      this.credentials = compiled.credentials;

      if (props.existingApplication !== undefined) {
        checkOptionsObject(`${field}.existingApplication`, props.existingApplication, ["id", "clientId"], '{ id: "/applications/<objectId>", clientId }');
        const existing = props.existingApplication;
        this.applicationId = checkPattern(
          `${field}.existingApplication.id`,
          existing.id,
          APPLICATION_ID,
          'an application resource id "/applications/<objectId>"',
        );
        this.clientId = checkGuid(`${field}.existingApplication.clientId`, existing.clientId, "client id");
      } else {
        if (typeof props.displayName !== "string" || props.displayName.trim().length === 0) {
          throw new WifValidationError(`${field}.displayName`, `expected a non-empty display name, got ${quote(props.displayName)}.`);
        }
        const { ApplicationRegistration } = loadProviderModule<ApplicationRegistrationModule>(engine, "azuread", "application-registration", field);
        const { ServicePrincipal } = loadProviderModule<ServicePrincipalModule>(engine, "azuread", "service-principal", field);
        const app = new ApplicationRegistration(this, "application", { displayName: terraformText(props.displayName) });
        const sp = new ServicePrincipal(this, "service-principal", { clientId: app.clientId });
        this.application = app;
        this.servicePrincipal = sp;
        this.applicationId = app.id;
        this.clientId = app.clientId;
        this.servicePrincipalObjectId = sp.objectId;
      }
      if (props.tenantId !== undefined) {
        this.tenantId = checkGuid(`${field}.tenantId`, props.tenantId, "tenant id");
      } else {
        const { DataAzureadClientConfig } = loadProviderModule<ClientConfigModule>(engine, "azuread", "data-azuread-client-config", field);
        this.tenantId = new DataAzureadClientConfig(this, "client-config").tenantId;
      }

      addDuplicateCheck(this);
      const credentialResources: Record<string, ApplicationFederatedIdentityCredential | ApplicationFlexibleFederatedIdentityCredential> = {};
      for (const credential of this.credentials) {
        // The construct id is the credential name: adding or removing a subject keeps every other address.
        if (credential.kind === "exact") {
          const { ApplicationFederatedIdentityCredential } = loadProviderModule<ExactCredentialModule>(
            engine,
            "azuread",
            "application-federated-identity-credential",
            field,
          );
          credentialResources[credential.name] = new ApplicationFederatedIdentityCredential(this, `credential-${credential.name}`, {
            applicationId: this.applicationId,
            displayName: credential.name,
            issuer: credential.issuer,
            subject: credential.subject,
            audiences: [credential.audience],
          });
        } else {
          const { ApplicationFlexibleFederatedIdentityCredential } = loadProviderModule<FlexibleCredentialModule>(
            engine,
            "azuread",
            "application-flexible-federated-identity-credential",
            field,
          );
          credentialResources[credential.name] = new ApplicationFlexibleFederatedIdentityCredential(this, `credential-${credential.name}`, {
            applicationId: this.applicationId,
            displayName: credential.name,
            issuer: credential.issuer,
            audience: credential.audience,
            claimsMatchingExpression: credential.claimsMatchingExpression,
          });
        }
      }

      this.credentialResources = Object.freeze(credentialResources);
      this.outputs = emitOutputs(this, engine, `${field}.outputs`, props.outputs, {
        clientId: { id: "client-id", value: this.clientId, description: "Client id for azure/login (client-id)" },
        tenantId: { id: "tenant-id", value: this.tenantId, description: "Tenant id for azure/login (tenant-id)" },
      });
      writeAcknowledgements(this);
    } catch (err) {
      throw rescoped(this, err);
    }
  }
}
