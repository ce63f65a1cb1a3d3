// Jest settings for mutation testing (npx stryker run): the pure rule-engine and extractor tests only,
// without the cdktf matchers setup (these tests do not use it), so each mutant runs fast on 2 cores.
// The normal config (jest.config.js) runs everything.
const base = require("./jest.config.js");

/** @type {import('jest').Config} */
module.exports = { ...base, roots: ["<rootDir>/test/lint", "<rootDir>/test/terraform"], setupFilesAfterEnv: [] };
