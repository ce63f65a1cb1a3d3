import { lintFacts, LintOptions } from "../lint/engine";
import type { TrustFacts } from "../lint/facts";
import type { TerraformResource } from "../terraform/resources";
import { str, evaluated } from "../terraform/values";
import { familiesOf } from "./families";
import type { TrustGraph, TrustGraphUnit } from "./graph";
import type { Inventory, InventoryCondition, InventoryIdentity } from "./model";
import { awsRolePermissions } from "./permissions/aws";
import { azureCredentialPermissions } from "./permissions/azure";
import { gcpProviderPermissions } from "./permissions/gcp";
import type { Grants } from "./permissions/grants";
import { assemble } from "./assemble";

/** Options of `buildInventory`. */
export interface BuildInventoryOptions extends LintOptions {
  /**
   * The repository holding the Terraform, recorded on every identity (merges de-duplicate by it).
   * @default - none
   */
  readonly repository?: string;
  /**
   * The tool name and version recorded in the JSON.
   * @default "cdktf-wif"
   */
  readonly tool?: string;
  /** Inputs that could not be read, carried into the report. @default [] */
  readonly problems?: Inventory["problems"];
}

/**
 * The inventory of a trust graph: every trust as an identity with who it admits (in words and as
 * conditions), its findings, what it can do and what could not be read; then the workloads and
 * the summary.
 *
 * @example
 * const inv = buildInventory(graphFromUnits(readInputs(["infra"]).units), { repository: "octo/infra" });
 */
export function buildInventory(graph: TrustGraph, options: BuildInventoryOptions = {}): Inventory {
  const identities: InventoryIdentity[] = [];
  const problems: { file: string; line?: number; message: string }[] = [...(options.problems ?? []), ...graph.problems];
  for (const unit of graph.units) identities.push(...unitIdentities(unit, options, problems));
  return assemble(identities, { tool: options.tool ?? "cdktf-wif", problems });
}

function unitIdentities(
  unit: TrustGraphUnit,
  options: BuildInventoryOptions,
  problems: { file: string; line?: number; message: string }[],
): InventoryIdentity[] {
  const ids = new Map<string, number>();
  return unit.facts.flatMap((facts) => {
    // One trust that cannot be inventoried is a problem naming it; the others are still listed.
    try {
      return [identityOf(unit, facts, options, ids)];
    } catch (err) {
      const where = facts.source ?? { file: unit.name };
      problems.push({
        file: where.file,
        ...(where.line ? { line: where.line } : {}),
        message: `${facts.address}: could not be inventoried: ${(err as Error)?.message ?? String(err)}; the other trusts are listed. Report a bug in wif with a copy of the resource.`,
      });
      return [];
    }
  });
}

function identityOf(unit: TrustGraphUnit, facts: TrustFacts, options: BuildInventoryOptions, ids: Map<string, number>): InventoryIdentity {
  const findings = lintFacts(facts, options);
  const resource = unit.byAddress.get(facts.address);
  const address = facts.address;
  const base = [options.repository, unit.name, address].filter((x) => x !== undefined && x !== "").join("//");
  const n = ids.get(base) ?? 0;
  ids.set(base, n + 1);
  const grants = resource ? grantsOf(facts, resource, unit) : { permissions: [], unknowns: [] };
  const families = familiesOf(facts);
  const source = facts.source ?? resource?.source;
  const via = (resource as (TerraformResource & { readonly via?: InventoryIdentity["via"] }) | undefined)?.via;
  const identity: InventoryIdentity = {
    id: n === 0 ? base : `${base}#${facts.issuer.url ?? n}`,
    cloud: facts.cloud ?? "aws",
    address,
    ...(source?.file !== undefined ? { file: source.file } : {}),
    ...(source?.line !== undefined ? { line: source.line } : {}),
    ...(via && via.length > 0 ? { via } : {}),
    ...(options.repository ? { repository: options.repository } : {}),
    target: targetOf(facts, resource, grants, unit.byAddress),
    issuer: facts.issuer.url ?? "unknown",
    who: families.length === 0 ? "no one (no token can match the conditions)" : families.map((f) => f.who).join("; "),
    conditions: conditionsOf(facts),
    families,
    unknowns: [
      ...facts.unknowns.map((u) => ({ value: u.expression, from: `${address} ${u.field}${u.decidedBy ? ` (${u.decidedBy})` : ""}` })),
      ...grants.unknowns,
    ],
    findings: findings.map((f) => ({ rule: f.rule, severity: f.severity, ...(f.suppressed ? { suppressed: true } : {}) })),
    permissions: grants.permissions,
  };
  return identity;
}

function grantsOf(facts: TrustFacts, resource: TerraformResource, unit: TrustGraphUnit): Grants {
  switch (facts.cloud) {
    case "aws":
      return awsRolePermissions(resource, unit.resources, unit.byAddress);
    case "gcp":
      return gcpProviderPermissions(facts, unit.resources, unit.byAddress);
    case "azure":
      return azureCredentialPermissions(resource, unit.resources, unit.byAddress);
    default:
      return { permissions: [], unknowns: [] };
  }
}

function targetOf(facts: TrustFacts, resource: TerraformResource | undefined, grants: Grants, byAddress: ReadonlyMap<string, TerraformResource>): string {
  if (grants.targets && grants.targets.length > 0) return grants.targets.join(", ");
  if (facts.cloud === "aws" && resource) {
    const name = str(evaluated(resource.values.name));
    return name !== undefined ? `role ${name}` : facts.address;
  }
  if (facts.cloud === "gcp") return facts.gcp && facts.gcp.members.length > 0 ? "pool members (no service account)" : "no IAM binding names the pool";
  void byAddress;
  return facts.address;
}

function conditionsOf(facts: TrustFacts): InventoryCondition[] {
  const out: InventoryCondition[] = [];
  for (const s of facts.statements) {
    for (const c of [...s.audience, ...s.subject, ...s.claims]) {
      out.push({ statement: s.label || facts.address, claim: c.claim, operator: c.native, values: c.values });
    }
    if (s.audience.length === 0 && s.audienceDefault)
      out.push({ statement: s.label || facts.address, claim: "aud", operator: "default (the provider's resource name)", values: [] });
  }
  return out;
}
