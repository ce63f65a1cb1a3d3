import * as fs from "fs";
import * as path from "path";

const SRC = path.join(__dirname, "..", "..", "src");

/** Every module `file` imports, following relative imports through src/. */
function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = fs.readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:^|\n)\s*(import|export)\s+(type\s+)?[^;]*?from\s+"([^"]+)"|require\("([^"]+)"\)/g)) {
      if (m[2]) continue; // type-only imports vanish at run time
      const spec = m[3] ?? m[4];
      if (!spec.startsWith(".")) {
        packages.add(spec);
        continue;
      }
      const base = path.resolve(path.dirname(file), spec);
      const target = [`${base}.ts`, path.join(base, "index.ts")].find((f) => fs.existsSync(f));
      if (target) visit(target);
    }
  };
  visit(entry);
  return { files, packages };
}

test("the CLI loads no cdktf, constructs or provider package (plain Terraform users have none)", () => {
  const { files, packages } = importGraph(path.join(SRC, "cli", "main.ts"));
  expect([...packages].filter((p) => /^(cdktf|constructs|@cdktf\/provider-)/.test(p))).toEqual([]);
  expect(
    [...files]
      .map((f) => path.relative(SRC, f).split(path.sep)[0])
      .filter((dir) => !["cli", "lint", "terraform", "trust", "compile", "inventory", "explain", "api"].includes(dir)),
  ).toEqual([]);
});
