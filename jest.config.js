/** Jest runs the TypeScript sources through SWC, since TypeScript 7 has no compiler API. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
  },
  testTimeout: 30_000,
  maxWorkers: 2,
  // Tees each test file's output for the log scan of log-capture-reporter.js.
  setupFilesAfterEnv: ['<rootDir>/test/support/log-capture-setup.js'],
  // The log scan reporter must come before results-reporter.js: it adds a leak to the totals
  // that results-reporter.js then writes to .jest-results.json.
  reporters: [
    '<rootDir>/test/support/log-capture-reporter.js',
    'default',
    '<rootDir>/test/support/results-reporter.js',
  ],
};
