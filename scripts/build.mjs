// Builds what the hosts run: the renderer (Vite) and the Node, command-line and Electron bundles
// (esbuild); the benchmark on request.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // ws loads these native speed-ups only when installed; electron exists only inside Electron.
  external: ['electron', 'bufferutil', 'utf-8-validate'],
};
/** The app's bundles: its dependencies' debug logging compiled out (scripts/bundle/debug-off.cjs). */
const app = { ...node, alias: { debug: './scripts/bundle/debug-off.cjs' } };

const targets = {
  renderer: () => viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' }),
  web: () => esbuild({ ...app, entryPoints: { web: 'electron/web/main.ts' }, outdir: 'dist/node', outExtension: { '.js': '.cjs' } }),
  cli: () => esbuild({ ...app, entryPoints: { cli: 'electron/cli/main.ts' }, outdir: 'dist/node', outExtension: { '.js': '.cjs' } }),
  bench: () => Promise.all([
    esbuild({
      ...node,
      entryPoints: { bench: 'bench/decode.bench.ts', 'bench-client': 'bench/client.bench.ts', 'bench-broker': 'bench/broker.bench.ts', 'bench-capture': 'bench/capture.bench.ts', 'bench-ui': 'bench/ui.bench.ts', 'bench-long': 'bench/long.bench.ts', 'bench-topics': 'bench/topics.bench.ts', 'bench-plot': 'bench/plot.bench.ts' },
      outdir: 'dist/node',
      outExtension: { '.js': '.cjs' },
    }),
    // The broker and the capture as the app runs them: built as the app is.
    esbuild({ ...app, entryPoints: { 'bench-broker-host': 'bench/support/broker-host.ts', 'bench-capture-host': 'bench/support/capture-host.ts' }, outdir: 'dist/node', outExtension: { '.js': '.cjs' } }),
  ]),
  electron: () => esbuild({
    ...app,
    target: 'node22',
    entryPoints: { main: 'electron/main/main.ts', preload: 'electron/preload/preload.ts' },
    outdir: 'dist/electron',
    outExtension: { '.js': '.cjs' },
  }),
};

/** `node scripts/build.mjs [target…]`: the named targets, or everything the app runs. */
const asked = process.argv.slice(2);
for (const name of asked) if (!(name in targets)) throw new Error(`Unknown build target ${name}; known: ${Object.keys(targets).join(', ')}`);
await Promise.all((asked.length ? asked : ['renderer', 'web', 'cli', 'electron']).map((name) => targets[name]()));
