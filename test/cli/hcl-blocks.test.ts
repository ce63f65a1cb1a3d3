import { scanHclBlocks } from "../../src/terraform/hcl-blocks";

const headers = (text: string) => scanHclBlocks(text).map((b) => `${b.mode}.${b.type}.${b.name}@${b.line}`);

describe("scanHclBlocks: block headers and their lines", () => {
  test.each<[string, string, string[]]>([
    ["one resource", 'resource "aws_iam_role" "ci" {\n}\n', ["managed.aws_iam_role.ci@1"]],
    ["a data source after a blank line", '\n\ndata "aws_iam_policy_document" "t" {\n}\n', ["data.aws_iam_policy_document.t@3"]],
    ["bare identifier labels", "resource aws_iam_role ci {\n}\n", ["managed.aws_iam_role.ci@1"]],
    ["one-line block", 'resource "a" "b" { x = 1 }\nresource "a" "c" { }', ["managed.a.b@1", "managed.a.c@2"]],
    ["braces and # inside strings", 'resource "a" "b" {\n  x = "}} # {"\n}\nresource "a" "c" {}\n', ["managed.a.b@1", "managed.a.c@4"]],
    [
      "a heredoc that contains a block header and braces",
      'resource "a" "b" {\n  p = <<-EOT\n    resource "x" "y" {\n    }}}\n  EOT\n}\nresource "a" "c" {}\n',
      ["managed.a.b@1", "managed.a.c@7"],
    ],
    [
      "nested template expressions with strings and braces",
      'resource "a" "b" {\n  p = "${jsonencode({ k = "}" })}"\n}\nresource "a" "c" {}\n',
      ["managed.a.b@1", "managed.a.c@4"],
    ],
    ["escaped $${ is not a template", 'resource "a" "b" {\n  p = "$${ \\" {"\n}\ndata "a" "c" {}\n', ["managed.a.b@1", "data.a.c@4"]],
    ["a block comment that looks like a block", '/* resource "a" "x" {\n*/\nresource "a" "b" {}\n', ["managed.a.b@3"]],
    ["nested blocks are not top level", 'module "m" {\n  resource "a" "b" {}\n}\nresource "a" "c" {}\n', ["managed.a.c@4"]],
    ["CRLF line ends", 'resource "a" "b" {\r\n}\r\nresource "a" "c" {\r\n}\r\n', ["managed.a.b@1", "managed.a.c@3"]],
  ])("%s", (_, text, expected) => {
    expect(headers(text)).toEqual(expected);
  });
});

describe("scanHclBlocks: comments that belong to a block", () => {
  const comments = (text: string) => scanHclBlocks(text).map((b) => b.comments.map((c) => `${c.line}:${c.text.trim()}`));

  test.each<[string, string, string[][]]>([
    ["# comment directly above", '# a\nresource "a" "b" {}\n', [["1:a"]]],
    ["a run of comments above", '// a\n# b\nresource "a" "b" {}\n', [["1:a", "2:b"]]],
    ["a blank line detaches a comment", '# a\n\nresource "a" "b" {}\n', [[]]],
    ["comments inside the block, at any depth", 'resource "a" "b" {\n  # x\n  c {\n    /* y */\n  }\n}\n', [["2:x", "4:y"]]],
    ["a trailing comment on the header line", 'resource "a" "b" { # x\n}\n', [["1:x"]]],
    ["a comment after the block belongs to the next one only", 'resource "a" "b" {}\n# n\nresource "a" "c" {}\n', [[], ["2:n"]]],
    ["a comment ending the previous block's line is not above the next", 'resource "a" "b" {} # x\nresource "a" "c" {}\n', [[], []]],
    ["a comment ending a line of other code is not above", 'locals { a = 1 } # x\nresource "a" "c" {}\n', [[]]],
    ["a # inside a string is not a comment", 'resource "a" "b" {\n  x = "# no"\n}\n', [[]]],
  ])("%s", (_, text, expected) => {
    expect(comments(text)).toEqual(expected);
  });
});
