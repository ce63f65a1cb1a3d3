import * as fs from "fs";
import * as path from "path";

/** What the CLI reads from its package.json. */
export interface PackageInfo {
  /** @default "0.0.0" when package.json cannot be read */
  readonly version: string;
  /** The repository's web address (`https://github.com/OWNER/REPO`), from `repository`. @default - none */
  readonly repositoryUrl?: string;
}

let cached: PackageInfo | undefined;

/** The package's version and repository, read once from package.json next to `lib/` (or `src/`). */
export function packageInfo(): PackageInfo {
  if (cached) return cached;
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as { version?: unknown; repository?: unknown };
    const repositoryUrl = repositoryWebUrl(pkg.repository);
    cached = { version: typeof pkg.version === "string" ? pkg.version : "0.0.0", ...(repositoryUrl ? { repositoryUrl } : {}) };
  } catch {
    cached = { version: "0.0.0" };
  }
  return cached;
}

/** The package version, read from package.json at run time. */
export function toolVersion(): string {
  return packageInfo().version;
}

/**
 * The web address of a package.json `repository` (a string or `{ url }`): `github:o/r`, `o/r`,
 * `git+https://github.com/o/r.git` and `git@github.com:o/r.git` all give `https://github.com/o/r`.
 * `undefined` for anything else.
 *
 * @example
 * repositoryWebUrl({ type: "git", url: "git+https://github.com/cdktf-wif/cdktf-wif.git" }); // "https://github.com/cdktf-wif/cdktf-wif"
 */
export function repositoryWebUrl(repository: unknown): string | undefined {
  const raw = typeof repository === "string" ? repository : (repository as { url?: unknown } | undefined)?.url;
  if (typeof raw !== "string") return undefined;
  const shorthand = /^(?:github:)?([\w.-]+)\/([\w.-]+)$/.exec(raw);
  if (shorthand) return `https://github.com/${shorthand[1]}/${shorthand[2].replace(/\.git$/, "")}`;
  const url = /^(?:git\+)?(?:https?|ssh|git):\/\/(?:[^@/]+@)?([^/:]+)(?::\d+)?\/(.+?)(?:\.git)?\/?$/.exec(raw) ?? /^git@([^:]+):(.+?)(?:\.git)?$/.exec(raw);
  return url ? `https://${url[1]}/${url[2]}` : undefined;
}
