import { AZURE_DEVOPS_PRESETS } from "./azure-devops";
import { BITBUCKET_PRESETS } from "./bitbucket";
import { BUILDKITE_PRESETS } from "./buildkite";
import { CIRCLECI_PRESETS } from "./circleci";
import { GITHUB_ACTIONS_PRESETS } from "./github-actions";
import { GITLAB_PRESETS } from "./gitlab";
import { KUBERNETES_PRESETS } from "./kubernetes";
import type { PresetTable } from "./preset";
import { SPIFFE_PRESETS } from "./spiffe";
import { TERRAFORM_CLOUD_PRESETS } from "./terraform-cloud";
import type { IssuerKind } from "../issuers";

/**
 * The `Trust` factories of every issuer kind, by kind: `Trust` gets one static factory per entry
 * (`Trust.buildkite(options)`), typed from here. Typed against `IssuerKind`, so a kind in the issuer
 * registry without its line here does not compile; a kind with no preset says so (`generic: {}`).
 */
export const TRUST_PRESETS = {
  "github-actions": GITHUB_ACTIONS_PRESETS,
  gitlab: GITLAB_PRESETS,
  "terraform-cloud": TERRAFORM_CLOUD_PRESETS,
  kubernetes: KUBERNETES_PRESETS,
  buildkite: BUILDKITE_PRESETS,
  circleci: CIRCLECI_PRESETS,
  bitbucket: BITBUCKET_PRESETS,
  "azure-devops": AZURE_DEVOPS_PRESETS,
  spiffe: SPIFFE_PRESETS,
  generic: {},
} as const satisfies { readonly [K in IssuerKind]: PresetTable };

export type { PresetTable, TrustPreset } from "./preset";
