import * as posix from "path/posix";
import type { SourceLocation } from "../../lint/finding";
import type { InputProblem } from "../input-problem";
import type { TerraformResource } from "../resources";
import { objects } from "../terraform-json";
import { Evaluator, Lazy, Scope, whys } from "./evaluate-expression";
import { INPUT_MESSAGES } from "../input-messages";
import { EvalError } from "./functions";
import { parseTypeConstraint } from "./type-constraint";
import { convertToType, describe, TypeConstraint, TypeConversionError } from "./type-conversion";
import type { ModuleCall, ModuleDef } from "./module-def";
import { hasUnknown, isObject, isUnknown, toPlain, Unknown, Value } from "./value";

/** One row of `.terraform/modules/modules.json`, written by `terraform init` / `terraform get`. */
export interface ManifestEntry {
  readonly Key: string;
  readonly Source: string;
  readonly Version?: string;
  /** Relative to the root module's directory. */
  readonly Dir: string;
}

/** A resource instance inside a module: where the module call and the resource are. */
export interface ViaLocation {
  readonly file: string;
  readonly line?: number;
  readonly address: string;
}

/** A resource or data source instance, evaluated: absolute address, values with unknowns as `${...}`. */
export interface ResourceInstance extends TerraformResource {
  /** The module instance it belongs to, e.g. `module.ci["a"].`; `""` for the root. */
  readonly modulePath: string;
  /** For an instance inside a module: the resource block itself (and intermediate calls); `source` is the outermost call. */
  readonly via?: readonly ViaLocation[];
}

/** A module call whose source is not on disk: it cannot be read until `terraform get`. */
export interface UnreadModule {
  readonly address: string;
  readonly source: string;
  readonly location: SourceLocation;
  readonly reason: string;
}

/** Everything evaluated for one root module. */
export interface EvaluatedRoot {
  readonly dir: string;
  /** Every configuration file read for it (its modules' too). */
  readonly files: readonly string[];
  readonly instances: readonly ResourceInstance[];
  /** What decides each unknown, by its text (`var.subjects` → `var.subjects of module.ci, set nowhere ...`). */
  readonly unknownInputs: ReadonlyMap<string, readonly string[]>;
  readonly unreadModules: readonly UnreadModule[];
  readonly problems: readonly InputProblem[];
  /** How many conditionals with an unknown condition the evaluation met. */
  readonly unknownConditions: number;
}

/** What the evaluation of a root needs besides its module definitions. */
export interface RootOptions {
  /** Module definitions by directory. */
  readonly modules: ReadonlyMap<string, ModuleDef>;
  /** Files that `file()` / `templatefile()` may read, by path. */
  readonly files: ReadonlyMap<string, string>;
  /** The root's `.terraform/modules/modules.json` rows. @default [] */
  readonly manifest?: readonly ManifestEntry[];
  /** Root variable values (`TF_VAR_`, tfvars, `--var-file`, `--var`), the one that wins for each name, with where it came from. */
  readonly variables?: ReadonlyMap<string, RootVariable>;
  /**
   * The branch the n-th conditional with an unknown condition met (0-based, in evaluation order)
   * takes; unset, such a conditional is unknown. `evaluateConfigurations` evaluates a root again
   * with several choices when it met one.
   * @default undefined
   */
  readonly unknownBranch?: (n: number) => boolean;
}

/** A root variable's value as set outside the configuration. */
export interface RootVariable {
  /** Where it was set, as shown to the user: a variables file's path, `--var NAME=...`, `TF_VAR_NAME`. */
  readonly from: string;
  /** The value of a variables file, evaluated. */
  readonly value?: Value;
  /**
   * The text of a `--var` or `TF_VAR_` value: Terraform takes it as a string for a variable
   * without `type` or of a primitive type (then converts it), else parses it as an expression.
   */
  readonly text?: string;
}

/** Bounds: nested module calls and instances per root (beyond them: unknowns and a problem, never a hang). */
export const LIMITS = { moduleDepth: 16, instances: 20_000, moduleInstances: 2_000 } as const;

