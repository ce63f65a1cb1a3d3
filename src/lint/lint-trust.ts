import type { Trust } from "../trust/trust";
import { lintFacts, LintOptions } from "./engine";
import type { Finding } from "./finding";
import { factsFromTrust, FactsFromTrustOptions } from "./from-trust";

/**
 * Lints a `Trust` declaration with the same rules as the `TrustChecks` Aspect and `wif lint`.
 *
 * @example
 * lintTrust(Trust.githubActions({ repository: "octo/app", anyRef: true })).map((f) => f.rule); // ["WIF004", "WIF008"]
 */
export function lintTrust(trust: Trust, options: LintOptions & FactsFromTrustOptions = {}): Finding[] {
  return lintFacts(factsFromTrust(trust, options), options);
}
