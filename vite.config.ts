import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export const sharedAlias = { '@shared': fileURLToPath(new URL('./shared', import.meta.url)) };

// The renderer is built to plain files: Electron loads them from disk, browser mode serves them.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  resolve: { alias: sharedAlias },
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    // MQTTSCOPE_READABLE_BUILD=1 keeps names, for profiling the UI benchmark.
    minify: !process.env.MQTTSCOPE_READABLE_BUILD,
  },
});