const META = new Set(["count", "for_each", "depends_on", "lifecycle", "provider", "provisioner", "connection"]);

/**
 * Evaluates a root module and every module it calls, as Terraform would plan it with what is
 * known statically: variables from the callers (or the root's tfvars and defaults), locals of every
 * file, `count`/`for_each` instances, `dynamic` blocks, module outputs. Nothing here touches the
 * file system: the caller hands in the parsed modules and the files they may read.
 *
 * @example
 * const root = evaluateRoot("infra", { modules, files: new Map() });
 * root.instances.map((r) => r.address); // ["module.ci.aws_iam_role.this", ...]
 */
export function evaluateRoot(dir: string, options: RootOptions): EvaluatedRoot {
  const ctx = new RootContext(dir, options);
  const def = options.modules.get(dir);
  if (!def) throw new Error(`no module definition for ${dir}`);
  const root = new ModuleInstance(ctx, def, "", [], undefined, 0);
  root.collect();
  return {
    dir,
    files: [...ctx.files],
    instances: ctx.instances,
    unknownInputs: new Map([...ctx.notes].map(([k, v]) => [k, [...v]])),
    unreadModules: ctx.unread,
    problems: ctx.problems,
    unknownConditions: ctx.unknownConditions,
  };
}

class RootContext {
  readonly instances: ResourceInstance[] = [];
  readonly notes = new Map<string, Set<string>>();
  readonly unread: UnreadModule[] = [];
  readonly problems: InputProblem[] = [];
  readonly files = new Set<string>();
  unknownConditions = 0;
  moduleInstances = 0;
  private readonly problemKeys = new Set<string>();
  constructor(
    readonly dir: string,
    readonly options: RootOptions,
  ) {}

  note(u: Unknown): void {
    if (u.why.length === 0) return;
    const set = this.notes.get(u.text) ?? new Set<string>();
    for (const w of u.why) set.add(w);
    this.notes.set(u.text, set);
  }

  problem(p: InputProblem): void {
    const key = `${p.file}\u0000${p.line}\u0000${p.message}`;
    if (this.problemKeys.has(key)) return;
    this.problemKeys.add(key);
    this.problems.push(p);
  }

  /** The directory of a module call's source, or why it cannot be read. */
  moduleDir(callerKey: string, callerDir: string, call: ModuleCall): { dir: string } | { reason: string } {
    const key = callerKey ? `${callerKey}.${call.name}` : call.name;
    const entry = (this.options.manifest ?? []).find((e) => e.Key === key);
    if (entry && this.options.modules.has(posix.normalize(posix.join(this.dir, entry.Dir)))) return { dir: posix.normalize(posix.join(this.dir, entry.Dir)) };
    if (/^\.\.?(\/|$)/.test(call.source)) {
      const dir = posix.normalize(posix.join(callerDir, call.source));
      if (this.options.modules.has(dir)) return { dir };
      return { reason: `its source ${JSON.stringify(call.source)} (${dir}) holds no Terraform files that were read` };
    }
    return {
      reason: `its source ${JSON.stringify(call.source)} is not installed under ${posix.join(this.dir, ".terraform/modules")}; \`terraform get\` (or \`terraform init\`) in ${this.dir} makes it readable`,
    };
  }
}

type Collection = Value;

class ModuleInstance implements Scope {
  private readonly evaluator: Evaluator;
  private readonly vars = new Map<string, Value>();
  private readonly locals = new Map<string, Value>();
  private readonly inProgress = new Set<string>();
  private readonly resourceCache = new Map<string, Collection>();
  private readonly moduleCache = new Map<string, Collection>();
  private readonly bodies = new Map<string, Value>();
  private readonly children: ModuleInstance[] = [];

  constructor(
    private readonly ctx: RootContext,
    private readonly def: ModuleDef,
    /** `""` for the root, else `module.ci.` / `module.ci["a"].module.x.` */
    private readonly prefix: string,
    /** Module calls from the root to here, outermost first. */
    private readonly callers: readonly { readonly address: string; readonly location: SourceLocation }[],
    private readonly call: { readonly key: string; readonly inputs: (name: string) => Value | undefined; readonly location?: SourceLocation } | undefined,
    private readonly depth: number,
  ) {
    this.evaluator = new Evaluator(this);
    def.files.forEach((f) => ctx.files.add(f));
  }

