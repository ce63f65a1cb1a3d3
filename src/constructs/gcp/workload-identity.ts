import type { IamWorkloadIdentityPool } from "@cdktf/provider-google/lib/iam-workload-identity-pool";
import type { IamWorkloadIdentityPoolProvider } from "@cdktf/provider-google/lib/iam-workload-identity-pool-provider";
import type { ProjectIamMember } from "@cdktf/provider-google/lib/project-iam-member";
import type { ServiceAccountIamMember } from "@cdktf/provider-google/lib/service-account-iam-member";
import { Construct } from "constructs";
import { compileGcpProvider, GcpProviderConfig } from "../../compile/gcp/compile";
import type { Trust } from "../../trust/trust";
import { Engine, engineOf } from "../engine";
import { loadProviderModule } from "../providers";
import type { ITerraformOutput } from "../engine-types";
import { emitOutputs } from "../outputs";
import { rescoped } from "../scoped";
import { addDuplicateCheck } from "../duplicates";
import { terraformText } from "../terraform-literal";
import { gateTrust, writeAcknowledgements } from "../trust-gate";
import { GcpWorkloadIdentityProps, resolveGcpProps } from "./props";

type PoolModule = typeof import("@cdktf/provider-google/lib/iam-workload-identity-pool");
type ProviderModule = typeof import("@cdktf/provider-google/lib/iam-workload-identity-pool-provider");
type SaMemberModule = typeof import("@cdktf/provider-google/lib/service-account-iam-member");
type ProjectMemberModule = typeof import("@cdktf/provider-google/lib/project-iam-member");

const USER = "GcpWorkloadIdentity";
const loader =
  (engine: Engine) =>
  <T>(module: string) =>
    loadProviderModule<T>(engine, "google", module, USER);

/**
 * GCP workload identity federation for one `Trust`: a workload identity pool (created, or an
 * existing one by id), an OIDC provider whose attribute condition admits exactly the tokens
 * `trust.accepts` admits, and access for those tokens only: service account impersonation
 * (`roles/iam.workloadIdentityUser`) and/or project roles bound directly.
 *
 * The binding member is `principalSet://.../attribute.wif_provider/<providerId>`, an attribute
 * this provider's mapping sets, so other providers of the same pool never get this access.
 *
 * @example
 * const gcp = new GcpWorkloadIdentity(this, "deploy-gcp", {
 *   trust: Trust.githubActions({ repository: "octo-org/payments", environment: "production" }),
 *   project: "acme-prod", projectNumber: "123456789012", poolId: "ci-pool",
 *   serviceAccountEmail: "deployer@acme-prod.iam.gserviceaccount.com",
 * });
 * gcp.providerName; // projects/123456789012/locations/global/workloadIdentityPools/ci-pool/providers/deploy-gcp
 */
export class GcpWorkloadIdentity extends Construct {
  public readonly trust: Trust;
  /** The pool id (with `idSuffix`, if any). */
  public readonly poolId: string;
  /** The provider id (with `idSuffix`, if any). */
  public readonly providerId: string;
  /** `projects/N/locations/global/workloadIdentityPools/P/providers/X`: `workload_identity_provider` of google-github-actions/auth. */
  public readonly providerName: string;
  /** `//iam.googleapis.com/projects/N/...`: the provider's full resource name, also its default audience. */
  public readonly providerResourceName: string;
  /** The IAM member of the trusted workloads, to bind on other resources (buckets, secrets, ...). */
  public readonly principalSet: string;
  /** The impersonated service account, if any. */
  public readonly serviceAccountEmail?: string;
  /** What the trust compiled to (mapping, condition, audiences). */
  public readonly config: GcpProviderConfig;
  /** The pool, when this construct created it. */
  public readonly pool?: IamWorkloadIdentityPool;
  public readonly provider: IamWorkloadIdentityPoolProvider;
  public readonly serviceAccountBinding?: ServiceAccountIamMember;
  public readonly projectRoleBindings: readonly ProjectIamMember[];
  /** The CI outputs emitted (see `outputs`). */
  public readonly outputs: { readonly workloadIdentityProvider?: ITerraformOutput; readonly serviceAccountEmail?: ITerraformOutput };

