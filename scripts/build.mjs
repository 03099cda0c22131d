// Builds everything the hosts run: the renderer (Vite) and the Node/Electron bundles (esbuild).
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

await Promise.all([
  viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' }),
  esbuild({ ...node, entryPoints: { web: 'electron/web/main.ts' }, outdir: 'dist/node', outExtension: { '.js': '.cjs' } }),
  esbuild({
    ...node,
    target: 'node22',
    entryPoints: { main: 'electron/main/main.ts', preload: 'electron/preload/preload.ts' },
    outdir: 'dist/electron',
    outExtension: { '.js': '.cjs' },
  }),
]);
