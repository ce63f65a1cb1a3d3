import { helpText, parseArgs, UsageError } from "../../src/cli/args";
import { COMMANDS } from "../../src/cli/commands";
import { LINT_FLAGS } from "../../src/cli/commands/lint-options";
import { parseFlags, renderFlags } from "../../src/cli/flags";

const DEFAULTS = { format: "text", ignore: [], severityOverrides: {}, noColor: false, softFail: false, varFiles: [], vars: {} };

describe("parseArgs", () => {
  test.each<[string, string[], object]>([
    ["paths only", ["lint", "cdktf.out", "infra/"], { command: "lint", options: { ...DEFAULTS, paths: ["cdktf.out", "infra/"] } }],
    [
      "every option, both spellings",
      [
        "lint",
        "a.tf",
        "--format=sarif",
        "--fail-on",
        "medium",
        "--ignore",
        "WIF008,WIF011",
        "--ignore=WIF005",
        "--severity",
        "WIF008=low,WIF004=high",
        "-o",
        "wif.sarif",
        "--no-color",
        "--config",
        "ci/.wif.yaml",
        "--soft-fail",
        "--baseline=old.json",
        "--var-file",
        "prod.tfvars",
        "--var-file=extra.tfvars.json",
        "--var",
        "region=eu-west-1",
        '--var=tags={a = "b=c"}',
      ],
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
          config: "ci/.wif.yaml",
          softFail: true,
          baseline: "old.json",
          varFiles: ["prod.tfvars", "extra.tfvars.json"],
          vars: { region: "eu-west-1", tags: '{a = "b=c"}' },
        },
      },
    ],
    ["every format", ["lint", "x", "--format", "gitlab"], { command: "lint", options: { ...DEFAULTS, paths: ["x"], format: "gitlab" } }],
    ["-- ends options", ["lint", "--", "--odd-name.tf"], { command: "lint", options: { ...DEFAULTS, paths: ["--odd-name.tf"] } }],
    ["help", ["--help"], { command: "help" }],
    ["no arguments is help", [], { command: "help" }],
    ["lint --help", ["lint", "--help"], { command: "help", topic: "lint" }],
    ["lint -h", ["lint", "x", "-h"], { command: "help", topic: "lint" }],
    ["help rules", ["help", "rules"], { command: "help", topic: "rules" }],
    ["version", ["--version"], { command: "version" }],
    ["rules", ["rules"], { command: "rules", options: {} }],
    ["one rule", ["rules", "WIF002"], { command: "rules", options: { rule: "WIF002" } }],
  ])("%s", (_, argv, expected) => {
    expect(parseArgs(argv)).toEqual(expected);
  });

  test.each<[string, string[], string]>([
    ["unknown command", ["scan", "x"], 'unknown command "scan". Commands: lint, inventory, explain, rules.'],
    ["no paths", ["lint", "--format", "json"], "no paths: name cdktf.out/, a directory of Terraform files, *.tf, *.tf.json or plan JSON."],
    ["bad format", ["lint", "x", "--format", "xml"], '--format must be one of text, compact, json, sarif, github, gitlab; got "xml".'],
    ["bad threshold", ["lint", "x", "--fail-on", "info"], '--fail-on must be one of critical, high, medium, low; got "info".'],
    ["missing value", ["lint", "x", "--fail-on"], "--fail-on needs a value."],
    ["option as value", ["lint", "x", "--format", "--no-color"], "--format needs a value."],
    ["short option without value", ["lint", "x", "-o"], "-o needs a value."],
    ["bad rule id", ["lint", "x", "--ignore", "wif8"], '--ignore: "wif8" is not a rule id; rule ids look like WIF008.'],
    ["bad severity entry", ["lint", "x", "--severity", "WIF008"], '--severity takes RULE=SEVERITY, e.g. WIF008=low; got "WIF008".'],
    ["bad severity", ["lint", "x", "--severity", "WIF008=urgent"], '--severity WIF008 must be one of critical, high, medium, low, info; got "urgent".'],
    ["unknown option", ["lint", "x", "--fail-under", "high"], 'unknown option "--fail-under".'],
    ["unknown short option", ["lint", "x", "-q"], 'unknown option "-q".'],
    ["a switch with a value", ["lint", "x", "--soft-fail=yes"], '--soft-fail takes no value; got "yes".'],
    ["--var without =", ["lint", "x", "--var", "region"], '--var takes NAME=VALUE with a Terraform variable name, e.g. --var region=eu-west-1; got "region".'],
    [
      "--var with a bad name",
      ["lint", "x", "--var", "1x=2"],
      '--var takes NAME=VALUE with a Terraform variable name, e.g. --var region=eu-west-1; got "1x=2".',
    ],
    ["empty --var-file", ["lint", "x", "--var-file="], "--var-file needs a file name."],
    ["empty --baseline", ["lint", "x", "--baseline="], "--baseline needs a file name."],
    ["empty --config", ["lint", "x", "--config="], "--config needs a file name."],
    ["empty --output", ["lint", "x", "--output="], "--output needs a file name."],
    [
      "unknown rule page",
      ["rules", "WIF999"],
      'unknown rule "WIF999". Rules: WIF001, WIF002, WIF003, WIF004, WIF005, WIF006, WIF007, WIF008, WIF009, WIF010, WIF011.',
    ],
    ["two rule pages", ["rules", "WIF001", "WIF002"], 'rules takes at most one rule id; got "WIF001" "WIF002".'],
    ["rules takes no lint flags", ["rules", "--format", "json"], 'unknown option "--format".'],
  ])("%s is a usage error", (_, argv, message) => {
    expect(() => parseArgs(argv)).toThrow(new UsageError(message));
  });
});

