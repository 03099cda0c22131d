import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/** Chromium from MQTTSCOPE_CHROMIUM, then Debian's, then Playwright's own install; never a download. */
function chromiumPath(): string | undefined {
  const candidates = [process.env.MQTTSCOPE_CHROMIUM, '/usr/bin/chromium'];
  return candidates.find((candidate): candidate is string => !!candidate && existsSync(candidate));
}

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath(),
      // Chromium's own calls home fail on a closed network; these keep it quiet and quick.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
