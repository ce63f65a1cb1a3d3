import { Claim } from "../claim";
import { Issuer } from "../issuer";
import { Subject } from "../subject";
import type { TrustProps } from "../trust-props";
import { checkPresetOptions, checkSubjectPart, checkTrueFlag, checkUuid, exactlyOne, NameRule, presetAudiences } from "./names";

/** Options of `Trust.circleci`. Exactly one of `userId`, `anyUser`. */
export interface CircleCiTrustOptions {
  /** The organization id (Organization settings → Overview); the issuer is `https://oidc.circleci.com/org/<id>`. */
  readonly organizationId: string;
  /** The project id (Project settings → Overview). */
  readonly projectId: string;
  /** Only jobs triggered by this user id. */
  readonly userId?: string;
  /** Jobs triggered by any user (`.../user/*`). */
  readonly anyUser?: true;
  /**
   * Only jobs of this git ref (claim `oidc.circleci.com/vcs-ref`, e.g. `refs/heads/main`). GCP can check
   * it; AWS does not evaluate the claim and Azure cannot check it, so those refuse the trust.
   * @default - any ref
   */
  readonly vcsRef?: string;
  /** @default - the organization id on AWS and GCP (CircleCI's default `aud`), `api://AzureADTokenExchange` on Azure */
  readonly audiences?: readonly string[];
}

const OPTIONS: readonly (keyof CircleCiTrustOptions)[] = ["organizationId", "projectId", "userId", "anyUser", "vcsRef", "audiences"];
const REF: NameRule = {
  whole: /^refs\/(heads|tags)\/[^\s:~^[\\\u0000-\u001f\u007f]{1,255}$/,
  char: /[^\s:~^[\\\u0000-\u001f\u007f]/,
  describe: "a full git ref, refs/heads/<branch> or refs/tags/<tag>",
  example: "refs/heads/main",
};

/** The `TrustProps` of `Trust.circleci`: `org/ORG_ID/project/PROJECT_ID/user/USER_ID`. */
export function circleciTrustProps(options: CircleCiTrustOptions): TrustProps {
  const field = "circleci";
  checkPresetOptions(field, options, OPTIONS, "{ organizationId, projectId, userId | anyUser }");
  const org = checkUuid(`${field}.organizationId`, options.organizationId, "Give the id from Organization settings → Overview.").toLowerCase();
  const project = checkUuid(`${field}.projectId`, options.projectId, "Give the id from Project settings → Overview.");
  checkTrueFlag(`${field}.anyUser`, options.anyUser);
  const context = exactlyOne(field, options, ["userId", "anyUser"]);
  const user = context === "anyUser" ? "*" : checkUuid(`${field}.userId`, options.userId, "Give the user id (User settings → Account).");
  const claims: Record<string, Claim> = {};
  if (options.vcsRef !== undefined) claims["oidc.circleci.com/vcs-ref"] = Claim.equals(checkSubjectPart(`${field}.vcsRef`, options.vcsRef, REF));
  const sub = `org/${org}/project/${project}/user/${user}`;
  return {
    issuer: Issuer.fromUrl(`https://oidc.circleci.com/org/${org}`),
    subject: user === "*" ? Subject.like(sub) : Subject.exactly(sub),
    ...presetAudiences(field, options.audiences),
    claims,
    description: `CircleCI project ${project}${user === "*" ? "" : ` user ${user}`}`,
  };
}

/** The `Trust` factories of this issuer kind, registered in `TRUST_PRESETS` (`src/trust/presets/index.ts`). */
export const CIRCLECI_PRESETS = {
  /** CircleCI jobs of one project: `org/ORG_ID/project/PROJECT_ID/user/USER_ID` from `https://oidc.circleci.com/org/ORG_ID`. */
  circleci: circleciTrustProps,
} as const;
