/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  modulePathIgnorePatterns: ["<rootDir>/lib/", "<rootDir>/wt/", "<rootDir>/cdktf.out/"],
  testTimeout: 60000,
  reporters: ["default", "<rootDir>/test/summary-reporter.js"],
};
