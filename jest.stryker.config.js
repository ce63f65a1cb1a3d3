// Jest settings for mutation testing (npx stryker run): the rule-engine, Terraform reader and lint
// soundness property tests, without the cdktf matchers setup (these tests do not use it), so each
// mutant of src/lint and the trust readers (stryker.config.json "mutate") runs only what covers it.
// The normal config (jest.config.js) runs everything. Speed (docs/development.md, "Mutation testing"):
// - the soundness properties run WIF_PROPERTY_RUNS generated trusts (150 here, fixed seed; 2,100 in CI);
// - the cross-cloud properties (test/property, test/explain) are left out: they check the construct
//   compilers and explain against the clouds through cdktf synth (slow), not the lint or the readers;
// - ts-jest transpiles without type checking (tsc --noEmit checks types; Stryker's instrumented
//   sources are not meant to type-check).
const base = require("./jest.config.js");

process.env.WIF_PROPERTY_RUNS ??= "150";

// The test directories (under test/) a run uses (WIF_MUTATION_TESTS; scripts/mutation-chunks.sh gives
// every chunk the default): the lint's, the Terraform readers', the soundness properties and explain's.
// A mutant that only another area's tests would kill counts as survived, never as killed.
const TEST_DIRS = (process.env.WIF_MUTATION_TESTS ?? "lint,terraform,property,explain").split(",");

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  // src is a root so that --findRelatedTests (stryker.config.json) follows imports through every
  // source and test helper module: each mutant runs the test files that import its file, directly or not.
  roots: ["<rootDir>/src", "<rootDir>/test"],
  testMatch: TEST_DIRS.map((dir) => `<rootDir>/test/${dir}/**/*.test.ts`),
  testPathIgnorePatterns: ["/node_modules/", "/cross-cloud\\.property\\.test\\.ts$"],
  setupFilesAfterEnv: [],
  // A killed mutant stops at its first failing test, the quick files first (docs/development.md).
  testEnvironment: require.resolve("./scripts/stryker-bail-environment.js"),
  testSequencer: require.resolve("./scripts/stryker-fast-first-sequencer.js"),
  runner: require.resolve("./scripts/stryker-bail-runner.js"),
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json", isolatedModules: true, diagnostics: false }],
  },
  reporters: ["default"],
};
