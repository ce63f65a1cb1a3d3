import type { LintOptions } from "../lint/engine";
import type { Finding } from "../lint/finding";
import { WIF011 } from "../lint/rules/wif011-unknown-value";
import type { ReadUnit } from "./read-inputs";

/**
 * One WIF011 (info) per module call that could not be read, at the call: its source, and that
 * `terraform get` makes it readable. A trust inside it cannot be checked, so this is never silent.
 *
 * @example
 * unreadModuleFindings(unit, {}).map((f) => f.value); // ["terraform-aws-modules/iam/aws//modules/iam-github-oidc-role"]
 */
export function unreadModuleFindings(unit: ReadUnit, options: LintOptions): Finding[] {
  if ((options.ignore ?? []).includes(WIF011.meta.id)) return [];
  return (unit.unreadModules ?? []).map((m) => ({
    rule: WIF011.meta.id,
    severity: options.severityOverrides?.[WIF011.meta.id] ?? WIF011.meta.severity,
    title: WIF011.meta.title,
    address: m.address,
    value: m.source,
    risk: `${m.address} is not read: ${m.reason}. A trust it declares cannot be checked.`,
    fix: "Run `terraform get` (or `terraform init`) before `wif lint`, or lint the plan JSON (`terraform show -json plan.out`).",
    location: m.location,
  }));
}
