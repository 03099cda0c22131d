// `npm test`: the whole suite. Checks the programs the tests drive (Chromium, mosquitto and its
// clients, openssl, tshark and dumpcap), installs them with apt-get when it can, then
// type-checks, builds, and runs the unit and end-to-end tests. Ends with one line: "tests: N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const OUTPUT = '.test-output';
const APT_PACKAGES = ['chromium', 'mosquitto', 'mosquitto-clients', 'openssl', 'tshark', 'wireshark-common'];

function onPath(program) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && existsSync(path.join(dir, program)));
}

function missingPrograms() {
  const missing = [];
  const chromium = process.env.MQTTSCOPE_CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(chromium)) missing.push(`Chromium (${chromium})`);
  for (const program of ['mosquitto', 'mosquitto_passwd', 'mosquitto_sub', 'mosquitto_pub', 'openssl', 'tshark', 'dumpcap']) if (!onPath(program) && !existsSync(`/usr/sbin/${program}`)) missing.push(program);
  return missing;
}

function run(title, command, args, env = {}) {
  console.log(`\n== ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function ensurePrograms() {
  const missing = missingPrograms();
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y --no-install-recommends ${APT_PACKAGES.join(' ')}`;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !existsSync('/etc/debian_version')) {
    console.error(`The tests need ${missing.join(', ')}. Install them with:\n  sudo sh -c '${command}'\n(or set MQTTSCOPE_CHROMIUM to a Chromium binary).`);
    process.exit(1);
  }
  console.log(`Installing what the tests need (${missing.join(', ')}): ${command}`);
  const installed = spawnSync('sh', ['-c', command], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  const still = missingPrograms();
  if (installed.status !== 0 || still.length > 0) {
    console.error(`Could not install ${still.join(', ') || APT_PACKAGES.join(', ')}; run: ${command}`);
    process.exit(1);
  }
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Vitest's JSON report: counts of passed and failed tests. */
function unitCounts(report) {
  if (!report) return { passed: 0, failed: 1 };
  return { passed: report.numPassedTests, failed: report.numFailedTests + (report.success ? 0 : report.numFailedTests === 0 ? 1 : 0) };
}

/** Vitest's failed tests, as "file › title: first line of the error". */
function unitFailures(report) {
  if (!report) return ['vitest: no report was written (see the log above)'];
  const failures = (report.testResults ?? []).flatMap((file) => {
    const name = path.relative(process.cwd(), file.name);
    const failed = (file.assertionResults ?? []).filter((test) => test.status === 'failed').map((test) => `${name} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    // A file's own error (it did not load, a hook failed), beside its tests' or alone.
    return file.status === 'failed' && file.message ? [`${name}: ${firstLine(file.message)}`, ...failed] : failed;
  });
  if (!report.success && failures.length === 0) failures.push('vitest: an error outside the tests, an unhandled one (see the log above)');
  return failures;
}

/** Playwright's failed or flaky tests, as "file › title: first line of the error". */
function e2eFailures(report) {
  const failures = [];
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected' && test.status !== 'flaky') continue;
        const error = test.results?.find((result) => result.error)?.error?.message;
        failures.push(`${spec.file} › ${[...titles, spec.title].join(' › ')} (${test.status}): ${firstLine(error)}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  for (const suite of report?.suites ?? []) walk(suite, []);
  return failures.concat((report?.errors ?? []).map((error) => `e2e: ${firstLine(error.message)}`));
}

function firstLine(text) {
  return String(text ?? 'no message').replace(/\u001b\[[0-9;]*m/g, '').trim().split('\n')[0].slice(0, 300);
}

/** Playwright's JSON report: expected = passed, unexpected + flaky = failed. */
function e2eCounts(report) {
  if (!report?.stats) return { passed: 0, failed: 1 };
  return { passed: report.stats.expected, failed: report.stats.unexpected + report.stats.flaky + (report.errors?.length ?? 0) };
}

ensurePrograms();
mkdirSync(OUTPUT, { recursive: true });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

const typesOk = run('type check', npx, ['tsc', '--noEmit', '-p', 'tsconfig.json']);
const buildOk = run('build', process.execPath, ['scripts/build.mjs']);
run('unit tests (vitest)', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${OUTPUT}/unit.json`]);
const unitReport = readJson(`${OUTPUT}/unit.json`);
const unit = unitCounts(unitReport);
let e2e = { passed: 0, failed: 1 };
let e2eReport;
if (buildOk) {
  run('end-to-end tests (Playwright, Chromium)', npx, ['playwright', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: `${OUTPUT}/e2e.json`,
  });
  e2eReport = readJson(`${OUTPUT}/e2e.json`);
  e2e = e2eCounts(e2eReport);
}

// Said again at the end, where a log cut to its last lines still shows them.
const failures = [...unitFailures(unitReport), ...e2eFailures(e2eReport)];
if (failures.length > 0) console.log(`\nfailed:\n${failures.map((line) => `  ${line}`).join('\n')}`);
const checks = { passed: Number(typesOk) + Number(buildOk), failed: Number(!typesOk) + Number(!buildOk) };
console.log(`\nunit: ${unit.passed} passed, ${unit.failed} failed`);
console.log(`e2e: ${e2e.passed} passed, ${e2e.failed} failed`);
console.log(`checks (types, build): ${checks.passed} passed, ${checks.failed} failed`);
const passed = unit.passed + e2e.passed + checks.passed;
const failed = unit.failed + e2e.failed + checks.failed;
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
