import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Finding } from "../../src/lint/finding";
import { exitCodeOf, LintReport, ReportedFinding, RuleInfo, sortFindings } from "../../src/cli/report";
import { escapeData, escapeProperty, githubReport } from "../../src/cli/reporters/github";
import { GITLAB_SEVERITY, gitlabReport } from "../../src/cli/reporters/gitlab";
import { jsonReport } from "../../src/cli/reporters/json";
import { sarifReport } from "../../src/cli/reporters/sarif";
import { compactReport, textReport } from "../../src/cli/reporters/text";
import { runCli } from "./run-cli";
import { sarifValidator } from "./sarif-validator";

const RULES: RuleInfo[] = [
  {
    id: "WIF002",
    severity: "critical",
    title: "Wildcard in the tenant segment",
    description: "Other tenants get in.",
    helpUri: "https://github.com/o/r/blob/main/docs/rules/WIF002.md",
  },
  { id: "WIF004", severity: "medium", title: "Any ref of one repository", description: "Every branch gets in." },
  { id: "WIF011", severity: "info", title: "Unverifiable", description: "Unknown." },
];

const critical: Finding = {
  rule: "WIF002",
  severity: "critical",
  title: "Wildcard in the tenant segment",
  address: "module.ci.aws_iam_role.this",
  value: "repo:*",
  risk: "Any owner, 100% of them, matches.",
  fix: "Pin the owner:\nrepo:octo/app:ref:refs/heads/main",
  cloud: "aws",
  location: { file: "infra/main,prod:1.tf", line: 3 },
  via: [{ file: "modules/ci/main.tf", line: 12, address: "module.ci.aws_iam_role.this" }],
};
const medium: Finding = {
  rule: "WIF004",
  severity: "medium",
  title: "Any ref of one repository",
  address: "aws_iam_role.ci",
  value: "repo:octo/app:*",
  risk: "Every branch matches.",
  fix: "Pin a ref.",
  location: { file: "infra/aws.tf", line: 34 },
};
const info: Finding = { ...medium, rule: "WIF011", severity: "info", title: "Unverifiable", value: "${var.org}", risk: "Unknown.", fix: "Use plan JSON." };
const suppressed: Finding = { ...medium, address: "aws_iam_role.other", suppressed: { reason: "read-only role used by every branch" } };

function report(findings: ReportedFinding[], extra: Partial<LintReport> = {}): LintReport {
  const problems = extra.problems ?? [];
  return {
    toolVersion: "0.1.0",
    failOn: "high",
    files: ["infra/aws.tf", "infra/main,prod:1.tf"],
    findings: sortFindings(findings),
    problems,
    rules: RULES,
    exitCode: exitCodeOf(findings, problems, "high", extra.softFail),
    ...extra,
  };
}

describe("text and compact", () => {
  test("compact prints only the clickable first line of each finding, problems in the same form, and the summary", () => {
    const text = compactReport(report([critical, medium, suppressed], { problems: [{ file: "bad.tf", line: 2, message: "bad HCL: x." }] }));
    expect(text).toBe(
      [
        'infra/aws.tf:34:1: MEDIUM WIF004 Any ref of one repository: "repo:octo/app:*"',
        'infra/aws.tf:34:1: MEDIUM WIF004 Any ref of one repository: "repo:octo/app:*" (suppressed)',
        'infra/main,prod:1.tf:3:1: CRITICAL WIF002 Wildcard in the tenant segment: "repo:*"',
        "bad.tf:2:1: ERROR bad HCL: x.",
        "2 findings (1 critical, 1 medium) in 2 files, 1 suppressed, 1 input problem; failed: input could not be read.",
        "",
      ].join("\n"),
    );
  });

  test("text shows the modules a finding was reached through, and baseline findings as existing", () => {
    const text = textReport(report([critical, { ...medium, baseline: "existing" }], { baseline: "old.json" }), false);
    expect(text).toContain(
      [
        'infra/main,prod:1.tf:3:1: CRITICAL WIF002 Wildcard in the tenant segment: "repo:*"',
        "    resource: module.ci.aws_iam_role.this",
        "    via:  modules/ci/main.tf:12:1 module.ci.aws_iam_role.this",
        "    risk: Any owner, 100% of them, matches.",
      ].join("\n"),
    );
    expect(text).toContain('infra/aws.tf:34:1: MEDIUM WIF004 Any ref of one repository: "repo:octo/app:*" (existing, in the baseline)\n');
    expect(text.trimEnd().split("\n").pop()).toBe("2 findings (1 critical, 1 medium) in 2 files, 1 existing in the baseline; failed: 1 at or above high.");
  });

  test("a finding without a file starts with its address", () => {
    const { location: _, ...nowhere } = medium;
    expect(compactReport(report([nowhere])).split("\n")[0]).toBe('aws_iam_role.ci: MEDIUM WIF004 Any ref of one repository: "repo:octo/app:*"');
  });

  test("--soft-fail: the summary says passed and how many would have failed", () => {
    const r = report([critical], { softFail: true });
    expect(r.exitCode).toBe(0);
    expect(textReport(r, false).trimEnd().split("\n").pop()).toBe("1 finding (1 critical) in 2 files; passed (--soft-fail; 1 at or above high).");
  });
});

