/**
 * Every message `wif lint` gives about its input, in one place so they stay consistent: what is
 * wrong with the file, quoting the bad value, and how to fix it.
 */
export const INPUT_MESSAGES = {
  missingPath: () => "no such file or directory.",
  emptyDirectory: () => "no Terraform files (*.tf, *.tf.json) in this directory or below it.",
  unreadable: (reason: string) => `cannot be read: ${reason}`,
  binary: () => "not a text file (a binary plan? Convert it first: terraform show -json plan.out > plan.json).",
  noHclParser: () => "reading HCL needs @cdktf/hcl2json, a dependency of cdktf-wif that is missing from this install: reinstall (npm install).",
  badHcl: (detail: string) => `bad HCL: ${detail}`,
  badJson: (detail: string) => `bad JSON: ${detail.replace(/\.$/, "")}.`,
  unknownFormat: () =>
    "unknown format: neither Terraform JSON configuration (top-level resource, data, provider, ...) nor plan JSON (format_version with planned_values, from terraform show -json plan.out).",
} as const;
