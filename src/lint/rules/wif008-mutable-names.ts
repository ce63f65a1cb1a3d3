import { subject } from "./examples";
import { defineRule, docsPath } from "./rule";
import { wordsOf } from "./words";

/** WIF008: pinned by mutable names only on a shared issuer. */
export const WIF008 = defineRule({
  meta: {
    id: "WIF008",
    severity: "low",
    title: "Mutable names without an immutable id",
    why: "Owner and repository names can be renamed or deleted and then re-registered by someone else, who would inherit this trust.",
    fix: "Also pin the immutable id: `repository_owner_id` / `repository_id` on GitHub (or the immutable subject `repo:OWNER@ID/REPO@ID:...`), `namespace_id` / `project_id` on GitLab.",
    details:
      "On github.com and gitlab.com names are recycled: a deleted or renamed owner's name can be registered by anyone " +
      '("repo-jacking", Astrix "Sub:jugation"). Numeric ids never change hands. Low (hardening advice) on a trust ' +
      "already pinned to one repository and one context; medium on a broader one. Lower the severity to info per run if you accept the risk.",
    fires: [
      subject("`repo:octo/app:ref:refs/heads/main` alone (low)", "StringEquals", "repo:octo/app:ref:refs/heads/main"),
      subject("`repo:octo/app:*` alone (medium)", "StringLike", "repo:octo/app:*"),
    ],
    passes: [
      subject("the same subject plus a `repository_owner_id` pin", "StringEquals", "repo:octo/app:ref:refs/heads/main", {
        more: { StringEquals: { repository_owner_id: "1234567" } },
      }),
      subject("GitHub's immutable subject `repo:octo@11/app@22:ref:refs/heads/main`", "StringEquals", "repo:octo@11/app@22:ref:refs/heads/main"),
    ],
    docs: docsPath("WIF008"),
    messages: {
      pinnedByName: { severity: "low", risk: mutableRisk, fix: pinFix },
      broadByName: { severity: "medium", risk: mutableRisk, fix: pinFix },
    },
  },
  check: ({ facts, reaches }) => {
    // Only where names are recycled on a shared issuer and an immutable id exists to pin instead.
    const pins = wordsOf(facts.issuer.kind).immutablePins;
    if (!facts.issuer.shared || pins === undefined) return [];
    return reaches
      .filter((r) => (r.reach === "one-tenant" || r.reach === "one-repository" || r.reach === "one-context") && !r.jobWorkflowOnly)
      .filter((r) => !r.pins.tenantImmutable && !r.pins.repositoryImmutable && !r.pins.assumed)
      .map((r) => ({
        // Hardening advice on a trust already pinned to one repository and one context; a broader trust is more exposed.
        messageId: r.reach === "one-context" ? ("pinnedByName" as const) : ("broadByName" as const),
        data: { value: r.value, pins },
        value: r.value,
      }));
  },
});

function mutableRisk(d: { value: string; pins: string }): string {
  return `${JSON.stringify(d.value)} names the owner only by its mutable name; if it is renamed or deleted, whoever registers the name inherits this trust.`;
}

function pinFix(d: { value: string; pins: string }): string {
  return `Also pin ${d.pins}.`;
}
