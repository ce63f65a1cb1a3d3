// Jest test sequencer for mutation testing only (jest.stryker.config.js): the quick test files first
// and the generated-trust properties (*.property.test.ts) last, so that with scripts/stryker-bail-runner.js a
// mutant that a unit test kills does not wait for the properties (Jest's default order is the
// slowest file first). Ties keep a stable order by path.
const Sequencer = require("@jest/test-sequencer").default;
const { statSync } = require("fs");

const costOf = (path) => (/\.property\.test\.ts$/.test(path) ? 1e12 : 0) + statSync(path).size;

class FastFirstSequencer extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => costOf(a.path) - costOf(b.path) || a.path.localeCompare(b.path));
  }
}

module.exports = FastFirstSequencer;
