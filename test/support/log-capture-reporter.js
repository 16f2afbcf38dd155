// Jest reporter that fails the run when any captured log line holds a secret or personal data.
//
// The constructor creates a temporary folder and names it in TALKPILOT_LOG_CAPTURE_DIR before
// jest starts its workers, which inherit the variable; log-capture-setup.js then tees each test
// file's output into that folder. Once all test files have finished, onRunComplete scans the
// folder. It is listed before results-reporter.js in jest.config.js, and jest calls reporters
// one after the other in that order, so a leak counted here into the aggregated results also
// counts in .jest-results.json and in jest's summary; getLastError() makes jest exit non-zero.
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, relative } = require('node:path');
const { scanCaptureDirectory } = require('./log-capture-scan');

const CAPTURE_DIR_ENV = 'TALKPILOT_LOG_CAPTURE_DIR';
/** Set to keep the captured files after the run, for a look by hand. */
const KEEP_ENV = 'TALKPILOT_LOG_CAPTURE_KEEP';

class LogCaptureReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
    this.directory = mkdtempSync(join(tmpdir(), 'talkpilot-log-capture-'));
    process.env[CAPTURE_DIR_ENV] = this.directory;
    this.error = undefined;
  }

  onRunComplete(_contexts, results) {
    const leaks = scanCaptureDirectory(this.directory);
    if (process.env[KEEP_ENV]) {
      process.stderr.write(`log scan: captured output kept in ${this.directory}\n`);
    } else {
      rmSync(this.directory, { recursive: true, force: true });
    }
    if (leaks.length === 0) {
      return;
    }

    const lines = leaks.map(
      (leak) => `  ${relative(this.rootDir, leak.testFile)}: ${leak.label} ${leak.masked}`,
    );
    const message = `log scan: ${leaks.length} forbidden value(s) in test output:\n${lines.join('\n')}`;
    process.stderr.write(`\n${message}\n\n`);
    this.error = new Error(message);
    results.numFailedTests += 1;
    results.numTotalTests += 1;
    results.success = false;
  }

  getLastError() {
    return this.error;
  }
}

module.exports = LogCaptureReporter;
