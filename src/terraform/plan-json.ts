import type { TerraformResource } from "./resources";

/** True for the output of `terraform show -json plan.out` (or of a state): `format_version` and plan or state values. */
export function isPlanJson(doc: unknown): boolean {
  if (!isObject(doc) || typeof doc.format_version !== "string") return false;
  return isObject(doc.planned_values) || isObject(doc.configuration) || isObject(doc.values);
}

/**
 * The resources of a Terraform plan (`terraform show -json plan.out`) with the values Terraform
 * resolved: managed resources and data sources from `planned_values` (child modules included,
 * addresses such as `module.app.aws_iam_role.ci`), data sources already read at plan time from
 * `prior_state`. A value known only after apply becomes a `${...}` reference — to what the
 * `configuration` says it is built from when it says so, relative to its module as written — so
 * the rules resolve it or report it as unknown (WIF011) instead of guessing. Given the file's
 * `text`, each resource's line is that of its first `"address"` (in `planned_values`). The output of `terraform show -json` on a state (`values`) works too.
 *
 * @example
 * resourcesFromPlan(JSON.parse(fs.readFileSync("plan.json", "utf8")), "plan.json");
 */
export function resourcesFromPlan(plan: Record<string, unknown>, file: string, text?: string): TerraformResource[] {
  const lines = text === undefined ? undefined : addressLines(text);
  const byAddress = new Map<string, TerraformResource>();
  const unknowns = unknownAttributes(plan);
  const configured = configuredResources(plan);
  const add = (r: PlanResource, module: string) => {
    const address = r.address ?? `${module ? `${module}.` : ""}${r.mode === "data" ? "data." : ""}${r.type}.${r.name}`;
    const values = withUnknowns(isObject(r.values) ? r.values : {}, unknowns.get(address), configured.get(configAddress(address)));
    byAddress.set(address, {
      mode: r.mode === "data" ? "data" : "managed",
      type: r.type,
      name: r.name,
      address,
      values,
      source: lines?.has(address) ? { file, line: lines.get(address) } : { file },
    });
  };
  const priorRoot = isObject(plan.prior_state) && isObject(plan.prior_state.values) ? plan.prior_state.values.root_module : undefined;
  walkModule(priorRoot, (r, module) => r.mode === "data" && add(r, module));
  const plannedRoot = isObject(plan.planned_values) ? plan.planned_values.root_module : isObject(plan.values) ? plan.values.root_module : undefined;
  walkModule(plannedRoot, add);
  return [...byAddress.values()];
}

interface PlanResource {
  readonly address?: string;
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly values?: unknown;
}

function walkModule(module: unknown, visit: (r: PlanResource, moduleAddress: string) => void): void {
  if (!isObject(module)) return;
  const moduleAddress = typeof module.address === "string" ? module.address : "";
  for (const r of asArray(module.resources)) {
    if (isObject(r) && typeof r.type === "string" && typeof r.name === "string") visit(r as unknown as PlanResource, moduleAddress);
  }
  for (const child of asArray(module.child_modules)) walkModule(child, visit);
}

/** `after_unknown` of every planned change, by resource address. */
function unknownAttributes(plan: Record<string, unknown>): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const change of asArray(plan.resource_changes)) {
    if (!isObject(change) || typeof change.address !== "string" || !isObject(change.change)) continue;
    if (isObject(change.change.after_unknown)) out.set(change.address, change.change.after_unknown);
  }
  return out;
}

/** What the configuration says of one resource: the attributes it sets, and what each refers to. */
interface ConfiguredResource {
  readonly attributes: ReadonlySet<string>;
  /** The most specific reference of each attribute, relative to its module (as written). */
  readonly references: ReadonlyMap<string, string>;
}

