import { parseArgs, UsageError } from "../../src/cli/args";

const DEFAULTS = { format: "text", failOn: "high", ignore: [], severityOverrides: {}, output: undefined, noColor: false };

describe("parseArgs", () => {
  test.each<[string, string[], object]>([
    ["paths only", ["lint", "cdktf.out", "infra/"], { command: "lint", options: { ...DEFAULTS, paths: ["cdktf.out", "infra/"] } }],
    [
      "every option, both spellings",
      ["lint", "a.tf", "--format=sarif", "--fail-on", "medium", "--ignore", "WIF008,WIF011", "--ignore=WIF005", "--severity", "WIF008=low,WIF004=high", "-o", "wif.sarif", "--no-color"],
      {
        command: "lint",
        options: {
          paths: ["a.tf"],
          format: "sarif",
          failOn: "medium",
          ignore: ["WIF008", "WIF011", "WIF005"],
          severityOverrides: { WIF008: "low", WIF004: "high" },
          output: "wif.sarif",
          noColor: true,
        },
      },
    ],
    ["-- ends options", ["lint", "--", "--odd-name.tf"], { command: "lint", options: { ...DEFAULTS, paths: ["--odd-name.tf"] } }],
    ["help", ["--help"], { command: "help" }],
    ["no arguments is help", [], { command: "help" }],
    ["lint --help", ["lint", "--help"], { command: "help", topic: "lint" }],
    ["version", ["--version"], { command: "version" }],
  ])("%s", (_, argv, expected) => {
    expect(parseArgs(argv)).toEqual(expected);
  });

  test.each<[string, string[], string]>([
    ["unknown command", ["scan", "x"], 'unknown command "scan". Commands: lint.'],
    ["no paths", ["lint", "--format", "json"], "no paths: name cdktf.out/, a directory of Terraform files, *.tf, *.tf.json or plan JSON."],
    ["bad format", ["lint", "x", "--format", "xml"], '--format must be one of text, json, sarif; got "xml".'],
    ["bad threshold", ["lint", "x", "--fail-on", "info"], '--fail-on must be one of critical, high, medium, low; got "info".'],
    ["missing value", ["lint", "x", "--fail-on"], "--fail-on needs a value."],
    ["option as value", ["lint", "x", "--format", "--no-color"], "--format needs a value."],
    ["bad rule id", ["lint", "x", "--ignore", "wif8"], '--ignore: "wif8" is not a rule id; rule ids look like WIF008.'],
    ["bad severity entry", ["lint", "x", "--severity", "WIF008"], '--severity takes RULE=SEVERITY, e.g. WIF008=low; got "WIF008".'],
    ["bad severity", ["lint", "x", "--severity", "WIF008=urgent"], '--severity WIF008 must be one of critical, high, medium, low, info; got "urgent".'],
    ["unknown option", ["lint", "x", "--fail-under", "high"], 'unknown option "--fail-under".'],
  ])("%s is a usage error", (_, argv, message) => {
    expect(() => parseArgs(argv)).toThrow(new UsageError(message));
  });
});
