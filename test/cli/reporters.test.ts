import type { Finding } from "../../src/lint/finding";
import { EXIT, exitCodeOf, LintReport, RuleInfo, sortFindings } from "../../src/cli/report";
import { jsonReport } from "../../src/cli/reporters/json";
import { sarifReport } from "../../src/cli/reporters/sarif";
import { textReport } from "../../src/cli/reporters/text";
import { sarifValidator } from "./sarif-validator";

const RULES: RuleInfo[] = [
  { id: "WIF002", severity: "critical", title: "Wildcard in the tenant segment", description: "Other tenants get in.", help: "Pin the owner." },
  { id: "WIF004", severity: "medium", title: "Any ref of one repository", description: "Every branch gets in.", help: "Pin a ref." },
  { id: "WIF008", severity: "medium", title: "Mutable names", description: "Names can be re-registered.", help: "Pin ids." },
];

const wif002: Finding = {
  rule: "WIF002",
  severity: "critical",
  title: "Wildcard in the tenant segment",
  address: "aws_iam_role.anyone",
  value: "repo:*",
  risk: "Any GitHub owner matches.",
  fix: "Pin the owner.",
  cloud: "aws",
  location: { file: "infra/aws.tf", line: 14 },
};
const wif004: Finding = {
  rule: "WIF004",
  severity: "medium",
  title: "Any ref of one repository",
  address: "aws_iam_role.ci",
  value: "repo:octo/app:*",
  risk: "Every branch matches.",
  fix: "Pin a ref.",
  cloud: "aws",
  location: { file: "infra/aws.tf", line: 34 },
  suppressed: { reason: "read-only role used by every branch" },
};
const wif008: Finding = {
  rule: "WIF008",
  severity: "medium",
  title: "Mutable names",
  address: "azurerm_federated_identity_credential.deploy",
  value: "repo:octo/app:environment:prod",
  risk: "Names can be re-registered.",
  fix: "Pin ids.",
  cloud: "azure",
  location: { file: "cdktf.out/stacks/app/cdk.tf.json", line: 40 },
};

function report(findings: Finding[], overrides: Partial<LintReport> = {}): LintReport {
  const failOn = overrides.failOn ?? "high";
  const problems = overrides.problems ?? [];
  return {
    toolVersion: "0.1.0",
    failOn,
    files: ["cdktf.out/stacks/app/cdk.tf.json", "infra/aws.tf"],
    findings: sortFindings(findings),
    problems,
    rules: RULES,
    exitCode: exitCodeOf(findings, problems, failOn),
    ...overrides,
  };
}

describe("exit codes", () => {
  test.each<[string, Finding[], number, "critical" | "high" | "medium" | "low", number]>([
    ["no findings", [], 0, "high", EXIT.clean],
    ["a critical finding at the default threshold", [wif002], 0, "high", EXIT.findings],
    ["a medium finding below the threshold", [wif008], 0, "high", EXIT.clean],
    ["a medium finding with --fail-on medium", [wif008], 0, "medium", EXIT.findings],
    ["a suppressed finding never fails", [wif004], 0, "low", EXIT.clean],
    ["an unreadable input wins over findings", [wif002], 1, "high", EXIT.error],
  ])("%s", (_, findings, problemCount, failOn, code) => {
    const problems = Array.from({ length: problemCount }, () => ({ file: "x.tf", message: "bad HCL" }));
    expect(exitCodeOf(findings, problems, failOn)).toBe(code);
  });
});

describe("text reporter", () => {
  test("one clickable line per finding, then resource, risk and fix; suppressed findings with their reason; a summary", () => {
    expect(textReport(report([wif008, wif004, wif002]), false)).toBe(
      [
        'cdktf.out/stacks/app/cdk.tf.json:40:1: MEDIUM WIF008 Mutable names: "repo:octo/app:environment:prod"',
        "    resource: azurerm_federated_identity_credential.deploy",
        "    risk: Names can be re-registered.",
        "    fix:  Pin ids.",
        'infra/aws.tf:14:1: CRITICAL WIF002 Wildcard in the tenant segment: "repo:*"',
        "    resource: aws_iam_role.anyone",
        "    risk: Any GitHub owner matches.",
        "    fix:  Pin the owner.",
        'infra/aws.tf:34:1: MEDIUM WIF004 Any ref of one repository: "repo:octo/app:*" (suppressed)',
        "    resource: aws_iam_role.ci",
        "    reason: read-only role used by every branch",
        "",
        "2 findings (1 critical, 1 medium) in 2 files, 1 suppressed; failed: 1 at or above high.",
        "",
      ].join("\n"),
    );
  });

  test("a clean run is one line", () => {
    expect(textReport(report([]), false)).toBe("no findings in 2 files; passed (--fail-on high).\n");
  });

  test("unreadable inputs are listed with file and line", () => {
    const text = textReport(report([], { problems: [{ file: "infra/bad.tf", line: 3, message: "bad HCL: Unclosed configuration block." }] }), false);
    expect(text).toBe(
      "Unreadable input:\n  error infra/bad.tf:3: bad HCL: Unclosed configuration block.\n\nno findings in 2 files, 1 input problem; failed: input could not be read.\n",
    );
  });

  test("colour only when asked (a TTY)", () => {
    expect(textReport(report([wif002]), false)).not.toContain("\u001b[");
    expect(textReport(report([wif002]), true)).toContain("\u001b[1;31mCRITICAL\u001b[0m");
  });
});

