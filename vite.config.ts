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
    rolldownOptions: {
      output: {
        // The payload codecs are their own chunk already (loaded when a payload is first shown).
        // What is left of the first load is mostly React and zod (the form is checked with the
        // engine's own schemas); each gets a chunk of its own, so the app's code stays under
        // Vite's 500 kB warning and that warning keeps meaning something. The workspace's parts
        // made by others (panes, menus, the palette, icons, the virtual list) are one more; uPlot
        // comes with the Plot tab, the first time it is shown.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
            { name: 'workspace-kit', test: /node_modules[\\/](@radix-ui|@floating-ui|cmdk|lucide-react|react-resizable-panels|@tanstack|react-remove-scroll|react-remove-scroll-bar|react-style-singleton|use-callback-ref|use-sidecar|aria-hidden|get-nonce|tslib)[\\/]/ },
          ],
        },
      },
    },
  },
});
