// SPDX-License-Identifier: Apache-2.0
// The CLI bundle, built with vite (rolldown underneath: the bundler electron-vite drives for the
// app). ES modules with code splitting: each `await import(...)` in src-main/cli/ stays a chunk of
// its own, loaded only by the command that needs it. Run by scripts/build-cli.ts; tests build into
// a folder of their own.
import { randomUUID } from 'node:crypto';
import { rmSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
export const CLI_OUT_DIR = join(root, 'out', 'cli');

/** Builds src-main/cli/main.ts into outDir (emptied first); its entry is outDir/main.js. */
export async function buildCliBundle(outDir: string = CLI_OUT_DIR): Promise<void> {
  const started = new Date();
  await buildNodeBundle({ main: join(root, 'src-main', 'cli', 'main.ts') }, outDir);
  // bin/podlab.js runs the bundle only if nothing it was built from changed after it was built.
  // Dating the entry at the build's start, not its end, makes a source saved during the build newer.
  utimesSync(join(outDir, 'main.js'), started, started);
}

/**
 * Entries (name → source) built as the CLI is, into outDir (emptied first): what runs in plain
 * Node. The engine bench weighs its runs this way, not under tsx. outDir must sit inside the
 * project, so that the bundle's package imports find node_modules.
 */
export async function buildNodeBundle(input: Record<string, string>, outDir: string): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    resolve: { alias: { '@contract': join(root, 'src-main', 'contract') } },
    // A new id each build: what `scenarios list` remembers is valid only for the build that judged it.
    define: { __PODLAB_BUILD_ID__: JSON.stringify(randomUUID()) },
    // Packages stay in node_modules, imported at run time. Measured: bundling yaml and zod in changed
    // neither the time nor the memory of a start; better-sqlite3 is a native addon, and the rest are
    // only loaded by commands that talk to a cluster.
    ssr: { external: true },
    build: {
      ssr: true,
      outDir,
      emptyOutDir: false,
      target: 'node20.19',
      minify: false,
      sourcemap: true,
      reportCompressedSize: false,
      copyPublicDir: false,
      rolldownOptions: {
        input,
        // The CLI imports the engine through core/index.ts, whose modules have no import-time side
        // effects (its header says so): told that, the bundler drops what a command does not use,
        // and `--help` loads no engine. Packages keep the default: they may have side effects.
        treeshake: { moduleSideEffects: (id: string, external: boolean) => external || id.includes('/node_modules/') },
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  });
}
