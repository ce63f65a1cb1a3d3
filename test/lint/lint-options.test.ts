import { isRuleId } from "../../src/lint/engine";
import { lintTrust } from "../../src/lint/lint-trust";
import { LINT_OPTIONS, checkLintOptions } from "../../src/lint/options";
import { Trust, WifValidationError } from "../../src/trust";

const TRUST = Trust.githubActions({ repository: "octo/app", anyRef: true, repositoryOwnerId: "1" });

// A typo in an option never switches a check off: it is refused, naming the field and the allowed values.
describe("lintTrust options are validated", () => {
  it.each<[string, unknown, string]>([
    ["a misspelt cloud", { cloud: "AWS" }, 'lintTrust.cloud: "AWS" is not a cloud. Use one of "aws", "gcp", "azure".'],
    [
      "an unknown option",
      { acknowledgements: [] },
      'lintTrust.acknowledgements: unknown option "acknowledgements". Known options: severityOverrides, ignore, cloud, address, acknowledge.',
    ],
    [
      "a misspelt rule to ignore",
      { ignore: ["wif004"] },
      'lintTrust.ignore[0]: "wif004" is not a rule id. Known rules: WIF001, WIF002, WIF003, WIF004, WIF005, WIF006, WIF007, WIF008, WIF009, WIF010, WIF011.',
    ],
    [
      "a severity in capitals",
      { severityOverrides: { WIF004: "Low" } },
      'lintTrust.severityOverrides.WIF004: "Low" is not a severity. Use one of "critical", "high", "medium", "low", "info" (lowercase).',
    ],
    [
      "an acknowledgement of an unknown rule",
      { acknowledge: [{ rule: "WIF04", reason: "long enough reason" }] },
      'lintTrust.acknowledge[0]: "WIF04" is not a rule id.',
    ],
    [
      "an acknowledgement with an unknown key",
      { acknowledge: [{ rule: "WIF004", reason: "long enough reason", scope: "x" }] },
      'lintTrust.acknowledge[0]: unknown key "scope": an acknowledgement takes rule, appliesTo and reason.',
    ],
    [
      "an acknowledgement with a short reason",
      { acknowledge: [{ rule: "WIF004", reason: "ok" }] },
      'lintTrust.acknowledge[0]: the reason for acknowledging WIF004 is "ok"; give at least 10 characters',
    ],
    ["an empty address", { address: "" }, 'lintTrust.address: expected a non-empty string, got "".'],
    ["an address that is not a string", { address: 42 }, "lintTrust.address: expected a non-empty string, got 42."],
    [
      "severity overrides that are a number",
      { severityOverrides: 5 },
      'lintTrust.severityOverrides: expected an object of rule id to severity, e.g. { WIF008: "info" }, got 5.',
    ],
    ["options that are not an object", "aws", 'lintTrust: expected an options object, got "aws".'],
    ["options that are a list", ["aws"], 'lintTrust: expected an options object, got ["aws"].'],
    ["null options", null, "lintTrust: expected an options object, got null."],
    ["rules to ignore that are not a list", { ignore: "WIF004" }, 'lintTrust.ignore: expected a list of rule ids, got "WIF004".'],
    [
      "severity overrides that are a list",
      { severityOverrides: ["WIF004"] },
      'lintTrust.severityOverrides: expected an object of rule id to severity, e.g. { WIF008: "info" }, got ["WIF004"].',
    ],
    [
      "severity overrides that are null",
      { severityOverrides: null },
      "lintTrust.severityOverrides: got null, which is not a value: give severityOverrides, or leave it out (undefined) to use the default where it is optional.",
    ],
    ["a severity override of an unknown rule", { severityOverrides: { WIF099: "low" } }, 'lintTrust.severityOverrides: "WIF099" is not a rule id.'],
    ["acknowledgements that are not a list", { acknowledge: "WIF004" }, "lintTrust.acknowledge: expected a list of"],
    ["acknowledgements given as a string that reads like an index", { acknowledge: "[1]: x" }, "lintTrust.acknowledge: expected a list of"],
    [
      "the eleventh acknowledgement of an unknown rule",
      {
        acknowledge: [...Array.from({ length: 10 }, () => ({ rule: "WIF004", reason: "long enough reason" })), { rule: "WIF04", reason: "long enough reason" }],
      },
      'lintTrust.acknowledge[10]: "WIF04" is not a rule id.',
    ],
  ])("refuses %s", (_name, options, message) => {
    expect(() => lintTrust(TRUST, options as Parameters<typeof lintTrust>[1])).toThrow(WifValidationError);
    expect(() => lintTrust(TRUST, options as Parameters<typeof lintTrust>[1])).toThrow(message);
  });

  it("refuses a trust that is not a Trust", () => {
    expect(() => lintTrust({ subject: "repo:*" } as unknown as Trust)).toThrow('lintTrust.trust: expected a Trust, got {"subject":"repo:*"}.');
  });

  it("accepts valid options", () => {
    expect(lintTrust(TRUST, { cloud: "aws", ignore: ["WIF008"], severityOverrides: { WIF004: "low" } }).map((f) => [f.rule, f.severity])).toEqual([
      ["WIF004", "low"],
    ]);
  });
});

describe("checkLintOptions for other entry points (TrustChecks)", () => {
  it.each<[string, unknown, readonly string[], string]>([
    [
      "a severity threshold in capitals",
      { failOn: "High" },
      ["failOn"],
      'TrustChecks.failOn: "High" is not a severity. Use one of "critical", "high", "medium", "low", "info" (lowercase).',
    ],
    [
      "an option of another entry point",
      { failOn: "high" },
      LINT_OPTIONS,
      'TrustChecks.failOn: unknown option "failOn". Known options: severityOverrides, ignore.',
    ],
  ])("refuses %s", (_name, options, extra, message) => {
    expect(() => checkLintOptions("TrustChecks", options, extra)).toThrow(WifValidationError);
    expect(() => checkLintOptions("TrustChecks", options, extra)).toThrow(message);
  });

  it.each<[string, unknown]>([
    ["no options", undefined],
    ["a valid threshold", { failOn: "high" }],
  ])("accepts %s", (_name, options) => {
    expect(() => checkLintOptions("TrustChecks", options, ["failOn"])).not.toThrow();
  });
});

describe("isRuleId", () => {
  it.each<[string, boolean]>([
    ["WIF001", true],
    ["WIF011", true],
    ["WIF012", false],
    ["wif004", false],
    ["", false],
  ])("%s → %s", (id, expected) => {
    expect(isRuleId(id)).toBe(expected);
  });
});
