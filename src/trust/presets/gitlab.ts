import { Claim } from "../claim";
import { WifValidationError, quote } from "../errors";
import { issuerFromOption } from "../issuer";
import { Subject } from "../subject";
import type { TrustProps } from "../trust-props";
import { checkNumericId, checkPresetOptions, checkSubjectPart, checkTrueFlag, exactlyOne, isPattern, NameRule, presetAudiences } from "./names";

/** Options of `Trust.gitlab`. Either `refType` + `ref`, or `anyRef: true`. */
export interface GitLabTrustOptions {
  /** `GROUP/PROJECT` or `GROUP/SUBGROUP/PROJECT`. */
  readonly projectPath: string;
  /** Whether `ref` names a branch or a tag. */
  readonly refType?: "branch" | "tag";
  /** The branch or tag name (glob `*` allowed, e.g. `release-*`). */
  readonly ref?: string;
  /** Any branch or tag of the project (`project_path:GROUP/PROJECT:*`). */
  readonly anyRef?: true;
  /** @default "https://gitlab.com" — a self-managed instance's URL otherwise */
  readonly host?: string;
  /** Pins the top namespace by its immutable id (claim `namespace_id`). */
  readonly namespaceId?: string;
  /** Pins the project by its immutable id (claim `project_id`). */
  readonly projectId?: string;
  /** GitLab has no default audience: jobs set `id_tokens: { X: { aud: ... } }`. */
  readonly audiences?: readonly string[];
}

const OPTIONS: readonly (keyof GitLabTrustOptions)[] = ["projectPath", "refType", "ref", "anyRef", "host", "namespaceId", "projectId", "audiences"];
const PATH_SEGMENT: NameRule = {
  whole: /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,253}[A-Za-z0-9_-])?$/,
  char: /[A-Za-z0-9_.-]/,
  describe: "each GitLab path segment is letters, digits, '_', '.' or '-'",
  example: "group/project",
};
const REF: NameRule = {
  whole: /^[^\s:~^[\\\u0000-\u001f\u007f]{1,255}$/,
  char: /[^\s:~^[\\\u0000-\u001f\u007f]/,
  describe: "a git ref name has no spaces, ':', '~', '^', '[' or '\\\\'",
  example: "main",
};

/** The `TrustProps` of `Trust.gitlab`. */
export function gitlabTrustProps(options: GitLabTrustOptions): TrustProps {
  const field = "gitlab";
  checkPresetOptions(field, options, OPTIONS, "{ projectPath, refType, ref } or { projectPath, anyRef: true }");
  const path = checkProjectPath(options.projectPath);
  checkTrueFlag(`${field}.anyRef`, options.anyRef);
  const context = exactlyOne(field, options, ["ref", "anyRef"]);
  let suffix: string;
  if (context === "anyRef") {
    if (options.refType !== undefined) {
      throw new WifValidationError(`${field}.refType`, `refType ${quote(options.refType)} has no effect with anyRef: true; remove one of them.`);
    }
    suffix = "*";
  } else {
    if (options.refType !== "branch" && options.refType !== "tag") {
      throw new WifValidationError(`${field}.refType`, `expected "branch" or "tag", got ${quote(options.refType)}.`);
    }
    suffix = `ref_type:${options.refType}:ref:${checkSubjectPart(`${field}.ref`, options.ref, REF)}`;
  }
  const claims: Record<string, Claim> = {};
  if (options.namespaceId !== undefined) claims.namespace_id = Claim.equals(checkNumericId(`${field}.namespaceId`, options.namespaceId));
  if (options.projectId !== undefined) claims.project_id = Claim.equals(checkNumericId(`${field}.projectId`, options.projectId));
  const sub = `project_path:${path}:${suffix}`;
  return {
    issuer: issuerFromOption(`${field}.host`, options.host ?? "https://gitlab.com", { kind: "gitlab" }),
    subject: isPattern(path, suffix) ? Subject.like(sub) : Subject.exactly(sub),
    ...presetAudiences(field, options.audiences),
    claims,
    description: `GitLab ${path} ${suffix}`,
  };
}

function checkProjectPath(value: unknown): string {
  const field = "gitlab.projectPath";
  if (typeof value !== "string" || value.split("/").length < 2) {
    throw new WifValidationError(field, `${quote(value)} is not "GROUP/PROJECT". Give the full project path, e.g. "group/app".`);
  }
  for (const segment of value.split("/")) checkSubjectPart(field, segment, PATH_SEGMENT);
  return value;
}

/** The `Trust` factories of this issuer kind, registered in `TRUST_PRESETS` (`src/trust/presets/index.ts`). */
export const GITLAB_PRESETS = {
  /** GitLab CI (gitlab.com or self-managed): `project_path:GROUP/PROJECT:ref_type:...:ref:...`. */
  gitlab: gitlabTrustProps,
} as const;
