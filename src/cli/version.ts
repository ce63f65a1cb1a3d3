import * as fs from "fs";
import * as path from "path";

/** The package version, read from package.json next to `lib/` (or `src/`) at run time. */
export function toolVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as { version?: unknown };
    return typeof pkg.version === "string" ? pkg.version : "0.0.0";
  } catch {
    return "0.0.0";
  }
}
