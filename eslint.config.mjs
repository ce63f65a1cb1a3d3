// ESLint: typescript-eslint's recommended rules plus the layering of ARCHITECTURE.md, enforced in CI.
//   trust/    imports nothing of ours outside trust/
//   compile/  and lint/ import only trust/ (and themselves)
//   terraform/ imports trust/ and lint/
//   inventory/, explain/ import the pure layers only
//   constructs/ may import every pure layer; only constructs/ may import cdktf, cdktn or provider bindings
//   nothing imports cli/; core.ts (the `cdktf-wif/core` entry) imports no construct
// and no import cycles, type-only ones included.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import importX from "eslint-plugin-import-x";
import noImportCycles from "./eslint/no-import-cycles.mjs";

const layer = (target, ...allowed) => {
  const all = ["trust", "compile", "lint", "terraform", "inventory", "explain", "constructs", "cli"];
  return {
    target: `./src/${target}`,
    from: all.filter((l) => l !== target && !allowed.includes(l)).map((l) => `./src/${l}`),
    message: `src/${target}/ may import only ${allowed.length ? allowed.map((a) => `src/${a}/`).join(", ") : "itself"} (see ARCHITECTURE.md, layering).`,
  };
};

const barrels = [
  "@cdktf/provider-aws",
  "@cdktf/provider-google",
  "@cdktf/provider-azurerm",
  "@cdktf/provider-azuread",
  "@cdktn/provider-aws",
  "@cdktn/provider-azurerm",
].map((name) => ({
  name,
  message: "Never import a provider barrel (4-8 s cold start): deep-import the resource module, e.g. @cdktf/provider-aws/lib/iam-role.",
}));

const engines = "^(cdktf|cdktn|constructs)(/.*)?$|^@cdkt[fn]/provider-";

export default tseslint.config(
  {
    ignores: [
      "lib/**",
      "node_modules/**",
      "cdktf.out/**",
      "coverage/**",
      "reports/**",
      ".stryker-tmp/**",
      "wt/**",
      "**/.gen/**",
      "test/fixtures/**",
      "examples/**/cdktf.out/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    plugins: { "import-x": importX, wif: { rules: { "no-import-cycles": noImportCycles } } },
    settings: { "import-x/resolver": { node: { extensions: [".ts", ".js", ".json"] } } },
    rules: {
      "wif/no-import-cycles": "error",
      "import-x/no-self-import": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Validation regexes match control characters on purpose (names and trust values refuse them).
      "no-control-regex": "off",
    },
  },
  {
    files: ["src/**/*.ts"],
    rules: {
      "import-x/no-restricted-paths": [
        "error",
        {
          zones: [
            layer("trust"),
            layer("compile", "trust"),
            layer("lint", "trust"),
            layer("terraform", "trust", "lint"),
            layer("inventory", "trust", "compile", "lint", "terraform"),
            layer("explain", "trust", "compile", "lint", "terraform", "inventory"),
            layer("constructs", "trust", "compile", "lint", "terraform"),
            { target: "./src/core.ts", from: ["./src/constructs", "./src/cli"], message: "cdktf-wif/core loads no construct (and so no cdktf/cdktn)." },
          ],
        },
      ],
    },
  },
  {
    files: ["src/**/*.ts", "test/**/*.ts", "bench/**/*.ts", "examples/**/*.ts", "scripts/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { paths: barrels }] },
  },
  {
    files: ["src/**/*.ts"],
    ignores: ["src/constructs/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: barrels,
          patterns: [{ regex: engines, message: "Only src/constructs/ may import an engine (cdktf/cdktn), constructs or provider bindings." }],
        },
      ],
    },
  },
  {
    files: ["test/**/*.ts"],
    rules: {
      // Tests load providers lazily as the library does, and read untyped synthesized JSON.
      "@typescript-eslint/no-require-imports": "off",
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  {
    files: ["**/*.js", "**/*.cjs", "eslint/**/*.mjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { module: "writable", require: "readonly", process: "readonly", __dirname: "readonly", console: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
