// `npm start`: opens the Electron window; where the Electron runtime cannot be had, says so in
// one line and serves browser mode instead. `--browser` (or MQTTSCOPE_BROWSER=1) goes straight
// to browser mode. Other arguments go to the browser-mode host (--port N, --host H).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2).filter((arg) => arg !== '--browser');
const browserOnly = process.argv.includes('--browser') || process.env.MQTTSCOPE_BROWSER === '1';
const INSTALL_TIMEOUT_MS = 120_000;
/** An Electron that dies this soon after starting (no display, missing libraries) did not start. */
const EARLY_EXIT_MS = 4_000;

function electronBinary(electronDir) {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : undefined;
}

/** Finds the Electron binary, fetching it once if it is missing; a reason when it cannot. */
function findElectron() {
  // An unpacked Electron named by hand, as the electron package itself honours it: never fetched.
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = path.join(override, process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron');
    return existsSync(binary) ? { binary } : { reason: `ELECTRON_OVERRIDE_DIST_PATH has no Electron binary (${binary})` };
  }
  let electronDir;
  try {
    // package.json, not the package itself: requiring 'electron' would start a download.
    electronDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const present = electronBinary(electronDir);
  if (present) return { binary: present };
  const install = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    encoding: 'utf8',
    timeout: INSTALL_TIMEOUT_MS,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const fetched = electronBinary(electronDir);
  if (fetched) return { binary: fetched };
  const detail = `${install.stderr ?? ''}\n${install.error?.message ?? ''}`
    .split('\n')
    .map((line) => line.trim())
    .find((line) => /error|failed|timed? ?out|ENOTFOUND|EAI_AGAIN|ECONNREFUSED/i.test(line));
  return { reason: `the Electron binary could not be downloaded${detail ? ` (${detail.slice(0, 160)})` : ''}` };
}

function startBrowserMode(reason) {
  console.log(`Electron cannot start here: ${reason}. Starting browser mode instead.`);
  const web = spawn(process.execPath, ['dist/node/web.cjs', ...args], { stdio: 'inherit' });
  web.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => web.kill(signal));
}

if (browserOnly) {
  startBrowserMode('browser mode was asked for');
} else {
  const electron = findElectron();
  if (!electron.binary) {
    startBrowserMode(electron.reason);
  } else {
    const started = Date.now();
    let stderr = '';
    const child = spawn(electron.binary, ['.'], { stdio: ['ignore', 'inherit', 'pipe'] });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      process.stderr.write(chunk);
    });
    child.on('error', (error) => startBrowserMode(`the Electron binary failed to run (${error.message})`));
    child.on('exit', (code, signal) => {
      if (code !== 0 && Date.now() - started < EARLY_EXIT_MS) {
        const line = stderr.split('\n').find((text) => text.trim()) ?? `exit code ${code ?? signal}`;
        startBrowserMode(`Electron exited at start (${line.trim().slice(0, 160)})`);
      } else {
        process.exit(code ?? 0);
      }
    });
  }
}
