import { quote } from "../trust/errors";

/** Syntax of an in-source suppression, as messages show it. */
export const SUPPRESSION_SYNTAX = "wif:acknowledge WIF004 reason: <why this is acceptable, at least 10 characters>";

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
  malformedSuppression: (text: string) => `malformed suppression ${quote(text)}: write it as "${SUPPRESSION_SYNTAX}".`,
  shortReason: (rule: string, reason: string, min: number) =>
    `suppression of ${rule} has the reason ${quote(reason)}, shorter than ${min} characters: say why the finding is acceptable here.`,
  malformedJsonSuppression: (value: unknown) =>
    `malformed suppression ${quote(value)}: write "wif": { "acknowledge": [{ "rule": "WIF004", "reason": "..." }] }.`,
  malformedJsonEntry: (value: unknown) => `malformed suppression ${quote(value)}: "acknowledge" takes a list of { "rule": "WIF004", "reason": "..." } objects.`,
} as const;
