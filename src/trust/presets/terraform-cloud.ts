import { WifValidationError, quote } from "../errors";
import { Issuer } from "../issuer";
import { Subject } from "../subject";
import type { TrustProps } from "../trust-props";
import { checkPresetOptions, checkSubjectPart, isPattern, NameRule, presetAudiences } from "./names";

/** The run phases of HCP Terraform; `"any"` admits both plan and apply runs. */
export type TerraformRunPhase = "plan" | "apply" | "any";

/** Options of `Trust.terraformCloud`. */
export interface TerraformCloudTrustOptions {
  readonly organization: string;
  readonly project: string;
  readonly workspace: string;
  /** Which runs may assume: `"apply"` for a write role, `"plan"` for a read role, `"any"` for both. */
  readonly runPhase: TerraformRunPhase;
  /** @default "app.terraform.io" — `app.eu.terraform.io` or a Terraform Enterprise host otherwise */
  readonly hostname?: string;
  /** @default - each cloud's default audience (`aws.workload.identity` on AWS) */
  readonly audiences?: readonly string[];
}

const OPTIONS: readonly (keyof TerraformCloudTrustOptions)[] = ["organization", "project", "workspace", "runPhase", "hostname", "audiences"];
const ORGANIZATION: NameRule = {
  whole: /^[A-Za-z0-9_-]{1,40}$/,
  char: /[A-Za-z0-9_-]/,
  describe: "an organization name is letters, digits, '_' or '-'",
  example: "acme",
};
const PROJECT: NameRule = {
  whole: /^[A-Za-z0-9_-](?:[A-Za-z0-9 _-]{0,38}[A-Za-z0-9_-])?$/,
  char: /[A-Za-z0-9 _-]/,
  describe: "a project name is letters, digits, spaces, '_' or '-'",
  example: "infra",
};
const WORKSPACE: NameRule = {
  whole: /^[A-Za-z0-9_-]{1,90}$/,
  char: /[A-Za-z0-9_-]/,
  describe: "a workspace name is 1-90 letters, digits, '_' or '-'",
  example: "prod",
};

/** The `TrustProps` of `Trust.terraformCloud`. */
export function terraformCloudTrustProps(options: TerraformCloudTrustOptions): TrustProps {
  const field = "terraformCloud";
  checkPresetOptions(field, options, OPTIONS, "{ organization, project, workspace, runPhase }");
  const org = checkSubjectPart(`${field}.organization`, options.organization, ORGANIZATION);
  const project = checkSubjectPart(`${field}.project`, options.project, PROJECT);
  const workspace = checkSubjectPart(`${field}.workspace`, options.workspace, WORKSPACE);
  if (options.runPhase !== "plan" && options.runPhase !== "apply" && options.runPhase !== "any") {
    throw new WifValidationError(
      `${field}.runPhase`,
      `expected "plan", "apply" or "any", got ${quote(options.runPhase)}. Use "apply" for a role that changes infrastructure, "plan" for a read-only one.`,
    );
  }
  const hostname = options.hostname ?? "app.terraform.io";
  if (typeof hostname !== "string" || !/^[a-z0-9.-]+(:[0-9]+)?$/.test(hostname)) {
    throw new WifValidationError(`${field}.hostname`, `${quote(hostname)} is not a host name. Give e.g. "app.terraform.io" (no scheme, no path).`);
  }
  const phase = options.runPhase === "any" ? "*" : options.runPhase;
  const sub = `organization:${org}:project:${project}:workspace:${workspace}:run_phase:${phase}`;
  return {
    issuer: Issuer.fromUrl(`https://${hostname}`, { kind: "terraform-cloud" }),
    subject: isPattern(org, project, workspace, phase) ? Subject.like(sub) : Subject.exactly(sub),
    ...presetAudiences(field, options.audiences),
    claims: {},
    description: `HCP Terraform ${org}/${project}/${workspace} ${options.runPhase}`,
  };
}

/** The `Trust` factories of this issuer kind, registered in `TRUST_PRESETS` (`src/trust/presets/index.ts`). */
export const TERRAFORM_CLOUD_PRESETS = {
  /** HCP Terraform / Terraform Enterprise dynamic credentials: `organization:O:project:P:workspace:W:run_phase:PHASE`. */
  terraformCloud: terraformCloudTrustProps,
} as const;
