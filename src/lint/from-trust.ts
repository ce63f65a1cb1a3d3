import type { Cloud } from "../trust/audiences";
import type { StringCondition } from "../trust/string-condition";
import type { Trust } from "../trust/trust";
import type { Acknowledgement } from "./acknowledgement";
import { unknownParts } from "./analysis/pattern";
import type { ClaimCheck, StatementFacts, TrustFacts, UnknownValue } from "./facts";

/** Options of `factsFromTrust`. */
export interface FactsFromTrustOptions {
  /**
   * The cloud the trust is deployed to: decides the default audience (AWS and Azure) and the limits checked.
   * @default - no cloud: audiences are judged only when the trust names them
   */
  readonly cloud?: Cloud;
  /**
   * Construct path or label used as the findings' address.
   * @default "Trust"
   */
  readonly address?: string;
  /**
   * Acknowledgements that suppress findings on this trust.
   * @default - none
   */
  readonly acknowledge?: readonly Acknowledgement[];
}

/**
 * The trust facts of a `Trust` declaration: one statement (subject AND claims AND audience).
 *
 * @example
 * factsFromTrust(Trust.githubActions({ repository: "octo/app", branch: "main" }), { cloud: "aws", address: "Stack/deploy" });
 */
export function factsFromTrust(trust: Trust, options: FactsFromTrustOptions = {}): TrustFacts {
  const cloud = options.cloud;
  const subject = conditionCheck("sub", trust.subject);
  const claims = Object.entries(trust.claims).map(([name, c]) => conditionCheck(name, c));
  const audiences = cloud ? trust.audiencesFor(cloud) : trust.audiences;
  const audienceDefault = audiences === undefined && cloud !== "aws";
  const audience: ClaimCheck[] = audiences ? [{ claim: "aud", operator: "equals", values: [...audiences], native: "audiences", origin: "condition" }] : [];
  const statement: StatementFacts = { label: "trust", audience, audienceDefault, subject: [subject], claims };
  const unknowns: UnknownValue[] = [subject, ...claims, ...audience].flatMap((c) =>
    c.values.flatMap((v) => unknownParts(v).map((expression) => ({ field: c.claim, expression }))),
  );
  return {
    address: options.address ?? "Trust",
    ...(cloud ? { cloud } : {}),
    issuer: {
      url: trust.issuer.url,
      kind: trust.issuer.kind,
      shared: trust.issuer.shared,
      references: [{ where: "issuer", value: trust.issuer.url }],
    },
    statements: [statement],
    limits:
      cloud === "gcp"
        ? { gcpSubjectValues: trust.subject.exactValues }
        : cloud === "azure"
          ? { azureValues: [trust.issuer.url, ...trust.subject.exactValues, ...(audiences ?? [])] }
          : {},
    unknowns,
    acknowledgements: options.acknowledge ?? [],
  };
}

function conditionCheck(claim: string, condition: StringCondition): ClaimCheck {
  const exact = condition.isExact;
  return {
    claim,
    operator: exact ? "equals" : "like",
    values: condition.alternatives.map((a) => (a.kind === "exact" ? a.value : a.pattern)),
    native: exact ? "equals" : "like",
    origin: "condition",
  };
}
