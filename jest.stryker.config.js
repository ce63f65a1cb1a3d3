// Jest settings for mutation testing (npx stryker run): the pure rule-engine, Terraform reader and
// property tests, without the cdktf matchers setup (these tests do not use it), so each
// mutant of src/lint and the trust readers (stryker.config.json "mutate") runs only what covers it.
// The normal config (jest.config.js) runs everything.
const base = require("./jest.config.js");

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ["<rootDir>/test/lint", "<rootDir>/test/terraform", "<rootDir>/test/property"],
  setupFilesAfterEnv: [],
};
