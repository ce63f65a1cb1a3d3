import type { Finding } from "../lint/finding";

/** One finding as a line users read in errors and warnings. */
export function describeFinding(f: Finding): string {
  const head = `${f.rule} (${f.severity}) ${JSON.stringify(f.value)}`;
  const suppressed = f.suppressed ? ` [suppressed: ${f.suppressed.reason}]` : "";
  return `${head}${suppressed}: ${f.risk} Fix: ${f.fix}`;
}

/** The message of a refused trust: every blocking finding with its fix, and how to acknowledge one. */
export function refusalMessage(what: string, blocking: readonly Finding[], threshold: string): string {
  return (
    `${what} has ${blocking.length} finding${blocking.length === 1 ? "" : "s"} at or above "${threshold}":\n` +
    blocking.map((f) => `  - ${f.address}: ${describeFinding(f)}`).join("\n") +
    `\nFix the trust, or accept a finding explicitly: acknowledge: [{ rule: "${blocking[0].rule}", reason: "<why this is acceptable, at least 10 characters>" }].`
  );
}