  private get label(): string {
    return this.prefix ? this.prefix.slice(0, -1) : "the root module";
  }

  // --- Scope ---------------------------------------------------------------------------------

  readonly readFile = (p: string): string | undefined => {
    const files = this.ctx.options.files;
    for (const candidate of [posix.normalize(p), posix.normalize(posix.join(this.ctx.dir, p)), posix.normalize(posix.join(this.def.dir, p))]) {
      const text = files.get(candidate);
      if (text !== undefined) return text;
    }
    return undefined;
  };

  readonly renderTemplate = (text: string, vars: { readonly [key: string]: Value }, where: string): Value => {
    const templateScope: Scope = {
      readFile: this.readFile,
      renderTemplate: this.renderTemplate,
      note: this.note,
      unknownCondition: this.unknownCondition,
      resolve: () => undefined,
    };
    const v = new Evaluator(templateScope).template(text, new Map(Object.entries(vars)));
    return isUnknown(v) && v.why.length === 0 ? new Unknown(v.text, [`template ${where}`]) : v;
  };

  readonly note = (u: Unknown): void => this.ctx.note(u);

  readonly unknownCondition = (): boolean | undefined => {
    const n = this.ctx.unknownConditions++;
    return this.ctx.options.unknownBranch?.(n);
  };

  resolve(root: string, names: readonly string[], text: string): { value: Value; used: number } | undefined {
    const first = names[0];
    switch (root) {
      case "var":
        return first === undefined ? undefined : { value: this.variable(first), used: 1 };
      case "local":
        return first === undefined ? undefined : { value: this.local(first), used: 1 };
      case "module":
        return first === undefined ? undefined : { value: this.moduleValue(first), used: 1 };
      case "data":
        return names.length < 2 ? undefined : { value: this.resourceCollection("data", names[0], names[1]), used: 2 };
      case "path":
        if (first === "module") return { value: this.def.dir, used: 1 };
        if (first === "root" || first === "cwd") return { value: this.ctx.dir, used: 1 };
        return undefined;
      case "terraform":
        return { value: new Unknown(text, ["terraform.workspace is chosen when Terraform runs"]), used: names.length };
      case "each":
      case "count":
      case "self":
        return undefined;
      default:
        if (first === undefined || !root.includes("_")) return undefined;
        return { value: this.resourceCollection("managed", root, first), used: 1 };
    }
  }

  // --- Names ---------------------------------------------------------------------------------

  private variable(name: string): Value {
    const cached = this.vars.get(name);
    if (cached !== undefined) return cached;
    const v = this.guard(`var.${name}`, () => this.computeVariable(name));
    this.vars.set(name, v);
    return v;
  }

