import { hclNestingDepth } from "../../src/terraform/hcl-nesting";

describe("hclNestingDepth: counts what nests, not what is quoted or commented", () => {
  test.each<[string, string, number]>([
    ["a flat attribute", "name = 1\n", 0],
    ["a block with a number", "locals {\n  x = 1\n}\n", 1],
    ["a block with a string", 'locals {\n  x = "a"\n}\n', 2],
    ["nested lists", "locals {\n  x = [[[1]]]\n}\n", 4],
    ["parentheses and calls", "locals {\n  x = max((1), (2))\n}\n", 3],
    ["an interpolation holding a call and a string", 'x = "${lower("A")}"\n', 4],
    ["a directive", 'x = "%{ if true }a%{ endif }"\n', 2],
    ["brackets inside a string do not count", 'x = "[[[{{{((("\n', 1],
    ["escaped quotes stay inside the string", 'x = "a\\"[[[["\n', 1],
    ["$${ is a literal, not an interpolation", 'x = "$${[[[[}"\n', 1],
    ["brackets in comments do not count", "# [[[[\n// {{{{\n/* (((( */\nx = 1\n", 0],
    ["a heredoc is one level, its text none", "x = <<EOT\n[[[[ {{{{\nEOT\n", 1],
    ["an indented heredoc with an interpolation", "x = <<-EOT\n  ${[1]}\n  EOT\ny = [1]\n", 3],
    ["an unterminated string ends at the line", 'x = "abc\ny = [[1]]\n', 2],
    ["unbalanced closers do not go negative", "}}} x = [1]\n", 1],
  ])("%s", (_, text, depth) => {
    expect(hclNestingDepth(text, 256)).toBe(depth);
  });

  test.each<[string, (n: number) => string]>([
    ["objects", (n) => `locals {\n  x = ${"{ a = ".repeat(n)}1${" }".repeat(n)}\n}\n`],
    ["blocks", (n) => `locals {\n${"b {\n".repeat(n)}${"}\n".repeat(n)}}\n`],
    ["templates", (n) => `x = ${'"${'.repeat(n)}1${'}"'.repeat(n)}\n`],
  ])("a 10,000-deep nesting of %s is measured without recursion, and counting stops past the limit", (_, make) => {
    const text = make(10_000);
    expect(hclNestingDepth(text, 256)).toBe(257);
    expect(hclNestingDepth(text, 100_000)).toBeGreaterThanOrEqual(10_000);
  });
});
