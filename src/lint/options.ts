import { CLOUDS } from "../trust/audiences";
import { WifValidationError, checkOptionsObject, quote } from "../trust/errors";
import { RULES } from "./engine";
import { SEVERITIES } from "./finding";

/**
 * Validates the options of the rule engine's entry points (`lintTrust`, `TrustChecks`, `gateTrust`) as
 * JavaScript callers may pass them: an unknown option, a misspelt severity (`failOn: "High"`) or rule id
 * never switches a check off silently; it is refused with the values that are allowed. `known` lists the
 * options the entry point takes (`LINT_OPTIONS` are those of `LintOptions`).
 *
 * @example
 * checkLintOptions("TrustChecks", { failOn: "High" }, [...LINT_OPTIONS, "failOn"]); // throws: "High" is not a severity
 */
export function checkLintOptions(field: string, options: unknown, known: readonly string[]): void {
  if (options === undefined) return;
  checkOptionsObject(field, options, known, "an options object");
  const o = options as Record<string, unknown>;
  if (o.failOn !== undefined) checkSeverity(`${field}.failOn`, o.failOn);
  if (o.cloud !== undefined && !(CLOUDS as readonly unknown[]).includes(o.cloud)) {
    throw new WifValidationError(`${field}.cloud`, `${quote(o.cloud)} is not a cloud. Use one of ${CLOUDS.map((c) => quote(c)).join(", ")}.`);
  }
  if (o.address !== undefined && (typeof o.address !== "string" || o.address.length === 0)) {
    throw new WifValidationError(`${field}.address`, `expected a non-empty string, got ${quote(o.address)}.`);
  }
  if (o.ignore !== undefined) {
    if (!Array.isArray(o.ignore)) throw new WifValidationError(`${field}.ignore`, `expected a list of rule ids, got ${quote(o.ignore)}.`);
    o.ignore.forEach((id: unknown, i) => checkRuleId(`${field}.ignore[${i}]`, id));
  }
  if (o.severityOverrides !== undefined) {
    const overrides = o.severityOverrides;
    if (overrides === null || typeof overrides !== "object" || Array.isArray(overrides)) {
      throw new WifValidationError(
        `${field}.severityOverrides`,
        `expected an object of rule id to severity, e.g. { WIF008: "info" }, got ${quote(overrides)}.`,
      );
    }
    for (const [id, severity] of Object.entries(overrides)) {
      checkRuleId(`${field}.severityOverrides`, id);
      checkSeverity(`${field}.severityOverrides.${id}`, severity);
    }
  }
}

/** The options of `LintOptions`, which every rule-engine entry point takes. */
export const LINT_OPTIONS: readonly string[] = ["severityOverrides", "ignore"];

function checkSeverity(field: string, value: unknown): void {
  if (!(SEVERITIES as readonly unknown[]).includes(value)) {
    throw new WifValidationError(field, `${quote(value)} is not a severity. Use one of ${SEVERITIES.map((s) => quote(s)).join(", ")} (lowercase).`);
  }
}

function checkRuleId(field: string, value: unknown): void {
  if (!RULES.some((r) => r.id === value)) {
    throw new WifValidationError(field, `${quote(value)} is not a rule id. Known rules: ${RULES.map((r) => r.id).join(", ")}.`);
  }
}
