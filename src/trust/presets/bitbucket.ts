import { WifValidationError, quote } from "../errors";
import { Issuer } from "../issuer";
import { Subject } from "../subject";
import type { TrustProps } from "../trust-props";
import { checkPresetOptions, checkSubjectPart, checkTrueFlag, checkUuid, exactlyOne, NameRule, presetAudiences } from "./names";

/** Options of `Trust.bitbucket`. Exactly one of `environmentUuid`, `anyEnvironment`. */
export interface BitbucketTrustOptions {
  /** The workspace slug (`acme` in bitbucket.org/acme): the issuer is per workspace. */
  readonly workspace: string;
  /** The workspace UUID (Repository settings → OpenID Connect): the default audience. */
  readonly workspaceUuid: string;
  /** The repository UUID (Repository settings → OpenID Connect). */
  readonly repositoryUuid: string;
  /** Only steps of this deployment environment (its UUID, Repository settings → OpenID Connect). */
  readonly environmentUuid?: string;
  /** Any step of the repository, in any deployment environment or none. */
  readonly anyEnvironment?: true;
  /** @default - `ari:cloud:bitbucket::workspace/<workspaceUuid>` (Bitbucket's default `aud`) */
  readonly audiences?: readonly string[];
}

const OPTIONS: readonly (keyof BitbucketTrustOptions)[] = ["workspace", "workspaceUuid", "repositoryUuid", "environmentUuid", "anyEnvironment", "audiences"];
const WORKSPACE: NameRule = {
  whole: /^[a-z0-9][a-z0-9_-]{0,61}$/,
  char: /[a-z0-9_-]/,
  describe: "a workspace slug is lowercase letters, digits, '_' and '-'",
  example: "acme",
};

/**
 * The `TrustProps` of `Trust.bitbucket`: `{REPOSITORY_UUID}{ENVIRONMENT_UUID}:*` (the step UUID changes
 * with every run, so the subject is a pattern; Azure, which matches subjects exactly and has no flexible
 * credentials for Bitbucket, refuses it).
 */
export function bitbucketTrustProps(options: BitbucketTrustOptions): TrustProps {
  const field = "bitbucket";
  checkPresetOptions(field, options, OPTIONS, "{ workspace, workspaceUuid, repositoryUuid, environmentUuid | anyEnvironment }");
  const workspace = checkSubjectPart(`${field}.workspace`, options.workspace, WORKSPACE);
  if (workspace.includes("*") || workspace.includes("?")) {
    throw new WifValidationError(`${field}.workspace`, `${quote(workspace)} holds a wildcard; the workspace names the issuer URL, which is exact.`);
  }
  const where = "Copy it from Repository settings → OpenID Connect.";
  const workspaceUuid = checkUuid(`${field}.workspaceUuid`, options.workspaceUuid, where);
  const repository = checkUuid(`${field}.repositoryUuid`, options.repositoryUuid, where);
  checkTrueFlag(`${field}.anyEnvironment`, options.anyEnvironment);
  const context = exactlyOne(field, options, ["environmentUuid", "anyEnvironment"]);
  const sub = context === "anyEnvironment" ? `{${repository}}*` : `{${repository}}{${checkUuid(`${field}.environmentUuid`, options.environmentUuid, where)}}:*`;
  return {
    issuer: Issuer.fromUrl(`https://api.bitbucket.org/2.0/workspaces/${workspace}/pipelines-config/identity/oidc`),
    subject: Subject.like(sub),
    audiences: presetAudiences(field, options.audiences).audiences ?? [`ari:cloud:bitbucket::workspace/${workspaceUuid}`],
    claims: {},
    description: `Bitbucket ${workspace} repository ${repository}${context === "anyEnvironment" ? "" : " environment"}`,
  };
}

/** The `Trust` factories of this issuer kind, registered in `TRUST_PRESETS` (`src/trust/presets/index.ts`). */
export const BITBUCKET_PRESETS = {
  /** Bitbucket Pipelines steps of one repository (and deployment environment): `{REPOSITORY_UUID}{ENVIRONMENT_UUID}:*`. */
  bitbucket: bitbucketTrustProps,
} as const;
