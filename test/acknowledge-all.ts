import { Acknowledgement, Cloud, lintTrust, Trust } from "../src";

/**
 * Acknowledges every rule the engine finds on the trust for the cloud, with `reason`: for tests
 * about something other than the rule engine's verdict (compiler equivalence, extraction), which
 * must also build the broad trusts constructs refuse by default.
 */
export function acknowledgeAll(trust: Trust, cloud: Cloud, reason: string): Acknowledgement[] {
  return [...new Set(lintTrust(trust, { cloud }).map((f) => f.rule))].map((rule) => ({ rule, reason }));
}
