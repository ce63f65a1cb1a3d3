import type { ClaimCheck, TrustFacts } from "../../src/lint/facts";
import { eq, facts, like, ruleHits } from "./helpers";

const GITLAB = { url: "https://gitlab.com", kind: "gitlab", shared: true, references: [] } as const;
const GITHUB_FIX =
  "Also pin `repository_owner_id` or `repository_id` (StringEquals / Claim.equals), or the immutable subject `repo:OWNER@OWNER_ID/REPO@REPO_ID:...`.";
const risk = (value: string) =>
  `${JSON.stringify(value)} names the owner only by its mutable name; if it is renamed or deleted, whoever registers the name inherits this trust.`;
const hits = (f: TrustFacts) => ruleHits("WIF008", f, { severity: true });
const on = (...checks: ClaimCheck[]) => facts({ checks });

describe("WIF008", () => {
  it.each<[string, TrustFacts, string, "low" | "medium", string]>([
    [
      "one repository and one context: hardening advice",
      on(eq("sub", "repo:octo/app:ref:refs/heads/main")),
      "repo:octo/app:ref:refs/heads/main",
      "low",
      GITHUB_FIX,
    ],
    ["every context of one repository", on(like("sub", "repo:octo/app:*")), "repo:octo/app:*", "medium", GITHUB_FIX],
    [
      "a GitLab project, named by its path",
      facts({ issuer: GITLAB, checks: [eq("sub", "project_path:g/p:ref_type:branch:ref:main")] }),
      "project_path:g/p:ref_type:branch:ref:main",
      "low",
      "Also pin `namespace_id` or `project_id` (StringEquals / Claim.equals).",
    ],
  ])("%s", (_name, f, value, severity, fix) => {
    expect(hits(f)).toEqual([{ value, severity, risk: risk(value), fix }]);
  });
});