  private computeVariable(name: string): Value {
    const decl = this.def.variables.get(name);
    const type = decl?.type === undefined ? undefined : parseTypeConstraint(decl.type);
    if (type && "reason" in type && decl)
      this.ctx.problem({ file: decl.location.file, ...lineOf(decl.location), message: INPUT_MESSAGES.unreadType(`var.${name}`, type.reason) });
    const constraint = type && !("reason" in type) ? type : undefined;
    let given = this.suppliedValue(name, constraint);
    // `nullable = false`: a null input takes the default (Terraform 1.1+).
    if (given?.value === null && decl?.nullable === false && decl.hasDefault) given = undefined;
    if (given === undefined && decl?.hasDefault) given = { value: this.evalRaw(decl.default, new Map()), from: `its default (${where(decl.location)})` };
    if (given === undefined) {
      const of = this.prefix ? ` of ${this.label}` : "";
      const how = this.prefix
        ? `set nowhere in this configuration (the call does not pass it and it has no default)`
        : `set nowhere in this configuration (no default, no TF_VAR_${name}, terraform.tfvars, *.auto.tfvars, --var-file or --var)`;
      return new Unknown(`var.${name}`, [`var.${name}${of}, ${how}`]);
    }
    if (!decl) return given.value;
    const refuse = (reason: string): Value => {
      this.ctx.problem({
        file: decl.location.file,
        ...lineOf(decl.location),
        message: INPUT_MESSAGES.unsuitableVariable(
          `var.${name}${this.prefix ? ` of ${this.label}` : ""}`,
          where(decl.location),
          JSON.stringify(toPlain(given?.value ?? null)),
          given?.from ?? "",
          reason,
        ),
      });
      return new Unknown(`var.${name}`, [`var.${name} ${reason} (Terraform refuses the value set in ${given?.from})`]);
    };
    if (given.invalid)
      return refuse(
        `${given.invalid} (Terraform reads a value given as text for a variable of type ${describe(constraint as TypeConstraint)} as an expression)`,
      );
    if (given.value === null && !decl.nullable) return refuse("must not be null (nullable = false)");
    if (!constraint) return given.value;
    try {
      return convertToType(given.value, constraint);
    } catch (err) {
      if (err instanceof TypeConversionError) return refuse(`is not a ${describe(constraint)}: ${err.message}`);
      throw err;
    }
  }

  /** The value the caller (or, for a root, the command line, variables files and environment) gives a variable. */
  private suppliedValue(
    name: string,
    type: TypeConstraint | undefined,
  ): { readonly value: Value; readonly from: string; readonly invalid?: string } | undefined {
    if (this.call) {
      const value = this.call.inputs(name);
      return value === undefined ? undefined : { value, from: `the call ${this.label}${this.call.location ? ` (${where(this.call.location)})` : ""}` };
    }
    const root = this.ctx.options.variables?.get(name);
    if (!root) return undefined;
    if (root.text === undefined) return { value: root.value ?? null, from: root.from };
    // Terraform takes the text of a variable without type or of a primitive type literally (then converts it).
    if (type === undefined || type.kind === "string" || type.kind === "number" || type.kind === "bool") return { value: root.text, from: root.from };
    const value = LITERAL.expressionText(root.text);
    return hasUnknown(value) ? { value: root.text, from: root.from, invalid: "is not a constant expression" } : { value, from: root.from };
  }

  private local(name: string): Value {
    const cached = this.locals.get(name);
    if (cached !== undefined) return cached;
    const decl = this.def.locals.get(name);
    if (!decl) throw new EvalError(`local.${name} is not declared in ${this.def.dir}`);
    const v = this.guard(`local.${name}`, () => this.evalRaw(decl.value, new Map()), decl.location);
    this.locals.set(name, v);
    return v;
  }

  /** Evaluates `fn` unless `key` is already being evaluated (a cycle): then an unknown and a problem. */
  private guard(key: string, fn: () => Value, location?: SourceLocation): Value {
    if (this.inProgress.has(key)) {
      const stack = [...this.inProgress];
      const chain = [...stack.slice(stack.indexOf(key)), key].join(" → ");
      this.ctx.problem({
        file: location?.file ?? this.def.dir,
        ...(location?.line ? { line: location.line } : {}),
        message: `${this.label}: ${key} refers to itself (${chain}); it is read as unknown.`,
      });
      return new Unknown(key, [`${key} refers to itself (${chain})`]);
    }
    this.inProgress.add(key);
    try {
      return fn();
    } finally {
      this.inProgress.delete(key);
    }
  }

