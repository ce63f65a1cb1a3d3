import * as fs from "fs";
import * as path from "path";
import { RULES } from "../../src/lint/engine";
import { packageInfo, repositoryWebUrl } from "../../src/cli/version";
import { runCli } from "./run-cli";

const ROOT = path.join(__dirname, "..", "..");

describe("wif rules", () => {
  test("the catalogue: one line per rule of the registry, with severity and title", async () => {
    const run = await runCli(["rules"]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines.slice(0, RULES.length)).toEqual(
      RULES.map((r) => expect.stringMatching(new RegExp(`^${r.id}  ${r.severity} *  ${r.title.replace(/[()*?.]/g, "\\$&")}$`))),
    );
    expect(lines[lines.length - 1]).toBe(`${RULES.length} rules. "wif rules WIF002" shows one.`);
  });

  test("one rule's page: why, details, fix, examples, and its docs in the package and the repository", async () => {
    const meta = RULES.find((r) => r.id === "WIF002")!;
    const run = await runCli(["rules", "WIF002"]);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith(`WIF002 (${meta.severity}): ${meta.title}\n\nWhy: ${meta.why}\n\n${meta.details}\n\nFix: ${meta.fix}\n`)).toBe(true);
    expect(run.stdout).toContain(`Fires on:\n${meta.fires.map((f) => `  ${f.text}\n`).join("")}`);
    expect(run.stdout.trimEnd().split("\n").pop()).toBe(
      "Docs: docs/rules/WIF002.md in the cdktf-wif package, https://github.com/cdktf-wif/cdktf-wif/blob/main/docs/rules/WIF002.md",
    );
    expect(fs.existsSync(path.join(ROOT, meta.docs))).toBe(true);
  });

  test("an unknown rule is bad usage", async () => {
    const run = await runCli(["rules", "WIF999"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^wif: unknown rule "WIF999"\. Rules: WIF001, .*\nRun "wif rules --help" for usage\.\n$/);
  });
});

describe("SARIF helpUri from package.json's repository", () => {
  test("every rule links its docs page in the repository", async () => {
    const doc = JSON.parse((await runCli(["lint", "cdktf.out", "--format", "sarif"])).stdout);
    const rules = doc.runs[0].tool.driver.rules as { id: string; helpUri?: string }[];
    expect(rules).toHaveLength(RULES.length);
    for (const r of rules) expect(r.helpUri).toBe(`https://github.com/cdktf-wif/cdktf-wif/blob/main/docs/rules/${r.id}.md`);
    expect(packageInfo().repositoryUrl).toBe("https://github.com/cdktf-wif/cdktf-wif");
  });

  test.each<[unknown, string | undefined]>([
    [{ type: "git", url: "git+https://github.com/o/r.git" }, "https://github.com/o/r"],
    ["github:o/r", "https://github.com/o/r"],
    ["o/r", "https://github.com/o/r"],
    ["git@github.com:o/r.git", "https://github.com/o/r"],
    ["https://gitlab.com/group/sub/r", "https://gitlab.com/group/sub/r"],
    ["git+ssh://git@github.com/o/r.git", "https://github.com/o/r"],
    [{ type: "git" }, undefined],
    [undefined, undefined],
  ])("repository %j is %s", (repository, url) => {
    expect(repositoryWebUrl(repository)).toBe(url);
  });
});
