import { ownProps } from "../own-props";
import type { FederatedIdentityCredential } from "@cdktf/provider-azurerm/lib/federated-identity-credential";
import type { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import type { UserAssignedIdentity } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
import { createHash } from "crypto";

import type { ITerraformOutput } from "../engine-types";
import { Construct } from "constructs";

import { AzureExactCredential, compileAzureTrust, refusalError } from "../../compile/azure";
import { WifValidationError, checkOptionsObject, quote } from "../../trust/errors";
import { Trust } from "../../trust/trust";
import type { Acknowledgement } from "../../lint/acknowledgement";
import { engineOf } from "../engine";
import { loadProviderModule } from "../providers";
import { defaultAzureIdentityName } from "../default-names";
import { emitOutputs, type OutputNames } from "../outputs";
import { rescoped } from "../scoped";
import { addDuplicateCheck } from "../duplicates";
import { terraformTags, terraformText } from "../terraform-literal";
import { gateTrust, writeAcknowledgements } from "../trust-gate";
import { checkGuid, checkPattern, checkTags } from "./validation";

type UserAssignedIdentityModule = typeof import("@cdktf/provider-azurerm/lib/user-assigned-identity");
type FederatedIdentityCredentialModule = typeof import("@cdktf/provider-azurerm/lib/federated-identity-credential");
type RoleAssignmentModule = typeof import("@cdktf/provider-azurerm/lib/role-assignment");
type ClientConfigModule = typeof import("@cdktf/provider-azurerm/lib/data-azurerm-client-config");

/** A user-assigned managed identity that already exists. */
export interface AzureExistingIdentity {
  /** Resource id: `/subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>`. */
  readonly id: string;
  /** The identity's principal (object) id, which role assignments name. */
  readonly principalId: string;
  /** The identity's client id, which the workload logs in with. */
  readonly clientId: string;
}

/** One Azure RBAC role given to the identity. Set exactly one of `roleDefinitionName` and `roleDefinitionId`. */
export interface AzureRoleAssignment {
  /** e.g. `/subscriptions/<sub>/resourceGroups/rg-app`. */
  readonly scope: string;
  /** A built-in or custom role name, e.g. `Contributor`. */
  readonly roleDefinitionName?: string;
  /** A role definition resource id. */
  readonly roleDefinitionId?: string;
  /** @default - none */
  readonly description?: string;
}

/** Props of `AzureFederatedIdentity`. */
export interface AzureFederatedIdentityProps {
  /** Who may act as the identity. Azure must be able to express it exactly, or construction fails. */
  readonly trust: Trust;
  /** The resource group of the identity (created or existing); the credentials live there too. */
  readonly resourceGroupName: string;
  /**
   * Where to create the identity. Required unless `existingIdentity` is given.
   * @default - none
   */
  readonly location?: string;
  /**
   * Name of the created identity (3-128 characters of letters, digits, `-` and `_`, starting with a letter or digit).
   * @default - derived from the construct id (other characters as `-`, padded to 3 characters)
   */
  readonly identityName?: string;
  /**
   * Use this identity instead of creating one.
   * @default - a new user-assigned identity is created
   */
  readonly existingIdentity?: AzureExistingIdentity;
  /** @default - no role assignments */
  readonly roleAssignments?: readonly AzureRoleAssignment[];
  /**
   * The tenant id for the CI output.
   * @default - the created identity's `tenant_id`; for an existing identity, `data.azurerm_client_config.tenant_id`
   */
  readonly tenantId?: string;
  /** @default - no tags */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Findings of the rule engine accepted explicitly, each with a reason (at least 10 characters),
   * e.g. `[{ rule: "WIF004", reason: "read-only role used by every branch's CI" }]`. Without one,
   * a finding at or above `high` refuses the trust; `medium` and below become synth warnings.
   * @default - none
   */
  readonly acknowledge?: readonly Acknowledgement[];
  /**
   * The CI outputs and their Terraform names: `false` for none, or e.g.
   * `{ clientId: "azure_client_id", tenantId: "azure_tenant_id", subscriptionId: "azure_subscription_id" }`
   * (only the outputs named are emitted).
   * @default - the three outputs under generated names
   */
  readonly outputs?: OutputNames<"clientId" | "tenantId" | "subscriptionId">;
}

const PROPS = ["trust", "resourceGroupName", "location", "identityName", "existingIdentity", "roleAssignments", "tenantId", "tags", "acknowledge", "outputs"];
const IDENTITY_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/[^/]+$/i;
const IDENTITY_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$/;

/**
 * A user-assigned managed identity (created or existing) that workloads with tokens admitted by a
 * `Trust` can log in as: one `azurerm_federated_identity_credential` per exact subject, the role
 * assignments, and outputs `client-id`, `tenant-id` and `subscription-id` for `azure/login`.
 * Managed identities only have exact credentials: patterns and claim conditions the subject does not
 * imply are refused at construction (see `AzureAppFederatedCredential` for flexible credentials).
 *
 * @example
 * new AzureFederatedIdentity(this, "deploy-az", {
 *   trust: Trust.githubActions({ repository: "octo-org/payments", environment: "production" }),
 *   resourceGroupName: "rg-ci", location: "westeurope",
 *   roleAssignments: [{ scope: "/subscriptions/0000.../resourceGroups/rg-app", roleDefinitionName: "Contributor" }],
 * });
 */
export class AzureFederatedIdentity extends Construct {
  /** The identity's resource id. */
  public readonly identityId: string;
  /** The identity's principal (object) id. */
  public readonly principalId: string;
  /** The client id the workload logs in with. */
  public readonly clientId: string;
  /** The tenant id the workload logs in to. */
  public readonly tenantId: string;
  /** The identity's subscription id, read from its resource id. */
  public readonly subscriptionId: string;
  /** The credentials, as compiled from the trust. */
  public readonly credentials: readonly AzureExactCredential[];
  /** The CI outputs. */
  /** The CI outputs emitted (see the `outputs` prop). */
  public readonly outputs: { readonly clientId?: ITerraformOutput; readonly tenantId?: ITerraformOutput; readonly subscriptionId?: ITerraformOutput };
  /** Escape hatch: the created `azurerm_user_assigned_identity`; `undefined` with `existingIdentity`. */
  public readonly identity?: UserAssignedIdentity;
  /** Escape hatch: the `azurerm_federated_identity_credential` resources, by credential name. */
  public readonly credentialResources: Readonly<Record<string, FederatedIdentityCredential>>;
  /** Escape hatch: the `azurerm_role_assignment` resources. */
  public readonly roleAssignmentResources: readonly RoleAssignment[];

  constructor(scope: Construct, id: string, props: AzureFederatedIdentityProps) {
    super(scope, id);
    try {
      const field = "AzureFederatedIdentity";
      const engine = engineOf(this, field);
      const { Fn, Token } = engine.api;
      if (props === null || typeof props !== "object")
        throw new WifValidationError(field, `expected props { trust, resourceGroupName, ... }, got ${quote(props)}.`);
      props = ownProps(field, props, PROPS);
      if (!(props.trust instanceof Trust)) {
        throw new WifValidationError(`${field}.trust`, `expected a Trust, got ${quote(props.trust)}. Use Trust.githubActions({...}) or new Trust({...}).`);
      }
      if (typeof props.resourceGroupName !== "string" || props.resourceGroupName.length === 0) {
        throw new WifValidationError(`${field}.resourceGroupName`, `expected the identity's resource group name, got ${quote(props.resourceGroupName)}.`);
      }
      const roleAssignments = checkRoleAssignments(`${field}.roleAssignments`, props.roleAssignments ?? []);

      const compiled = compileAzureTrust(props.trust, "managed-identity");
      if (!compiled.ok) throw refusalError(compiled);
      gateTrust(this, props.trust, { cloud: "azure", acknowledge: props.acknowledge });
      this.credentials = compiled.credentials.filter((c): c is AzureExactCredential => c.kind === "exact");

      if (props.existingIdentity !== undefined) {
        checkOptionsObject(`${field}.existingIdentity`, props.existingIdentity, ["id", "principalId", "clientId"], "{ id, principalId, clientId }");
        for (const key of ["location", "identityName", "tags"] as const) {
          if (props[key] !== undefined) {
            throw new WifValidationError(`${field}.${key}`, `has no effect with existingIdentity (${quote(props.existingIdentity.id)}); remove it.`);
          }
        }
        const existing = props.existingIdentity;
        this.identityId = checkPattern(
          `${field}.existingIdentity.id`,
          existing.id,
          IDENTITY_ID,
          "a user-assigned identity resource id (/subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>)",
        );
        const idGroup = Token.isUnresolved(this.identityId) ? undefined : this.identityId.split("/")[4];
        if (idGroup !== undefined && !Token.isUnresolved(props.resourceGroupName) && idGroup.toLowerCase() !== props.resourceGroupName.toLowerCase()) {
          throw new WifValidationError(
            `${field}.resourceGroupName`,
            `${quote(props.resourceGroupName)} is not the resource group of the existing identity (${quote(idGroup)}); its federated credentials must live in the identity's resource group.`,
          );
        }
        this.principalId = checkGuid(`${field}.existingIdentity.principalId`, existing.principalId, "principal id");
        this.clientId = checkGuid(`${field}.existingIdentity.clientId`, existing.clientId, "client id");
        if (props.tenantId !== undefined) {
          this.tenantId = checkGuid(`${field}.tenantId`, props.tenantId, "tenant id");
        } else {
          const { DataAzurermClientConfig } = loadProviderModule<ClientConfigModule>(engine, "azurerm", "data-azurerm-client-config", field);
          this.tenantId = new DataAzurermClientConfig(this, "client-config").tenantId;
        }
        this.subscriptionId = Token.isUnresolved(this.identityId) ? Fn.element(Fn.split("/", this.identityId), 2) : this.identityId.split("/")[2];
      } else {
        if (typeof props.location !== "string" || props.location.length === 0) {
          throw new WifValidationError(
            `${field}.location`,
            `is required to create the identity (got ${quote(props.location)}); e.g. "westeurope". Or pass existingIdentity.`,
          );
        }
        const tags = checkTags(`${field}.tags`, props.tags);
        const name = props.identityName ?? defaultAzureIdentityName(id);
        const rule = "3-128 letters, digits, '-' or '_', starting with a letter or digit";
        checkPattern(`${field}.identityName`, name, IDENTITY_NAME, rule);
        const { UserAssignedIdentity } = loadProviderModule<UserAssignedIdentityModule>(engine, "azurerm", "user-assigned-identity", field);
        const identity = new UserAssignedIdentity(this, "identity", {
          name,
          resourceGroupName: terraformText(props.resourceGroupName),
          location: terraformText(props.location),
          ...(tags ? { tags: terraformTags(tags) } : {}),
        });
        this.identity = identity;
        this.identityId = identity.id;
        this.principalId = identity.principalId;
        this.clientId = identity.clientId;
        this.tenantId = props.tenantId !== undefined ? checkGuid(`${field}.tenantId`, props.tenantId, "tenant id") : identity.tenantId;
        this.subscriptionId = Fn.element(Fn.split("/", identity.id), 2);
      }

      addDuplicateCheck(this);
      const credentialResources: Record<string, FederatedIdentityCredential> = {};
      const { FederatedIdentityCredential } = loadProviderModule<FederatedIdentityCredentialModule>(engine, "azurerm", "federated-identity-credential", field);
      for (const credential of this.credentials) {
        // The construct id is the credential name: adding or removing a subject keeps every other address.
        credentialResources[credential.name] = new FederatedIdentityCredential(this, `credential-${credential.name}`, {
          name: credential.name,
          resourceGroupName: terraformText(props.resourceGroupName),
          parentId: this.identityId,
          issuer: credential.issuer,
          subject: credential.subject,
          audience: [credential.audience],
        });
      }

      const roleAssignmentResources: RoleAssignment[] = [];
      if (roleAssignments.length > 0) {
        const { RoleAssignment } = loadProviderModule<RoleAssignmentModule>(engine, "azurerm", "role-assignment", field);
        for (const assignment of roleAssignments) {
          // Keyed by what it grants, not by list position, so removing one keeps the others in place.
          const key = createHash("sha256")
            .update(`${assignment.scope}\n${assignment.roleDefinitionName ?? ""}\n${assignment.roleDefinitionId ?? ""}`)
            .digest("hex")
            .slice(0, 12);
          roleAssignmentResources.push(
            new RoleAssignment(this, `role-${key}`, {
              scope: terraformText(assignment.scope),
              principalId: this.principalId,
              principalType: "ServicePrincipal",
              ...(assignment.roleDefinitionName !== undefined ? { roleDefinitionName: terraformText(assignment.roleDefinitionName) } : {}),
              ...(assignment.roleDefinitionId !== undefined ? { roleDefinitionId: terraformText(assignment.roleDefinitionId) } : {}),
              ...(assignment.description !== undefined ? { description: terraformText(assignment.description) } : {}),
            }),
          );
        }
      }

      this.credentialResources = Object.freeze(credentialResources);
      this.roleAssignmentResources = Object.freeze(roleAssignmentResources);
      this.outputs = emitOutputs(this, engine, `${field}.outputs`, props.outputs, {
        clientId: { id: "client-id", value: this.clientId, description: "Client id for azure/login (client-id)" },
        tenantId: { id: "tenant-id", value: this.tenantId, description: "Tenant id for azure/login (tenant-id)" },
        subscriptionId: { id: "subscription-id", value: this.subscriptionId, description: "Subscription id of the identity for azure/login (subscription-id)" },
      });
      writeAcknowledgements(this);
    } catch (err) {
      throw rescoped(this, err);
    }
  }
}

function checkRoleAssignments(field: string, assignments: unknown): readonly AzureRoleAssignment[] {
  if (!Array.isArray(assignments))
    throw new WifValidationError(field, `expected a list of { scope, roleDefinitionName | roleDefinitionId }, got ${quote(assignments)}.`);
  assignments.forEach((a: AzureRoleAssignment, i) => {
    const at = `${field}[${i}]`;
    checkOptionsObject(
      at,
      a,
      ["scope", "roleDefinitionName", "roleDefinitionId", "description"],
      "{ scope, roleDefinitionName | roleDefinitionId, description? }",
    );
    checkPattern(`${at}.scope`, a.scope, /^\/.+/, 'an Azure scope such as "/subscriptions/<id>/resourceGroups/<rg>"');
    const set = [a.roleDefinitionName, a.roleDefinitionId].filter((v) => v !== undefined).length;
    if (set !== 1) {
      throw new WifValidationError(at, `set exactly one of roleDefinitionName (e.g. "Contributor") and roleDefinitionId; got ${quote(a)}.`);
    }
    for (const key of ["roleDefinitionName", "roleDefinitionId", "description"] as const) {
      const v = a[key];
      if (v !== undefined && (typeof v !== "string" || v.length === 0))
        throw new WifValidationError(`${at}.${key}`, `expected a non-empty string, got ${quote(v)}.`);
    }
  });
  return assignments;
}
