import { ownProps } from "../own-props";
import type { ITerraformDependable } from "../engine-types";
import { isUnresolved } from "../engine";
import { checkGcpId, checkProjectNumber } from "../../compile/gcp/limits";
import type { Acknowledgement } from "../../lint/acknowledgement";
import { WifValidationError, quote } from "../../trust/errors";
import { Trust } from "../../trust/trust";
import { defaultGcpId } from "../default-names";
import type { OutputNames } from "../outputs";

/** Props of `GcpWorkloadIdentity`. Set exactly one of `poolId` and `existingPoolId`. */
export interface GcpWorkloadIdentityProps {
  /** The trust to compile: who may exchange tokens through this provider. */
  readonly trust: Trust;
  /** The project id (e.g. `acme-prod`) that holds the pool, the provider and the project role bindings. */
  readonly project: string;
  /** The project **number** (digits): IAM principal identifiers and the provider's resource name use it. */
  readonly projectNumber: string;
  /**
   * Creates a workload identity pool with this id (4-32 `[a-z0-9-]`, not `gcp-...`).
   * @default - none: set `existingPoolId` instead
   */
  readonly poolId?: string;
  /**
   * Adds the provider to an existing pool with this id instead of creating one.
   * @default - none: set `poolId` instead
   */
  readonly existingPoolId?: string;
  /**
   * The provider id inside the pool (4-32 `[a-z0-9-]`, not `gcp-...`).
   * @default - derived from the construct id: lowercased, other characters as `-`, padded or cut (with a hash) to a valid id
   */
  readonly providerId?: string;
  /**
   * Appended as `-<suffix>` to the created pool id and to the provider id. GCP keeps a deleted pool
   * or provider for 30 days and refuses its id meanwhile: change the suffix to recreate them at once.
   * @default - no suffix
   */
  readonly idSuffix?: string;
  /**
   * Lets the trusted workloads impersonate this service account (`roles/iam.workloadIdentityUser`).
   * @default - no impersonation binding
   */
  readonly serviceAccountEmail?: string;
  /**
   * Grants these roles on `project` to the trusted workloads directly (no service account),
   * e.g. `["roles/storage.objectViewer"]`.
   * @default - no project role bindings
   */
  readonly projectRoles?: readonly string[];
  /**
   * Display name of the pool and the provider (at most 32 characters).
   * @default - their ids
   */
  readonly displayName?: string;
  /**
   * Resources the pool and the provider must wait for, e.g. the pool of another
   * `GcpWorkloadIdentity` of the same stack named by `existingPoolId`.
   * @default - none
   */
  readonly dependsOn?: readonly ITerraformDependable[];
  /**
   * Findings of the rule engine accepted explicitly, each with a reason (at least 10 characters),
   * e.g. `[{ rule: "WIF004", reason: "read-only role used by every branch's CI" }]`. Without one,
   * a finding at or above `high` refuses the trust; `medium` and below become synth warnings.
   * @default - none
   */
  readonly acknowledge?: readonly Acknowledgement[];
  /**
   * The CI outputs and their Terraform names: `false` for none, or e.g.
   * `{ workloadIdentityProvider: "gcp_workload_identity_provider", serviceAccountEmail: "gcp_service_account" }`
   * (only the outputs named are emitted).
   * @default - both outputs under generated names
   */
  readonly outputs?: OutputNames<"workloadIdentityProvider" | "serviceAccountEmail">;
}

const PROPS: readonly (keyof GcpWorkloadIdentityProps)[] = [
  "trust",
  "project",
  "projectNumber",
  "poolId",
  "existingPoolId",
  "providerId",
  "idSuffix",
  "serviceAccountEmail",
  "projectRoles",
  "displayName",
  "dependsOn",
  "acknowledge",
  "outputs",
];

/** The validated props with the ids resolved. */
export interface ResolvedGcpProps {
  readonly trust: Trust;
  readonly project: string;
  readonly projectNumber: string;
  readonly poolId: string;
  readonly createPool: boolean;
  readonly providerId: string;
  readonly serviceAccountEmail?: string;
  readonly projectRoles: readonly string[];
  readonly displayName?: string;
  readonly dependsOn: readonly ITerraformDependable[];
  /** The acknowledgements and outputs as read (once) with the other props. */
  readonly acknowledge?: GcpWorkloadIdentityProps["acknowledge"];
  readonly outputs?: GcpWorkloadIdentityProps["outputs"];
}

const FIELD = "GcpWorkloadIdentity";
const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const ROLE = /^(roles\/[A-Za-z0-9_.]+|projects\/[a-z][a-z0-9-]{4,28}[a-z0-9]\/roles\/[A-Za-z0-9_.]+|organizations\/[0-9]+\/roles\/[A-Za-z0-9_.]+)$/;
const SERVICE_ACCOUNT = /^[a-z0-9][a-z0-9-]*@[a-z0-9][a-z0-9.-]*\.gserviceaccount\.com$/;

