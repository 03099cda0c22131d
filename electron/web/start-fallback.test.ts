// `npm start` where Electron cannot start: one line saying why, then browser mode serving the UI.
// An Electron that dies at start (no display) stands in for the real one, so nothing is downloaded.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { until } from '../../testing/wait';

const projectDir = path.resolve(__dirname, '..', '..');
const work = mkdtempSync(path.join(tmpdir(), 'mqttscope-start-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm start without a working Electron', () => {
  it.skipIf(process.platform === 'win32')('says why in one line and serves browser mode instead', async () => {
    if (!existsSync(path.join(projectDir, 'dist', 'node', 'web.cjs'))) throw new Error('dist/node/web.cjs is missing: run `node scripts/build.mjs` first (npm test does)');
    const electronDist = path.join(work, 'electron');
    mkdirSync(electronDist);
    writeFileSync(path.join(electronDist, 'electron'), "#!/bin/sh\necho 'Missing X server or $DISPLAY' >&2\nexit 1\n");
    chmodSync(path.join(electronDist, 'electron'), 0o755);
    const child = spawn(process.execPath, ['scripts/start.mjs', '--port', '0'], {
      cwd: projectDir,
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: electronDist, MQTTSCOPE_DATA_DIR: path.join(work, 'data'), MQTTSCOPE_BROWSER: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.resume();
    try {
      await until(() => /Open: http:\/\/\S+/.test(stdout), 30_000, 'browser mode to start');
      const lines = stdout.split('\n').filter(Boolean);
      expect(lines[0]).toBe('Electron cannot start here: Electron exited at start (Missing X server or $DISPLAY). Starting browser mode instead.');
      expect(lines.filter((line) => line.startsWith('Electron cannot start here'))).toHaveLength(1);
      const page = await fetch(/Open: (http:\/\/\S+)/.exec(stdout)![1]);
      expect(page.status).toBe(200);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }, 60_000);
});
