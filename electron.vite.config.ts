// SPDX-License-Identifier: Apache-2.0
// electron-vite: main (the thin shell + engine), a sandboxed CJS preload, and the Svelte renderer.
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';

const contract = fileURLToPath(new URL('./src-main/contract', import.meta.url));

export default defineConfig({
  main: {
    resolve: { alias: { '@contract': contract } },
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { main: 'src-main/shell/main.ts' } },
    },
  },
  preload: {
    resolve: { alias: { '@contract': contract } },
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot be an ES module: one CommonJS file importing only electron.
      rollupOptions: { input: { index: 'src-main/preload/index.ts' }, output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: 'src-renderer',
    resolve: { alias: { '@contract': contract } },
    plugins: [svelte()],
    build: { outDir: 'out/renderer', rollupOptions: { input: 'src-renderer/index.html' } },
  },
});
