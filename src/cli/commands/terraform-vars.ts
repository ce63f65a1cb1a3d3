import { quote } from "../../trust/errors";
import { UsageError } from "../args";

/** `--var NAME=VALUE` values as a record; a value without `=` is a usage error quoting it. */
export function parseVars(values: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values ?? []) {
    const eq = v.indexOf("=");
    if (eq <= 0) throw new UsageError(`--var takes NAME=VALUE, e.g. --var org=octo; got ${quote(v)}.`);
    out[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return out;
}
