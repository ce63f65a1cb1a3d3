import * as fs from "fs";
import { isConfigurationFile, isHclConfigurationFile, tofuDivergence, withoutShadowed } from "./configuration-files";
import * as path from "path";
import * as posix from "path/posix";
import { displayPath, linkOrReadProblem, tofuProblem } from "./discover";
import { ConfigFile, evaluateConfigurations, EvaluatedRoot, ManifestEntry, VarFile } from "./eval";
import { scanHclBlocks } from "./hcl-blocks";
import { errorText, fsReason, INPUT_MESSAGES } from "./input-messages";
import type { InputProblem } from "./input-problem";
import { jsonKeyChecks } from "./json-duplicates";
import { parseHclFile } from "./parse-hcl-file";

/** Block types whose presence makes a directory worth parsing: the trust readers' inputs, and module calls. */
const TRIGGER = /aws_iam_role|google_iam_workload_identity_pool_provider|federated_identity_credential|(^|\n)[ \t]*module[ \t]+["A-Za-z_]|"module"\s*:/;

/** Files `file()` / `templatefile()` usually read, loaded with each module (and its direct subdirectories). */
const TEMPLATE_FILE = /\.(tpl|tftpl|tmpl|json|yaml|yml)$/;
const MAX_TEMPLATE_BYTES = 1_000_000;
const MAX_MODULE_DIRS = 1_000;

/** Options of `loadConfiguration`. */
export interface LoadOptions {
  readonly cwd: string;
  /** `--var-file` paths. @default [] */
  readonly varFiles?: readonly string[];
  /** `--var NAME=VALUE`. @default {} */
  readonly vars?: Readonly<Record<string, string>>;
  /**
   * `TF_VAR_NAME` values by variable name (`terraformEnvironment(process.env)`), the lowest
   * precedence above defaults, as Terraform reads them for root modules. Nothing here reads the
   * environment itself. @default {}
   */
  readonly environment?: Readonly<Record<string, string>>;
  /** Files named on the command line: parsed even when they name no trust-bearing block (their syntax errors are reported). @default none */
  readonly alwaysParse?: ReadonlySet<string>;
  /** Called after each configuration file of a scanned directory is read. */
  readonly onFile?: () => void;
  /** Longest one HCL file may take to parse. @default 60_000 */
  readonly hclTimeoutMs?: number;
}

/** What `loadConfiguration` evaluated, and what it could not read. */
export interface LoadedConfiguration {
  readonly roots: readonly EvaluatedRoot[];
  readonly problems: readonly InputProblem[];
}

/**
 * The IO side of the evaluation layer: reads the scanned module directories (shown as `units`),
 * the modules they call (local sources, `.terraform/modules`), the templates they may read, the
 * tfvars files, and hands the contents to `evaluateConfigurations`. A directory whose files name
 * no trust-bearing resource type and no `module` block is read but not parsed: nothing in it can
 * hold or assemble a trust unless a module call reaches it, and then it is parsed as a module.
 *
 * @example
 * const { roots } = await loadConfiguration([{ name: "infra", files: ["infra/main.tf"] }], { cwd });
 */
export async function loadConfiguration(
  units: readonly { readonly name: string; readonly files: readonly string[] }[],
  options: LoadOptions,
): Promise<LoadedConfiguration> {
  const cwd = options.cwd;
  const problems: InputProblem[] = [];
  const modules = new Map<string, ConfigFile[]>();
  const files = new Map<string, string>();
  const manifests = new Map<string, ManifestEntry[]>();
  const autoVarFiles = new Map<string, VarFile[]>();
  const scanned: string[] = [];
  const queue: string[] = [];
  /** Scanned directories read but not parsed (no trust-bearing block): parsed only if a module call reaches them. */
  const unparsed = new Set<string>();

  for (const unit of units) {
    const texts: { file: string; text: string }[] = [];
    for (const file of unit.files) {
      const read = readText(file, cwd);
      options.onFile?.();
      if ("problem" in read) problems.push(read.problem);
      else texts.push({ file, text: read.text });
    }
    scanned.push(unit.name);
    if (!texts.some((t) => TRIGGER.test(t.text) || options.alwaysParse?.has(t.file) || !isHclConfigurationFile(t.file))) {
      modules.set(unit.name, []);
      unparsed.add(unit.name);
      continue;
    }
    modules.set(unit.name, await parseAll(texts, problems, options.hclTimeoutMs));
    queue.push(unit.name);
    const manifest = readManifest(unit.name, cwd, problems);
    if (manifest) {
      manifests.set(unit.name, manifest);
      for (const e of manifest) if (e.Key !== "") queue.push(posix.normalize(posix.join(unit.name, e.Dir)));
    }
    autoVarFiles.set(unit.name, await readAutoVarFiles(unit.name, cwd, problems));
  }

  // Module directories the scanned ones call, read as Terraform would (parsed whatever they hold).
  const visited = new Set<string>();
  while (queue.length > 0 && visited.size < MAX_MODULE_DIRS) {
    const dir = queue.shift() as string;
    if (visited.has(dir)) continue;
    visited.add(dir);
    if (!modules.has(dir) || unparsed.has(dir)) {
      unparsed.delete(dir);
      const listed = listDir(dir, cwd, isConfigurationFile, problems);
      if (!scanned.includes(dir)) problems.push(...tofuDivergence(listed).map((d) => tofuProblem(d)));
      const texts = withoutShadowed(listed).flatMap((file) => {
        const read = readText(file, cwd);
        if ("problem" in read) {
          problems.push(read.problem);
          return [];
        }
        return [{ file, text: read.text }];
      });
      if (texts.length === 0) continue;
      modules.set(dir, await parseAll(texts, problems, options.hclTimeoutMs));
    }
    for (const f of templateFiles(dir, cwd)) {
      const read = readText(f, cwd);
      if (!("problem" in read)) files.set(f, read.text);
    }
    for (const config of modules.get(dir) ?? []) {
      for (const source of moduleSources(config.config)) {
        if (/^\.\.?(\/|$)/.test(source)) queue.push(posix.normalize(posix.join(dir, source)));
      }
    }
  }

  const varFiles: VarFile[] = [];
  for (const file of options.varFiles ?? []) {
    const read = await readVarFile(file, cwd, problems);
    if (read) varFiles.push(read);
  }
  const input = { modules, scanned, files, manifests, autoVarFiles, varFiles, vars: options.vars ?? {}, environment: options.environment ?? {} };
  return { roots: evaluateIsolated(input, problems), problems };
}

/**
 * Evaluates every root. Should the evaluation throw (a value nested past what it can walk), each
 * scanned directory is evaluated on its own, and a directory that still fails is evaluated
 * without each of its files in turn: the file whose absence lets it evaluate is the problem named
 * (the rest of the module is still checked); failing that, the directory is.
 */
function evaluateIsolated(input: Parameters<typeof evaluateConfigurations>[0], problems: InputProblem[]): EvaluatedRoot[] {
  try {
    return evaluateConfigurations(input);
  } catch {
    return input.scanned.flatMap((dir) => {
      let failure: unknown;
      try {
        return evaluateConfigurations({ ...input, scanned: [dir] });
      } catch (err) {
        failure = err;
      }
      const files = input.modules.get(dir) ?? [];
      for (const file of files) {
        try {
          const modules = new Map(input.modules).set(
            dir,
            files.filter((f) => f !== file),
          );
          const roots = evaluateConfigurations({ ...input, modules, scanned: [dir] });
          problems.push({ file: file.path, message: INPUT_MESSAGES.evaluationFailed(errorText(failure), "file") });
          return roots;
        } catch {
          // not this file alone
        }
      }
      problems.push({ file: dir, message: INPUT_MESSAGES.evaluationFailed(errorText(failure), "module") });
      return [];
    });
  }
}

function readText(file: string, cwd: string): { text: string } | { problem: InputProblem } {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), "utf8");
  } catch (err) {
    return { problem: { file, message: INPUT_MESSAGES.unreadable(fsReason(err)) } };
  }
  if (text.includes("\u0000")) return { problem: { file, message: INPUT_MESSAGES.binary() } };
  return { text };
}