/** The documented grammar: `::command key=value,key=value::message`, as @actions/toolkit writes it. */
const WORKFLOW_COMMAND =
  /^::(error|warning|notice)(?: ((?:file|line|endLine|col|endColumn|title)=[^,:\r\n]*(?:,(?:file|line|endLine|col|endColumn|title)=[^,:\r\n]*)*))?::([^\r\n]*)$/;

/** Reads back one workflow command the way the runner does: split properties, unescape. */
function parseCommand(line: string): { level: string; properties: Record<string, string>; message: string } {
  const m = WORKFLOW_COMMAND.exec(line);
  if (!m) throw new Error(`not a workflow command: ${line}`);
  const unescape = (s: string) => s.replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
  const properties = Object.fromEntries(
    (m[2] ?? "")
      .split(",")
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf("=")), unescape(kv.slice(kv.indexOf("=") + 1))]),
  );
  return { level: m[1], properties, message: unescape(m[3]) };
}

describe("--format github: workflow commands", () => {
  test("escaping follows @actions/toolkit: data escapes % CR LF; properties also : and ,", () => {
    expect(escapeData("100% a\r\nb: c, d")).toBe("100%25 a%0D%0Ab: c, d");
    expect(escapeProperty("100% a\r\nb: c, d")).toBe("100%25 a%0D%0Ab%3A c%2C d");
  });

  test("one command per unsuppressed finding: error when failing, warning for medium, notice for info and existing; problems are errors", () => {
    const out = githubReport(
      report([critical, medium, info, suppressed, { ...medium, address: "aws_iam_role.old", baseline: "existing" }], {
        problems: [{ file: "bad.tf", line: 2, message: "bad HCL: x." }],
      }),
    );
    const lines = out.trimEnd().split("\n");
    const commands = lines.slice(0, -1).map(parseCommand);
    expect(commands.map((c) => [c.level, c.properties.file, c.properties.line, c.properties.title])).toEqual([
      ["warning", "infra/aws.tf", "34", "WIF004 Any ref of one repository"],
      ["notice", "infra/aws.tf", "34", "WIF011 Unverifiable"],
      ["notice", "infra/aws.tf", "34", "WIF004 Any ref of one repository"],
      ["error", "infra/main,prod:1.tf", "3", "WIF002 Wildcard in the tenant segment"],
      ["error", "bad.tf", "2", "wif: unreadable input"],
    ]);
    expect(commands[3].properties.col).toBe("1");
    expect(commands[3].message).toBe(
      [
        'module.ci.aws_iam_role.this: "repo:*" (critical)',
        "via module.ci.aws_iam_role.this (modules/ci/main.tf:12)",
        "Risk: Any owner, 100% of them, matches.",
        "Fix: Pin the owner:",
        "repo:octo/app:ref:refs/heads/main",
      ].join("\n"),
    );
    expect(commands[2].message).toContain("(medium, existing in the baseline)");
    expect(lines[3]).toBe(
      '::error file=infra/main%2Cprod%3A1.tf,line=3,col=1,title=WIF002 Wildcard in the tenant segment::module.ci.aws_iam_role.this: "repo:*" (critical)%0Avia module.ci.aws_iam_role.this (modules/ci/main.tf:12)%0ARisk: Any owner, 100%25 of them, matches.%0AFix: Pin the owner:%0Arepo:octo/app:ref:refs/heads/main',
    );
    expect(lines[lines.length - 1]).toBe(
      "4 findings (1 critical, 2 medium, 1 info) in 2 files, 1 existing in the baseline, 1 suppressed, 1 input problem; failed: input could not be read.",
    );
  });

  test("a finding that does not fail the run is a warning, even when high", () => {
    const high = { ...medium, severity: "high" as const };
    const [line] = githubReport({ ...report([high]), failOn: "critical", exitCode: 0 }).split("\n");
    expect(parseCommand(line).level).toBe("warning");
  });
});

