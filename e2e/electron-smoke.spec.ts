// The desktop app itself: the real Electron binary runs the built app, starts the local broker
// and connects to it through the UI. Where no Electron binary is (it cannot be downloaded on
// every machine), the test says so in one line and is skipped; it never downloads one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../testing/electron-binary';
import { ScopePage } from './support/scope-page';

const projectDir = fileURLToPath(new URL('..', import.meta.url));

test('the desktop app connects to its local broker through the UI and shows the CONNACK', async () => {
  const found = findElectronBinary(projectDir);
  const binary = 'binary' in found ? found.binary : undefined;
  if (!binary) console.log(`Electron smoke test did not run: ${'missing' in found ? found.missing : ''}. Set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron to run it (README: The Electron smoke test).`);
  // The reason names what was looked for and where, so a reader can check it on the machine.
  test.skip(!binary, `no Electron binary: ${'missing' in found ? found.missing : ''}`);
  test.setTimeout(90_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mqttscope-electron-'));
  // Chromium refuses its sandbox as root (containers, CI); a person's workstation keeps it.
  const rootOnly = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const app = await electron.launch({ executablePath: binary!, args: [...rootOnly, projectDir], env: { ...process.env, MQTTSCOPE_DATA_DIR: dataDir } as Record<string, string> });
  try {
    const page = await app.firstWindow();
    expect(page.url()).toBe('app://mqtt-scope/index.html');
    // The page has the bridge and nothing of Node.
    expect(await page.evaluate(() => [typeof (window as unknown as Record<string, unknown>).mqttscope, typeof (globalThis as Record<string, unknown>).require, typeof (globalThis as Record<string, unknown>).process])).toEqual(['object', 'undefined', 'undefined']);
    const scope = new ScopePage(page);
    await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeEnabled();
    const broker = scope.region('Broker');
    await broker.getByRole('button', { name: 'Start broker' }).click();
    await expect(broker).toContainText('Embedded broker running on 127.0.0.1:');
    await broker.getByRole('button', { name: 'Use in the connection form' }).click();
    await scope.fill({ clientId: 'electron-smoke' });
    await scope.connect();
    await expect(scope.connackValue('Return code')).toHaveText('0 Connection accepted');
    await expect(scope.connackValue('Session present')).toContainText('no');
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
