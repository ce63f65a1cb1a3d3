import * as fs from "fs";
import * as path from "path";
import { displayPath } from "../../terraform/discover";
import { CONFIG_FILE_NAME, ConfigError, parseConfig, WifConfig } from "./config";

/**
 * The config of a `wif lint` run: the file named by `--config`, else the `.wif.yaml` found by
 * walking up from each scanned path (stopping at the repository root, the first directory holding
 * `.git`). Paths under two different config files are an error: one run has one config.
 * `undefined` when there is none.
 *
 * @example
 * loadConfig(["infra/"], "/repo"); // reads /repo/.wif.yaml when infra/ has none
 */
export function loadConfig(paths: readonly string[], cwd: string, explicit?: string): WifConfig | undefined {
  if (explicit !== undefined) return readConfig(path.resolve(cwd, explicit), cwd);
  const found = new Set<string>();
  for (const given of paths) {
    const file = findConfigAbove(path.resolve(cwd, given));
    if (file) found.add(file);
  }
  if (found.size > 1) {
    const [a, b] = [...found].map((f) => displayPath(f, cwd));
    throw new ConfigError(a, `the paths lie under different config files, ${a} and ${b}; lint them in separate runs or name one with --config.`);
  }
  const [only] = found;
  return only === undefined ? undefined : readConfig(only, cwd);
}

/** The nearest `.wif.yaml` at or above `start` (a file's directory), up to the repository root. */
export function findConfigAbove(start: string): string | undefined {
  let dir = isDirectory(start) ? start : path.dirname(start);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (fs.existsSync(path.join(dir, ".git")) || parent === dir) return undefined;
    dir = parent;
  }
}

function readConfig(absolute: string, cwd: string): WifConfig {
  const shown = displayPath(absolute, cwd);
  let text: string;
  try {
    text = fs.readFileSync(absolute, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(shown, code === "ENOENT" ? "no such file; check the --config path." : `cannot be read (${code ?? (err as Error).name}).`);
  }
  const directory = path.dirname(absolute);
  return parseConfig(text, shown, directory, (p) => path.resolve(directory, p));
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
