import * as fs from "fs";
import * as path from "path";

const SRC = path.join(__dirname, "..", "..", "src");

function sources(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
}

/** Module specifiers a file loads at run time: value imports and exports, and literal require() calls (type-only imports vanish). */
function runtimeImports(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(import|export)\s+(type\s+)?[^;]*?from\s+"([^"]+)"|(?:^|\n)\s*import\s+"([^"]+)"|require\("([^"]+)"\)/g)) {
    if (m[2]) continue;
    out.push(m[3] ?? m[4] ?? m[5]);
  }
  return out;
}

const ENGINE = /^(cdktf|cdktn)(\/|$)/;

test("no source file loads cdktf or cdktn by name: constructs take the engine of their stack from constructs/engine.ts", () => {
  const offenders = sources(SRC).flatMap((f) =>
    runtimeImports(f)
      .filter((s) => ENGINE.test(s))
      .map((s) => `${path.relative(SRC, f)}: ${s}`),
  );
  expect(offenders).toEqual([]);
});

test("no source file loads a provider package except through constructs/providers.ts (which loads resource modules only)", () => {
  const offenders = sources(SRC).flatMap((f) =>
    runtimeImports(f)
      .filter((s) => /^@(cdktf|cdktn)\/provider-/.test(s))
      .map((s) => `${path.relative(SRC, f)}: ${s}`),
  );
  expect(offenders).toEqual([]);
  const loader = fs.readFileSync(path.join(SRC, "constructs", "providers.ts"), "utf8");
  expect(loader).toContain("`${pkg}/lib/${resourceModule}`");
});