describe("--format gitlab: Code Quality report", () => {
  // The fields GitLab documents for a custom Code Quality tool ("Implement a custom tool"):
  // description, check_name, fingerprint, severity (info, minor, major, critical, blocker),
  // location.path and location.lines.begin (or location.positions.begin.line).
  const SEVERITIES = ["info", "minor", "major", "critical", "blocker"];
  function checkIssue(issue: Record<string, unknown>): string[] {
    const errors: string[] = [];
    for (const key of ["description", "check_name", "fingerprint"])
      if (typeof issue[key] !== "string" || issue[key] === "") errors.push(`${key} must be a non-empty string`);
    if (!SEVERITIES.includes(issue.severity as string)) errors.push(`severity ${String(issue.severity)} is not one of ${SEVERITIES.join(", ")}`);
    const location = issue.location as { path?: unknown; lines?: { begin?: unknown } } | undefined;
    if (typeof location?.path !== "string" || location.path.startsWith("/")) errors.push("location.path must be a relative path");
    if (!Number.isInteger(location?.lines?.begin) || (location?.lines?.begin as number) < 1) errors.push("location.lines.begin must be a line number");
    return errors;
  }

  test("every issue has the documented fields; suppressed findings are left out", () => {
    const issues = JSON.parse(gitlabReport(report([critical, medium, info, suppressed]))) as Record<string, unknown>[];
    expect(issues.flatMap(checkIssue)).toEqual([]);
    expect(
      issues.map((i) => [i.check_name, i.severity, (i.location as { path: string }).path, (i.location as { lines: { begin: number } }).lines.begin]),
    ).toEqual([
      ["WIF004", "major", "infra/aws.tf", 34],
      ["WIF011", "info", "infra/aws.tf", 34],
      ["WIF002", "blocker", "infra/main,prod:1.tf", 3],
    ]);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(3);
    expect(issues[2].description).toBe(
      'WIF002 Wildcard in the tenant segment: "repo:*" on module.ci.aws_iam_role.this. Any owner, 100% of them, matches. Fix: Pin the owner:\nrepo:octo/app:ref:refs/heads/main',
    );
  });

  test("the checker is not vacuous", () => {
    expect(checkIssue({ description: "", check_name: "x", fingerprint: "f", severity: "high", location: { path: "/abs", lines: {} } })).toEqual([
      "description must be a non-empty string",
      "severity high is not one of info, minor, major, critical, blocker",
      "location.path must be a relative path",
      "location.lines.begin must be a line number",
    ]);
  });

  test("every wif severity maps into GitLab's set; fingerprints do not depend on the line", () => {
    expect(Object.values(GITLAB_SEVERITY).every((s) => SEVERITIES.includes(s))).toBe(true);
    const moved = { ...critical, location: { file: "infra/main,prod:1.tf", line: 90 } };
    const a = JSON.parse(gitlabReport(report([critical])))[0].fingerprint;
    expect(JSON.parse(gitlabReport(report([moved])))[0].fingerprint).toBe(a);
  });
});

