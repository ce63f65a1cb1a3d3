import type { Severity, ViaLocation } from "../../lint/finding";
import type { InputProblem } from "../../terraform/input-problem";
import { findingFingerprint } from "../fingerprint";
import type { LintReport, ReportedFinding, RuleInfo } from "../report";
import { fileUri, pathUri } from "./uri";

const LEVEL: Readonly<Record<Severity, "error" | "warning" | "note">> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
  info: "note",
};

/** GitHub code scanning ranks alerts by this score: > 9 critical, 7–8.9 high, 4–6.9 medium, < 4 low. */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
  info: "1.0",
};

/**
 * The `--format sarif` report: SARIF 2.1.0 with one run whose driver lists every rule (help text,
 * default level, GitHub `security-severity`), one result per finding with its file and line
 * (relative to `%SRCROOT%`, the directory `wif lint` ran in; line 1 when unknown, as GitHub code
 * scanning requires a line), the resource as logical location,
 * a stable fingerprint, in-source suppressions, `relatedLocations` for the resources a finding
 * was reached through (module calls), `baselineState` with `--baseline`, and each rule's `helpUri`
 * when known; unreadable inputs are tool execution notifications. Suitable for
 * `github/codeql-action/upload-sarif`.
 *
 * @example
 * fs.writeFileSync("wif.sarif", sarifReport(report, process.cwd()));
 */
export function sarifReport(report: LintReport, cwd: string): string {
  const ruleIndex = new Map(report.rules.map((r, i) => [r.id, i]));
  const doc = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "wif",
            fullName: "cdktf-wif lint",
            version: report.toolVersion,
            semanticVersion: report.toolVersion,
            rules: report.rules.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: { "%SRCROOT%": { uri: directoryUri(cwd) } },
        invocations: [
          {
            executionSuccessful: report.problems.length === 0,
            exitCode: report.exitCode,
            toolExecutionNotifications: report.problems.map(notification),
          },
        ],
        results: report.findings.map((f) => result(f, ruleIndex.get(f.rule))),
      },
    ],
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function ruleDescriptor(rule: RuleInfo) {
  const help = [rule.description, rule.help ? `Fix: ${rule.help}` : undefined].filter(Boolean).join("\n\n");
  return {
    id: rule.id,
    name: pascalCase(rule.title),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: { text: help, markdown: help },
    ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: ["security", "workload-identity-federation"], "security-severity": SECURITY_SEVERITY[rule.severity] },
  };
}

function result(f: ReportedFinding, index: number | undefined) {
  return {
    ruleId: f.rule,
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: LEVEL[f.severity],
    message: { text: `${f.address}: ${f.title}: ${JSON.stringify(f.value)}. ${f.risk} Fix: ${f.fix}` },
    locations: [
      {
        ...(f.location ? { physicalLocation: physicalLocation(f.location.file, f.location.line ?? 1) } : {}),
        logicalLocations: [{ fullyQualifiedName: f.address, kind: "resource" }],
      },
    ],
    ...(f.via && f.via.length > 0 ? { relatedLocations: f.via.map(relatedLocation) } : {}),
    partialFingerprints: { "wifFinding/v1": findingFingerprint({ ...f, file: f.location?.file }) },
    ...(f.baseline ? { baselineState: f.baseline === "existing" ? "unchanged" : "new" } : {}),
    properties: { severity: f.severity, value: f.value, ...(f.cloud ? { cloud: f.cloud } : {}), "security-severity": SECURITY_SEVERITY[f.severity] },
    ...(f.suppressed ? { suppressions: [{ kind: "inSource", status: "accepted", justification: f.suppressed.reason }] } : {}),
  };
}

function notification(p: InputProblem) {
  return {
    level: "error",
    message: { text: p.message },
    locations: [{ physicalLocation: physicalLocation(p.file, p.line) }],
  };
}

function physicalLocation(file: string, line: number | undefined) {
  const relative = !file.startsWith("/") && !/^[A-Za-z]:[\\/]/.test(file);
  return {
    artifactLocation: relative ? { uri: pathUri(file), uriBaseId: "%SRCROOT%" } : { uri: fileUri(file) },
    ...(line ? { region: { startLine: line } } : {}),
  };
}

/** A resource the finding was reached through: `id` counts from 1, in `via` order (outermost first). */
function relatedLocation(v: ViaLocation, i: number) {
  return {
    id: i + 1,
    physicalLocation: physicalLocation(v.file, v.line ?? 1),
    logicalLocations: [{ fullyQualifiedName: v.address, kind: "resource" }],
    message: { text: `via ${v.address}` },
  };
}

function directoryUri(dir: string): string {
  const uri = fileUri(dir);
  return uri.endsWith("/") ? uri : `${uri}/`;
}

function pascalCase(title: string): string {
  return title.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : "")).replace(/^./, (c) => c.toUpperCase());
}
