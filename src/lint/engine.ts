import { findAcknowledgement } from "./acknowledgement";
import { issuerReadings } from "./analysis/issuer-readings";
import { statementReach } from "./analysis/statement-reach";
import type { TrustFacts } from "./facts";
import { SEVERITIES } from "./finding";
import type { Finding, Severity } from "./finding";
import { ALL_RULES } from "./rules";
import type { RuleMeta } from "./rules/rule";

/** Options of `lintFacts` / `lintTrust`. */
export interface LintOptions {
  /**
   * Per-rule severities for this run, e.g. `{ WIF008: "info" }`.
   * @default - each rule's severity (or the finding's, when a rule downgrades it with a reason)
   */
  readonly severityOverrides?: Readonly<Record<string, Severity>>;
  /**
   * Rule ids not to run at all (the CLI's `--ignore`).
   * @default - none
   */
  readonly ignore?: readonly string[];
}

/** The metadata of every rule (id, severity, title, why, fix, docs path), in id order. */
export const RULES: readonly RuleMeta[] = ALL_RULES.map((r) => r.meta);

/** True when `id` names a rule. */
export function isRuleId(id: string): boolean {
  return RULES.some((r) => r.id === id);
}

/**
 * Runs every rule on normalized trust facts. Findings suppressed by an acknowledgement on the
 * facts are included, marked `suppressed`.
 *
 * @example
 * const findings = lintFacts(extractTrustFacts(resourcesFromTerraformJson(json)), { ignore: ["WIF008"] });
 */
export function lintFacts(facts: TrustFacts | readonly TrustFacts[], options: LintOptions = {}): Finding[] {
  const list: readonly TrustFacts[] = isFactsList(facts) ? facts : [facts];
  const ignore = new Set(options.ignore ?? []);
  const out: Finding[] = [];
  for (const given of list) {
    const hits: Finding[] = [];
    for (const f of issuerReadings(given)) {
      const context = { facts: f, reaches: f.statements.map((s) => statementReach(f, s)) };
      for (const rule of ALL_RULES) {
        if (ignore.has(rule.meta.id)) continue;
        for (const hit of rule.check(context)) {
          const ack = findAcknowledgement(f.acknowledgements, { rule: rule.meta.id, value: hit.value });
          hits.push({
            rule: rule.meta.id,
            severity: hit.severity ?? rule.meta.severity,
            title: rule.meta.title,
            address: f.address,
            value: hit.value,
            risk: hit.risk ?? rule.meta.why,
            fix: hit.fix ?? rule.meta.fix,
            ...(f.cloud ? { cloud: f.cloud } : {}),
            ...(f.source ? { location: f.source } : {}),
            ...(ack ? { suppressed: { reason: ack.reason } } : {}),
          });
        }
      }
    }
    for (const finding of keepMostSevere(hits)) {
      const override = options.severityOverrides?.[finding.rule];
      out.push(override === undefined ? finding : { ...finding, severity: override });
    }
  }
  return out;
}

/**
 * One finding per rule and value, for the findings of one trust: a rule may hit the same value twice
 * (an info hint and a broken check, say, or two readings of an issuer whose kind is inferred). The
 * most severe hit is kept, in the place of the first; of equally severe hits, the first.
 */
export function keepMostSevere(findings: readonly Finding[]): Finding[] {
  const at = new Map<string, number>();
  const out: Finding[] = [];
  for (const finding of findings) {
    const key = `${finding.rule}\u0000${finding.value}`;
    const index = at.get(key);
    if (index === undefined) {
      at.set(key, out.length);
      out.push(finding);
    } else if (SEVERITIES.indexOf(finding.severity) < SEVERITIES.indexOf(out[index].severity)) {
      out[index] = finding;
    }
  }
  return out;
}

function isFactsList(facts: TrustFacts | readonly TrustFacts[]): facts is readonly TrustFacts[] {
  return Array.isArray(facts);
}