describe("via (findings reached through modules) and baseline in JSON and SARIF", () => {
  const validate = sarifValidator();

  test("json: via with file, line and address, only when present; baseline state per finding", () => {
    const doc = JSON.parse(jsonReport(report([critical, { ...medium, baseline: "new" }], { baseline: "old.json" })));
    expect(doc.findings.map((f: { rule: string; via?: unknown; baseline: unknown }) => [f.rule, f.via, f.baseline])).toEqual([
      ["WIF004", undefined, "new"],
      ["WIF002", [{ file: "modules/ci/main.tf", line: 12, address: "module.ci.aws_iam_role.this" }], null],
    ]);
  });

  test("sarif: relatedLocations for via, helpUri when the rule has one, baselineState with --baseline", () => {
    const doc = JSON.parse(sarifReport(report([critical, { ...medium, baseline: "existing" }]), "/repo"));
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
    const run = doc.runs[0];
    expect(run.tool.driver.rules.map((r: { helpUri?: string }) => r.helpUri)).toEqual([
      "https://github.com/o/r/blob/main/docs/rules/WIF002.md",
      undefined,
      undefined,
    ]);
    const [wif004, wif002] = run.results;
    expect(wif002.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: { artifactLocation: { uri: "modules/ci/main.tf", uriBaseId: "%SRCROOT%" }, region: { startLine: 12 } },
        logicalLocations: [{ fullyQualifiedName: "module.ci.aws_iam_role.this", kind: "resource" }],
        message: { text: "via module.ci.aws_iam_role.this" },
      },
    ]);
    expect(wif002.baselineState).toBeUndefined();
    expect(wif004.baselineState).toBe("unchanged");
    expect(wif004.relatedLocations).toBeUndefined();
  });
});

describe("via end to end: a trust inside a local module, reported at the module call", () => {
  const ROLE = `variable "subject" {
  type = string
}

resource "aws_iam_role" "this" {
  name = "ci"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }
        StringLike   = { "token.actions.githubusercontent.com:sub" = var.subject }
      }
    }]
  })
}
`;
  function repository(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wif-via-"));
    fs.mkdirSync(path.join(dir, ".git"));
    fs.mkdirSync(path.join(dir, "modules", "ci"), { recursive: true });
    fs.writeFileSync(path.join(dir, "modules", "ci", "main.tf"), ROLE);
    fs.writeFileSync(path.join(dir, "main.tf"), `# root\n\nmodule "ci" {\n  source  = "./modules/ci"\n  subject = "repo:*"\n}\n`);
    return dir;
  }

  test("text, JSON and SARIF show the resource inside the module", async () => {
    const dir = repository();
    const json = JSON.parse((await runCli(["lint", ".", "--format", "json"], { cwd: dir })).stdout);
    const wif002 = json.findings.find((f: { rule: string }) => f.rule === "WIF002");
    expect([wif002.address, wif002.file, wif002.line, wif002.via]).toEqual([
      "module.ci.aws_iam_role.this",
      "main.tf",
      3,
      [{ file: "modules/ci/main.tf", line: 5, address: "module.ci.aws_iam_role.this" }],
    ]);
    const text = (await runCli(["lint", "."], { cwd: dir })).stdout;
    expect(text).toContain(
      'main.tf:3:1: CRITICAL WIF002 Wildcard in the tenant segment of a shared issuer: "repo:*"\n    resource: module.ci.aws_iam_role.this\n    via:  modules/ci/main.tf:5:1 module.ci.aws_iam_role.this\n',
    );
    const sarif = JSON.parse((await runCli(["lint", ".", "--format", "sarif"], { cwd: dir })).stdout);
    const validate = sarifValidator();
    expect(validate(sarif) ? [] : validate.errors).toEqual([]);
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === "WIF002");
    expect(result.relatedLocations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "modules/ci/main.tf", uriBaseId: "%SRCROOT%" },
      region: { startLine: 5 },
    });
  });
});
