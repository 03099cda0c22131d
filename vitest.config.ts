import { defineConfig } from 'vitest/config';
import { sharedAlias } from './vite.config.ts';

export default defineConfig({
  resolve: { alias: sharedAlias },
  test: {
    include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'testing/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}'],
    // Bounds for a test that would never finish, wide enough for a busy machine (scripts/busy-machine.mjs):
    // tests wait for events and count work; none of them measures time against these.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
