import { plainContext } from "./inventory-words";
import { awsClaimKeys } from "./aws-claim-keys";
import type { IssuerProfile } from "./profile";

/**
 * GitLab CI/CD ID tokens (gitlab.com, shared; self-managed instances, private).
 * Sources: GitLab docs "OpenID Connect (OIDC) Authentication Using ID Tokens" (claims, `sub` default
 * `project_path:G/P:ref_type:branch|tag:ref:R`), AWS Service Authorization Reference (gitlab.com keys),
 * Microsoft Entra flexible federated identity credentials.
 */
export const GITLAB: IssuerProfile = {
  kind: "gitlab",
  name: "GitLab",
  docs: "https://docs.gitlab.com/ci/secrets/id_token_authentication/",
  preset: 'Trust.gitlab({ projectPath: "group/app", refType: "branch", ref: "main", projectId: "42" })',
  urls: [{ hostAndPath: /^gitlab\.com$/, shared: true, example: "https://gitlab.com" }],
  grammars: [
    {
      form: "project_path:GROUP/PROJECT:ref_type:branch|tag:ref:NAME",
      fields: [
        { name: "group", role: "tenant", lead: "project_path:", stop: "/", excludes: ":" },
        { name: "project", role: "repository", lead: "/", stop: ":" },
        { name: "ref", role: "context", lead: ":", stop: "", kinds: ["ref_type:branch:ref:", "ref_type:tag:ref:"] },
      ],
      tailPinsContext: (tail) => /:ref_type:(branch|tag):ref:[^:*?]+$/.test(tail),
    },
  ],
  claims: {
    namespace_path: { pins: ["tenant"] },
    namespace_id: { pins: ["tenant"], immutable: true },
    project_path: { pins: ["tenant", "repository"], ownerSlashName: true },
    project_id: { pins: ["tenant", "repository"], immutable: true },
  },
  words: {
    tenant: "GitLab group",
    repository: "project",
    context: "branch or tag (protected or not)",
    example: (tenant = "GROUP") => `project_path:${tenant}/PROJECT:ref_type:branch:ref:main`,
    anyContext: {
      risk: (value) =>
        `${JSON.stringify(value)} admits every branch and tag of the project, protected or not, so anyone who can push a branch gets this identity.`,
      fix: "Pin one protected ref: `project_path:GROUP/PROJECT:ref_type:branch:ref:main` with `main` protected (and `ref_protected` where the cloud checks it).",
    },
    immutablePins: "`namespace_id` or `project_id` (StringEquals / Claim.equals)",
  },
  inventory: {
    name: () => "GitLab",
    tenant: "group",
    repository: "project",
    context: (context) => {
      const gl = /^ref_type:(branch|tag):ref:(.*)$/.exec(context);
      if (!gl) return plainContext()(context);
      return gl[2] === "*" ? `, any ${gl[1]}` : `, ${gl[1]} ${gl[2]}`;
    },
    claims: { tenant: ["namespace_path", "namespace_id"], repository: ["project_path", "project_id"], context: ["ref"] },
  },
  defaultAudience: () => undefined, // jobs name the audience in `id_tokens`
  aws: { claimKeys: awsClaimKeys("gitlab.com") },

  azure: {
    // Entra accepts gitlab.com and self-managed gitlab.<name>.com / .ca, and refuses a project_path: subject
    // that is not pinned by project_id ("lacks all required claims").
    flexible: {
      urls: ["https://gitlab.com"],
      urlPattern: /^https:\/\/gitlab\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.(com|ca)$/,
      urlPatternText: "https://gitlab.<name>.com or .ca (self-managed GitLab)",
      scope: "gitlab.com and self-managed gitlab.<name>.com / .ca",
      language: {
        name: "GitLab",
        claims: { sub: ["eq", "matches"], project_id: ["eq"] },
        requiredOneOf: ["project_id"],
        requiredWhenSubject: /^project_path:/,
      },
    },
    impliedClaims: (prefix): Record<string, string> => {
      const m = /^project_path:([^:*?]+):/.exec(prefix);
      return m ? { project_path: m[1] } : {};
    },
  },
};
