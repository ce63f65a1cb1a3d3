import * as fs from "fs";
import * as path from "path";
import { resourcesFromConfiguration, isConfigurationJson } from "./configuration-blocks";
import { discoverInputs, isConfigurationFile } from "./discover";
import { evaluatePlan, EvaluatedRoot, isPlanJson, UnreadModule } from "./eval";
import { loadConfiguration } from "./load-configuration";
import { scanHclBlocks } from "./hcl-blocks";
import { jsonKeyChecks } from "./json-duplicates";
import { isHclConfigurationFile, isOverrideFile } from "./configuration-files";
import { errorText, fsReason, INPUT_MESSAGES } from "./input-messages";
import type { InputProblem } from "./input-problem";
import { parseHclFile } from "./parse-hcl-file";
import type { TerraformResource } from "./resources";

/** The resources of one input unit (a module directory, a cdktf stack or a plan file), read together. */
export interface ReadUnit {
  readonly name: string;
  readonly files: readonly string[];
  /** Absolute addresses (`module.ci["a"].aws_iam_role.this`), as the evaluation layer writes them and references name them. */
  readonly resources: readonly TerraformResource[];
  /** What decides each unknown, by its text (from the evaluation: `var.x of module.ci, set nowhere ...`). @default none */
  readonly unknownInputs?: ReadonlyMap<string, readonly string[]>;
  /** Module calls that could not be read (not installed). @default none */
  readonly unreadModules?: readonly UnreadModule[];
}

/** Everything `readInputs` read, and every problem with what it could not read. */
export interface ReadInputsResult {
  readonly units: readonly ReadUnit[];
  readonly problems: readonly InputProblem[];
  /** Every file read (or tried), as shown to the user. */
  readonly files: readonly string[];
}

/** Options of `readInputs`. */
export interface ReadInputsOptions {
  /**
   * Base for relative paths, and what paths are shown relative to.
   * @default process.cwd()
   */
  readonly cwd?: string;
  /**
   * Called after each file is read, e.g. to show progress.
   * @default - no progress reporting
   */
  readonly onProgress?: (done: number, total: number) => void;
  /** `--var-file` paths (a `*.tfvars` / `*.tfvars.json` named as a path is one too). @default [] */
  readonly varFiles?: readonly string[];
  /** `--var NAME=VALUE` values. @default {} */
  readonly vars?: Readonly<Record<string, string>>;
  /**
   * `TF_VAR_NAME` values by variable name (`terraformEnvironment(process.env)`), the lowest
   * precedence above defaults, as Terraform reads them for root modules. Nothing here reads the
   * environment itself. @default {}
   */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * Longest one HCL file may take to parse; past it the file is reported and the next one read.
   * @default 60_000
   */
  readonly hclTimeoutMs?: number;
  /**
   * Files and directories (absolute paths) to skip while searching directories, e.g. the config
   * file's `exclude`. Files named in `paths` are always read.
   * @default - nothing excluded
   */
  readonly exclude?: (absolutePath: string) => boolean;
}

/**
 * Reads Terraform inputs into `TerraformResource`s, one `ReadUnit` per module directory, cdktf
 * stack or plan file: `cdktf.out/` and other directories (searched recursively), `*.tf` (HCL, via
 * `@cdktf/hcl2json`, with block lines and `wif:acknowledge` comments), `*.tf.json` (with `"//"`
 * suppressions) and plan JSON (`terraform show -json plan.out`). A file that cannot be read
 * becomes an `InputProblem` naming it and what was wrong; the other files are still read. HCL is
 * parsed in a worker thread after a size and nesting check (`parseHclFile`), so a file that
 * crashes or stalls the parser is one problem, not the end of the run.
 *
 * @example
 * const { units, problems } = await readInputs(["cdktf.out", "infra/"]);
 */
export async function readInputs(paths: readonly string[], options: ReadInputsOptions = {}): Promise<ReadInputsResult> {
  const cwd = options.cwd ?? process.cwd();
  const isVarFile = (p: string) => /\.tfvars(\.json)?$/.test(p);
  // A variables file named alone stands for the module next to it, read with it (`wif lint prod.tfvars`).
  const configurationPaths = paths.filter((p) => !isVarFile(p));
  const discovery = discoverInputs(configurationPaths.length > 0 ? configurationPaths : [...new Set(paths.map((p) => path.dirname(p)))], cwd, options.exclude);
  const problems: InputProblem[] = [...discovery.problems.filter((p) => !onlyVarFiles(p.file, cwd))];
  const total = discovery.units.reduce((n, u) => n + u.files.length, 0);
  let done = 0;
  const units: ReadUnit[] = [];
  const configurationUnits = discovery.units.filter((u) => u.files.every(isConfigurationFile));
  const loaded = await loadConfiguration(configurationUnits, {
    cwd,
    varFiles: [...paths.filter(isVarFile), ...(options.varFiles ?? [])],
    vars: options.vars ?? {},
    environment: options.environment ?? {},
    ...(options.hclTimeoutMs === undefined ? {} : { hclTimeoutMs: options.hclTimeoutMs }),
    alwaysParse: new Set(paths.filter((p) => isConfigurationFile(p)).map((p) => displayPathOf(p, cwd))),
    onFile: () => options.onProgress?.(++done, total),
  });
  problems.push(...loaded.problems);
  for (const root of loaded.roots) {
    problems.push(...root.problems);
    units.push({ name: root.dir, files: root.files, resources: root.instances, unknownInputs: root.unknownInputs, unreadModules: root.unreadModules });
  }
  for (const unit of discovery.units.filter((u) => !configurationUnits.includes(u))) {
    const resources: TerraformResource[] = [];
    const planUnits: ReadUnit[] = [];
    for (const file of unit.files) {
      const read = await readFileSafely(file, cwd, options.hclTimeoutMs);
      resources.push(...read.resources);
      problems.push(...read.problems);
      options.onProgress?.(++done, total);
      if (read.plan) planUnits.push({ name: file, files: [file], resources: read.plan.instances, unknownInputs: read.plan.unknownInputs });
    }
    if (planUnits.length === 0 || resources.length > 0) {
      units.push({ name: unit.name, files: unit.files, resources: applyOverrides(resources) });
    }
    units.push(...planUnits);
  }
  units.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { units, problems, files: discovery.units.flatMap((u) => u.files) };
}