describe("json reporter", () => {
  test("the documented schema", () => {
    const doc = JSON.parse(jsonReport(report([wif002, wif004], { problems: [{ file: "infra/bad.tf", message: "bad HCL: x." }] })));
    expect(doc).toEqual({
      version: 1,
      tool: { name: "wif", version: "0.1.0" },
      failOn: "high",
      exitCode: 2,
      files: ["cdktf.out/stacks/app/cdk.tf.json", "infra/aws.tf"],
      summary: { findings: 1, failing: 1, suppressed: 1, existing: 0, problems: 1, files: 2, bySeverity: { critical: 1, high: 0, medium: 0, low: 0, info: 0 } },
      findings: [
        {
          rule: "WIF002",
          severity: "critical",
          title: "Wildcard in the tenant segment",
          address: "aws_iam_role.anyone",
          value: "repo:*",
          risk: "Any GitHub owner matches.",
          fix: "Pin the owner.",
          cloud: "aws",
          file: "infra/aws.tf",
          line: 14,
          constructPath: null,
          definedAt: null,
          failing: true,
          suppressed: null,
          baseline: null,
        },
        {
          rule: "WIF004",
          severity: "medium",
          title: "Any ref of one repository",
          address: "aws_iam_role.ci",
          value: "repo:octo/app:*",
          risk: "Every branch matches.",
          fix: "Pin a ref.",
          cloud: "aws",
          file: "infra/aws.tf",
          line: 34,
          constructPath: null,
          definedAt: null,
          failing: false,
          suppressed: { reason: "read-only role used by every branch" },
          baseline: null,
        },
      ],
      problems: [{ file: "infra/bad.tf", line: null, message: "bad HCL: x." }],
    });
  });
});

describe("sarif reporter", () => {
  const validate = sarifValidator();

  test("valid SARIF 2.1.0 with rules, levels, file and line, suppressions and input problems", () => {
    const doc = JSON.parse(sarifReport(report([wif002, wif004, wif008], { problems: [{ file: "infra/bad.tf", line: 3, message: "bad HCL: x." }] }), "/repo"));
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
    const run = doc.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string; defaultConfiguration: { level: string } }) => [r.id, r.defaultConfiguration.level])).toEqual([
      ["WIF002", "error"],
      ["WIF004", "warning"],
      ["WIF008", "warning"],
    ]);
    expect(run.tool.driver.rules[0].help.text).toBe("Other tenants get in.\n\nFix: Pin the owner.");
    expect(run.tool.driver.rules[0].properties["security-severity"]).toBe("9.5");
    expect(run.originalUriBaseIds).toEqual({ "%SRCROOT%": { uri: "file:///repo/" } });
    expect(
      run.results.map((r: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: unknown }[]; suppressions?: unknown }) => [
        r.ruleId,
        r.ruleIndex,
        r.level,
        r.locations[0].physicalLocation,
        r.suppressions,
      ]),
    ).toEqual([
      ["WIF008", 2, "warning", { artifactLocation: { uri: "cdktf.out/stacks/app/cdk.tf.json", uriBaseId: "%SRCROOT%" }, region: { startLine: 40 } }, undefined],
      ["WIF002", 0, "error", { artifactLocation: { uri: "infra/aws.tf", uriBaseId: "%SRCROOT%" }, region: { startLine: 14 } }, undefined],
      [
        "WIF004",
        1,
        "warning",
        { artifactLocation: { uri: "infra/aws.tf", uriBaseId: "%SRCROOT%" }, region: { startLine: 34 } },
        [{ kind: "inSource", status: "accepted", justification: "read-only role used by every branch" }],
      ],
    ]);
    expect(run.results[1].message.text).toBe('aws_iam_role.anyone: Wildcard in the tenant segment: "repo:*". Any GitHub owner matches. Fix: Pin the owner.');
    expect(run.results[1].locations[0].logicalLocations).toEqual([{ fullyQualifiedName: "aws_iam_role.anyone", kind: "resource" }]);
    expect(run.invocations).toEqual([
      {
        executionSuccessful: false,
        exitCode: 2,
        toolExecutionNotifications: [
          {
            level: "error",
            message: { text: "bad HCL: x." },
            locations: [{ physicalLocation: { artifactLocation: { uri: "infra/bad.tf", uriBaseId: "%SRCROOT%" }, region: { startLine: 3 } } }],
          },
        ],
      },
    ]);
  });

  test("the validator is not vacuous: a wrong level or a missing message is rejected", () => {
    const doc = JSON.parse(sarifReport(report([wif002]), "/repo"));
    doc.runs[0].results[0].level = "critical";
    delete doc.runs[0].results[0].message;
    expect(validate(doc)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toEqual(expect.arrayContaining(["/runs/0/results/0/level", "/runs/0/results/0"]));
  });

  test("fingerprints do not depend on the line", () => {
    const moved = { ...wif002, location: { file: "infra/aws.tf", line: 99 } };
    const a = JSON.parse(sarifReport(report([wif002]), "/repo")).runs[0].results[0].partialFingerprints;
    const b = JSON.parse(sarifReport(report([moved]), "/repo")).runs[0].results[0].partialFingerprints;
    expect(a).toEqual(b);
    expect(Object.keys(a)).toEqual(["wifFinding/v1"]);
  });

  test("absolute paths become file URIs; a clean run is valid too", () => {
    const outside = { ...wif002, location: { file: "/elsewhere/a b.tf" } };
    const doc = JSON.parse(sarifReport(report([outside]), "/repo"));
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
    // GitHub code scanning requires a line: line 1 when the finding has none.
    expect(doc.runs[0].results[0].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: "file:///elsewhere/a%20b.tf" }, region: { startLine: 1 } });
    const clean = JSON.parse(sarifReport(report([]), "/repo"));
    expect(validate(clean) ? [] : validate.errors).toEqual([]);
    expect(clean.runs[0].results).toEqual([]);
  });
});
