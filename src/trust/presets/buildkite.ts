import { Claim } from "../claim";
import { Issuer } from "../issuer";
import { Subject } from "../subject";
import type { TrustProps } from "../trust-props";
import { checkPresetOptions, checkSubjectPart, checkTrueFlag, checkUuid, exactlyOne, NameRule, presetAudiences } from "./names";

/** Options of `Trust.buildkite`. Exactly one of `branch`, `tag`, `ref`, `anyRef`. */
export interface BuildkiteTrustOptions {
  /** The organization slug (`acme-inc` in buildkite.com/acme-inc). */
  readonly organization: string;
  /** The pipeline slug. */
  readonly pipeline: string;
  /** A branch the build runs on (`refs/heads/<branch>`; glob `*` allowed, e.g. `release-*`). */
  readonly branch?: string;
  /** A tag the build runs on (`refs/tags/<tag>`). */
  readonly tag?: string;
  /** A full ref, `refs/heads/main`. */
  readonly ref?: string;
  /** Builds of any ref of the pipeline. */
  readonly anyRef?: true;
  /**
   * Only jobs of the step with this key (`key:` in the pipeline YAML).
   * @default - any step of the build
   */
  readonly step?: string;
  /** Pins the organization by its immutable UUID (claim `organization_id`), as Buildkite recommends on its shared issuer. */
  readonly organizationId?: string;
  /** Pins the pipeline by its immutable UUID (claim `pipeline_id`). */
  readonly pipelineId?: string;
  /** @default - `sts.amazonaws.com` on AWS (the Buildkite AWS guide), each cloud's default elsewhere */
  readonly audiences?: readonly string[];
}

const OPTIONS: readonly (keyof BuildkiteTrustOptions)[] = [
  "organization",
  "pipeline",
  "branch",
  "tag",
  "ref",
  "anyRef",
  "step",
  "organizationId",
  "pipelineId",
  "audiences",
];
const SLUG: NameRule = {
  whole: /^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/,
  char: /[a-z0-9-]/,
  describe: "a Buildkite slug is lowercase letters, digits and inner '-'",
  example: "acme-inc",
};
const REF_NAME: NameRule = {
  whole: /^[^\s:~^[\\\u0000-\u001f\u007f]{1,255}$/,
  char: /[^\s:~^[\\\u0000-\u001f\u007f]/,
  describe: "a git ref name has no spaces, ':', '~', '^', '[' or '\\\\'",
  example: "main",
};
const STEP_KEY: NameRule = {
  whole: /^[A-Za-z0-9_-]{1,100}$/,
  char: /[A-Za-z0-9_-]/,
  describe: "a step key is letters, digits, '_' or '-'",
  example: "deploy",
};

/**
 * The `TrustProps` of `Trust.buildkite`: `organization:ORG:pipeline:PIPELINE:ref:REF:commit:*:step:STEP`.
 * The commit changes with every build, so the subject is always a pattern (AWS and GCP check it;
 * Azure, which matches subjects exactly and has no flexible credentials for Buildkite, refuses it).
 */
export function buildkiteTrustProps(options: BuildkiteTrustOptions): TrustProps {
  const field = "buildkite";
  checkPresetOptions(field, options, OPTIONS, "{ organization, pipeline, branch | tag | ref | anyRef }");
  const org = checkSubjectPart(`${field}.organization`, options.organization, SLUG);
  const pipeline = checkSubjectPart(`${field}.pipeline`, options.pipeline, SLUG);
  checkTrueFlag(`${field}.anyRef`, options.anyRef);
  const context = exactlyOne(field, options, ["branch", "tag", "ref", "anyRef"]);
  const ref =
    context === "anyRef"
      ? "*"
      : context === "ref"
        ? checkSubjectPart(`${field}.ref`, options.ref, { ...REF_NAME, example: "refs/heads/main" })
        : `refs/${context === "branch" ? "heads" : "tags"}/${checkSubjectPart(`${field}.${context}`, options[context], REF_NAME)}`;
  const step = options.step === undefined ? "*" : checkSubjectPart(`${field}.step`, options.step, STEP_KEY);
  const claims: Record<string, Claim> = {};
  if (options.organizationId !== undefined) {
    claims.organization_id = Claim.equals(checkUuid(`${field}.organizationId`, options.organizationId, "Give the organization UUID (Organization settings)."));
  }
  if (options.pipelineId !== undefined) {
    claims.pipeline_id = Claim.equals(checkUuid(`${field}.pipelineId`, options.pipelineId, "Give the pipeline UUID (Pipeline settings)."));
  }
  return {
    issuer: Issuer.fromUrl("https://agent.buildkite.com"),
    subject: Subject.like(`organization:${org}:pipeline:${pipeline}:ref:${ref}:commit:*:step:${step}`),
    ...presetAudiences(field, options.audiences),
    claims,
    description: `Buildkite ${org}/${pipeline} ${ref}`,
  };
}

/** The `Trust` factories of this issuer kind, registered in `TRUST_PRESETS` (`src/trust/presets/index.ts`). */
export const BUILDKITE_PRESETS = {
  /** Buildkite agents: `organization:ORG:pipeline:PIPELINE:ref:REF:commit:*:step:STEP` on the shared `https://agent.buildkite.com`. */
  buildkite: buildkiteTrustProps,
} as const;