async function parseAll(texts: readonly { file: string; text: string }[], problems: InputProblem[], hclTimeoutMs: number | undefined): Promise<ConfigFile[]> {
  const out: ConfigFile[] = [];
  for (const { file, text } of texts) {
    if (isHclConfigurationFile(file)) {
      const parsed = await parseHcl(file, text, problems, hclTimeoutMs);
      if (parsed) out.push({ path: file, config: parsed, text, hclBlocks: scanHclBlocks(text) });
    } else {
      try {
        const doc = JSON.parse(text) as unknown;
        const keys = jsonKeyChecks(file, text);
        problems.push(...keys.problems);
        if (doc !== null && typeof doc === "object" && !Array.isArray(doc))
          out.push({ path: file, config: doc as Record<string, unknown>, jsonLines: keys.lines });
        else problems.push({ file, message: INPUT_MESSAGES.unknownFormat() });
      } catch (err) {
        const message = (err as Error).message;
        const position = /position (\d+)/.exec(message);
        const line = position ? text.slice(0, Number(position[1])).split("\n").length : undefined;
        problems.push({ file, ...(line !== undefined ? { line } : {}), message: INPUT_MESSAGES.badJson(message) });
      }
    }
  }
  return out;
}

/** Parses HCL with `@cdktf/hcl2json`, bounded and isolated (`parseHclFile`); what goes wrong is a problem naming the file. */
export async function parseHcl(file: string, text: string, problems: InputProblem[], timeoutMs?: number): Promise<Record<string, unknown> | undefined> {
  const parsed = await parseHclFile(file, text, timeoutMs === undefined ? {} : { timeoutMs });
  if ("problem" in parsed) {
    problems.push(parsed.problem);
    return undefined;
  }
  return parsed.config;
}