/** A directory holding variables files but no configuration is not an error: the modules next to it use them. */
function onlyVarFiles(given: string, cwd: string): boolean {
  try {
    const dir = path.resolve(cwd, given);
    return fs.statSync(dir).isDirectory() && fs.readdirSync(dir).some((n) => /\.tfvars(\.json)?$/.test(n));
  } catch {
    return false;
  }
}

function displayPathOf(p: string, cwd: string): string {
  const relative = path.relative(cwd, path.resolve(cwd, p));
  return relative.startsWith("..") || path.isAbsolute(relative) ? path.resolve(cwd, p) : relative.split(path.sep).join("/");
}

interface FileRead {
  readonly resources: readonly TerraformResource[];
  readonly problems: readonly InputProblem[];
  /** For plan or state JSON: the plan evaluated by the layer (then `resources` is empty). */
  readonly plan?: EvaluatedRoot;
}

/** One file's read: whatever goes wrong in it (a stack overflow on a pathological value) is a problem of that file. */
async function readFileSafely(file: string, cwd: string, hclTimeoutMs: number | undefined): Promise<FileRead> {
  try {
    return await readFile(file, cwd, hclTimeoutMs);
  } catch (err) {
    return failed(file, INPUT_MESSAGES.readFailed(errorText(err)));
  }
}

async function readFile(file: string, cwd: string, hclTimeoutMs: number | undefined): Promise<FileRead> {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), "utf8");
  } catch (err) {
    return failed(file, INPUT_MESSAGES.unreadable(fsReason(err)));
  }
  if (text.includes("\u0000")) {
    return failed(file, INPUT_MESSAGES.binary());
  }
  return isHclConfigurationFile(file) ? readHcl(file, text, hclTimeoutMs) : readJson(file, text);
}

async function readHcl(file: string, text: string, timeoutMs: number | undefined): Promise<FileRead> {
  const parsed = await parseHclFile(file, text, timeoutMs === undefined ? {} : { timeoutMs });
  if ("problem" in parsed) return { resources: [], problems: [parsed.problem] };
  return resourcesFromConfiguration(parsed.config, file, scanHclBlocks(text));
}

function readJson(file: string, text: string): FileRead {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const position = /position (\d+)/.exec(message);
    const line = position ? lineAt(text, Number(position[1])) : undefined;
    return failed(file, INPUT_MESSAGES.badJson(message), line);
  }
  const keys = jsonKeyChecks(file, text);
  if (keys.problems.length > 0) {
    const read = readJsonDocument(file, text, doc, keys.lines);
    return { ...read, problems: [...keys.problems, ...read.problems] };
  }
  return readJsonDocument(file, text, doc, keys.lines);
}

function readJsonDocument(file: string, text: string, doc: unknown, lines: ReadonlyMap<string, number>): FileRead {
  if (isPlanJson(doc)) return { resources: [], problems: [], plan: evaluatePlan(doc, file, text) };
  if (isConfigurationJson(doc)) return resourcesFromConfiguration(doc, file, undefined, lines);
  if (isConfigurationFile(file) && typeof doc === "object" && doc !== null && !Array.isArray(doc) && Object.keys(doc).length === 0) {
    return { resources: [], problems: [] };
  }
  return failed(file, INPUT_MESSAGES.unknownFormat());
}

/**
 * Terraform's override files (`override.tf`, `*_override.tf`, and `.tf.json`) replace top-level
 * arguments of the block of the same address defined elsewhere in the module.
 */
function applyOverrides(resources: readonly TerraformResource[]): TerraformResource[] {
  const isOverride = (r: TerraformResource) => isOverrideFile(r.source?.file ?? "");
  const byAddress = new Map<string, TerraformResource>();
  for (const r of resources.filter((x) => !isOverride(x))) byAddress.set(r.address, r);
  for (const r of resources.filter(isOverride)) {
    const base = byAddress.get(r.address);
    byAddress.set(r.address, base ? { ...base, values: { ...base.values, ...r.values } } : r);
  }
  return [...byAddress.values()];
}

function failed(file: string, message: string, line?: number): FileRead {
  return { resources: [], problems: [line === undefined ? { file, message } : { file, line, message }] };
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
