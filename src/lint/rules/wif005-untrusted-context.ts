import { profileOf } from "../../trust/issuers";
import { awsCondition, subject } from "./examples";
import { defineRule, docsPath, MessageHit } from "./rule";

/** WIF005: pull-request or user-controlled contexts. */
const FIX =
  "Trust a protected branch or an environment with required reviewers instead of `pull_request`; start custom subject templates with `repository_owner_id` or `repo`; pin the calling repository next to `job_workflow_ref`.";

/** Only job_workflow_ref is checked. */
const jobWorkflowOnlyRisk = (value: string): string =>
  `Only job_workflow_ref is checked (${value}): every repository allowed to call that reusable workflow can assume the identity.`;

const MESSAGES = {
  pullRequest: {
    risk: (d: { value: string }) => `${JSON.stringify(d.value)} admits pull-request runs, which execute code the PR author controls.`,
    fix: () => FIX,
  },
  abusableTemplate: {
    risk: (d: { template: string }) => `The subject template starts with ${JSON.stringify(d.template)}, a value whoever triggers the run controls.`,
    fix: () => "Start the custom subject template with `repository_owner_id` (or `repo`) and compare it exactly.",
  },
  jobWorkflowOnly: {
    risk: (d: { value: string }) => jobWorkflowOnlyRisk(d.value),
    fix: () => "Also pin the calling repository: `:sub` = `repo:OWNER/REPO:...` or `repository_id`.",
  },
  jobWorkflowOnlyAzure: {
    risk: (d: { value: string }) =>
      `${jobWorkflowOnlyRisk(d.value)} Entra also requires GitHub expressions to pin claims['sub'] and claims['repository_id'] or claims['repository_owner_id']: it refuses this credential.`,
    fix: () =>
      "Add the pins Azure requires: claims['sub'] matches 'repo:OWNER/REPO:...' and claims['repository_owner_id'] eq '<owner id>' (or claims['repository_id'] eq '<repository id>').",
  },
} as const;

export const WIF005 = defineRule({
  meta: {
    id: "WIF005",
    severity: "medium",
    title: "Pull-request or user-controlled context",
    why: "Pull-request runs execute code from the PR author (forks included where allowed), and user-controlled leading claims can be shaped by whoever triggers the run.",
    fix: FIX,
    details:
      "`repo:octo/app:pull_request` admits workflows triggered by pull requests. A GitHub custom subject template that starts " +
      "with `workflow`, `environment`, `ref`, `context`, `head_ref` or `base_ref` puts a value the run's trigger controls first, " +
      "where a `StringLike` prefix is usually written. A trust that checks only `job_workflow_ref` admits every repository that " +
      "may call that reusable workflow (any repository, when the workflow is public). Azure flexible credentials for GitHub " +
      "must also pin `sub` and `repository_id` or `repository_owner_id` (Entra refuses the credential otherwise).",
    fires: [
      subject("`repo:octo/app:pull_request`", "StringEquals", "repo:octo/app:pull_request"),
      subject("custom template `workflow:deploy:repo:octo/app`", "StringEquals", "workflow:deploy:repo:octo/app"),
      awsCondition("only `job_workflow_ref` checked", {
        StringEquals: { aud: "sts.amazonaws.com", job_workflow_ref: "octo/deploy/.github/workflows/deploy.yml@refs/heads/main" },
      }),
    ],
    passes: [subject("`repo:octo/app:environment:prod`", "StringEquals", "repo:octo/app:environment:prod")],
    docs: docsPath("WIF005"),
    messages: MESSAGES,
  },
  check: ({ facts, reaches }) => {
    // Entra's flexible credentials for GitHub must pin `sub` and an id; a job_workflow_ref-only one is refused.
    const azureGithub = facts.cloud === "azure" && profileOf(facts.issuer.kind).azure.flexible?.language.requiredOneOf !== undefined;
    const hits: MessageHit<typeof MESSAGES>[] = [];
    for (const r of reaches) {
      for (const s of r.subjects) {
        if (s.scope.pullRequest) {
          hits.push({ messageId: "pullRequest", data: { value: s.value }, value: s.value });
        }
        if (s.scope.abusableTemplate) {
          hits.push({ messageId: "abusableTemplate", data: { template: s.scope.abusableTemplate }, value: s.value });
        }
      }
      if (r.jobWorkflowOnly) {
        hits.push({ messageId: azureGithub ? "jobWorkflowOnlyAzure" : "jobWorkflowOnly", data: { value: r.value }, value: r.value });
      }
    }
    return hits;
  },
});
