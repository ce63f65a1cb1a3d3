/** The value of the one output whose logical id contains `_<name>` (e.g. `client-id`). */

export function output(parsed: any, name: string): string {
  const keys = Object.keys(parsed.output).filter((k) => k.includes(`_${name}`));
  expect(keys).toHaveLength(1);
  return parsed.output[keys[0]].value;
}
