import { docsPath, Rule, RuleHit } from "./rule";

/** WIF005: pull-request or user-controlled contexts. */
export const WIF005: Rule = {
  meta: {
    id: "WIF005",
    severity: "medium",
    title: "Pull-request or user-controlled context",
    why: "Pull-request runs execute code from the PR author (forks included where allowed), and user-controlled leading claims can be shaped by whoever triggers the run.",
    fix: "Trust a protected branch or an environment with required reviewers instead of `pull_request`; start custom subject templates with `repository_owner_id` or `repo`; pin the calling repository next to `job_workflow_ref`.",
    details:
      "`repo:octo/app:pull_request` admits workflows triggered by pull requests. A GitHub custom subject template that starts " +
      "with `workflow`, `environment`, `ref`, `context`, `head_ref` or `base_ref` puts a value the run's trigger controls first, " +
      "where a `StringLike` prefix is usually written. A trust that checks only `job_workflow_ref` admits every repository that " +
      "may call that reusable workflow (any repository, when the workflow is public).",
    fires: ["`repo:octo/app:pull_request`", "custom template `workflow:deploy:repo:octo/app`", "only `job_workflow_ref` checked"],
    passes: [],
    docs: docsPath("WIF005"),
  },
  check: ({ reaches }) => {
    const hits: RuleHit[] = [];
    for (const r of reaches) {
      for (const s of r.subjects) {
        if (s.scope.pullRequest) {
          hits.push({ value: s.value, risk: `${JSON.stringify(s.value)} admits pull-request runs, which execute code the PR author controls.` });
        }
        if (s.scope.abusableTemplate) {
          hits.push({
            value: s.value,
            risk: `The subject template starts with ${JSON.stringify(s.scope.abusableTemplate)}, a value whoever triggers the run controls.`,
            fix: "Start the custom subject template with `repository_owner_id` (or `repo`) and compare it exactly.",
          });
        }
      }
      if (r.jobWorkflowOnly) {
        hits.push({
          value: r.value,
          risk: `Only job_workflow_ref is checked (${r.value}): every repository allowed to call that reusable workflow can assume the identity.`,
          fix: "Also pin the calling repository: `:sub` = `repo:OWNER/REPO:...` or `repository_id`.",
        });
      }
    }
    return hits;
  },
};
