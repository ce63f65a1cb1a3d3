import * as fs from "fs";
import * as path from "path";
import type { Finding } from "../lint/finding";
import { quote } from "../trust/errors";
import { findingFingerprint } from "./fingerprint";
import type { ReportedFinding } from "./report";
import { JSON_REPORT_VERSION } from "./reporters/json";
import { UsageError } from "./usage-error";

/** A `--baseline` file that cannot be used: exit 2, the message names the file and what is wrong. */
export class BaselineError extends UsageError {
  constructor(file: string, message: string) {
    super(`baseline ${file}: ${message}`);
    this.name = "BaselineError";
  }
}

/**
 * The fingerprints of the findings of a previous `wif lint --format json` report. Findings are
 * matched by rule, address, value and file, never by line, so edits above a finding keep it
 * existing. Suppressed findings of the baseline count too (a suppression removed later still
 * finds the finding existing).
 *
 * @example
 * const known = readBaseline("wif-baseline.json", process.cwd());
 */
export function readBaseline(file: string, cwd: string): ReadonlySet<string> {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new BaselineError(
      file,
      code === "ENOENT" ? "no such file; write one with wif lint ... --format json --output FILE." : `cannot be read (${code ?? (err as Error).name}).`,
    );
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new BaselineError(file, `not JSON (${(err as Error).message}); a baseline is a wif lint --format json report.`);
  }
  const report = doc as { version?: unknown; findings?: unknown };
  if (typeof doc !== "object" || doc === null || report.version !== JSON_REPORT_VERSION || !Array.isArray(report.findings)) {
    throw new BaselineError(file, `not a wif lint --format json report of version ${JSON_REPORT_VERSION} (got version ${quote(report?.version ?? null)}).`);
  }
  const known = new Set<string>();
  report.findings.forEach((f: unknown, i: number) => {
    const entry = f as Record<string, unknown>;
    const file_ = entry?.file;
    if (
      typeof entry?.rule !== "string" ||
      typeof entry.address !== "string" ||
      typeof entry.value !== "string" ||
      (file_ !== null && typeof file_ !== "string")
    ) {
      throw new BaselineError(file, `findings[${i}] lacks rule, address, value or file: ${quote(f)}.`);
    }
    known.add(findingFingerprint({ rule: entry.rule, address: entry.address, value: entry.value, file: file_ as string | null }));
  });
  return known;
}

/** Marks each finding `existing` when the baseline has it, else `new`. */
export function applyBaseline(findings: readonly Finding[], known: ReadonlySet<string>): ReportedFinding[] {
  return findings.map((f) => ({ ...f, baseline: known.has(findingFingerprint({ ...f, file: f.location?.file })) ? "existing" : "new" }));
}
