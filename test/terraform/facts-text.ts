import type { ClaimCheck, TrustFacts } from "../../src/lint/facts";

/** One check as text: `claim operator (native) values` (values joined by `|`). */
function checkText(c: ClaimCheck): string {
  // The origin shows unless it is a condition's ("member", or anything else a reader set).
  const flags = [c.setOperator, c.ifExists ? "IfExists" : undefined, c.origin === "condition" ? undefined : (c.origin ?? "no origin")].filter(
    (f) => f !== undefined,
  );
  return `${c.claim} ${c.operator} (${c.native}) ${c.values.join("|")}${flags.length > 0 ? ` [${flags.join(",")}]` : ""}`;
}

/**
 * Trust facts as lines of text, for tables that state everything a reader extracts: the issuer, each
 * statement's checks, the unknowns, Deny statements and limits.
 */
export function factsText(facts: readonly TrustFacts[]): string[] {
  definedKeysOnly(facts, "facts");
  return facts.flatMap((f) => {
    const issuer = f.issuer;
    const where =
      [issuer.url, issuer.unknownUrl !== undefined ? `unknown ${issuer.unknownUrl}` : undefined].filter((w) => w !== undefined).join(", ") || "no url";
    return [
      `${f.address} ${f.cloud ?? "?"}: ${issuer.kind}${issuer.shared ? " shared" : ""} (${where})`,
      ...f.statements.map(
        (s) =>
          `  ${s.label}: aud [${s.audience.map(checkText).join("; ")}]${s.audienceDefault ? " (default)" : ""} sub [${s.subject.map(checkText).join("; ")}] claims [${s.claims.map(checkText).join("; ")}]${s.never !== undefined ? ` never ${s.never.value}: ${s.never.reason}` : ""}`,
      ),
      ...(f.gcp !== undefined
        ? [
            `  gcp condition ${f.gcp.condition ?? "(none)"} (${f.gcp.conditionConstrains ? "constrains" : "constrains nothing"}), ${f.gcp.poolProviderCount} provider(s) in the pool`,
            ...f.gcp.members.map((m) => `  member ${m.scope} ${m.member} (${m.address})`),
          ]
        : []),
      // An expression is text; anything else would show its type.
      ...f.unknowns.map(
        (u) => `  unknown ${u.field} = ${typeof u.expression === "string" ? u.expression : `(${typeof u.expression}) ${JSON.stringify(u.expression)}`}`,
      ),
      ...(f.denyStatements !== undefined ? [`  deny ${f.denyStatements.join(", ")}`] : []),
      ...(f.acknowledgements.length > 0 ? [`  acknowledged ${f.acknowledgements.map((a) => a.rule).join(", ")}`] : []),
      ...(f.limits?.awsTrustPolicyLength !== undefined ? [`  length ${f.limits.awsTrustPolicyLength}`] : []),
      ...(f.limits?.azureCredentialCount !== undefined
        ? [
            `  azure credentials on the parent ${f.limits.azureCredentialCount}${f.limits.azureCredentialName !== undefined ? `, name ${f.limits.azureCredentialName}` : ""}, values [${(f.limits.azureValues ?? []).join(", ")}]`,
          ]
        : []),
      ...(f.limits?.gcpProviderId !== undefined || f.limits?.gcpPoolId !== undefined || (f.limits?.gcpSubjectValues ?? []).length > 0
        ? [`  ids pool ${f.limits?.gcpPoolId ?? "?"} provider ${f.limits?.gcpProviderId ?? "?"} subjects [${(f.limits?.gcpSubjectValues ?? []).join(", ")}]`]
        : []),
    ];
  });
}

/** Throws when a key of the facts holds undefined: a reader leaves an absent value out (optional fields are absent or set). */
function definedKeysOnly(value: unknown, path: string): void {
  if (value === null || typeof value !== "object") return;
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) throw new Error(`${path}.${key} is undefined: leave the key out instead`);
    definedKeysOnly(v, `${path}.${key}`);
  }
}
