import * as path from "path";
import { main } from "../../src/cli/main";

export const FIXTURES = path.join(__dirname, "..", "fixtures");

/** What one `wif` run wrote and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `wif <argv>` in-process in `cwd` (the fixtures by default), capturing its output. */
export async function runCli(argv: string[], options: { cwd?: string; tty?: boolean; env?: Record<string, string> } = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    cwd: options.cwd ?? FIXTURES,
    env: options.env ?? {},
    stdout: { write: (s: string) => (stdout += s), isTTY: options.tty ?? false },
    stderr: { write: (s: string) => (stderr += s), isTTY: options.tty ?? false },
  });
  return { code, stdout, stderr };
}

/** `[rule, severity, address, line, value, "suppressed"?]` of every finding of a JSON report. */
export function findingRows(json: string): unknown[][] {
  const doc = JSON.parse(json) as { findings: { rule: string; severity: string; address: string; line: number | null; value: string; suppressed: unknown }[] };
  return doc.findings.map((f) => [f.rule, f.severity, f.address, f.line, f.value, ...(f.suppressed ? ["suppressed"] : [])]);
}
