// Jest runner for mutation testing only (jest.stryker.config.js). While Stryker runs a mutant:
// - a test file none of whose tests covers the mutant is not loaded. Stryker runs only the covering
//   tests (perTest coverage, passed as Jest's testNamePattern), so such a file would load its modules
//   and skip every test. The test names of each file are recorded in the dry run, which runs every
//   test; a file not recorded there is always run.
// - the test files run one at a time and the run stops at the first file with a failing test, so a
//   killed mutant does not load the remaining files (with scripts/stryker-fast-first-sequencer.js the
//   quick ones come first). A mutant is killed by its first failing test, so the verdict is the same.
// The dry run (no active mutant) runs every file, as Jest's own runner does.
const TestRunner = require("jest-runner").default;
const { createHash } = require("crypto");
const { readFileSync, writeFileSync } = require("fs");
const { tmpdir } = require("os");
const { join } = require("path");
const { activeMutant } = require("./stryker-active-mutant");

/** Where the dry run of this sandbox leaves the test names of each file, for both test runner processes. */
const NAMES_FILE = join(tmpdir(), `wif-stryker-test-names-${createHash("sha256").update(process.cwd()).digest("hex").slice(0, 16)}.json`);

/** The test names of each file, once read or recorded in this process. */
let names;

/** The dry run's test names per file; {} (every file runs) while there is no record yet. */
function recordedNames() {
  if (names === undefined) {
    try {
      names = JSON.parse(readFileSync(NAMES_FILE, "utf8"));
    } catch {
      return {};
    }
  }
  return names;
}

class BailAfterFirstFailingFileRunner extends TestRunner {
  async runTests(tests, watcher, options) {
    if (!options.serial) return super.runTests(tests, watcher, options);
    if (activeMutant() === undefined) return this.#recordNames(tests, watcher, options);
    const recorded = recordedNames();
    const pattern = this._globalConfig.testNamePattern ? new RegExp(this._globalConfig.testNamePattern, "i") : undefined;
    const covering = tests.filter((t) => pattern === undefined || recorded[t.path] === undefined || recorded[t.path].some((n) => pattern.test(n)));
    let failed = false;
    const offSuccess = this.on("test-file-success", ([, result]) => {
      if (result.numFailingTests > 0 || result.testExecError !== undefined) failed = true;
    });
    const offFailure = this.on("test-file-failure", () => {
      failed = true;
    });
    try {
      for (const test of covering) {
        if (failed) break;
        await super.runTests([test], watcher, options);
      }
    } finally {
      offSuccess();
      offFailure();
    }
  }

  async #recordNames(tests, watcher, options) {
    const recorded = {};
    const off = this.on("test-file-success", ([test, result]) => {
      recorded[test.path] = result.testResults.map((r) => r.fullName);
    });
    try {
      await super.runTests(tests, watcher, options);
    } finally {
      off();
    }
    writeFileSync(NAMES_FILE, JSON.stringify(recorded));
    names = recorded;
  }
}

module.exports = BailAfterFirstFailingFileRunner;
