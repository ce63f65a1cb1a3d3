/**
 * Generated trusts and tokens near the boundary, shared by the Azure oracle test and reusable by
 * the cross-cloud property test. Tokens model what issuers really issue: claims the issuer derives
 * from the subject (repository, owner, ids written into the subject, GitLab project path, HCP
 * Terraform names) never contradict it; other claims are dropped or changed near the boundary.
 */
import fc from "fast-check";

import { Claim, Cloud, Issuer, Subject, Trust } from "../../src/trust";

export const GH = "https://token.actions.githubusercontent.com";
export const GL = "https://gitlab.com";
export const TFC = "https://app.terraform.io";
export const EKS = "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC";
export const AZURE_AUD = "api://AzureADTokenExchange";
const AUD = AZURE_AUD;

export type Token = Record<string, unknown>;

const OWNER_IDS: Record<string, string> = { octo: "123", Octo: "124" };
const REPO_IDS: Record<string, string> = { "octo/app": "456", "octo/api": "457", "Octo/App": "458" };
const PROJECT_IDS: Record<string, string> = { "grp/app": "77" };

/**
 * A token as the issuer would issue it for `sub`: claims that the issuer derives from the same
 * facts as the subject (repository, owner, ids written into the subject, GitLab project path, HCP
 * Terraform names) are consistent with it. `extra` claims override or add others.
 */
export function tokenFor(iss: string, sub: string, extra: Token = {}): Token {
  const token: Token = { iss, sub, aud: AUD };
  if (iss === GH) {
    const m = /^repo:([^:@/]+)(?:@([0-9]+))?\/([^:@/]+)(?:@([0-9]+))?:/.exec(sub);
    const custom = /^repository_owner_id:([0-9]+):repository_id:([0-9]+):/.exec(sub);
    if (custom) {
      // A customised template: GitHub writes the token's own ids into the subject.
      const repo = Object.keys(REPO_IDS).find((r) => REPO_IDS[r] === custom[2]) ?? "other/repo";
      Object.assign(token, { repository_owner_id: custom[1], repository_id: custom[2], repository: repo, repository_owner: repo.split("/")[0] });
    } else if (m) {
      token.repository_owner = m[1];
      token.repository = `${m[1]}/${m[3]}`;
      token.repository_owner_id = m[2] ?? OWNER_IDS[m[1]] ?? "666";
      token.repository_id = m[4] ?? REPO_IDS[`${m[1]}/${m[3]}`] ?? "667";
    }
    token.job_workflow_ref = "octo/wf/.github/workflows/deploy.yml@refs/heads/main";
    const env = /:environment:([^:]+)$/.exec(sub);
    if (env) token.environment = env[1];
  } else if (iss === GL) {
    const m = /^project_path:([^:]+):/.exec(sub);
    if (m) {
      token.project_path = m[1];
      token.project_id = PROJECT_IDS[m[1]] ?? "666";
      token.namespace_id = m[1].startsWith("grp/") ? "9" : "666";
    }
  } else if (iss === TFC) {
    const m = /^organization:([^:]+):project:([^:]+):workspace:([^:]+):run_phase:([^:]+)$/.exec(sub);
    if (m) Object.assign(token, { terraform_organization_name: m[1], terraform_project_name: m[2], terraform_workspace_name: m[3], terraform_run_phase: m[4] });
  }
  return { ...token, ...extra };
}

/** Claims the issuer derives from the subject itself: a real token never disagrees with its subject on these. */
export function subjectFacts(token: Token): Set<string> {
  const sub = String(token.sub);
  const facts = new Set<string>(["repository", "repository_owner", "project_path", "environment"]);
  if (/^(repo:[^:@/]+@[0-9]+\/|repository_owner_id:)/.test(sub)) facts.add("repository_owner_id");
  if (/^repository_owner_id:[0-9]+:repository_id:/.test(sub)) facts.add("repository_id");
  if (/^repo:[^:@/]+@[0-9]+\/[^:@/]+@[0-9]+:/.test(sub)) facts.add("repository_id");
  if (token.iss === TFC)
    ["terraform_organization_name", "terraform_project_name", "terraform_workspace_name", "terraform_run_phase"].forEach((c) => facts.add(c));
  return facts;
}

