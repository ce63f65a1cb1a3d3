import { isAtLeast } from "../../lint/finding";
import { isFailing, LintReport, ReportedFinding } from "../report";
import { summaryLine } from "./text";

/**
 * `--format github`: GitHub Actions workflow commands, which annotate the pull request's files
 * without code scanning. One command per unsuppressed finding: `::error` when it fails the run,
 * else `::warning` (critical, high, medium) or `::notice` (low, info, and findings already in the
 * `--baseline`); suppressed findings are not annotated. Properties `file`, `line`, `col` and
 * `title` (`WIF002 <title>`); the message is the resource, the value, the risk and the fix.
 * Unreadable inputs are `::error` commands; the summary line ends the output.
 *
 * @example
 * githubReport(report);
 * // ::error file=infra/aws.tf,line=14,col=1,title=WIF002 Wildcard in the tenant segment::aws_iam_role.anyone: "repo:*"%0A...
 */
export function githubReport(report: LintReport): string {
  const lines: string[] = [];
  for (const f of report.findings) {
    if (f.suppressed) continue;
    const properties: [string, string | number | undefined][] = [
      ["file", f.location?.file],
      ["line", f.location?.line],
      ["col", f.location?.line ? 1 : undefined],
      ["title", `${f.rule} ${f.title}`],
    ];
    lines.push(command(level(f, report), properties, message(f)));
  }
  for (const p of report.problems) {
    lines.push(
      command(
        "error",
        [
          ["file", p.file],
          ["line", p.line],
          ["title", "wif: unreadable input"],
        ],
        p.message,
      ),
    );
  }
  return `${lines.map((l) => `${l}\n`).join("")}${summaryLine(report)}`;
}

function level(f: ReportedFinding, report: LintReport): "error" | "warning" | "notice" {
  if (f.baseline === "existing") return "notice";
  if (isFailing(f, report.failOn)) return "error";
  return isAtLeast(f.severity, "medium") ? "warning" : "notice";
}

function message(f: ReportedFinding): string {
  return [
    `${f.address}: ${JSON.stringify(f.value)} (${f.severity}${f.baseline === "existing" ? ", existing in the baseline" : ""})`,
    ...(f.via ?? []).map((v) => `via ${v.address} (${v.file}${v.line ? `:${v.line}` : ""})`),
    `Risk: ${f.risk}`,
    `Fix: ${f.fix}`,
  ].join("\n");
}

/** `::name key=value,...::message`, properties with an undefined value left out. */
function command(name: string, properties: readonly [string, string | number | undefined][], text: string): string {
  const props = properties.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${escapeProperty(String(v))}`);
  return `::${name}${props.length > 0 ? ` ${props.join(",")}` : ""}::${escapeData(text)}`;
}

/**
 * Escapes a workflow command's message as the runner unescapes it (@actions/toolkit
 * `command.ts`, `escapeData`): `%` → `%25`, CR → `%0D`, LF → `%0A`.
 */
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/**
 * Escapes a workflow command's property value (@actions/toolkit `command.ts`, `escapeProperty`):
 * as `escapeData`, plus `:` → `%3A` and `,` → `%2C`, which separate properties.
 */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
