/**
 * Every message `wif lint` gives about its input, in one place so they stay consistent: what is
 * wrong with the file, quoting the bad value, and how to fix it.
 */
export const INPUT_MESSAGES = {
  missingPath: () => "no such file or directory.",
  emptyDirectory: () => "no Terraform files (*.tf, *.tf.json, *.tofu, *.tofu.json) in this directory or below it.",
  tofuShadowed: (by: string) =>
    `not judged: OpenTofu reads ${by} in its place, but Terraform ignores .tofu files and deploys this file. wif lint reads the directory as OpenTofu does, so what Terraform would deploy from this file is not checked. Keep one of the two files, or lint a copy of the directory without its .tofu files.`,
  tofuOverride: () =>
    "a .tofu override file: OpenTofu applies it, Terraform ignores it. wif lint reads the directory as OpenTofu does, so what Terraform would deploy without this override is not checked. Keep the override in a .tf file, or lint a copy of the directory without its .tofu files.",
  unreadable: (reason: string) => `cannot be read: ${reason}.`,
  unreadableDirectory: (reason: string) =>
    `directory cannot be read: ${reason}; its Terraform files are not checked. Make it readable by the user running wif lint, or leave it out of the paths.`,
  danglingLink: () => "symbolic link to a file or directory that does not exist: nothing was read. Remove the link or restore its target.",
  linkLoop: () => "symbolic link loop (the link leads back to itself or to a directory above it): not followed. Remove the link.",
  linkOutside: () =>
    "symbolic link to a path outside the scanned tree (the working directory and the paths named): not followed, nothing of its target was read. Lint its target by naming it, or run wif lint from a directory that contains it.",
  tooLarge: (bytes: number, max: number) =>
    `${(bytes / 1024 / 1024).toFixed(1)} MiB, larger than the ${max / 1024 / 1024} MiB wif lint parses as HCL: split the file, or lint its JSON form (terraform show -json).`,
  tooDeep: (max: number) =>
    `nests brackets, strings and templates more than ${max} levels deep: wif lint does not parse HCL nested this deep (the parser could crash). Flatten the expression (locals, variables).`,
  parserCrashed: (detail: string) => `${detail} reading this file: nothing in it was checked. Simplify the file, or lint its JSON form (terraform show -json).`,
  parserTimeout: (detail: string) => `${detail}: nothing in it was checked. Split or simplify the file.`,
  evaluationFailed: (detail: string, what: "file" | "module") =>
    what === "file"
      ? `could not be evaluated: ${detail}; nothing in this file was checked (the rest of its module was). Simplify the values it builds, or report a bug in wif with a copy of it.`
      : `this module could not be evaluated: ${detail}; nothing in it was checked. Simplify the values it builds, or report a bug in wif with a copy of it.`,
  resourceFailed: (address: string, detail: string) =>
    `${address}: could not be analysed: ${detail}; its trust is not checked (the other resources are). Simplify the value, or report a bug in wif with a copy of it.`,
  lintFailed: (address: string, detail: string) =>
    `${address}: the rules could not be run on this trust: ${detail}; it is not checked (the others are). Report a bug in wif with a copy of the resource.`,
  readFailed: (detail: string) => `could not be read: ${detail}; nothing in it was checked. Simplify the file, or report a bug in wif with a copy of it.`,
  duplicateAddress: (address: string, first: string, second: string) =>
    `${address} is declared twice in one module, at ${first} and at ${second}: Terraform refuses this ("Duplicate resource configuration"), and a tool that keeps one block hides the other. Both blocks are checked; rename or remove one.`,
  duplicateJsonKey: (path: readonly string[], key: string, firstLine: number) =>
    `${JSON.stringify(key)}${path.length > 0 ? ` in ${path.join(".")}` : ""} is written twice (first at line ${firstLine}): Terraform refuses this ("Duplicate JSON object property"), and a JSON reader keeps only the last, so the first is not checked. Remove or rename one.`,
  binary: () => "not a text file (a binary plan? Convert it first: terraform show -json plan.out > plan.json).",
  noHclParser: () => "reading HCL needs @cdktf/hcl2json, a dependency of cdktf-wif that is missing from this install: reinstall (npm install).",
  badHcl: (detail: string) => `bad HCL: ${detail}`,
  badJson: (detail: string) => `bad JSON: ${detail.replace(/\.$/, "")}.`,
  unsuitableVariable: (variable: string, declared: string, value: string, from: string, reason: string) =>
    `${variable} (declared at ${declared}) ${reason}; the value ${value.length > 200 ? `${value.slice(0, 200)}...` : value} set in ${from} is refused by Terraform ("Invalid value for input variable"). It is read as unknown (WIF011): fix the value or the variable's type.`,
  unreadType: (variable: string, reason: string) =>
    `${variable}: ${reason}; its values are used without type conversion. Write the type as Terraform documents it (string, number, bool, list(...), set(...), map(...), tuple([...]), object({...}), any).`,
  unknownFormat: () =>
    "unknown format: neither Terraform JSON configuration (top-level resource, data, provider, ...) nor plan JSON (format_version with planned_values, from terraform show -json plan.out).",
} as const;

const FS_REASONS: Readonly<Record<string, string>> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
  ELOOP: "too many levels of symbolic links",
  EISDIR: "it is a directory",
  ENOTDIR: "a part of the path is not a directory",
  EMFILE: "too many open files",
  EIO: "input/output error",
};

/**
 * What a file-system error says, without the absolute path Node puts in its message (which would
 * show the scanning machine's layout in CI logs and SARIF), e.g. `permission denied (EACCES)`.
 *
 * @example
 * fsReason(Object.assign(new Error("EACCES: permission denied, open '/home/ci/x.tf'"), { code: "EACCES" })); // "permission denied (EACCES)"
 */
export function fsReason(err: unknown): string {
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== "string") return "unknown error";
  return FS_REASONS[code] ? `${FS_REASONS[code]} (${code})` : code;
}

/** An exception's message, with its name when it is not a plain Error (`RangeError: Maximum call stack size exceeded`). */
export function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  return err.name && err.name !== "Error" ? `${err.name}: ${err.message}` : err.message;
}