const githubTrust = fc
  .record({
    repo: fc.constantFrom("octo/app", "octo/api", "Octo/App"),
    context: fc.constantFrom<Record<string, unknown>>(
      { environment: "prod" },
      { branch: "main" },
      { branch: "release-*" },
      { tag: "v*" },
      { tag: "v?" },
      { pullRequest: true },
      { anyRef: true },
    ),
    ownerId: fc.option(fc.constantFrom("123", "124"), { nil: undefined }),
    repoId: fc.option(fc.constantFrom("456", "458"), { nil: undefined }),
    immutable: fc.constantFrom<false | true | "both">(false, true, "both"),
    workflow: fc.option(fc.constantFrom("octo/wf/.github/workflows/deploy.yml@refs/heads/main", "octo/wf/.github/workflows/deploy.yml@refs/heads/*"), {
      nil: undefined,
    }),
  })
  .map(({ repo, context, ownerId, repoId, immutable, workflow }) =>
    Trust.githubActions({
      repository: repo,
      ...context,
      ...(ownerId ? { repositoryOwnerId: ownerId } : {}),
      ...(repoId ? { repositoryId: repoId } : {}),
      ...(immutable !== false && ownerId && repoId ? { immutableSubject: immutable } : {}),
      ...(workflow ? { jobWorkflowRef: workflow } : {}),
    }),
  );
const gitlabTrust = fc
  .record({
    ref: fc.constantFrom<Record<string, unknown>>({ refType: "branch", ref: "main" }, { refType: "tag", ref: "v*" }, { anyRef: true }),
    projectId: fc.option(fc.constant("77"), { nil: undefined }),
    namespaceId: fc.option(fc.constant("9"), { nil: undefined }),
  })
  .map(({ ref, projectId, namespaceId }) =>
    Trust.gitlab({ projectPath: "grp/app", ...ref, ...(projectId ? { projectId } : {}), ...(namespaceId ? { namespaceId } : {}) }),
  );
const tfcTrust = fc
  .record({ workspace: fc.constantFrom("prod", "dev-*"), runPhase: fc.constantFrom("plan" as const, "apply" as const, "any" as const) })
  .map(({ workspace, runPhase }) => Trust.terraformCloud({ organization: "acme", project: "infra", workspace, runPhase }));
const k8sTrust = fc.constantFrom("deployer", "deploy-*").map((sa) => Trust.kubernetes({ issuerUrl: EKS, namespace: "ci", serviceAccount: sa }));
const SUBJECTS = [
  "repo:octo/app:ref:refs/heads/main",
  "repo:octo/app:environment:prod",
  "repo:octo@123/app@456:environment:prod",
  "repository_owner_id:123:repository_id:456:ref:refs/heads/main",
  "repo:octo/api:ref:refs/heads/main",
  "repo:Octo/App:environment:prod",
];
const genericTrust = fc
  .record({
    exact: fc.subarray(SUBJECTS, { minLength: 0 }),
    like: fc.subarray(["repo:octo/app:ref:refs/heads/*", "repo:octo/*", "repo:oct*/app:ref:refs/heads/main", "repo:Octo/App:ref:refs/tags/V*"], {
      minLength: 0,
    }),
    claims: fc.subarray(["repository_owner_id", "repository", "environment", "repository_id", "repository_owner"]),
  })
  .filter(({ exact, like }) => exact.length + like.length > 0)
  .map(({ exact, like, claims }) => {
    const conditions: Record<string, Claim> = {
      repository_owner_id: Claim.equals("123"),
      repository: Claim.equals("octo/app"),
      environment: Claim.equals("prod"),
      repository_id: Claim.equals("456"),
      repository_owner: Claim.like("oct*"),
    };
    return new Trust({
      issuer: Issuer.githubActions(),
      subject: Subject.anyOf([...exact, ...like.map((p) => Subject.like(p))]),
      claims: Object.fromEntries(claims.map((c) => [c, conditions[c]])),
    });
  });
