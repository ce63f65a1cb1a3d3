// Jest runner for mutation testing only (jest.stryker.config.js): while Stryker runs a mutant, the
// test files run one at a time and the run stops at the first file with a failing test, so a killed
// mutant does not load and run the remaining files (with scripts/stryker-fast-first-sequencer.js the
// quick ones come first). The verdict is the same: a mutant is killed by its first failing test. The
// dry run (no active mutant) and survivors run every file, as Jest's own runner does.
const TestRunner = require("jest-runner").default;

/** Set by Stryker for each mutant run (@stryker-mutator/api INSTRUMENTER_CONSTANTS). */
const ACTIVE_MUTANT = "__STRYKER_ACTIVE_MUTANT__";

class BailAfterFirstFailingFileRunner extends TestRunner {
  async runTests(tests, watcher, options) {
    if (process.env[ACTIVE_MUTANT] === undefined || !options.serial) return super.runTests(tests, watcher, options);
    let failed = false;
    const offSuccess = this.on("test-file-success", ([, result]) => {
      if (result.numFailingTests > 0 || result.testExecError !== undefined) failed = true;
    });
    const offFailure = this.on("test-file-failure", () => {
      failed = true;
    });
    try {
      for (const test of tests) {
        if (failed) break;
        await super.runTests([test], watcher, options);
      }
    } finally {
      offSuccess();
      offFailure();
    }
  }
}

module.exports = BailAfterFirstFailingFileRunner;
