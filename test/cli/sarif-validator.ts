import Ajv from "ajv";
import * as fs from "fs";
import * as path from "path";

const SCHEMA = path.join(__dirname, "..", "..", "node_modules", "@microsoft", "jest-sarif", "lib", "schemas", "sarif-2.1.0-rtm.5.json");

/**
 * The SARIF 2.1.0 schema compiled with ajv 8 (draft-07 mode). The shipped schema is written as
 * draft-04: its `id` becomes `$id`, and its one pattern that is not valid with the `u` flag needs
 * `unicodeRegExp: false`. Formats are checked, not ignored.
 */
export function sarifValidator() {
  const { $schema: _draft, id, ...schema } = JSON.parse(fs.readFileSync(SCHEMA, "utf8")) as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat("uri", (value: string) => {
    try {
      new URL(value);
      return true;
    } catch {
      return false;
    }
  });
  ajv.addFormat("uri-reference", (value: string) => !/\s/.test(value));
  ajv.addFormat("date-time", (value: string) => !Number.isNaN(Date.parse(value)));
  return ajv.compile({ ...schema, $id: String(id) });
}
