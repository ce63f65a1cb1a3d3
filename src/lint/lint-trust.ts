import { WifValidationError, quote } from "../trust/errors";
import { Trust } from "../trust/trust";
import { checkAcknowledgements } from "./acknowledgement";
import { lintFacts, LintOptions } from "./engine";
import type { Finding } from "./finding";
import { checkLintOptions, LINT_OPTIONS } from "./options";
import { factsFromTrust, FactsFromTrustOptions } from "./from-trust";

/**
 * Lints a `Trust` declaration with the same rules as the `TrustChecks` Aspect and `wif lint`.
 *
 * @example
 * lintTrust(Trust.githubActions({ repository: "octo/app", anyRef: true })).map((f) => f.rule); // ["WIF004", "WIF008"]
 */
export function lintTrust(trust: Trust, options: LintOptions & FactsFromTrustOptions = {}): Finding[] {
  checkLintOptions("lintTrust", options, [...LINT_OPTIONS, "cloud", "address", "acknowledge"]);
  if (!(trust instanceof Trust)) throw new WifValidationError("lintTrust.trust", `expected a Trust, got ${quote(trust)}.`);
  const problem = checkAcknowledgements(options.acknowledge).problems[0];
  if (problem !== undefined) {
    const at = /^\[\d+\]: /.exec(problem)?.[0] ?? "";
    throw new WifValidationError(`lintTrust.acknowledge${at.slice(0, -2)}`, problem.slice(at.length));
  }
  return lintFacts(factsFromTrust(trust, options), options);
}