  /** Evaluates a Terraform JSON value (strings are templates); `dynamic` blocks are expanded. */
  private evalRaw(raw: unknown, bindings: ReadonlyMap<string, Value>): Value {
    if (typeof raw === "string") return this.evaluator.template(raw, bindings);
    if (Array.isArray(raw)) return raw.map((x) => this.evalRaw(x, bindings));
    if (raw !== null && typeof raw === "object") {
      const out: Record<string, Value> = {};
      for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
        if (k === "dynamic") continue;
        // Keys may be templates too (`{ "${local.host}:sub" = ... }` in a local or a tfvars object).
        const key = k.includes("${") ? this.evaluator.template(k, bindings) : k;
        out[typeof key === "string" ? key : k] = this.evalRaw(v, bindings);
      }
      const dynamic = (raw as Record<string, unknown>).dynamic;
      for (const byType of objects(dynamic)) {
        for (const [type, specs] of Object.entries(byType)) {
          const blocks = [...(Array.isArray(out[type]) ? (out[type] as Value[]) : out[type] !== undefined ? [out[type]] : [])];
          for (const spec of objects(specs)) blocks.push(...this.expandDynamic(type, spec, bindings));
          out[type] = blocks;
        }
      }
      return out;
    }
    return (raw ?? null) as Value;
  }

  /**
   * `dynamic "TYPE" { for_each iterator content }`: one block per element, the iterator bound to
   * `{ key, value }`. An unknown collection gives one block whose iterator is unknown, so literal
   * parts of the content are still judged and the rest is reported as unknown.
   */
  private expandDynamic(type: string, spec: Record<string, unknown>, bindings: ReadonlyMap<string, Value>): Value[] {
    // hcl2json writes the bare name `iterator = it` as "${it}".
    const iterator = typeof spec.iterator === "string" ? spec.iterator.replace(/^\$\{\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\}$/, "$1") : type;
    const content = objects(spec.content)[0] ?? {};
    const collection = this.evalRaw(spec.for_each, bindings);
    const entries = this.entries(collection);
    if (entries === undefined) {
      const u = collection as Unknown;
      const unknown = {
        key: new Unknown(`${iterator}.key`, whys(u)),
        value: new Unknown(`${iterator}.value`, whys(u).length > 0 ? whys(u) : [`dynamic "${type}" for_each ${u.text}`]),
      };
      return [this.evalRaw(content, new Map([...bindings, [iterator, unknown]]))];
    }
    return entries.map(([key, value]) => this.evalRaw(content, new Map([...bindings, [iterator, { key, value }]])));
  }

  /** Keys and values of a `for_each` collection; undefined when unknown. */
  private entries(collection: Value): [Value, Value][] | undefined {
    if (isUnknown(collection)) return undefined;
    if (Array.isArray(collection)) return collection.map((v, i) => [typeof v === "string" ? v : i, v]);
    if (isObject(collection))
      return Object.keys(collection)
        .sort()
        .map((k) => [k, collection[k]]);
    return [];
  }

  // --- Resources -----------------------------------------------------------------------------

  private resourceCollection(mode: "managed" | "data", type: string, name: string): Collection {
    const id = `${mode === "data" ? "data." : ""}${type}.${name}`;
    const cached = this.resourceCache.get(id);
    if (cached !== undefined) return cached;
    const decl = declarations(this.def).get(id);
    if (!decl) throw new EvalError(`${id} is not declared in ${this.def.dir}`);
    const v = this.guard(id, () => this.expand(decl.values, (key, bindings) => this.resourceInstance(decl, key, bindings)));
    this.resourceCache.set(id, v);
    return v;
  }

  /** `count` / `for_each` expansion: one value, a list by index, or a map by key. */
  private expand(body: Readonly<Record<string, unknown>>, make: (key: string, bindings: ReadonlyMap<string, Value>) => Value): Collection {
    if (body.count !== undefined) {
      const count = this.evalRaw(body.count, new Map());
      if (typeof count === "number" && Number.isInteger(count) && count >= 0 && count <= LIMITS.instances) {
        return Array.from({ length: count }, (_, i) => make(`[${i}]`, new Map([["count", { index: i }]])));
      }
      const u = new Unknown("count.index", isUnknown(count) ? whys(count).concat(`count = ${count.text}`) : [`count = ${JSON.stringify(toPlain(count))}`]);
      return [make("[?]", new Map([["count", { index: u }]]))];
    }
    if (body.for_each !== undefined) {
      const collection = this.evalRaw(body.for_each, new Map());
      const entries = this.entries(collection);
      if (entries === undefined) {
        const reason = whys(collection).length > 0 ? whys(collection) : [`for_each = ${(collection as Unknown).text}`];
        const each = { key: new Unknown("each.key", reason), value: new Unknown("each.value", reason) };
        return { "?": make("[?]", new Map([["each", each]])) };
      }
      const out: Record<string, Value> = {};
      for (const [key, value] of entries) out[String(key)] = make(`[${JSON.stringify(String(key))}]`, new Map([["each", { key: String(key), value }]]));
      return out;
    }
    return make("", new Map());
  }

  /** `copy` tells apart the blocks of an address declared twice (a problem already reported), so each is evaluated. */
  private resourceInstance(decl: TerraformResource, key: string, bindings: ReadonlyMap<string, Value>, copy = ""): Lazy {
    const address = `${this.prefix}${decl.address}${key}`;
    const body = (): Value => {
      const cached = this.bodies.get(address + copy);
      if (cached !== undefined) return cached;
      const values: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(decl.values)) if (!META.has(k)) values[k] = v;
      const v = this.guard(address + copy, () => this.evalRaw(values, bindings));
      this.bodies.set(address + copy, v);
      if (this.ctx.instances.length < LIMITS.instances) {
        this.ctx.instances.push(this.instanceRecord(decl, address, v));
      }
      return v;
    };
    return new Lazy(address, (attribute) => {
      const values = body();
      if (isObject(values) && attribute in values) return values[attribute];
      if (decl.type === "template_file" && decl.mode === "data" && attribute === "rendered" && isObject(values))
        return this.renderTemplateFile(values, address);
      return new Unknown(`${address}.${attribute}`);
    });
  }

  private renderTemplateFile(values: { readonly [key: string]: Value }, address: string): Value {
    const template = values.template;
    if (typeof template !== "string") return new Unknown(`${address}.rendered`, isUnknown(template) ? whys(template) : []);
    const vars = values.vars;
    if (isUnknown(vars)) return new Unknown(`${address}.rendered`, whys(vars));
    return this.renderTemplate(template, isObject(vars) ? vars : {}, address);
  }

  private instanceRecord(decl: TerraformResource, address: string, values: Value): ResourceInstance {
    const plain = toPlain(values, this.note);
    const inner = decl.source ? [{ ...decl.source, address }] : [];
    const outer = this.callers[0];
    const via: ViaLocation[] = this.callers.length > 0 ? [...this.callers.slice(1).map((c) => ({ ...c.location, address: c.address })), ...inner] : [];
    return {
      mode: decl.mode,
      type: decl.type,
      name: decl.name,
      address,
      values: isObject(values) ? (plain as Record<string, unknown>) : {},
      ...(outer ? { source: outer.location } : decl.source ? { source: decl.source } : {}),
      ...(decl.acknowledgements ? { acknowledgements: decl.acknowledgements } : {}),
      ...(decl.origin ? { origin: decl.origin } : {}),
      modulePath: this.prefix,
      ...(via.length > 0 ? { via } : {}),
    };
  }

  // --- Modules -------------------------------------------------------------------------------

  private moduleValue(name: string): Collection {
    const cached = this.moduleCache.get(name);
    if (cached !== undefined) return cached;
    const call = this.def.calls.get(name);
    if (!call) throw new EvalError(`module.${name} is not declared in ${this.def.dir}`);
    const v = this.guard(`module.${name}`, () => this.expand(call.body, (key, bindings) => this.childInstance(call, key, bindings)));
    this.moduleCache.set(name, v);
    return v;
  }

  private childInstance(call: ModuleCall, key: string, bindings: ReadonlyMap<string, Value>): Value {
    const address = `${this.prefix}module.${call.name}${key}`;
    const located = this.ctx.moduleDir(this.call?.key ?? "", this.def.dir, call);
    const tooMany = ++this.ctx.moduleInstances > LIMITS.moduleInstances;
    if ("reason" in located || this.depth >= LIMITS.moduleDepth || tooMany) {
      const reason =
        "reason" in located
          ? located.reason
          : tooMany
            ? `the configuration has more than ${LIMITS.moduleInstances} module instances`
            : `modules nest deeper than ${LIMITS.moduleDepth} levels`;
      if (!this.ctx.unread.some((u) => u.address === address))
        this.ctx.unread.push({ address, source: call.source, location: this.outerLocation(call), reason });
      return new Lazy(address, (output) => new Unknown(`${address}.${output}`, [`${address} is not read: ${reason}`]));
    }
    const def = this.ctx.options.modules.get(located.dir) as ModuleDef;
    const inputs = new Map<string, Value>();
    const input = (name: string): Value | undefined => {
      if (META.has(name) || name === "source" || name === "version" || name === "providers") return undefined;
      if (!(name in call.body)) return undefined;
      if (!inputs.has(name))
        inputs.set(
          name,
          this.guard(`${address}.${name}`, () => this.evalRaw(call.body[name], bindings)),
        );
      return inputs.get(name);
    };
    const child = new ModuleInstance(
      this.ctx,
      def,
      `${address}.`,
      [...this.callers, { address, location: call.location }],
      { key: this.call?.key ? `${this.call.key}.${call.name}` : call.name, inputs: input, location: call.location },
      this.depth + 1,
    );
    this.children.push(child);
    return new Lazy(address, (output) => child.output(output));
  }

  private outerLocation(call: ModuleCall): SourceLocation {
    return this.callers[0]?.location ?? call.location;
  }

  output(name: string): Value {
    if (!this.def.outputs.has(name)) throw new EvalError(`${this.label} has no output ${JSON.stringify(name)}`);
    return this.guard(`output.${name}`, () => this.evalRaw(this.def.outputs.get(name), new Map()));
  }

  /** Evaluates every resource and module call of this instance (and below), recording the instances. */
  collect(): void {
    const declared = new Set<string>();
    for (const [i, r] of this.def.resources.entries()) {
      // A second block of one address (Terraform refuses it; moduleDef reported it) is evaluated on its
      // own, so that neither block hides the other; references resolve to the first.
      const copy = declared.has(r.address) ? `\u0000${i}` : "";
      declared.add(r.address);
      const collection = this.safe(() =>
        copy === "" ? this.resourceCollection(r.mode, r.type, r.name) : this.expand(r.values, (key, bindings) => this.resourceInstance(r, key, bindings, copy)),
      );
      for (const instance of lazies(collection)) instance.attribute("\u0000");
    }
    for (const name of this.def.calls.keys()) this.safe(() => this.moduleValue(name));
    for (const child of this.children.slice()) child.collect();
  }

  private safe(fn: () => Value): Value {
    try {
      return fn();
    } catch (err) {
      if (err instanceof EvalError) return new Unknown(err.message);
      throw err;
    }
  }
}