/** Every configured resource, by configuration address (`module.app.aws_iam_role.ci`, no instance keys). */
function configuredResources(plan: Record<string, unknown>): Map<string, ConfiguredResource> {
  const out = new Map<string, ConfiguredResource>();
  const walk = (module: unknown, prefix: string) => {
    if (!isObject(module)) return;
    for (const r of asArray(module.resources)) {
      if (!isObject(r) || typeof r.address !== "string" || !isObject(r.expressions)) continue;
      const references = new Map<string, string>();
      for (const [attribute, expression] of Object.entries(r.expressions)) {
        const first = isObject(expression) ? asArray(expression.references).find((x) => typeof x === "string") : undefined;
        if (typeof first === "string") references.set(attribute, first);
      }
      out.set(`${prefix}${r.address}`, { attributes: new Set(Object.keys(r.expressions)), references });
    }
    if (isObject(module.module_calls)) {
      for (const [name, call] of Object.entries(module.module_calls)) {
        if (isObject(call)) walk(call.module, `${prefix}module.${name}.`);
      }
    }
  };
  walk(isObject(plan.configuration) ? plan.configuration.root_module : undefined, "");
  return out;
}

/** `module.a["x"].aws_iam_role.ci[0]` → `module.a.aws_iam_role.ci`. */
function configAddress(address: string): string {
  return address.replace(/\[[^\]]*\]/g, "");
}

/** The reference that stands for "known only after apply" when the configuration names no other. */
const UNKNOWN_AFTER_APPLY = "${unknown_after_apply}";

/**
 * Replaces every value `after_unknown` marks unknown by a `${...}` interpolation: the
 * configuration's reference when the attribute has one, else `${unknown_after_apply}`. Top-level
 * attributes the configuration does not set (computed ones: `arn`, `id`, a policy document's
 * `json`) are left out; nested unknowns are always marked.
 */
function withUnknowns(
  values: Record<string, unknown>,
  unknown: Record<string, unknown> | undefined,
  config: ConfiguredResource | undefined,
): Record<string, unknown> {
  if (!unknown) return values;
  const out: Record<string, unknown> = { ...values };
  for (const [key, mark] of Object.entries(unknown)) {
    if (mark === true) {
      if (config && !config.attributes.has(key)) continue;
      const reference = config?.references.get(key);
      out[key] = reference ? `\${${reference}}` : UNKNOWN_AFTER_APPLY;
    } else if (mark !== false && mark !== null) out[key] = markNested(out[key], mark);
  }
  return out;
}

function markNested(value: unknown, mark: unknown): unknown {
  if (mark === true) return UNKNOWN_AFTER_APPLY;
  if (Array.isArray(mark)) {
    const list = Array.isArray(value) ? [...value] : [];
    mark.forEach((m, i) => {
      if (m !== false && m !== null) list[i] = markNested(list[i], m);
    });
    return list;
  }
  if (isObject(mark)) {
    const obj: Record<string, unknown> = isObject(value) ? { ...value } : {};
    for (const [k, m] of Object.entries(mark)) if (m !== false && m !== null) obj[k] = markNested(obj[k], m);
    return obj;
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** One module instance of a plan: its address prefix (`""`, `module.app.`) and its resources with addresses relative to it. */
export interface PlanModule {
  readonly prefix: string;
  readonly resources: readonly TerraformResource[];
}

/**
 * Splits plan resources by module instance, with addresses relative to the module, so references
 * inside a module (`${data.aws_iam_policy_document.this.json}`) resolve as in a module directory.
 * Put `prefix` back in front of reported addresses.
 *
 * @example
 * splitByModule(resourcesFromPlan(plan, "plan.json")).map((m) => m.prefix); // ["", "module.ci."]
 */
export function splitByModule(resources: readonly TerraformResource[]): PlanModule[] {
  const modules = new Map<string, TerraformResource[]>();
  for (const r of resources) {
    const prefix = /^((?:module\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.)*)/.exec(r.address)?.[1] ?? "";
    modules.set(prefix, [...(modules.get(prefix) ?? []), { ...r, address: r.address.slice(prefix.length) }]);
  }
  return [...modules.entries()].map(([prefix, list]) => ({ prefix, resources: list }));
}

/** The 1-based line of the first `"address": "..."` of each address in a plan's text. */
function addressLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  const pattern = /"address"\s*:\s*("(?:[^"\\\n]|\\.)*")/g;
  let line = 1;
  let last = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    for (let i = last; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
    last = m.index;
    const address = JSON.parse(m[1]) as string;
    if (!lines.has(address)) lines.set(address, line);
  }
  return lines;
}
