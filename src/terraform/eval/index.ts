import * as posix from "path/posix";
import { evaluateRoot, EvaluatedRoot, ManifestEntry, ResourceInstance, RootVariable } from "./configuration";
import { Evaluator, Scope } from "./evaluate-expression";
import { ConfigFile, ModuleDef, moduleDef } from "./module-def";
import type { Value } from "./value";

export type { ConfigFile, ModuleCall, ModuleDef, VariableDef } from "./module-def";
export type { EvaluatedRoot, ManifestEntry, ResourceInstance, RootVariable, UnreadModule, ViaLocation } from "./configuration";
export { evaluateRoot, LIMITS } from "./configuration";
export { Unknown } from "./value";
export type { Value } from "./value";

/** A variables file (`terraform.tfvars`, `*.auto.tfvars`, `--var-file`), parsed: names to values as written. */
export interface VarFile {
  readonly path: string;
  readonly values: Readonly<Record<string, unknown>>;
}

/** Everything the evaluation reads, handed in by the caller (the CLI reads the files; nothing here does). */
export interface ConfigurationInput {
  /** Parsed configuration files of every module directory read (scanned ones and the modules they call). */
  readonly modules: ReadonlyMap<string, readonly ConfigFile[]>;
  /** The directories the user asked to lint: each is a root unless another module directory calls it. */
  readonly scanned: readonly string[];
  /** Files `file()` / `templatefile()` may read, by path. @default none */
  readonly files?: ReadonlyMap<string, string>;
  /** `.terraform/modules/modules.json` rows by root directory. @default none */
  readonly manifests?: ReadonlyMap<string, readonly ManifestEntry[]>;
  /** Auto-loaded variables files by root directory, in Terraform's order. @default none */
  readonly autoVarFiles?: ReadonlyMap<string, readonly VarFile[]>;
  /** `--var-file` files, in order, for every root. @default [] */
  readonly varFiles?: readonly VarFile[];
  /** `--var NAME=VALUE`, for every root. @default {} */
  readonly vars?: Readonly<Record<string, string>>;
  /**
   * `TF_VAR_NAME` environment values by variable name, for every root: the lowest precedence above
   * defaults. The caller (the CLI) reads the environment; this layer never does. @default {}
   */
  readonly environment?: Readonly<Record<string, string>>;
}

/**
 * Evaluates every root of the scanned directories: a directory another read module directory calls
 * (by a local source, or through the caller's `modules.json`) is judged through its callers; the
 * others are roots.
 *
 * @example
 * const roots = evaluateConfigurations({ modules, scanned: ["envs/prod", "modules/role"] });
 * roots.map((r) => r.dir); // ["envs/prod"]
 */
export function evaluateConfigurations(input: ConfigurationInput): EvaluatedRoot[] {
  const defs = new Map<string, ModuleDef>();
  for (const [dir, files] of input.modules) defs.set(dir, moduleDef(dir, files));
  const called = calledDirectories(defs, input.scanned, input.manifests ?? new Map());
  const roots = input.scanned.filter((dir) => defs.has(dir) && !called.has(dir));
  return roots.map((dir) => {
    const options = {
      modules: defs,
      files: input.files ?? new Map(),
      manifest: input.manifests?.get(dir) ?? [],
      variables: rootVariables(input.environment ?? {}, [...(input.autoVarFiles?.get(dir) ?? []), ...(input.varFiles ?? [])], input.vars ?? {}),
    };
    const root = withBranches(evaluateRoot(dir, options), (unknownBranch) => evaluateRoot(dir, { ...options, unknownBranch }));
    return { ...root, problems: [...(defs.get(dir)?.problems ?? []), ...moduleProblems(defs, root), ...root.problems] };
  });
}

/** Conditionals with an unknown condition given a branch of their own (beyond: all true / all false only). */
const SINGLE_BRANCHES = 8;

/**
 * A conditional whose condition is unknown (`var.prod ? "repo:o/r:ref:refs/heads/main" : "repo:*"`)
 * may take either branch at apply, so each is judged: the root is evaluated again with every such
 * condition true, then false, then (for the first few, in evaluation order) one condition against
 * all the others (which reaches a branch nested in another), and the instances that differ from
 * the first evaluation are added (same address, the values of that branch). The first evaluation
 * keeps the unknown, so it is still reported with what decides it.
 */
