// Jest test environment for mutation testing only (jest.stryker.config.js): once a test fails while
// Stryker runs a mutant, the remaining tests of that mutant's run are skipped. A mutant is killed by
// its first failing test, so the verdict is the same; the run just stops paying for the rest (Jest
// has no programmatic bail: https://github.com/jestjs/jest/issues/11766). The dry run (no active
// mutant) and survivors (no failure) run every test, as before.
const { TestEnvironment } = require("jest-environment-node");
const { activeMutant } = require("./stryker-active-mutant");

// Module state outlives one test file: Jest requires the environment once per process, and Stryker
// runs each mutant's test files in band in one process.
let failedMutant;

class BailAfterFirstFailureEnvironment extends TestEnvironment {
  async handleTestEvent(event) {
    const active = activeMutant();
    if (active === undefined) return;
    if (event.name === "test_fn_failure" || event.name === "hook_failure") failedMutant = active;
    else if (event.name === "test_start" && failedMutant === active) event.test.mode = "skip";
  }
}

module.exports = BailAfterFirstFailureEnvironment;