/** Evaluates `--var` / `TF_VAR_` expressions: constants only, as Terraform allows there. */
const LITERAL = new Evaluator({ readFile: () => undefined, renderTemplate: () => null, resolve: () => undefined });

function where(location: SourceLocation): string {
  return `${location.file}${location.line ? `:${location.line}` : ""}`;
}

function lineOf(location: SourceLocation): { line?: number } {
  return location.line ? { line: location.line } : {};
}

const byAddress = new WeakMap<ModuleDef, ReadonlyMap<string, TerraformResource>>();

/** A module's resources by address, the first block of an address winning (as `find` would): built once per definition, which never changes. */
function declarations(def: ModuleDef): ReadonlyMap<string, TerraformResource> {
  let map = byAddress.get(def);
  if (map === undefined) {
    const built = new Map<string, TerraformResource>();
    for (const r of def.resources) if (!built.has(r.address)) built.set(r.address, r);
    byAddress.set(def, built);
    map = built;
  }
  return map;
}

function lazies(v: Value): Lazy[] {
  if (v instanceof Lazy) return [v];
  if (Array.isArray(v)) return v.filter((x): x is Lazy => x instanceof Lazy);
  if (isObject(v)) return Object.values(v).filter((x): x is Lazy => x instanceof Lazy);
  return [];
}
