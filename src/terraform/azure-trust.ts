import type { ClaimCheck, StatementFacts, TrustFacts, UnknownValue } from "../lint/facts";
import { unknownParts } from "../lint/analysis/pattern";
import { classifyIssuerUrl } from "../trust/issuer";
import { issuerHostPath } from "../trust/issuers";
import { CREDENTIAL_PARENT, TrustGraph } from "./eval/links";
import type { TerraformResource } from "./resources";
import { evaluated, isWhollyUnknown, str, strings } from "./values";

const TYPES: Readonly<Record<string, { name: string; audiences: string }>> = {
  azurerm_federated_identity_credential: { name: "name", audiences: "audience" },
  azuread_application_federated_identity_credential: { name: "display_name", audiences: "audiences" },
  azuread_application_flexible_federated_identity_credential: { name: "display_name", audiences: "audience" },
};

/** Trust facts of Azure federated identity credentials (exact and flexible). */
export function azureTrustFacts(graph: TrustGraph): TrustFacts[] {
  const creds = graph.instances.filter((r) => r.mode === "managed" && TYPES[r.type] !== undefined);
  const parentOf = (c: TerraformResource) => String(c.values[CREDENTIAL_PARENT[c.type]] ?? "?");
  const perParent = new Map<string, number>();
  for (const c of creds) perParent.set(parentOf(c), (perParent.get(parentOf(c)) ?? 0) + 1);
  return creds.map((c) => credentialFacts(c, perParent.get(parentOf(c)) ?? 1));
}

function credentialFacts(r: TerraformResource, count: number): TrustFacts {
  const spec = TYPES[r.type];
  const values = evaluated(r.values) as Record<string, unknown>;
  const unknowns: UnknownValue[] = [];
  const issuer = str(values.issuer);
  const audiences = strings(values[spec.audiences]);
  const audience: ClaimCheck[] = [{ claim: "aud", operator: "equals", values: audiences, native: spec.audiences, origin: "condition" }];
  let subject: ClaimCheck[] = [];
  let claims: ClaimCheck[] = [];
  const all: string[] = [...(issuer ? [issuer] : []), ...audiences];
  if (r.type === "azuread_application_flexible_federated_identity_credential") {
    const expr = str(values.claims_matching_expression);
    if (expr === undefined) {
      // Missing (Terraform refuses the resource): nothing to read, so nothing pins.
      unknowns.push({ field: "claims_matching_expression", expression: "(missing)" });
      claims = [{ claim: "?", operator: "unread", values: [], native: "claims_matching_expression", origin: "condition" }];
    } else if (isWhollyUnknown(expr)) {
      unknowns.push({ field: "claims_matching_expression", expression: expr });
      claims = [{ claim: "?", operator: "unknown", values: [], native: "claims_matching_expression", origin: "condition" }];
    } else {
      const checks = readFlexibleExpression(expr);
      if (checks === undefined) {
        // Outside the grammar the reader knows: unread, never a pin (WIF011 names it).
        unknowns.push({ field: "claims_matching_expression", expression: expr });
        claims = [{ claim: "?", operator: "unread", values: [], native: expr, origin: "condition" }];
      } else {
        subject = checks.filter((c) => c.claim === "sub");
        claims = checks.filter((c) => c.claim !== "sub");
      }
      all.push(expr);
    }
  } else {
    const sub = str(values.subject);
    if (sub !== undefined) {
      subject = [{ claim: "sub", operator: isWhollyUnknown(sub) ? "unknown" : "equals", values: [sub], native: "subject", origin: "condition" }];
      all.push(sub);
    }
  }
  for (const c of [...subject, ...claims]) for (const v of c.values) for (const e of unknownParts(v)) unknowns.push({ field: c.claim, expression: e });
  // An issuer with an unknown part names no issuer: its kind is inferred by the lint (unknownUrl).
  const partlyUnknown = issuer !== undefined && unknownParts(issuer).length > 0;
  if (partlyUnknown) unknowns.push({ field: "issuer", expression: issuer });
  const hostPath = issuer !== undefined && !partlyUnknown ? issuerHostPath(issuer) : undefined;
  const cls = hostPath !== undefined ? classifyIssuerUrl(hostPath) : { kind: "generic" as const, shared: false };
  const statement: StatementFacts = { label: r.address, audience, subject, claims };
  const name = str(values[spec.name]);
  return {
    address: r.address,
    cloud: "azure",
    issuer: {
      ...(hostPath !== undefined ? { url: `https://${hostPath}` } : {}),
      ...(issuer !== undefined && partlyUnknown ? { unknownUrl: issuer } : {}),
      kind: cls.kind,
      shared: cls.shared,
      references: issuer !== undefined && !isWhollyUnknown(issuer) ? [{ where: `${r.address}.issuer`, value: issuer }] : [],
    },
    statements: [statement],
    limits: {
      azureCredentialCount: count,
      ...(name !== undefined && r.type === "azurerm_federated_identity_credential" ? { azureCredentialName: name } : {}),
      azureValues: all,
    },
    unknowns,
    acknowledgements: r.acknowledgements ?? [],
    ...(r.source ? { source: r.source } : {}),
  };
}

/**
 * Reads an Entra flexible claims-matching expression: `claims['sub'] matches 'repo:octo/app:*' and
 * claims['repository_owner_id'] eq '123'`. Undefined when it is outside that language.
 */
export function readFlexibleExpression(expr: string): ClaimCheck[] | undefined {
  const tokens: string[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let j = i + 1;
      let v = "";
      while (j < expr.length && !(expr[j] === "'" && expr[j + 1] !== "'")) {
        if (expr[j] === "'" && expr[j + 1] === "'") {
          v += "'";
          j += 2;
        } else v += expr[j++];
      }
      if (j >= expr.length) return undefined;
      tokens.push("'" + v);
      i = j + 1;
    } else {
      const m = /^(claims\[|\]|[A-Za-z_]+)/.exec(expr.slice(i));
      if (!m) return undefined;
      tokens.push(m[0]);
      i += m[0].length;
    }
  }
  const checks: ClaimCheck[] = [];
  let k = 0;
  for (;;) {
    if (tokens[k] !== "claims[" || !tokens[k + 1]?.startsWith("'") || tokens[k + 2] !== "]") return undefined;
    const claim = tokens[k + 1].slice(1);
    const op = tokens[k + 3]?.toLowerCase();
    const value = tokens[k + 4];
    if ((op !== "eq" && op !== "matches") || !value?.startsWith("'")) return undefined;
    checks.push({
      claim,
      operator: op === "eq" ? "equals" : "like",
      values: [value.slice(1)],
      native: op,
      origin: "condition",
    });
    k += 5;
    if (k === tokens.length) return checks;
    if (tokens[k]?.toLowerCase() !== "and") return undefined;
    k++;
  }
}
