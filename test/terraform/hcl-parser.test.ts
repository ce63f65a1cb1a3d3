import { HclParseError, parseHclIsolated } from "../../src/terraform/hcl-parser";

/** The kind and message of the rejection, or "ok". */
async function outcome(file: string, text: string, timeoutMs?: number): Promise<string> {
  try {
    await parseHclIsolated(file, text, timeoutMs === undefined ? {} : { timeoutMs });
    return "ok";
  } catch (err) {
    expect(err).toBeInstanceOf(HclParseError);
    return `${(err as HclParseError).kind}: ${(err as Error).message}`;
  }
}

const deepList = (n: number) => `locals {\n  x = ${"[".repeat(n)}1${"]".repeat(n)}\n}\n`;

describe("parseHclIsolated: hcl2json in a worker, one failure per file", () => {
  test("parses HCL into Terraform JSON", async () => {
    expect(await parseHclIsolated("main.tf", 'locals {\n  x = "a"\n}\nresource "aws_iam_role" "ci" {\n  name = local.x\n}\n')).toEqual({
      locals: [{ x: "a" }],
      resource: { aws_iam_role: { ci: [{ name: "${local.x}" }] } },
    });
  });

  test("a syntax error is kind syntax with hcl2json's message naming the file and line", async () => {
    expect(await outcome("bad.tf", "locals {\n  x = \n}\n")).toMatch(/^syntax: parse config: \[bad\.tf:2,\d+-3,1: Invalid expression;/);
  });

  test("a file that overflows the parser's stack is a crash of that file; the next file parses in a fresh worker", async () => {
    const results = [await outcome("deep.tf", deepList(2_000)), await outcome("after.tf", "locals {\n  y = 2\n}\n")];
    expect(results).toEqual(["crash: Maximum call stack size exceeded", "ok"]);
  });

  test("a parse past the timeout is stopped and reported; the next file still parses", async () => {
    const slow = Array.from({ length: 2_000 }, (_, i) => `resource "aws_iam_role" "r${i}" {\n  name = "r${i}"\n}\n`).join(""); // well over 1 ms
    const results = [await outcome("slow.tf", slow, 1), await outcome("after.tf", "locals {\n  y = 2\n}\n")];
    expect(results).toEqual(["timeout: the HCL parser did not finish within 0.001 s", "ok"]);
  });

  test("files given at once are parsed one at a time, each getting its own result", async () => {
    const texts = ["a", "b", "c"].map((v) => `locals {\n  x = "${v}"\n}\n`);
    const configs = await Promise.all(texts.map((t, i) => parseHclIsolated(`${i}.tf`, t)));
    expect(configs.map((c) => (c.locals as { x: string }[])[0].x)).toEqual(["a", "b", "c"]);
  });
});