const audienceVariant = fc.constantFrom<string[] | undefined>(undefined, undefined, undefined, ["custom-aud"], [AUD, "sts.amazonaws.com"]);
/** Presets and generic GitHub trusts, with default, other or two audiences. */
export const trusts = fc
  .tuple(fc.oneof(githubTrust, gitlabTrust, tfcTrust, k8sTrust, genericTrust), audienceVariant)
  .map(([trust, audiences]) => (audiences ? trust.withAudiences(audiences) : trust));

export const MUTATIONS = [
  "none",
  "none",
  "otherOwner",
  "ownerPrefix",
  "otherRef",
  "caseChange",
  "extraSuffix",
  "missingClaim",
  "otherClaimValue",
  "otherAudience",
  "audienceList",
  "otherIssuer",
] as const;
export type Mutation = (typeof MUTATIONS)[number];
const FILLS = ["", "1", "main", "release-1", "a/b", "x:y", "prod"];

/** A subject the trust admits: an exact alternative, or a pattern with its wildcards filled in. */
export function baseSubject(trust: Trust, pick: number, fill: number): string {
  const alt = trust.subject.alternatives[pick % trust.subject.alternatives.length];
  if (alt.kind === "exact") return alt.value;
  let i = fill;
  return alt.pattern.replace(/[*?]/g, (w) => (w === "?" ? "9" : FILLS[i++ % FILLS.length]));
}

/**
 * A token for `sub` changed by one boundary mutation. Its `aud` is one of the trust's audiences for
 * `cloud`, or `fallbackAudience` when the cloud has none (e.g. the GCP provider's resource name).
 */
export function mutate(trust: Trust, sub: string, mutation: Mutation, seed: number, cloud: Cloud = "azure", fallbackAudience = AUD): Token {
  const iss = trust.issuer.url;
  const audiences = trust.audiencesFor(cloud) ?? [fallbackAudience];
  const aud = audiences[seed % audiences.length];
  switch (mutation) {
    case "none":
      return tokenFor(iss, sub, { aud });
    case "otherOwner":
      return tokenFor(iss, sub.replace(/^(repo:|project_path:|organization:|system:serviceaccount:)[^:/@]+/, "$1evil"), { aud });
    case "ownerPrefix":
      return tokenFor(iss, sub.replace(/^(repo:|project_path:|organization:|system:serviceaccount:)([^:/@]+)/, "$1$2-evil"), { aud });
    case "otherRef":
      return tokenFor(iss, sub.replace(/(refs\/(?:heads|tags)\/|environment:|ref:|run_phase:|workspace:)[^:]*$/, "$1other"), { aud });
    case "caseChange": {
      const letters = [...sub].map((c, i) => (/[a-z]/.test(c) ? i : -1)).filter((i) => i >= 0);
      if (letters.length === 0) return tokenFor(iss, sub, { aud });
      const at = letters[seed % letters.length];
      return tokenFor(iss, sub.slice(0, at) + sub[at].toUpperCase() + sub.slice(at + 1), { aud });
    }
    case "extraSuffix":
      return tokenFor(iss, sub + [":x", "x", "/x"][seed % 3], { aud });
    case "missingClaim":
    case "otherClaimValue": {
      const token = tokenFor(iss, sub, { aud });
      const facts = subjectFacts(token);
      const candidates = Object.keys(token).filter((c) => !["iss", "sub", "aud"].includes(c) && !facts.has(c));
      if (candidates.length === 0) return token;
      const claim = candidates[seed % candidates.length];
      if (mutation === "missingClaim") delete token[claim];
      else token[claim] = "666";
      return token;
    }
    case "otherAudience":
      return tokenFor(iss, sub, { aud: ["sts.amazonaws.com", "custom-aud2", AUD.toLowerCase()][seed % 3] });
    case "audienceList":
      return tokenFor(iss, sub, { aud: ["other", aud] });
    case "otherIssuer":
      return tokenFor([`${iss}/`, iss.replace("https://", "http://"), "https://token.actions.githubusercontent.com/acme"][seed % 3], sub, { aud });
  }
}
