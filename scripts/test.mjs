// `npm test`: typecheck, lint, build, then the server's unit and integration tests (every
// integration file once on SQLite and once on PostgreSQL) and the end-to-end journeys in Chromium.
// Ends with one line "N passed, N failed, N skipped" and a non-zero exit on any failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfNeeded } from './build-if-needed.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function step(name, command, args, env = {}) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = result.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (!ok) failures.push(name);
  return ok;
}

function vitest(name, project) {
  const report = path.join(os.tmpdir(), `weibao-vitest-${project}-${process.pid}.json`);
  step(name, bin('vitest'), ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile=${report}`]);
  if (!fs.existsSync(report)) {
    totals.failed += 1;
    return;
  }
  const json = JSON.parse(fs.readFileSync(report, 'utf8'));
  fs.rmSync(report, { force: true });
  totals.passed += json.numPassedTests;
  totals.failed += json.numFailedTests;
  totals.skipped += json.numPendingTests + (json.numTodoTests ?? 0);
  // A file that failed to load has no tests to count; count it as a failure.
  if (json.numFailedTestSuites > 0 && json.numFailedTests === 0) totals.failed += json.numFailedTestSuites;
}

const only = process.argv.slice(2);
const wants = (s) => only.length === 0 || only.includes(s);

if (wants('typecheck')) {
  step('typecheck (server, CLI, tests, bench)', bin('tsc'), ['-p', 'tsconfig.json']);
  step('typecheck (console)', bin('tsc'), ['-p', 'web/tsconfig.json']);
}
if (wants('lint')) step('lint', bin('eslint'), ['.']);
if (wants('server') || wants('e2e')) {
  console.log('\n▶ build (when sources changed)');
  try {
    buildIfNeeded({ quiet: true });
    console.log('✔ build');
  } catch (error) {
    failures.push('build');
    console.log(`✘ build: ${error.message}`);
  }
}
if (wants('server')) vitest('unit and integration tests (SQLite and PostgreSQL)', 'server');
if (wants('e2e') && !failures.includes('build')) vitest('end-to-end journeys (Chromium)', 'e2e');

const failedSteps = failures.filter((f) => !f.includes('tests') && !f.includes('journeys'));
if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
totals.failed += failedSteps.length;
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length || totals.failed ? 1 : 0);
