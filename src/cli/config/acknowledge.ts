import { acknowledgementApplies } from "../../lint/acknowledgement";
import type { Finding } from "../../lint/finding";
import type { ConfigAcknowledgement } from "./config";

/** Findings with the config file's acknowledgements applied, and the acknowledgements that matched nothing. */
export interface AcknowledgedFindings {
  readonly findings: readonly Finding[];
  readonly unused: readonly ConfigAcknowledgement[];
}

/**
 * Marks findings suppressed, with the reason, when the config file acknowledges their rule (and,
 * with `appliesTo`, their value) on their full address. A finding already suppressed in source keeps its own reason. An
 * acknowledgement that matches no finding is returned in `unused` (a stale entry, or a typo in the
 * address: worth a warning, as it hides nothing).
 *
 * @example
 * applyConfigAcknowledgements(findings, [{ address: "aws_iam_role.ci", rule: "WIF004", reason: "read-only role used by every branch" }]);
 */
export function applyConfigAcknowledgements(findings: readonly Finding[], acknowledgements: readonly ConfigAcknowledgement[]): AcknowledgedFindings {
  const used = new Set<ConfigAcknowledgement>();
  const out = findings.map((f) => {
    const ack = acknowledgements.find((a) => a.address === f.address && acknowledgementApplies(a, f));
    if (!ack) return f;
    used.add(ack);
    return f.suppressed ? f : { ...f, suppressed: { reason: ack.reason } };
  });
  return { findings: out, unused: acknowledgements.filter((a) => !used.has(a)) };
}
