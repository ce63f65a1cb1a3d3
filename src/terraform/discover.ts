import * as fs from "fs";
import * as path from "path";
import { INPUT_MESSAGES } from "./input-messages";
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
 * directories, `.terraform`, `node_modules` and symbolic links to directories skipped): every directory holding `*.tf` or
 * `*.tf.json` files is a unit, so `cdktf.out/` yields one unit per `stacks/<name>/cdk.tf.json`.
 * A file is taken whatever its name: `*.tf` is HCL, anything else is read as JSON. Files named
 * together from one directory form one unit (they are one module). Paths are shown relative to
 * `cwd` when inside it.
 *
 * @example
 * discoverInputs(["cdktf.out", "infra/plan.json"]);
 */
export function discoverInputs(paths: readonly string[], cwd: string = process.cwd()): Discovery {
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

  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      problems.push({ file: given, message: INPUT_MESSAGES.missingPath() });
      continue;
    }
    if (stat.isDirectory()) {
      const found = walk(absolute);
      if (found.length === 0) {
        problems.push({ file: given, message: INPUT_MESSAGES.emptyDirectory() });
      }
      found.forEach((f) => addFile(f, true));
    } else {
      addFile(absolute, isConfigurationFile(absolute));
    }
  }

  const show = (absolute: string) => displayPath(absolute, cwd);
  const units: InputUnit[] = [
    ...[...byDirectory.entries()].map(([dir, files]) => ({ name: show(dir), files: files.sort().map(show) })),
    ...jsonFiles.map((f) => ({ name: show(f), files: [show(f)] })),
  ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { units, problems };
}

/** `*.tf` and `*.tf.json`: configuration files that belong with the others of their directory. */
export function isConfigurationFile(file: string): boolean {
  return file.endsWith(".tf") || file.endsWith(".tf.json");
}

function walk(dir: string): string[] {
  const out: string[] = [];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith(".") && !SKIPPED_DIRECTORIES.has(entry.name)) out.push(...walk(full));
    } else if (isConfigurationFile(entry.name) && (entry.isFile() || isLinkToFile(full))) {
      out.push(full);
    }
  }
  return out;
}

/** Symbolic links to files are followed; links to directories are not (no loops). */
function isLinkToFile(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink() && fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Relative to `cwd` with `/` separators when inside it (SARIF and CI logs want that), else absolute. */
export function displayPath(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  if (relative === "") return ".";
  if (relative.startsWith("..") || path.isAbsolute(relative)) return absolute;
  return relative.split(path.sep).join("/");
}
