// `npm start` builds the renderer without a warning a newcomer must wonder about: no chunk over
// Vite's 500 kB limit, the payload codecs in a chunk of their own (loaded on first use).
import { describe, expect, it } from 'vitest';
import { build, type Rolldown } from 'vite';

/** Vite's default `build.chunkSizeWarningLimit`, in kB of 1,000 bytes. */
const WARNING_LIMIT_KB = 500;

describe('the renderer build', () => {
  it('splits its first load below the chunk size warning, the payload codecs apart', async () => {
    // Made in memory: the built app in dist/ (which the e2e tests serve) is left alone. Vitest
    // sets NODE_ENV to `test`, which would build React's development code; `npm start` does not.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    const result = (await build({ configFile: 'vite.config.ts', logLevel: 'silent', build: { write: false, emptyOutDir: false } }).finally(() => {
      process.env.NODE_ENV = nodeEnv;
    })) as Rolldown.RolldownOutput;
    const chunks = result.output.filter((item): item is Rolldown.OutputChunk => item.type === 'chunk');
    const over = chunks.filter((chunk) => chunk.code.length / 1000 > WARNING_LIMIT_KB).map((chunk) => `${chunk.name}: ${Math.round(chunk.code.length / 1000)} kB`);
    expect(over).toEqual([]);
    expect(chunks.some((chunk) => chunk.isDynamicEntry && chunk.name === 'codecs')).toBe(true);
  }, 120_000);
});