function moduleSources(config: Readonly<Record<string, unknown>>): string[] {
  const out: string[] = [];
  const blocks = Array.isArray(config.module) ? config.module : [config.module];
  for (const byName of blocks) {
    if (byName === null || typeof byName !== "object") continue;
    for (const bodies of Object.values(byName as Record<string, unknown>)) {
      for (const body of Array.isArray(bodies) ? bodies : [bodies]) {
        const source = (body as Record<string, unknown> | null)?.source;
        if (typeof source === "string") out.push(source);
      }
    }
  }
  return out;
}

/** The accepted files of a directory; one that exists but cannot be listed is a problem when `problems` is given. */
/**
 * The accepted files of a module directory. A symbolic link to a file is read when its target lies in
 * the working directory's tree or in the module directory's own; a dangling link, a loop, a link out of
 * both, or a link to a directory is a problem naming the link (never its target), as in `discoverInputs`.
 */
function listDir(dir: string, cwd: string, accept: (name: string) => boolean, problems?: InputProblem[]): string[] {
  try {
    const absolute = path.resolve(cwd, dir);
    const files: string[] = [];
    for (const e of fs.readdirSync(absolute, { withFileTypes: true })) {
      if (!accept(e.name)) continue;
      const full = path.join(absolute, e.name);
      if (e.isFile()) files.push(full);
      else if (e.isSymbolicLink() && !e.name.startsWith(".")) {
        const problem = linkedFileProblem(full, [cwd, absolute]);
        if (problem === undefined) files.push(full);
        else problems?.push({ file: displayPath(full, cwd), message: problem });
      }
    }
    return files.map((f) => displayPath(f, cwd)).sort();
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (problems && code !== "ENOENT" && code !== "ENOTDIR") problems.push({ file: dir, message: INPUT_MESSAGES.unreadableDirectory(fsReason(err)) });
    return [];
  }
}

