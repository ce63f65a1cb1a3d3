// A local ESLint rule: no import cycles between our modules, type-only imports included
// (import-x/no-cycle skips `import type`, and ARCHITECTURE.md forbids those cycles too).
// The graph is read with TypeScript's own pre-processor (imports, exports `from`, require, import()).
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

const EXTENSIONS = [".ts", ".tsx", "/index.ts"];
const importsCache = new Map();

function resolveRelative(fromFile, specifier) {
  if (!specifier.startsWith(".")) return undefined;
  const base = path.resolve(path.dirname(fromFile), specifier);
  for (const candidate of [base, ...EXTENSIONS.map((e) => base + e)]) {
    if (candidate.endsWith(".ts") && fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

function importsOf(file) {
  let cached = importsCache.get(file);
  if (cached) return cached;
  let text;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    text = "";
  }
  const { importedFiles } = ts.preProcessFile(text, true, true);
  cached = importedFiles.map((f) => ({ specifier: f.fileName, target: resolveRelative(file, f.fileName) })).filter((i) => i.target);
  importsCache.set(file, cached);
  return cached;
}

/** The shortest import path from `start` back to `goal`, or undefined. */
function pathBack(start, goal) {
  const previous = new Map([[start, undefined]]);
  const queue = [start];
  while (queue.length > 0) {
    const current = queue.shift();
    for (const { target } of importsOf(current)) {
      if (target === goal) {
        const route = [target, current];
        for (let p = previous.get(current); p !== undefined; p = previous.get(p)) route.push(p);
        return route.reverse();
      }
      if (!previous.has(target)) {
        previous.set(target, current);
        queue.push(target);
      }
    }
  }
  return undefined;
}

export default {
  meta: {
    type: "problem",
    docs: { description: "Forbid import cycles between project modules, including type-only imports." },
    messages: { cycle: "Import cycle (type-only imports count): {{route}}. Move the shared declaration into a module both can import." },
    schema: [],
  },
  create(context) {
    const filename = context.filename ?? context.getFilename();
    importsCache.delete(filename);
    const root = context.cwd ?? process.cwd();
    const check = (node, specifier) => {
      const target = resolveRelative(filename, specifier);
      if (target === undefined || target === filename) return;
      const route = pathBack(target, filename);
      if (route === undefined) return;
      context.report({
        node,
        messageId: "cycle",
        data: { route: [filename, ...route.slice(0, -1), filename].map((f) => path.relative(root, f)).join(" -> ") },
      });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
    };
  },
};
