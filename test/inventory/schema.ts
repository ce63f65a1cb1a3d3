import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";

const SCHEMAS = path.join(__dirname, "..", "..", "schemas");

/** A validator for one of the shipped schemas; returns ajv's errors as text, or "" when valid. */
export function schemaValidator(name: "inventory" | "explain"): (doc: unknown) => string {
  const schema = JSON.parse(fs.readFileSync(path.join(SCHEMAS, `${name}.schema.json`), "utf8")) as object;
  const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
  return (doc) => (validate(doc) ? "" : JSON.stringify(validate.errors, null, 1));
}