function linkedFileProblem(link: string, trees: readonly string[]): string | undefined {
  let real: string;
  try {
    if (!fs.statSync(link).isFile()) return INPUT_MESSAGES.unreadable("the link leads to a directory, not a file");
    real = fs.realpathSync(link);
  } catch (err) {
    return linkOrReadProblem(err);
  }
  const inside = trees.some((t) => {
    const relative = path.relative(fs.realpathSync(t), real);
    return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
  });
  return inside ? undefined : INPUT_MESSAGES.linkOutside();
}

function templateFiles(dir: string, cwd: string): string[] {
  const accept = (n: string) => TEMPLATE_FILE.test(n) && !isConfigurationFile(n) && !n.endsWith(".tfvars.json");
  const out = listDir(dir, cwd, accept);
  try {
    for (const e of fs.readdirSync(path.resolve(cwd, dir), { withFileTypes: true })) {
      if (e.isDirectory() && !e.name.startsWith(".") && e.name !== "node_modules") out.push(...listDir(posix.join(dir, e.name), cwd, accept));
    }
  } catch {
    // unreadable directory: nothing to add
  }
  return out.filter((f) => {
    try {
      return fs.statSync(path.resolve(cwd, f)).size <= MAX_TEMPLATE_BYTES;
    } catch {
      return false;
    }
  });
}

function readManifest(dir: string, cwd: string, problems: InputProblem[]): ManifestEntry[] | undefined {
  const file = posix.join(dir, ".terraform/modules/modules.json");
  if (!fs.existsSync(path.resolve(cwd, file))) return undefined;
  const read = readText(file, cwd);
  if ("problem" in read) {
    problems.push(read.problem);
    return undefined;
  }
  try {
    const doc = JSON.parse(read.text) as { Modules?: unknown };
    return (Array.isArray(doc.Modules) ? doc.Modules : []).filter(
      (m): m is ManifestEntry =>
        m !== null && typeof m === "object" && typeof (m as ManifestEntry).Key === "string" && typeof (m as ManifestEntry).Dir === "string",
    );
  } catch (err) {
    problems.push({ file, message: INPUT_MESSAGES.badJson((err as Error).message) });
    return undefined;
  }
}

/** `terraform.tfvars`, `terraform.tfvars.json`, then `*.auto.tfvars(.json)` in lexical order, as Terraform loads them. */
async function readAutoVarFiles(dir: string, cwd: string, problems: InputProblem[]): Promise<VarFile[]> {
  const names = listDir(dir, cwd, (n) => n === "terraform.tfvars" || n === "terraform.tfvars.json" || /\.auto\.tfvars(\.json)?$/.test(n));
  const first = names.filter((n) => /(^|\/)terraform\.tfvars(\.json)?$/.test(n));
  const rest = names.filter((n) => !first.includes(n));
  const out: VarFile[] = [];
  for (const f of [...first, ...rest]) {
    const read = await readVarFile(f, cwd, problems);
    if (read) out.push(read);
  }
  return out;
}

/** Reads a variables file: `.json` as JSON, anything else as HCL attributes. */
export async function readVarFile(file: string, cwd: string, problems: InputProblem[]): Promise<VarFile | undefined> {
  const read = readText(file, cwd);
  if ("problem" in read) {
    problems.push(read.problem);
    return undefined;
  }
  if (file.endsWith(".json")) {
    try {
      const doc = JSON.parse(read.text) as unknown;
      if (doc !== null && typeof doc === "object" && !Array.isArray(doc)) return { path: file, values: doc as Record<string, unknown> };
      problems.push({ file, message: "is not a variables file: expected a JSON object of variable names to values." });
      return undefined;
    } catch (err) {
      problems.push({ file, message: INPUT_MESSAGES.badJson((err as Error).message) });
      return undefined;
    }
  }
  const parsed = await parseHcl(file, read.text, problems);
  return parsed ? { path: file, values: parsed } : undefined;
}
