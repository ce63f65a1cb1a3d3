import * as posix from "path/posix";

/**
 * Which files are Terraform (and OpenTofu) configuration: `*.tf` and `*.tofu` are HCL, `*.tf.json`
 * and `*.tofu.json` the JSON syntax. OpenTofu reads both kinds and, when `x.tofu` (`x.tofu.json`)
 * is next to `x.tf` (`x.tf.json`), ignores the `.tf` one; the lint follows OpenTofu there.
 */

/** `*.tf`, `*.tf.json`, `*.tofu`, `*.tofu.json`. */
export function isConfigurationFile(file: string): boolean {
  return /\.(tf|tofu)(\.json)?$/.test(file);
}

/** `*.tf`, `*.tofu`: HCL native syntax. */
export function isHclConfigurationFile(file: string): boolean {
  return /\.(tf|tofu)$/.test(file);
}

/** `override.tf`, `*_override.tf`, and their `.tf.json`, `.tofu`, `.tofu.json` forms. */
export function isOverrideFile(file: string): boolean {
  return /(^|[/_])override\.(tf|tofu)(\.json)?$/.test(file);
}

/**
 * The files OpenTofu loads of one directory's files: `x.tf` is left out when `x.tofu` is there,
 * `x.tf.json` when `x.tofu.json` is.
 *
 * @example
 * withoutShadowed(["m/main.tf", "m/main.tofu", "m/vars.tf"]); // ["m/main.tofu", "m/vars.tf"]
 */
export function withoutShadowed(files: readonly string[]): string[] {
  const present = new Set(files.map((f) => posix.normalize(f.split("\\").join("/"))));
  return files.filter((f) => {
    const m = /^(.*)\.tf(\.json)?$/.exec(posix.normalize(f.split("\\").join("/")));
    return !(m && present.has(`${m[1]}.tofu${m[2] ?? ""}`));
  });
}
