// The mutant Stryker is running, for the mutation-testing-only Jest plug-ins (scripts/stryker-bail-*.js):
// Stryker sets this variable for each mutant run (@stryker-mutator/api INSTRUMENTER_CONSTANTS) and
// leaves it unset in the dry run.
const ACTIVE_MUTANT = "__STRYKER_ACTIVE_MUTANT__";

/** The id of the mutant being run, or undefined in the dry run. */
const activeMutant = () => process.env[ACTIVE_MUTANT];

module.exports = { activeMutant };
