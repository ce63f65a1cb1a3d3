import type { Construct } from "constructs";
import { ACKNOWLEDGEMENT_MESSAGES, checkAcknowledgement, describeAcknowledgement, unusedAcknowledgements, type Acknowledgement } from "../lint/acknowledgement";
import { isAtLeast, type Finding } from "../lint/finding";
import { lintTrust } from "../lint/lint-trust";
import { checkLintOptions } from "../lint/options";
import type { Cloud } from "../trust/audiences";
import { WifValidationError, quote } from "../trust/errors";
import type { Trust } from "../trust/trust";
import { engineOf } from "./engine";
import { describeFinding, refusalMessage } from "./lint-messages";
import { scopedError, scopedToConstruct } from "./scoped";

/** Construct metadata type under which acknowledgements are recorded for the `TrustChecks` Aspect. */
export const ACKNOWLEDGE_METADATA = "cdktf-wif:acknowledge";

/** Options of `gateTrust`. */
export interface GateTrustOptions {
  /**
   * The cloud the trust is deployed to (its default audience and limits apply).
   * @default - none: audiences are judged only when the trust names them
   */
  readonly cloud?: Cloud;
  /**
   * Findings accepted explicitly, each with a reason of at least 10 characters.
   * @default - none
   */
  readonly acknowledge?: readonly Acknowledgement[];
}

/**
 * The check every construct runs on its trust: throws a `WifValidationError` listing every
 * unacknowledged finding at or above `high` with its fix; adds `medium` and `low` as cdktf warnings
 * (`info` and suppressed ones as info); rejects acknowledgements with an unknown rule, a short reason, or no
 * matching finding. Returns all findings.
 *
 * @example
 * gateTrust(this, props.trust, { cloud: "aws", acknowledge: props.acknowledge });
 */
export function gateTrust(scope: Construct, trust: Trust, options: GateTrustOptions = {}): Finding[] {
  const path = scope.node.path;
  const { Annotations } = engineOf(scope, path).api;
  scopedToConstruct(scope, () => checkLintOptions("gateTrust", options, ["cloud", "acknowledge"]));
  const acknowledge = scopedToConstruct(scope, () => checkAcknowledgements("acknowledge", options.acknowledge));
  const findings = lintTrust(trust, { cloud: options.cloud, address: path, acknowledge });
  const unused = unusedAcknowledgements(acknowledge, findings);
  if (unused.length > 0) {
    const a = unused[0];
    const what = describeAcknowledgement(a);
    throw scopedError(
      scope,
      `acknowledge[${acknowledge.indexOf(a)}]`,
      `acknowledges ${what}, but the trust ${quote(trust.description)} has no ${what} finding` +
        (a.appliesTo === undefined ? ". " : ` (its ${a.rule} findings: ${quote(findings.filter((f) => f.rule === a.rule).map((f) => f.value))}). `) +
        `Remove the acknowledgement: an unused one would silently hide a future ${a.rule} finding.`,
    );
  }
  const blocking = findings.filter((f) => !f.suppressed && isAtLeast(f.severity, "high"));
  if (blocking.length > 0) {
    throw scopedError(scope, "trust", refusalMessage(`The trust ${quote(trust.description)}`, blocking, "high"));
  }
  for (const f of findings) {
    if (f.suppressed || f.severity === "info") Annotations.of(scope).addInfo(describeFinding(f));
    else Annotations.of(scope).addWarning(describeFinding(f));
  }
  if (acknowledge.length > 0) scope.node.addMetadata(ACKNOWLEDGE_METADATA, acknowledge);
  return findings;
}

function checkAcknowledgements(field: string, acks: unknown): readonly Acknowledgement[] {
  if (acks === undefined) return [];
  if (!Array.isArray(acks)) throw new WifValidationError(field, ACKNOWLEDGEMENT_MESSAGES.notAList(acks));
  return acks.map((a: unknown, i) => {
    const checked = checkAcknowledgement(a);
    if ("problem" in checked) throw new WifValidationError(`${field}[${i}]`, checked.problem);
    return checked;
  });
}

/** The resource types whose trust the rule engine reads from Terraform JSON (where `wif lint` looks for acknowledgements). */
const TRUST_BEARING_TYPES: ReadonlySet<string> = new Set([
  "aws_iam_role",
  "google_iam_workload_identity_pool_provider",
  "google_service_account_iam_member",
  "google_project_iam_member",
  "azurerm_federated_identity_credential",
  "azuread_application_federated_identity_credential",
  "azuread_application_flexible_federated_identity_credential",
]);

/**
 * Writes the acknowledgements `gateTrust` recorded on `scope` into the synthesized JSON of its
 * trust-bearing resources (`"//": { "wif": { "acknowledge": [...] } }`, which Terraform ignores), so
 * `wif lint cdktf.out` honours them and reports those findings as suppressed with their reason.
 * Constructs call it once their resources exist.
 */
export function writeAcknowledgements(scope: Construct): void {
  const acknowledge = scope.node.metadata.filter((m) => m.type === ACKNOWLEDGE_METADATA).flatMap((m) => m.data as Acknowledgement[]);
  if (acknowledge.length === 0) return;
  for (const c of scope.node.findAll()) {
    const resource = c as { terraformResourceType?: unknown; addOverride?: (path: string, value: unknown) => void };
    if (typeof resource.terraformResourceType !== "string" || !TRUST_BEARING_TYPES.has(resource.terraformResourceType)) continue;
    if (typeof resource.addOverride !== "function") continue;
    resource.addOverride(
      "//.wif.acknowledge",
      acknowledge.map((a) => ({ rule: a.rule, ...(a.appliesTo ? { appliesTo: [...a.appliesTo] } : {}), reason: a.reason })),
    );
  }
}
