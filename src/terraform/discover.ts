import * as fs from "fs";
import { isConfigurationFile, type TofuDivergence, tofuDivergence, withoutShadowed } from "./configuration-files";
import * as path from "path";
import { fsReason, INPUT_MESSAGES } from "./input-messages";
import type { InputProblem } from "./input-problem";

/**
 * One set of files the rules read together, as Terraform does: the `*.tf` / `*.tf.json` files of
 * one directory (a module; a cdktf stack's `cdk.tf.json` is one), or one JSON file named on the
 * command line (Terraform JSON or plan JSON, told apart by its content).
 */
export interface InputUnit {
  /** The directory or file, as shown to the user. */
  readonly name: string;
  /** The files, as shown to the user, in a stable order. */
  readonly files: readonly string[];
}

/** What `discoverInputs` found. */
export interface Discovery {
  readonly units: readonly InputUnit[];
  readonly problems: readonly InputProblem[];
}

/** Directories never searched: Terraform's own cache, VCS and package folders. */
const SKIPPED_DIRECTORIES = new Set([".terraform", ".git", "node_modules"]);

/**
 * Turns command-line paths into input units. A directory is searched recursively (hidden
 * directories, `.terraform` and `node_modules` skipped): every directory holding `*.tf` or
 * `*.tf.json` files is a unit, so `cdktf.out/` yields one unit per `stacks/<name>/cdk.tf.json`.
 * A file is taken whatever its name: `*.tf` is HCL, anything else is read as JSON. Files named
 * together from one directory form one unit (they are one module). Paths are shown relative to
 * `cwd` when inside it. `exclude` (absolute paths) prunes files, directories and links met while
 * searching a directory (the config file's `exclude`); a file named in `paths` is always read.
 *
 * Nothing else is skipped silently: a directory that cannot be listed, a dangling symbolic link, a
 * link loop, and a link whose target lies outside the scanned tree (`cwd` and the paths named)
 * are problems naming the path (never the target). Links inside the tree are followed, to files
 * and to directories (each directory is searched once).
 *
 * @example
 * discoverInputs(["cdktf.out", "infra/plan.json"]);
 */
export function discoverInputs(paths: readonly string[], cwd: string = process.cwd(), exclude: (absolute: string) => boolean = () => false): Discovery {
  const problems: InputProblem[] = [];
  const byDirectory = new Map<string, string[]>();
  const jsonFiles: string[] = [];
  const seen = new Set<string>();
  const addFile = (absolute: string, groupByDirectory: boolean) => {
    if (seen.has(absolute)) return;
    seen.add(absolute);
    if (groupByDirectory) {
      const dir = path.dirname(absolute);
      byDirectory.set(dir, [...(byDirectory.get(dir) ?? []), absolute]);
    } else jsonFiles.push(absolute);
  };
  const show = (absolute: string) => displayPath(absolute, cwd);

  const given = paths.map((p) => ({ p, absolute: path.resolve(cwd, p) }));
  const tree = new Tree([realOrSelf(cwd), ...given.map((g) => realOrSelf(g.absolute))]);
  for (const { p, absolute } of given) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch (err) {
      const code = (err as { code?: string }).code;
      problems.push({ file: p, message: code === "ENOENT" || code === "ENOTDIR" ? INPUT_MESSAGES.missingPath() : linkOrReadProblem(err) });
      continue;
    }
    if (stat.isDirectory()) {
      const walked = new Walk(tree, show, exclude);
      walked.directory(absolute);
      problems.push(...walked.problems);
      if (walked.files.length === 0 && walked.problems.length === 0) {
        problems.push({ file: p, message: INPUT_MESSAGES.emptyDirectory() });
      }
      walked.files.forEach((f) => addFile(f, true));
    } else {
      addFile(absolute, isConfigurationFile(absolute));
    }
  }

  // Terraform ignores .tofu files: where that changes what a directory deploys, say so (fail closed).
  for (const files of byDirectory.values()) problems.push(...tofuDivergence(files.sort()).map((d) => tofuProblem(d, show)));

  const units: InputUnit[] = [
    // OpenTofu leaves out `x.tf` when `x.tofu` is next to it.
    ...[...byDirectory.entries()].map(([dir, files]) => ({ name: show(dir), files: withoutShadowed(files.sort()).map(show) })),
    ...jsonFiles.map((f) => ({ name: show(f), files: [show(f)] })),
  ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { units, problems };
}

