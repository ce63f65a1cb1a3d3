import { ownProps } from "./own-props";
import { Construct } from "constructs";
import { Cloud } from "../trust/audiences";
import { quote } from "../trust/errors";
import { defaultAzureIdentityName, defaultGcpId } from "./default-names";
import { scopedError, scopedToConstruct } from "./scoped";
import type { Acknowledgement } from "../lint/acknowledgement";
import { checkAcknowledgement } from "../lint/acknowledgement";
import { lintTrust } from "../lint/lint-trust";
import { Trust } from "../trust/trust";
import { AwsWorkloadIdentityRole, AwsWorkloadIdentityRoleProps } from "./aws";
import { AzureAppFederatedCredential, AzureAppFederatedCredentialProps, AzureFederatedIdentity, AzureFederatedIdentityProps } from "./azure";
import { GcpWorkloadIdentity, GcpWorkloadIdentityProps } from "./gcp";

/** Props of `FederatedWorkload`: one trust, and the clouds it is deployed to (at least one). */
export interface FederatedWorkloadProps {
  /** The one declaration every cloud is built from. */
  readonly trust: Trust;
  /**
   * An AWS role (and OIDC provider unless `oidcProvider` is given) for the trust.
   * @default - no AWS resources
   */
  readonly aws?: Omit<AwsWorkloadIdentityRoleProps, "trust">;
  /**
   * A GCP workload identity provider (and pool, bindings) for the trust. `providerId` defaults to
   * this workload's id, lowercased with other characters as "-".
   * @default - no GCP resources
   */
  readonly gcp?: Omit<GcpWorkloadIdentityProps, "trust">;
  /**
   * An Azure user-assigned managed identity with federated credentials and role assignments.
   * `identityName` defaults to this workload's id.
   * @default - no Azure managed identity
   */
  readonly azure?: Omit<AzureFederatedIdentityProps, "trust">;
  /**
   * An Azure app registration with federated (or flexible) credentials: use it for pattern subjects.
   * @default - no Azure app registration
   */
  readonly azureApp?: Omit<AzureAppFederatedCredentialProps, "trust">;
  /**
   * Findings of the rule engine accepted explicitly, each with a reason (at least 10 characters).
   * Each cloud gets the acknowledgements of the findings it has; one that matches no cloud's
   * finding is an error (it would silently hide a future finding).
   * @default - none
   */
  readonly acknowledge?: readonly Acknowledgement[];
}

const PROPS: readonly (keyof FederatedWorkloadProps)[] = ["trust", "aws", "gcp", "azure", "azureApp", "acknowledge"];
const TARGETS = ["aws", "gcp", "azure", "azureApp"] as const;
type Target = (typeof TARGETS)[number];

const CLOUD_OF: Record<Target, Cloud> = { aws: "aws", gcp: "gcp", azure: "azure", azureApp: "azure" };
const CHILD_ID: Record<Target, string> = { aws: "aws", gcp: "gcp", azure: "azure", azureApp: "azure-app" };

/**
 * One trust, deployed to every cloud named in the props. Each cloud's construct is built from the
 * same `Trust`; if one cloud cannot express the trust, the error names that cloud and why, and no
 * cloud's resources are left in the tree.
 *
 * @example
 * const payments = new FederatedWorkload(this, "payments", {
 *   trust: Trust.githubActions({ repository: "octo-org/payments", environment: "production",
 *     repositoryOwnerId: "1234567", repositoryId: "7654321", immutableSubject: true }),
 *   aws: { roleName: "payments-deploy", managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] },
 *   gcp: { project: "acme-prod", projectNumber: "123456789012", poolId: "ci-pool",
 *          serviceAccountEmail: "deployer@acme-prod.iam.gserviceaccount.com" },
 *   azure: { resourceGroupName: "rg-ci", location: "westeurope",
 *            roleAssignments: [{ scope: "/subscriptions/.../resourceGroups/rg-app", roleDefinitionName: "Contributor" }] },
 * });
 * payments.aws?.roleArn; payments.gcp?.providerName; payments.azure?.clientId;
 */
export class FederatedWorkload extends Construct {
  public readonly trust: Trust;
  /** The AWS role, when `aws` was given. */
  public readonly aws?: AwsWorkloadIdentityRole;
  /** The GCP provider and bindings, when `gcp` was given. */
  public readonly gcp?: GcpWorkloadIdentity;
  /** The Azure managed identity, when `azure` was given. */
  public readonly azure?: AzureFederatedIdentity;
  /** The Azure app registration, when `azureApp` was given. */
  public readonly azureApp?: AzureAppFederatedCredential;

