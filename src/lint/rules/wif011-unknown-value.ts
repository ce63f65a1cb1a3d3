import { subject } from "./examples";
import { defineRule, docsPath } from "./rule";

/** WIF011: a value the engine cannot see. */
const FIX = "Use literal values in trust conditions, or lint the plan JSON (`terraform show -json`) where values are resolved.";

export const WIF011 = defineRule({
  meta: {
    id: "WIF011",
    severity: "info",
    title: "Value cannot be verified statically",
    why: "Part of the trust is a variable, token or function result, so its breadth cannot be checked before apply.",
    fix: FIX,
    details:
      "`repo:${var.org}/${var.repo}:*`: the literal parts are judged (here `:*` is WIF004), the variable parts are reported " +
      "here, never guessed to be safe or unsafe.",
    fires: [subject("`repo:${var.org}/${var.repo}:*` (also WIF004)", "StringLike", "repo:${var.org}/${var.repo}:*")],
    passes: [subject("`repo:octo/app:environment:prod`", "StringEquals", "repo:octo/app:environment:prod")],
    docs: docsPath("WIF011"),
    messages: {
      unknown: {
        risk: (d: { field: string; expression: string; decidedBy?: string }) =>
          `${d.field} uses ${JSON.stringify(d.expression)}, which is unknown until apply, so this part of the trust cannot be checked.` +
          (d.decidedBy ? ` It is decided by ${d.decidedBy}.` : ""),
        fix: () => FIX,
      },
    },
  },
  // One hit per expression: the engine keeps one finding per rule and value (the first field named).
  check: ({ facts }) =>
    facts.unknowns.map((u) => ({
      messageId: "unknown" as const,
      data: { field: u.field, expression: u.expression, decidedBy: u.decidedBy },
      value: u.expression,
    })),
});
