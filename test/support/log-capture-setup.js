// Jest setup file (setupFilesAfterEnv): tees everything a test file writes to process.stdout,
// process.stderr and the console into one file under the folder that log-capture-reporter.js
// created, so the reporter can scan the whole run's output for leaked secrets and personal
// data once every test file has finished. Without that folder (jest run with another config)
// it does nothing.
const { closeSync, openSync, writeSync } = require('node:fs');
const { basename, join } = require('node:path');
const { format } = require('node:util');

const CAPTURE_DIR_ENV = 'TALKPILOT_LOG_CAPTURE_DIR';
const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir'];

function captureFileName(testPath) {
  const name = basename(testPath).replace(/[^A-Za-z0-9._-]/g, '_');

  return `${name}.${process.pid}.${Date.now()}.log`;
}

function startCapture(directory) {
  const testPath = expect.getState().testPath ?? 'unknown';
  const fd = openSync(join(directory, captureFileName(testPath)), 'a');
  writeSync(fd, `# test file: ${testPath}\n`);
  const record = (text) => {
    try {
      writeSync(fd, text);
    } catch {
      // The file was closed after the test file ended; a late line is no longer recorded.
    }
  };
  const restorers = [teeStream(process.stdout, record), teeStream(process.stderr, record)];
  // Fake loggers that keep lines in memory write them here too (test/support/log-capture-sink.ts).
  globalThis.__talkpilotLogCapture = record;
  restorers.push(() => {
    globalThis.__talkpilotLogCapture = undefined;
  });
  for (const method of CONSOLE_METHODS) {
    restorers.push(teeConsole(method, record));
  }

  afterAll(() => {
    for (const restore of restorers.reverse()) {
      restore();
    }
    closeSync(fd);
  });
}

function teeStream(stream, record) {
  const original = stream.write;
  stream.write = function write(chunk, ...rest) {
    record(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));

    return original.call(this, chunk, ...rest);
  };

  return () => {
    stream.write = original;
  };
}

function teeConsole(method, record) {
  const original = console[method];
  if (typeof original !== 'function') {
    return () => {};
  }
  console[method] = function tee(...args) {
    record(`${format(...args)}\n`);

    return original.apply(this, args);
  };

  return () => {
    console[method] = original;
  };
}

const directory = process.env[CAPTURE_DIR_ENV];
if (directory) {
  startCapture(directory);
}
