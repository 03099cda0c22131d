// The `mqttscope` program as a person runs it, built from the sources into a scratch folder for
// the tests that drive it through real stdin and stdout.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

/** Builds `electron/cli/main.ts` into one file and returns its path. */
export async function buildCliProgram(): Promise<string> {
  const outdir = mkdtempSync(path.join(tmpdir(), 'mqttscope-cli-'));
  await build({ entryPoints: { cli: 'electron/cli/main.ts' }, bundle: true, platform: 'node', format: 'cjs', outdir, outExtension: { '.js': '.cjs' }, logLevel: 'warning' });
  return path.join(outdir, 'cli.cjs');
}
