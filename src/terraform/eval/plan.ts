import type { EvaluatedRoot, ResourceInstance } from "./configuration";
import { isObject, toPlain, Unknown, Value } from "./value";

/** True for the output of `terraform show -json plan.out` (or of a state): `format_version` and plan or state values. */
export function isPlanJson(doc: unknown): doc is Readonly<Record<string, unknown>> {
  if (!isRecord(doc) || typeof doc.format_version !== "string") return false;
  return isRecord(doc.planned_values) || isRecord(doc.configuration) || isRecord(doc.values);
}

/**
 * Evaluates a plan (`terraform show -json plan.out`) or a state (`terraform show -json`) as one
 * root: the resource instances Terraform resolved, with absolute addresses (`module.ci["a"].aws_iam_role.this[0]`)
 * and their module path, from `planned_values` (or a state's `values`), child modules included,
 * and data sources already read at plan time from `prior_state`. What `resource_changes` marks
 * unknown after apply is the layer's unknown, with what decides it in `unknownInputs`:
 *
 * - a top-level attribute the `configuration` builds from a reference is that reference, made
 *   absolute (`${module.ci.data.aws_iam_policy_document.this.json}`), so the readers follow it;
 * - any other is `${<address>.<attribute path>}` (`${aws_iam_role.a.assume_role_policy}`);
 * - a computed attribute the configuration does not set (`arn`, `id`, a document's `json`) is
 *   left out, as the evaluation of a configuration leaves it out.
 *
 * Given the file's text, each instance's line is that of its first `"address"`.
 *
 * @example
 * const root = evaluatePlan(JSON.parse(text), "plan.json", text);
 * root.instances.map((r) => r.address); // ["aws_iam_role.tfc", "module.ci.aws_iam_role.this", ...]
 */
export function evaluatePlan(plan: Readonly<Record<string, unknown>>, file: string, text?: string): EvaluatedRoot {
  const lines = text === undefined ? undefined : addressLines(text);
  const changes = unknownAttributes(plan);
  const configured = configuredResources(plan);
  const planned: PlanResource[] = [];
  const prior = isRecord(plan.prior_state) && isRecord(plan.prior_state.values) ? plan.prior_state.values.root_module : undefined;
  walkModule(prior, (r) => r.mode === "data" && planned.push(r));
  const root = isRecord(plan.planned_values) ? plan.planned_values.root_module : isRecord(plan.values) ? plan.values.root_module : undefined;
  walkModule(root, (r) => planned.push(r));
  const addresses = new Set(planned.map((r) => r.address));
  const notes = new Map<string, Set<string>>();
  const note = (u: Unknown) => notes.set(u.text, new Set([...(notes.get(u.text) ?? []), ...u.why]));
  const byAddress = new Map<string, ResourceInstance>();
  for (const r of planned) {
    const known = isRecord(r.values) ? (r.values as Record<string, Value>) : {};
    const context: UnknownContext = { file, address: r.address, modulePath: r.modulePath, addresses };
    const values = withUnknowns(known, changes.get(r.address), configured.get(configAddress(r.address)), context);
    byAddress.set(r.address, {
      mode: r.mode === "data" ? "data" : "managed",
      type: r.type,
      name: r.name,
      address: r.address,
      modulePath: r.modulePath,
      values: toPlain(values, note) as Record<string, unknown>,
      source: lines?.has(r.address) ? { file, line: lines.get(r.address) } : { file },
    });
  }
  return {
    dir: file,
    files: [file],
    instances: [...byAddress.values()],
    unknownInputs: new Map([...notes].map(([k, v]) => [k, [...v]])),
    unreadModules: [],
    problems: [],
    unknownConditions: 0,
  };
}

interface PlanResource {
  readonly address: string;
  readonly modulePath: string;
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly values?: unknown;
}

function walkModule(module: unknown, visit: (r: PlanResource) => void): void {
  if (!isRecord(module)) return;
  const modulePath = typeof module.address === "string" && module.address ? `${module.address}.` : "";
  for (const r of asArray(module.resources)) {
    if (!isRecord(r) || typeof r.type !== "string" || typeof r.name !== "string") continue;
    const mode = r.mode === "data" ? "data" : "managed";
    const address = typeof r.address === "string" ? r.address : `${modulePath}${mode === "data" ? "data." : ""}${r.type}.${r.name}${indexKey(r.index)}`;
    visit({ address, modulePath, mode, type: r.type, name: r.name, values: r.values });
  }
  for (const child of asArray(module.child_modules)) walkModule(child, visit);
}

/** `[0]` / `["a"]` for a plan resource's `index`, `""` without one. */
function indexKey(index: unknown): string {
  return typeof index === "number" ? `[${index}]` : typeof index === "string" ? `[${JSON.stringify(index)}]` : "";
}

/** `after_unknown` of every planned change, by resource address. */
function unknownAttributes(plan: Readonly<Record<string, unknown>>): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const change of asArray(plan.resource_changes)) {
    if (!isRecord(change) || typeof change.address !== "string" || !isRecord(change.change)) continue;
    if (isRecord(change.change.after_unknown)) out.set(change.address, change.change.after_unknown);
  }
  return out;
}

/** What the configuration says of one resource: the attributes it sets, and the references of each. */
interface ConfiguredResource {
  readonly attributes: ReadonlySet<string>;
  /** The references of each attribute, relative to its module (as written), most specific first. */
  readonly references: ReadonlyMap<string, readonly string[]>;
}

