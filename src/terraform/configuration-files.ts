import * as posix from "path/posix";

/**
 * Which files are Terraform (and OpenTofu) configuration: `*.tf` and `*.tofu` are HCL, `*.tf.json`
 * and `*.tofu.json` the JSON syntax. OpenTofu reads both kinds and, when `x.tofu` (`x.tofu.json`)
 * is next to `x.tf` (`x.tf.json`), ignores the `.tf` one; the lint follows OpenTofu there. Terraform
 * ignores every `.tofu` file, so where the two tools read a directory differently (a shadowed `x.tf`,
 * a `.tofu` override file) what Terraform deploys is not judged: `tofuDivergence` names each such
 * file as a problem (exit 2), never silently.
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

/** A file the two tools read differently, and how (`tofuDivergence`). */
export interface TofuDivergence {
  readonly file: string;
  /** `shadowed`: `file` (`.tf`) is replaced by `by` (`.tofu`) in OpenTofu; `override`: `file` is a `.tofu` override Terraform ignores. */
  readonly kind: "shadowed" | "override";
  readonly by?: string;
}

/**
 * Where Terraform and OpenTofu read one directory's files differently: each `x.tf` (`x.tf.json`)
 * OpenTofu replaces by `x.tofu` (`x.tofu.json`), and each `.tofu` override file (which Terraform
 * ignores) beside `.tf` files. The lint reads the OpenTofu form, so the Terraform form of these
 * files is not judged.
 *
 * @example
 * tofuDivergence(["m/main.tf", "m/main.tofu"]); // [{ file: "m/main.tf", kind: "shadowed", by: "m/main.tofu" }]
 */
export function tofuDivergence(files: readonly string[]): TofuDivergence[] {
  const loaded = new Set(withoutShadowed(files));
  const hasTf = files.some((f) => /\.tf(\.json)?$/.test(f));
  return files.flatMap((f): TofuDivergence[] => {
    if (!loaded.has(f)) return [{ file: f, kind: "shadowed", by: f.replace(/\.tf(\.json)?$/, ".tofu$1") }];
    if (hasTf && /\.tofu(\.json)?$/.test(f) && isOverrideFile(f)) return [{ file: f, kind: "override" }];
    return [];
  });
}
