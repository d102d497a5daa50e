// SPDX-License-Identifier: Apache-2.0
// electron-vite: main (the thin shell + engine), a sandboxed CJS preload, and the Svelte renderer.
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { META_CSP } from './src-main/serve/security-headers';

const contract = fileURLToPath(new URL('./src-main/contract', import.meta.url));

/** index.html's CSP tag, from the one policy the headers carry, first in <head> so it covers every script. */
export const cspMeta: Plugin = {
  name: 'podlab-csp-meta',
  transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CSP }, injectTo: 'head-prepend' }],
};

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
    plugins: [cspMeta, svelte()],
    build: { outDir: 'out/renderer', rollupOptions: { input: 'src-renderer/index.html' } },
  },
});
