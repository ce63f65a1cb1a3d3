import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { FIXTURES, runCli } from "./run-cli";
import { sarifValidator } from "./sarif-validator";

const ROOT = path.join(__dirname, "..", "..");
const DOC = fs.readFileSync(path.join(ROOT, "docs", "cli.md"), "utf8");

/** The `## Use in CI` part of docs/cli.md, split into its `###` sections with their fenced code blocks. */
function ciSections(): { title: string; blocks: string[] }[] {
  const start = DOC.indexOf("\n## Use in CI\n");
  const end = DOC.indexOf("\n## ", start + 1);
  const part = DOC.slice(start, end < 0 ? undefined : end);
  return part
    .split(/\n### /)
    .slice(1)
    .map((s) => ({ title: s.slice(0, s.indexOf("\n")), blocks: [...s.matchAll(/```(?:yaml|sh)\n([\s\S]*?)```/g)].map((m) => m[1]) }));
}

/** Splits a command line as a shell would for the snippets' simple words (no quotes, comments dropped). */
function words(line: string): string[] {
  return line
    .replace(/\s+#.*$/, "")
    .trim()
    .split(/\s+/);
}

/** The `wif ...` commands of a code block, in order: lines (or `run:` / `entry:` values) that start with `npx wif` / `wif`. */
function wifCommands(block: string): string[][] {
  return block
    .split("\n")
    .map((l) => /^(?:- )?(?:run: |entry: )?(?:npx )?wif (lint|rules)\b(.*)$/.exec(l.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [m[1], ...words(m[2]).filter(Boolean)]);
}

/** A repository: `.git/` and the tf-json fixture under infra/ and cdktf.out/ (names the snippets use). */
function repository(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wif-docs-"));
  fs.mkdirSync(path.join(dir, ".git"));
  fs.cpSync(path.join(FIXTURES, "tf-json"), path.join(dir, "infra"), { recursive: true });
  fs.cpSync(path.join(FIXTURES, "cdktf.out"), path.join(dir, "cdktf.out"), { recursive: true });
  return dir;
}

const sections = ciSections();

test("docs/cli.md has a CI section for each of GitHub Actions (both ways), GitLab CI and pre-commit, each with a wif command", () => {
  const titles = sections.map((s) => s.title);
  expect(titles).toEqual(
    expect.arrayContaining([
      "GitHub Actions, with annotations (no code scanning needed)",
      "GitHub Actions, with code scanning (SARIF)",
      "GitLab CI",
      "pre-commit",
    ]),
  );
  for (const title of ["GitHub Actions, with annotations (no code scanning needed)", "GitHub Actions, with code scanning (SARIF)", "GitLab CI", "pre-commit"]) {
    const commands = sections.find((s) => s.title === title)!.blocks.flatMap(wifCommands);
    expect([title, commands.length > 0]).toEqual([title, true]);
  }
});

/** What each format's output must look like. */
function checkOutput(argv: string[], stdout: string, dir: string): void {
  const format = argv[argv.indexOf("--format") + 1];
  const outputAt = argv.indexOf("--output");
  const text = outputAt >= 0 ? fs.readFileSync(path.join(dir, argv[outputAt + 1]), "utf8") : stdout;
  if (format === "github") {
    const lines = text.trimEnd().split("\n");
    expect(lines.slice(0, -1).every((l) => /^::(error|warning|notice) /.test(l))).toBe(true);
    expect(lines.length).toBeGreaterThan(1);
  } else if (format === "sarif") {
    const validate = sarifValidator();
    const doc = JSON.parse(text);
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
  } else if (format === "gitlab") {
    const issues = JSON.parse(text) as { check_name: string; location: { path: string } }[];
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => /^WIF\d{3}$/.test(i.check_name) && !i.location.path.startsWith("/"))).toBe(true);
  } else if (format === "json") {
    expect(JSON.parse(text).version).toBe(1);
  } else {
    expect(text).toMatch(/^infra\/main\.tf\.json:\d+:1: (CRITICAL|HIGH|MEDIUM) WIF\d{3} /m);
  }
}

describe.each(sections.map((s) => [s.title, s] as const))("docs/cli.md: %s", (_, section) => {
  const blocks = section.blocks.filter((b) => wifCommands(b).length > 0);
  test.each(blocks.map((b, i) => [i + 1, b] as const))("snippet %d runs against a fixture repository", async (_, block) => {
    // YAML snippets must parse (a copy-paste that is not valid YAML is a defect too).
    if (!/^npx /.test(block)) expect(() => parse(block)).not.toThrow();
    const dir = repository();
    for (const argv of wifCommands(block)) {
      const run = await runCli(argv, { cwd: dir });
      // 0 or 1 (the fixture has findings); never 2, which would mean the snippet is bad usage.
      expect([argv.join(" "), run.stderr.startsWith("wif: ") && run.code === 2 ? run.stderr : "ok"]).toEqual([argv.join(" "), "ok"]);
      expect([0, 1]).toContain(run.code);
      checkOutput(argv, run.stdout, dir);
    }
  });
});

test("the action snippet uses only inputs action.yml declares", () => {
  const action = parse(fs.readFileSync(path.join(ROOT, "action.yml"), "utf8")) as { inputs: Record<string, unknown> };
  const uses = sections.flatMap((s) => s.blocks).filter((b) => /uses: cdktf-wif\/cdktf-wif@/.test(b));
  expect(uses.length).toBeGreaterThan(0);
  for (const block of uses) {
    const [step] = parse(block) as { with: Record<string, unknown> }[];
    expect(Object.keys(step.with).filter((k) => !(k in action.inputs))).toEqual([]);
  }
});

test("the pre-commit snippet names the hook id of .pre-commit-hooks.yaml", () => {
  const hooks = parse(fs.readFileSync(path.join(ROOT, ".pre-commit-hooks.yaml"), "utf8")) as { id: string }[];
  const block = sections.find((s) => s.title === "pre-commit")!.blocks.find((b) => b.includes("repo: https://"))!;
  const config = parse(block) as { repos: { hooks: { id: string }[] }[] };
  expect(config.repos[0].hooks.map((h) => h.id)).toEqual(hooks.map((h) => h.id));
});