/** Validates the props (throws `WifValidationError`) and resolves the pool and provider ids. */
export function resolveGcpProps(constructId: string, props: GcpWorkloadIdentityProps): ResolvedGcpProps {
  if (props === null || typeof props !== "object") {
    throw new WifValidationError(FIELD, `expected props { trust, project, projectNumber, poolId | existingPoolId, ... }, got ${quote(props)}.`);
  }
  props = ownProps(FIELD, props, PROPS);
  if (!(props.trust instanceof Trust)) {
    throw new WifValidationError(`${FIELD}.trust`, `expected a Trust, got ${quote(props.trust)}. Build one with Trust.githubActions(...) or new Trust({...}).`);
  }
  if (typeof props.project !== "string" || props.project.length === 0) {
    throw new WifValidationError(`${FIELD}.project`, `expected the project id, got ${quote(props.project)}.`);
  }
  if (!isUnresolved(props.project) && !PROJECT_ID.test(props.project)) {
    throw new WifValidationError(
      `${FIELD}.project`,
      `${quote(props.project)} is not a GCP project id: 6-30 lowercase letters, digits or "-", starting with a letter, not ending with "-" (e.g. "acme-prod").`,
    );
  }
  for (const key of ["projectNumber", "poolId", "existingPoolId", "providerId", "idSuffix"] as const) {
    if (typeof props[key] === "string" && isUnresolved(props[key])) {
      throw new WifValidationError(
        `${FIELD}.${key}`,
        `is a token (${props[key]}), but it must be a literal: the provider's resource name and the IAM member are built from it at synth time.`,
      );
    }
  }
  if ((props.poolId === undefined) === (props.existingPoolId === undefined)) {
    throw new WifValidationError(
      `${FIELD}.poolId`,
      props.poolId === undefined
        ? `set poolId to create a workload identity pool, or existingPoolId to add the provider to an existing one.`
        : `poolId (${quote(props.poolId)}) and existingPoolId (${quote(props.existingPoolId)}) are both set; set only one.`,
    );
  }
  checkProjectNumber(`${FIELD}.projectNumber`, props.projectNumber);
  const suffix = props.idSuffix === undefined ? "" : `-${checkSuffix(props.idSuffix)}`;
  const createPool = props.poolId !== undefined;
  const poolId = createPool
    ? checkGcpId(`${FIELD}.poolId`, `${checkGcpId(`${FIELD}.poolId`, props.poolId)}${suffix}`)
    : checkGcpId(`${FIELD}.existingPoolId`, props.existingPoolId);
  const providerBase = props.providerId ?? defaultGcpId(constructId);
  const providerId = checkGcpId(`${FIELD}.providerId`, `${checkGcpId(`${FIELD}.providerId`, providerBase)}${suffix}`);
  return {
    trust: props.trust,
    project: props.project,
    projectNumber: props.projectNumber,
    poolId,
    createPool,
    providerId,
    serviceAccountEmail: props.serviceAccountEmail === undefined ? undefined : checkServiceAccount(props.serviceAccountEmail),
    projectRoles: props.projectRoles === undefined ? [] : checkRoles(props.projectRoles),
    displayName: props.displayName === undefined ? undefined : checkDisplayName(props.displayName),
    dependsOn: props.dependsOn === undefined ? [] : checkDependsOn(props.dependsOn),
    acknowledge: props.acknowledge,
    outputs: props.outputs,
  };
}

function checkSuffix(value: unknown): string {
  if (typeof value !== "string" || !/^[a-z0-9]{1,8}$/.test(value)) {
    throw new WifValidationError(`${FIELD}.idSuffix`, `${quote(value)} is not a usable id suffix: use 1-8 lowercase letters or digits, e.g. "v2".`);
  }
  return value;
}

function checkServiceAccount(value: unknown): string {
  if (typeof value === "string" && isUnresolved(value)) return value;
  if (typeof value !== "string" || !SERVICE_ACCOUNT.test(value)) {
    throw new WifValidationError(
      `${FIELD}.serviceAccountEmail`,
      `${quote(value)} is not a service account email. Give e.g. "deployer@acme-prod.iam.gserviceaccount.com".`,
    );
  }
  return value;
}

function checkRoles(roles: unknown): readonly string[] {
  if (!Array.isArray(roles) || roles.length === 0) {
    throw new WifValidationError(`${FIELD}.projectRoles`, `expected a non-empty list of roles, got ${quote(roles)}. Omit projectRoles to grant none.`);
  }
  const seen = new Set<string>();
  for (const role of roles) {
    if (typeof role !== "string" || !ROLE.test(role)) {
      throw new WifValidationError(
        `${FIELD}.projectRoles`,
        `${quote(role)} is not a role name. Use a predefined role ("roles/storage.objectViewer") or a custom one ("projects/PROJECT/roles/NAME", "organizations/ORG/roles/NAME").`,
      );
    }
    if (seen.has(role)) throw new WifValidationError(`${FIELD}.projectRoles`, `${quote(role)} is listed twice. List each role once.`);
    seen.add(role);
  }
  return Object.freeze([...roles] as string[]);
}

/** Resources to wait for: each a resource, data source or module of the stack (it has an `fqn`). */
function checkDependsOn(value: unknown): readonly ITerraformDependable[] {
  const field = `${FIELD}.dependsOn`;
  if (!Array.isArray(value)) throw new WifValidationError(field, `expected a list of resources (e.g. [otherPool.pool]), got ${quote(value)}.`);
  value.forEach((d: unknown, i) => {
    if (d === null || typeof d !== "object" || typeof (d as Partial<ITerraformDependable>).fqn !== "string") {
      throw new WifValidationError(`${field}[${i}]`, `expected a resource, data source or module of the stack (it has an fqn), got ${quote(d)}.`);
    }
  });
  return Object.freeze([...value] as ITerraformDependable[]);
}

function checkDisplayName(value: unknown): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 32) {
    throw new WifValidationError(`${FIELD}.displayName`, `${quote(value)} is not a usable display name: GCP accepts 1-32 characters.`);
  }
  return value;
}