/** The problem for a file Terraform and OpenTofu read differently (`tofuDivergence`). */
export function tofuProblem(d: TofuDivergence, show: (file: string) => string = (f) => f): InputProblem {
  return { file: show(d.file), message: d.kind === "shadowed" ? INPUT_MESSAGES.tofuShadowed(show(d.by ?? "")) : INPUT_MESSAGES.tofuOverride() };
}

/** `*.tf`, `*.tf.json`, `*.tofu`, `*.tofu.json`: configuration files that belong with the others of their directory. */
export { isConfigurationFile };

/** The real paths (symbolic links resolved) of the scanned tree: the working directory and every path named. */
class Tree {
  constructor(private readonly roots: readonly string[]) {}

  contains(real: string): boolean {
    return this.roots.some((root) => real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep));
  }
}

/** One recursive search: the configuration files found, and what could not be read or followed. */
class Walk {
  readonly files: string[] = [];
  readonly problems: InputProblem[] = [];
  /** Real paths of the directories searched, so that each is searched once and loops end. */
  private readonly visited = new Set<string>();

  constructor(
    private readonly tree: Tree,
    private readonly show: (absolute: string) => string,
    private readonly exclude: (absolute: string) => boolean,
  ) {}

  directory(dir: string, ancestors: readonly string[] = []): void {
    const real = realOrSelf(dir);
    if (this.visited.has(real)) return;
    this.visited.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      this.problems.push({ file: this.show(dir), message: INPUT_MESSAGES.unreadableDirectory(fsReason(err)) });
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (this.exclude(full)) continue;
      if (entry.isDirectory()) {
        if (isSearched(entry.name)) this.directory(full, [...ancestors, real]);
      } else if (entry.isSymbolicLink()) {
        if (!entry.name.startsWith(".")) this.link(full, entry.name, [...ancestors, real]);
      } else if (isConfigurationFile(entry.name) && entry.isFile()) {
        this.files.push(full);
      }
    }
  }

  /** A link is followed only inside the scanned tree; dangling links, loops and links out of the tree are problems. */
  private link(full: string, name: string, ancestors: readonly string[]): void {
    let target: fs.Stats;
    let real: string;
    try {
      target = fs.statSync(full);
      real = fs.realpathSync(full);
    } catch (err) {
      this.problems.push({ file: this.show(full), message: linkOrReadProblem(err) });
      return;
    }
    if (target.isDirectory()) {
      if (!isSearched(name)) return;
      if (ancestors.includes(real)) this.problems.push({ file: this.show(full), message: INPUT_MESSAGES.linkLoop() });
      else if (!this.tree.contains(real)) this.problems.push({ file: this.show(full), message: INPUT_MESSAGES.linkOutside() });
      else this.directory(full, ancestors);
    } else if (isConfigurationFile(name) && target.isFile()) {
      if (this.tree.contains(real)) this.files.push(full);
      else this.problems.push({ file: this.show(full), message: INPUT_MESSAGES.linkOutside() });
    }
  }
}

/** Hidden directories, `.terraform`, `.git` and `node_modules` are never searched. */
function isSearched(name: string): boolean {
  return !name.startsWith(".") && !SKIPPED_DIRECTORIES.has(name);
}

/** A dangling link, a loop, or a target that cannot be read, in words without the target's path. */
export function linkOrReadProblem(err: unknown): string {
  const code = (err as { code?: string }).code;
  if (code === "ENOENT" || code === "ENOTDIR") return INPUT_MESSAGES.danglingLink();
  if (code === "ELOOP") return INPUT_MESSAGES.linkLoop();
  return INPUT_MESSAGES.unreadable(fsReason(err));
}

function realOrSelf(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

/** Relative to `cwd` with `/` separators when inside it (SARIF and CI logs want that), else absolute. */
export function displayPath(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  if (relative === "") return ".";
  if (relative.startsWith("..") || path.isAbsolute(relative)) return absolute;
  return relative.split(path.sep).join("/");
}
