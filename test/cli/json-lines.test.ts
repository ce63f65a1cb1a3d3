import { jsonBlockLines } from "../../src/terraform/json-lines";

describe("jsonBlockLines", () => {
  test.each<[string, string, [string, number][]]>([
    [
      "resources and data sources",
      '{\n "data": {\n  "t": {\n   "d": {}\n  }\n },\n "resource": {\n  "t": {\n   "r": {}\n  }\n }\n}',
      [
        ["data.t.d", 4],
        ["managed.t.r", 9],
      ],
    ],
    [
      "one line",
      '{"resource": {"t": {"a": {}, "b": {"x": "y"}}}}',
      [
        ["managed.t.a", 1],
        ["managed.t.b", 1],
      ],
    ],
    [
      "keys with escapes and braces in strings",
      '{"resource": {"t": {\n"a\\"b": {"v": "}{\\"\\n"},\n"c": {}}}}',
      [
        ['managed.t.a"b', 2],
        ["managed.t.c", 3],
      ],
    ],
    ["list bodies (as hcl2json writes them)", '{"resource": {"t": {\n"a": [{"v": 1}]}}}', [["managed.t.a", 2]]],
    ["nested keys named like blocks are not blocks", '{"resource": {"t": {"a": {"resource": {"t": {"x": {}}}}}}}', [["managed.t.a", 1]]],
    ["other top-level keys", '{"provider": {"aws": {"region": "x"}}, "locals": {"a": {}}}', []],
  ])("%s", (_, text, expected) => {
    expect([...jsonBlockLines(text).entries()]).toEqual(expected);
  });
});
