import { defineConfig } from 'vitest/config';
import { sharedAlias } from './vite.config.ts';

export default defineConfig({
  resolve: { alias: sharedAlias },
  test: {
    include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'testing/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}'],
    testTimeout: 15_000,
    pool: 'forks',
  },
});
