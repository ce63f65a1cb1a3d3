import { jsonDuplicateKeys } from "../../src/terraform/json-duplicates";

describe("jsonDuplicateKeys: a property written twice in one object", () => {
  test.each<[string, string, string[]]>([
    ["none", '{"a": 1, "b": {"a": 2}}', []],
    ["at the root", '{"a": 1,\n"a": 2}', ["a @ 1->2"]],
    ["a resource name twice", '{"resource": {"aws_iam_role": {\n"r": {"x": 1},\n"r": {"x": 2}}}}', ["resource.aws_iam_role.r @ 2->3"]],
    ["escaped spellings of one key", '{"a": 1, "\\u0061": 2}', ["a @ 1->1"]],
    ["same key in sibling objects is fine", '[{"a": 1}, {"a": 2}]', []],
    ["keys inside string values do not count", '{"a": "{\\"a\\": 1, \\"a\\": 2}"}', []],
    ["values equal to keys do not count", '{"a": "a", "b": "a"}', []],
    ["inside an array of objects", '{"l": [{"k": 1, "k": 2}]}', ["l.[].k @ 1->1"]],
  ])("%s", (_, text, expected) => {
    expect(jsonDuplicateKeys(text).map((d) => `${[...d.path, d.key].join(".")} @ ${d.firstLine}->${d.line}`)).toEqual(expected);
  });
});