  constructor(scope: Construct, id: string, props: FederatedWorkloadProps) {
    super(scope, id);
    const field = "FederatedWorkload";
    if (props === null || typeof props !== "object") {
      throw scopedError(this, `${field}`, `expected props { trust, aws?, gcp?, azure?, azureApp? }, got ${quote(props)}.`);
    }
    props = scopedToConstruct(this, () => ownProps(field, props, PROPS));
    if (!(props.trust instanceof Trust)) {
      throw scopedError(this, `${field}.trust`, `expected a Trust (e.g. Trust.githubActions({...})), got ${quote(props.trust)}.`);
    }
    const targets = TARGETS.filter((t) => props[t] !== undefined);
    for (const t of targets) {
      const given = props[t];
      if (typeof given !== "object" || Array.isArray(given)) {
        throw scopedError(
          this,
          `${field}.${t}`,
          `expected the ${t} props as an object (e.g. ${t}: {} for the defaults), got ${quote(given)}. Leave ${t} out to create nothing there.`,
        );
      }
    }
    if (targets.length === 0) {
      throw scopedError(this, field, `no cloud is named, so nothing would be created. Give at least one of aws, gcp, azure or azureApp.`);
    }
    this.trust = props.trust;
    const acknowledgements = acknowledgementsPerTarget(this, props.trust, targets, props.acknowledge);

    const built: Partial<Record<Target, Construct>> = {};
    for (const target of targets) {
      try {
        built[target] = this.buildTarget(target, props, acknowledgements[target]);
      } catch (err) {
        // Leave nothing half-built: remove what this workload created, and the workload itself,
        // so a caller that catches the error can build again under the same id.
        for (const t of TARGETS) this.node.tryRemoveChild(CHILD_ID[t]);
        scope.node.tryRemoveChild(id);
        throw cloudError(this, target, err);
      }
    }
    this.aws = built.aws as AwsWorkloadIdentityRole | undefined;
    this.gcp = built.gcp as GcpWorkloadIdentity | undefined;
    this.azure = built.azure as AzureFederatedIdentity | undefined;
    this.azureApp = built.azureApp as AzureAppFederatedCredential | undefined;
  }

  private buildTarget(target: Target, props: FederatedWorkloadProps, shared: readonly Acknowledgement[]): Construct {
    const trust = props.trust;
    const acknowledge = (own: readonly Acknowledgement[] | undefined) => [...(own ?? []), ...shared];
    switch (target) {
      case "aws":
        return new AwsWorkloadIdentityRole(this, CHILD_ID.aws, { ...props.aws, trust, acknowledge: acknowledge(props.aws?.acknowledge) });
      case "gcp":
        return new GcpWorkloadIdentity(this, CHILD_ID.gcp, {
          ...(props.gcp as Omit<GcpWorkloadIdentityProps, "trust">),
          providerId: props.gcp?.providerId ?? defaultGcpId(this.node.id),
          trust,
          acknowledge: acknowledge(props.gcp?.acknowledge),
        });
      case "azure":
        return new AzureFederatedIdentity(this, CHILD_ID.azure, {
          ...(props.azure as Omit<AzureFederatedIdentityProps, "trust">),
          ...(props.azure?.existingIdentity === undefined ? { identityName: props.azure?.identityName ?? defaultAzureIdentityName(this.node.id) } : {}),
          trust,
          acknowledge: acknowledge(props.azure?.acknowledge),
        });
      case "azureApp":
        return new AzureAppFederatedCredential(this, CHILD_ID.azureApp, { ...props.azureApp, trust, acknowledge: acknowledge(props.azureApp?.acknowledge) });
    }
  }
}

/**
 * Hands each cloud the workload's acknowledgements that match one of its own findings. A malformed
 * acknowledgement, or one that matches no cloud's finding, is refused here.
 */
function acknowledgementsPerTarget(
  workload: Construct,
  trust: Trust,
  targets: readonly Target[],
  acknowledge: readonly Acknowledgement[] | undefined,
): Record<Target, readonly Acknowledgement[]> {
  const out: Record<Target, Acknowledgement[]> = { aws: [], gcp: [], azure: [], azureApp: [] };
  if (acknowledge === undefined) return out;
  if (!Array.isArray(acknowledge)) {
    throw scopedError(workload, "FederatedWorkload.acknowledge", `expected a list of { rule, reason }, got ${quote(acknowledge)}.`);
  }
  const rules = new Map(targets.map((t) => [t, new Set(lintTrust(trust, { cloud: CLOUD_OF[t] }).map((f) => f.rule))]));
  acknowledge.forEach((a, i) => {
    const checked = checkAcknowledgement(a);
    if ("problem" in checked) throw scopedError(workload, `FederatedWorkload.acknowledge[${i}]`, checked.problem);
    const users = targets.filter((t) => rules.get(t)!.has(a.rule));
    if (users.length === 0) {
      throw scopedError(
        workload,
        `FederatedWorkload.acknowledge[${i}]`,
        `acknowledges ${a.rule}, but no cloud of this workload (${targets.join(", ")}) has a ${a.rule} finding for the trust ${quote(trust.description)}. ` +
          `Remove the acknowledgement: an unused one would silently hide a future ${a.rule} finding.`,
      );
    }
    for (const t of users) out[t].push(a);
  });
  return out;
}

function cloudError(workload: Construct, target: Target, err: unknown): Error {
  if (!(err instanceof Error)) return new Error(String(err));
  const cloud = CLOUD_OF[target];
  const what = target === "azureApp" ? "azure (app registration)" : target === "azure" ? "azure (managed identity)" : cloud;
  return scopedError(workload, `FederatedWorkload.${target}`, `${what} cannot take this trust, so no cloud's resources were created. ${err.message}`, err);
}