  constructor(scope: Construct, id: string, props: GcpWorkloadIdentityProps) {
    super(scope, id);
    try {
      const engine = engineOf(this, USER);
      const load = loader(engine);
      const p = resolveGcpProps(id, props);
      const config = compileGcpProvider(p.trust, { projectNumber: p.projectNumber, poolId: p.poolId, providerId: p.providerId });
      gateTrust(this, p.trust, { cloud: "gcp", acknowledge: p.acknowledge });
      this.trust = p.trust;
      this.poolId = p.poolId;
      this.providerId = p.providerId;
      this.config = config;
      this.providerName = config.providerName;
      this.providerResourceName = config.providerResourceName;
      this.principalSet = config.member;
      this.serviceAccountEmail = p.serviceAccountEmail;
      const description = terraformText(`cdktf-wif: ${p.trust.description}`.slice(0, 256));
      const displayName = p.displayName === undefined ? undefined : terraformText(p.displayName);

      addDuplicateCheck(this);
      if (p.createPool) {
        const { IamWorkloadIdentityPool } = load<PoolModule>("iam-workload-identity-pool");
        this.pool = new IamWorkloadIdentityPool(this, "pool", {
          project: p.project,
          workloadIdentityPoolId: p.poolId,
          displayName: displayName ?? p.poolId,
          description,
          ...(p.dependsOn.length > 0 ? { dependsOn: [...p.dependsOn] } : {}),
        });
      }
      const { IamWorkloadIdentityPoolProvider } = load<ProviderModule>("iam-workload-identity-pool-provider");
      this.provider = new IamWorkloadIdentityPoolProvider(this, "provider", {
        project: p.project,
        workloadIdentityPoolId: this.pool ? this.pool.workloadIdentityPoolId : p.poolId,
        workloadIdentityPoolProviderId: p.providerId,
        displayName: displayName ?? p.providerId,
        description,
        attributeMapping: { ...config.attributeMapping },
        attributeCondition: config.attributeCondition,
        ...(p.dependsOn.length > 0 ? { dependsOn: [...p.dependsOn] } : {}),
        oidc: {
          issuerUri: config.issuerUri,
          ...(config.allowedAudiences.length > 0 ? { allowedAudiences: [...config.allowedAudiences] } : {}),
        },
      });

      if (p.serviceAccountEmail !== undefined) {
        const { ServiceAccountIamMember } = load<SaMemberModule>("service-account-iam-member");
        this.serviceAccountBinding = new ServiceAccountIamMember(this, "workload-identity-user", {
          serviceAccountId: `projects/${serviceAccountProject(p.serviceAccountEmail) ?? p.project}/serviceAccounts/${p.serviceAccountEmail}`,
          role: "roles/iam.workloadIdentityUser",
          member: config.member,
          dependsOn: [this.provider],
        });
      }
      const bindings: ProjectIamMember[] = [];
      if (p.projectRoles.length > 0) {
        const { ProjectIamMember } = load<ProjectMemberModule>("project-iam-member");
        for (const role of p.projectRoles) {
          bindings.push(
            new ProjectIamMember(this, `role-${role.replace(/[^A-Za-z0-9_.-]+/g, "-")}`, {
              project: p.project,
              role,
              member: config.member,
              dependsOn: [this.provider],
            }),
          );
        }
      }
      this.projectRoleBindings = Object.freeze(bindings);

      this.outputs = emitOutputs(this, engine, `${USER}.outputs`, p.outputs, {
        workloadIdentityProvider: {
          id: "workload_identity_provider",
          value: config.providerName,
          description: "Workload identity provider for CI login (google-github-actions/auth workload_identity_provider)",
        },
        serviceAccountEmail:
          p.serviceAccountEmail === undefined
            ? undefined
            : {
                id: "service_account_email",
                value: p.serviceAccountEmail,
                description: "Service account the trusted workloads impersonate (google-github-actions/auth service_account)",
              },
      });
      writeAcknowledgements(this);
    } catch (err) {
      throw rescoped(this, err);
    }
  }
}

/** The project of a user-managed service account (`NAME@PROJECT.iam.gserviceaccount.com`). */
function serviceAccountProject(email: string): string | undefined {
  return /^[^@]+@([a-z][a-z0-9-]+)\.iam\.gserviceaccount\.com$/.exec(email)?.[1];
}
