// Scans captured log files for the forbidden strings and patterns of log-capture-forbidden.js.
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { FORBIDDEN_PATTERNS, FORBIDDEN_STRINGS } = require('./log-capture-forbidden');

/**
 * Masks a leaked value for the report: its first two characters, then its length, so the
 * report names the leak without repeating it.
 * @param {string} value
 * @returns {string}
 */
function maskValue(value) {
  return `${value.slice(0, 2)}*** (${value.length} chars)`;
}

/**
 * Finds every forbidden string and pattern in `text`.
 * @param {string} text
 * @returns {{label: string, masked: string}[]}
 */
function findLeaks(text) {
  const leaks = [];
  for (const { label, value } of FORBIDDEN_STRINGS) {
    if (text.includes(value)) {
      leaks.push({ label, masked: maskValue(value) });
    }
  }
  for (const { label, pattern } of FORBIDDEN_PATTERNS) {
    const match = pattern.exec(text);
    if (match) {
      leaks.push({ label, masked: maskValue(match[0]) });
    }
  }

  return leaks;
}

/**
 * Scans every `.log` file in `directory`; each file starts with a `# test file:` line.
 * @param {string} directory
 * @returns {{testFile: string, label: string, masked: string}[]}
 */
function scanCaptureDirectory(directory) {
  const leaks = [];
  for (const name of readdirSync(directory).filter((file) => file.endsWith('.log'))) {
    const text = readFileSync(join(directory, name), 'utf8');
    const header = /^# test file: (.*)$/m.exec(text);
    const testFile = header ? header[1] : name;
    const body = header ? text.slice(header[0].length) : text;
    for (const leak of findLeaks(body)) {
      leaks.push({ testFile, ...leak });
    }
  }

  return leaks;
}

module.exports = { findLeaks, maskValue, scanCaptureDirectory };
