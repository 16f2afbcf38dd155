// Writes jest's totals to .jest-results.json so .ci/run can print one summary line from them.
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

class ResultsReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const totals = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
    };
    writeFileSync(join(this.rootDir, '.jest-results.json'), JSON.stringify(totals));
  }
}

module.exports = ResultsReporter;
