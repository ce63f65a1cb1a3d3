import { isRuleId, RULES } from "../../lint/engine";
import type { RuleMeta } from "../../lint/rules/rule";
import { quote } from "../../trust/errors";
import { defineCommand } from "../command";
import type { CliIo } from "../io";
import { EXIT, ExitCode } from "../report";
import { ruleDocsUrl } from "../rule-info";
import { UsageError } from "../usage-error";
import { packageInfo } from "../version";

/** The options of `wif rules`. */
export interface RulesCommandOptions {
  /** One rule to show in full. @default - the catalogue */
  readonly rule?: string;
}

/**
 * `wif rules`: the rule catalogue, one line per rule (id, severity, title); `wif rules WIF002`: one
 * rule's page (why, details, fix, examples that fire and pass, and where its docs live).
 *
 * @example
 * await rulesCommand({ rule: "WIF002" }, io);
 */
export async function rulesCommand(options: RulesCommandOptions, io: CliIo): Promise<ExitCode> {
  const repositoryUrl = packageInfo().repositoryUrl;
  if (options.rule === undefined) {
    io.stdout.write(catalogue(RULES));
    return EXIT.clean;
  }
  const meta = RULES.find((r) => r.id === options.rule) as RuleMeta;
  io.stdout.write(rulePage(meta, repositoryUrl));
  return EXIT.clean;
}

/** `WIF001  critical  title` per rule, and how to see one. */
export function catalogue(rules: readonly RuleMeta[]): string {
  const width = Math.max(...rules.map((r) => r.severity.length));
  const lines = rules.map((r) => `${r.id}  ${r.severity.padEnd(width)}  ${r.title}`);
  return `${lines.join("\n")}\n\n${rules.length} rules. "wif rules WIF002" shows one.\n`;
}

/** One rule in full, as plain text. */
export function rulePage(meta: RuleMeta, repositoryUrl?: string): string {
  const examples = (title: string, values: readonly string[]) => (values.length > 0 ? [title, ...values.map((v) => `  ${v}`), ""] : []);
  return [
    `${meta.id} (${meta.severity}): ${meta.title}`,
    "",
    `Why: ${meta.why}`,
    "",
    meta.details,
    "",
    `Fix: ${meta.fix}`,
    "",
    ...examples(
      "Fires on:",
      meta.fires.map((e) => e.text),
    ),
    ...examples(
      "Passes:",
      meta.passes.map((e) => e.text),
    ),
    `Docs: ${meta.docs} in the cdktf-wif package${repositoryUrl ? `, ${ruleDocsUrl(meta, repositoryUrl)}` : ""}`,
    "",
  ].join("\n");
}

/** `wif rules`, as the command table holds it. */
export const RULES_COMMAND = defineCommand<RulesCommandOptions>({
  name: "rules",
  usage: "[WIFnnn]",
  summary: "print the rule catalogue, or one rule's page",
  flags: [],
  options: ({ positionals }) => {
    if (positionals.length > 1) throw new UsageError(`rules takes at most one rule id; got ${positionals.map((p) => quote(p)).join(" ")}.`);
    const [rule] = positionals;
    if (rule === undefined) return {};
    if (!isRuleId(rule)) throw new UsageError(`unknown rule ${quote(rule)}. Rules: ${RULES.map((r) => r.id).join(", ")}.`);
    return { rule };
  },
  run: rulesCommand,
});
