import { objects } from "../../terraform/terraform-json";
import type { TerraformResource } from "../../terraform/resources";
import { evaluated, isWhollyUnknown, str, strings } from "../../terraform/values";
import { addressType, reference } from "../../terraform/eval/links";
import type { InventoryPermission, InventoryUnknown } from "../model";
import type { Grants } from "./grants";

/** AWS managed policies that grant administrator-level access (or the means to take it). */
const ADMIN_MANAGED = new Set(["AdministratorAccess", "IAMFullAccess", "PowerUserAccess"]);

/**
 * What an `aws_iam_role` can do: `managed_policy_arns` and `inline_policy` on the role,
 * `aws_iam_role_policy_attachment`, `aws_iam_role_policy` and `aws_iam_role_policy_attachments_exclusive`
 * naming the role (by reference or by name). Customer policies (`aws_iam_policy`) are read for their
 * actions; a policy that cannot be read is listed as unknown.
 */
export function awsRolePermissions(
  role: TerraformResource,
  resources: readonly TerraformResource[],
  byAddress: ReadonlyMap<string, TerraformResource>,
): Grants {
  const permissions: InventoryPermission[] = [];
  const unknowns: InventoryUnknown[] = [];
  const values = evaluated(role.values) as Record<string, unknown>;
  const roleName = str(values.name);
  const names = (v: unknown) => {
    const s = str(evaluated(v));
    if (s === undefined) return false;
    const ref = reference(s);
    if (ref) return ref.address === role.address && ["name", "id"].includes(ref.attribute);
    return roleName !== undefined && !isWhollyUnknown(roleName) && s === roleName;
  };
  for (const arn of strings(values.managed_policy_arns)) permissions.push(managedPolicy(arn, role.address, byAddress, unknowns));
  for (const inline of objects(values.inline_policy)) {
    if (inline.policy === undefined) continue;
    permissions.push(inlinePolicy(str(inline.name) ?? "inline_policy", inline.policy, role.address, byAddress, unknowns));
  }
  for (const r of resources) {
    if (r.mode !== "managed") continue;
    if (r.type === "aws_iam_role_policy_attachment" && names(r.values.role)) {
      permissions.push(managedPolicy(str(evaluated(r.values.policy_arn)) ?? "?", r.address, byAddress, unknowns));
    } else if (r.type === "aws_iam_role_policy" && names(r.values.role)) {
      permissions.push(inlinePolicy(str(evaluated(r.values.name)) ?? r.address, r.values.policy, r.address, byAddress, unknowns));
    } else if (r.type === "aws_iam_role_policy_attachments_exclusive" && names(r.values.role_name)) {
      for (const arn of strings(evaluated(r.values.policy_arns))) permissions.push(managedPolicy(arn, r.address, byAddress, unknowns));
    }
  }
  return { permissions, unknowns };
}

function managedPolicy(arn: string, from: string, byAddress: ReadonlyMap<string, TerraformResource>, unknowns: InventoryUnknown[]): InventoryPermission {
  const ref = reference(arn);
  if (ref && addressType(ref.address)?.type === "aws_iam_policy" && ref.attribute === "arn") {
    const policy = byAddress.get(ref.address);
    if (policy) {
      const name = str(evaluated(policy.values.name)) ?? ref.address;
      const read = readPolicy(policy.values.policy, byAddress);
      if (read === undefined) {
        unknowns.push({ value: String(policy.values.policy).slice(0, 200), from: `${ref.address} policy` });
        return { kind: "aws-managed-policy", name, admin: false, via: from, unknown: true };
      }
      return { kind: "aws-managed-policy", name, ...summary(read), via: from };
    }
  }
  if (isWhollyUnknown(arn) || arn.includes("${")) {
    unknowns.push({ value: arn, from: `${from} policy_arn` });
    return { kind: "aws-managed-policy", name: arn, admin: false, via: from, unknown: true };
  }
  const short = /:policy\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1] ?? arn;
  const awsManaged = /^arn:[a-z-]+:iam::aws:policy\//.test(arn);
  return { kind: "aws-managed-policy", name: arn, admin: awsManaged && ADMIN_MANAGED.has(short), via: from };
}

function inlinePolicy(
  name: string,
  raw: unknown,
  from: string,
  byAddress: ReadonlyMap<string, TerraformResource>,
  unknowns: InventoryUnknown[],
): InventoryPermission {
  const read = readPolicy(raw, byAddress);
  if (read === undefined) {
    unknowns.push({ value: String(evaluated(raw)).slice(0, 200), from: `${from} policy` });
    return { kind: "aws-inline-policy", name, admin: false, via: from, unknown: true };
  }
  return { kind: "aws-inline-policy", name, ...summary(read), via: from };
}

interface PolicyStatement {
  readonly effect: string;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
}

/** A policy document: JSON text, an object, or a `data.aws_iam_policy_document` reference. */
function readPolicy(raw: unknown, byAddress: ReadonlyMap<string, TerraformResource>): PolicyStatement[] | undefined {
  let value = evaluated(raw);
  const ref = reference(value);
  if (
    ref &&
    ref.address.replace(/^(module\.[^.]+\.)*/, "").startsWith("data.aws_iam_policy_document.") &&
    (ref.attribute === "json" || ref.attribute === "minified_json")
  ) {
    const doc = byAddress.get(ref.address);
    if (!doc) return undefined;
    const v = evaluated(doc.values) as Record<string, unknown>;
    return objects(v.statement).map((s) => ({
      effect: str(s.effect) ?? "Allow",
      actions: strings(s.actions),
      notActions: strings(s.not_actions),
      resources: strings(s.resources),
    }));
  }
  if (typeof value === "string") {
    if (isWhollyUnknown(value)) return undefined;
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (value === null || typeof value !== "object") return undefined;
  return objects((value as Record<string, unknown>).Statement).map((s) => ({
    effect: str(s.Effect) ?? "Allow",
    actions: strings(s.Action),
    notActions: strings(s.NotAction),
    resources: strings(s.Resource),
  }));
}

/** The allowed actions and resources; admin when `*` (or `NotAction`) is allowed on every resource. */
function summary(statements: readonly PolicyStatement[]): Pick<InventoryPermission, "actions" | "scope" | "admin" | "wildcard"> {
  const allow = statements.filter((s) => s.effect === "Allow");
  const actions = [...new Set(allow.flatMap((s) => [...s.actions, ...s.notActions.map((a) => `NotAction ${a}`)]))].sort();
  const resources = [...new Set(allow.flatMap((s) => s.resources))].sort();
  const everything = (s: PolicyStatement) => s.resources.includes("*") || s.resources.length === 0;
  const admin = allow.some((s) => everything(s) && (s.actions.some((a) => a === "*" || a === "*:*" || /^iam:\*$/i.test(a)) || s.notActions.length > 0));
  const wildcard = allow.some((s) => s.actions.some((a) => a.includes("*")) || s.notActions.length > 0);
  return { actions, admin, wildcard, ...(resources.length > 0 ? { scope: resources.join(", ") } : {}) };
}