describe("help is generated from the flag and command tables", () => {
  test("every lint flag appears in lint --help, with its value and default", () => {
    const help = helpText("lint");
    for (const flag of LINT_FLAGS) {
      expect(help).toContain(`--${flag.name}${flag.takes === "value" ? ` ${flag.value}` : ""}`);
    }
    expect(help).toContain("-o, --output <file>");
    expect(help).toContain("-h, --help");
    expect(help).toMatch(/--format text\|compact\|json\|sarif\|github\|gitlab\s+report format \(default: text\)/);
    expect(help).toMatch(/--var NAME=VALUE\s+Terraform variable, as terraform -var \(repeatable\)/);
    expect(help.startsWith("Usage: wif lint <paths...> [options]\n")).toBe(true);
    expect(help).toContain("Exit codes: 0");
  });

  test("wif --help lists every command of the table", () => {
    const help = helpText();
    for (const c of COMMANDS) expect(help).toMatch(new RegExp(`^  ${c.name} +${c.summary.replace(/[()|.*+?[\]]/g, "\\$&")}$`, "m"));
  });

  test("renderFlags aligns, and wraps a long flag onto its own line", () => {
    expect(
      renderFlags([
        { name: "soft-fail", takes: "switch", help: "exit 0" },
        { name: "a-very-long-flag-name", takes: "value", value: "<something-long>", help: "long", repeatable: true },
      ]),
    ).toBe(`  --soft-fail${" ".repeat(18)}exit 0\n  --a-very-long-flag-name <something-long>\n${" ".repeat(31)}long (repeatable)\n`);
  });

  test("parseFlags collects repeatable flags in order and keeps the last of the others", () => {
    const flags = [
      { name: "a", takes: "value" as const, repeatable: true, help: "" },
      { name: "b", takes: "value" as const, help: "" },
    ];
    expect(parseFlags(["--a", "1", "p", "--b", "x", "--a=2", "--b", "y"], flags)).toEqual({ values: { a: ["1", "2"], b: "y" }, positionals: ["p"] });
  });
});