function withBranches(root: EvaluatedRoot, again: (branch: (n: number) => boolean) => EvaluatedRoot): EvaluatedRoot {
  if (root.unknownConditions === 0) return root;
  const seen = new Set(root.instances.map((i) => instanceKey(i)));
  const instances = [...root.instances];
  const choices: ((n: number) => boolean)[] = [() => true, () => false];
  for (let k = 0; k < Math.min(root.unknownConditions, SINGLE_BRANCHES); k++)
    choices.push(
      (n) => n !== k,
      (n) => n === k,
    );
  for (const choice of choices) {
    for (const i of again(choice).instances) {
      const key = instanceKey(i);
      if (seen.has(key)) continue;
      seen.add(key);
      instances.push(i);
    }
  }
  return { ...root, instances };
}

function instanceKey(i: ResourceInstance): string {
  return `${i.address}\u0000${JSON.stringify(i.values)}`;
}

/** Suppression problems of the module directories a root read (its own are added once). */
function moduleProblems(defs: ReadonlyMap<string, ModuleDef>, root: EvaluatedRoot) {
  const dirs = new Set(root.files.map((f) => posix.dirname(f)));
  dirs.delete(root.dir);
  return [...dirs].flatMap((d) => defs.get(d)?.problems ?? []);
}

/** Every directory some read module calls. */
export function calledDirectories(
  defs: ReadonlyMap<string, ModuleDef>,
  scanned: readonly string[],
  manifests: ReadonlyMap<string, readonly ManifestEntry[]>,
): Set<string> {
  const called = new Set<string>();
  for (const def of defs.values()) {
    for (const call of def.calls.values()) {
      if (/^\.\.?(\/|$)/.test(call.source)) {
        const dir = posix.normalize(posix.join(def.dir, call.source));
        if (dir !== def.dir) called.add(dir);
      }
    }
  }
  for (const dir of scanned) {
    for (const entry of manifests.get(dir) ?? []) {
      if (entry.Key !== "") called.add(posix.normalize(posix.join(dir, entry.Dir)));
    }
  }
  return called;
}

/**
 * Root variables as Terraform takes them, later ones winning: `TF_VAR_` environment values, then
 * variables files (`terraform.tfvars`, `terraform.tfvars.json`, `*.auto.tfvars(.json)`, then
 * `--var-file`), then `--var`. Environment and `--var` values stay text: the variable's type says
 * whether Terraform reads them as a string or an expression.
 */
function rootVariables(
  environment: Readonly<Record<string, string>>,
  files: readonly VarFile[],
  vars: Readonly<Record<string, string>>,
): Map<string, RootVariable> {
  const literal: Scope = { readFile: () => undefined, renderTemplate: () => null, resolve: () => undefined };
  const evaluator = new Evaluator(literal);
  const out = new Map<string, RootVariable>();
  const raw = (v: unknown): Value => {
    if (typeof v === "string") return evaluator.template(v);
    if (Array.isArray(v)) return v.map(raw);
    if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, raw(x)]));
    return (v ?? null) as Value;
  };
  for (const [name, text] of Object.entries(environment)) out.set(name, { text, from: `TF_VAR_${name}` });
  for (const f of files) for (const [name, value] of Object.entries(f.values)) out.set(name, { value: raw(value), from: f.path });
  for (const [name, text] of Object.entries(vars)) out.set(name, { text, from: `--var ${name}=...` });
  return out;
}

export { evaluatePlan, isPlanJson } from "./plan";
export { trustGraph } from "./links";
export type { Link, LinkKind, TrustGraph } from "./links";

/**
 * Evaluates one Terraform JSON configuration held in memory (a synthesized cdktf stack) as a root
 * module of one file: the same evaluation `wif lint` applies to `cdk.tf.json`.
 *
 * @example
 * const root = evaluateTerraformJson(JSON.parse(fs.readFileSync("cdk.tf.json", "utf8")));
 * root.instances.map((r) => r.address);
 */
export function evaluateTerraformJson(config: Readonly<Record<string, unknown>>, file = "cdk.tf.json"): EvaluatedRoot {
  const [root] = evaluateConfigurations({ modules: new Map([[".", [{ path: file, config }]]]), scanned: ["."] });
  return root;
}