/** Every configured resource, by configuration address (`module.app.aws_iam_role.ci`, no instance keys). */
function configuredResources(plan: Readonly<Record<string, unknown>>): Map<string, ConfiguredResource> {
  const out = new Map<string, ConfiguredResource>();
  const walk = (module: unknown, prefix: string, depth: number) => {
    if (!isRecord(module) || depth > 64) return;
    for (const r of asArray(module.resources)) {
      if (!isRecord(r) || typeof r.address !== "string" || !isRecord(r.expressions)) continue;
      const references = new Map<string, readonly string[]>();
      for (const [attribute, expression] of Object.entries(r.expressions)) {
        const list = isRecord(expression) ? asArray(expression.references).filter((x): x is string => typeof x === "string") : [];
        if (list.length > 0) references.set(attribute, list);
      }
      out.set(`${prefix}${r.address}`, { attributes: new Set(Object.keys(r.expressions)), references });
    }
    if (isRecord(module.module_calls)) {
      for (const [name, call] of Object.entries(module.module_calls)) {
        if (isRecord(call)) walk(call.module, `${prefix}module.${name}.`, depth + 1);
      }
    }
  };
  walk(isRecord(plan.configuration) ? plan.configuration.root_module : undefined, "", 0);
  return out;
}

/** `module.a["x"].aws_iam_role.ci[0]` → `module.a.aws_iam_role.ci`. */
function configAddress(address: string): string {
  return address.replace(/\[(?:[0-9]+|"(?:[^"\\]|\\.)*")\]/g, "");
}

interface UnknownContext {
  readonly file: string;
  readonly address: string;
  readonly modulePath: string;
  /** Every instance address of the plan, to give a reference the instance it names. */
  readonly addresses: ReadonlySet<string>;
}

/**
 * The values with every part `after_unknown` marks unknown replaced by an `Unknown`: for a
 * top-level attribute, the configuration's reference when it has one (absolute), else the
 * attribute's own address; nested parts always by their own path. Top-level attributes the
 * configuration does not set (computed ones) are left out.
 */
function withUnknowns(
  values: Readonly<Record<string, Value>>,
  unknown: Readonly<Record<string, unknown>> | undefined,
  config: ConfiguredResource | undefined,
  context: UnknownContext,
): Record<string, Value> {
  const out: Record<string, Value> = { ...values };
  if (!unknown) return out;
  for (const [key, mark] of Object.entries(unknown)) {
    if (mark === true) {
      if (config && !config.attributes.has(key)) continue;
      out[key] = topLevelUnknown(key, config?.references.get(key) ?? [], context);
    } else if (mark !== false && mark !== null) out[key] = markNested(out[key], mark, `${context.address}.${key}`, context.file);
  }
  return out;
}

/** `aws_iam_role.x.arn`, `data.aws_iam_policy_document.d[0].json`: an attribute of a resource (not `var.`, `local.`, `module.`, ...). */
const RESOURCE_ATTRIBUTE =
  /^(?:data\.[A-Za-z0-9_-]+|(?!(?:data|var|local|module|each|count|path|self|terraform)\.)[A-Za-z0-9_-]+)\.[A-Za-z0-9_-]+(?:\[(?:[0-9]+|"(?:[^"\\]|\\.)*")\])?\.[A-Za-z0-9_]+$/;

function topLevelUnknown(key: string, references: readonly string[], context: UnknownContext): Unknown {
  const attribute = `${context.address}.${key}`;
  const why = afterApply(attribute, context.file);
  const written = references[0];
  if (written === undefined || !RESOURCE_ATTRIBUTE.test(written)) {
    return new Unknown(attribute, [written === undefined ? why : `${why}; the configuration builds it from ${references.join(", ")}`]);
  }
  return new Unknown(absoluteReference(written, references, context), [`${why}; the configuration builds it from ${written}`]);
}

/**
 * A reference as the configuration writes it (relative to its module, maybe without the instance
 * key), made absolute: the module instance's path in front, and the referring instance's own key
 * when the reference is indexed by `count.index` / `each.key` and that instance exists.
 */
function absoluteReference(written: string, references: readonly string[], context: UnknownContext): string {
  const at = written.lastIndexOf(".");
  const target = `${context.modulePath}${written.slice(0, at)}`;
  const attribute = written.slice(at + 1);
  const ownKey = /(\[(?:[0-9]+|"(?:[^"\\]|\\.)*")\])$/.exec(context.address)?.[1];
  const byIndex = references.some((r) => r === "count.index" || r === "each.key" || r === "each.value");
  if (!context.addresses.has(target) && ownKey !== undefined && byIndex && context.addresses.has(`${target}${ownKey}`)) {
    return `${target}${ownKey}.${attribute}`;
  }
  return `${target}.${attribute}`;
}

function markNested(value: Value | undefined, mark: unknown, path: string, file: string): Value {
  if (mark === true) return new Unknown(path, [afterApply(path, file)]);
  if (Array.isArray(mark)) {
    const list: Value[] = Array.isArray(value) ? [...(value as Value[])] : [];
    mark.forEach((m, i) => {
      if (m !== false && m !== null) list[i] = markNested(list[i], m, `${path}[${i}]`, file);
    });
    return list;
  }
  if (isRecord(mark)) {
    const obj: Record<string, Value> = isObject(value) ? { ...value } : {};
    for (const [k, m] of Object.entries(mark)) if (m !== false && m !== null) obj[k] = markNested(obj[k], m, `${path}.${k}`, file);
    return obj;
  }
  return value ?? null;
}

/** What decides a value the plan leaves to the apply. */
function afterApply(attribute: string, file: string): string {
  return `the apply: ${file} marks ${attribute} known after apply`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
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
