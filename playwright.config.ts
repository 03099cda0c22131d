import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './testing/chromium';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Bounds, not speeds: every step waits for what a person would see, and these only end a test
  // that would never get there. They are wide because the suite must hold on a machine that is
  // busy with other work (four CPU hogs and a 20,000 msg/s flood: scripts/busy-machine.mjs),
  // where a browser step takes three to five times as long as on a quiet one.
  timeout: 120_000,
  expect: { timeout: 30_000 },
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
      args: CHROMIUM_ARGS,
    },
  },
});
