// SPDX-License-Identifier: Apache-2.0
// Which build of the CLI bin/podlab.js runs: the bundle (out/cli/, `npm run build:cli`) when nothing
// it was built from changed since, else the TypeScript sources through tsx. Plain JavaScript: it
// runs before anything could compile it. Types in cli-build.d.ts.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const BUNDLE_ENTRY = 'out/cli/main.js';
export const SOURCE_ENTRY = 'src-main/cli/main.ts';
/** What the bundle is built from; a folder counts with everything in it. */
export const BUILT_FROM = ['src-main', 'scripts/build-cli.ts', 'scripts/build-cli-bundle.ts'];

/**
 * `from` is APP_CLI_FROM: 'bundle' or 'sources' to insist (a bench comparing the two, a test), unset
 * to choose. The bundle is dated at the start of its build (scripts/build-cli-bundle.ts), so a source saved
 * during the build counts as newer. A folder's own time counts too: deleting or renaming a file in
 * it changes that, not any file's.
 */
export function chooseCliBuild(root, from) {
  if (from !== undefined && from !== '' && from !== 'bundle' && from !== 'sources') throw new Error(`APP_CLI_FROM is "${from}"; give bundle or sources, or leave it unset`);
  const entry = join(root, BUNDLE_ENTRY);
  const built = statSync(entry, { throwIfNoEntry: false })?.mtimeMs;
  if (from === 'sources') return { from: 'sources', why: 'APP_CLI_FROM is sources', bundle: undefined };
  if (built === undefined && from === 'bundle') throw new Error(`APP_CLI_FROM is bundle, but ${BUNDLE_ENTRY} is not built: run \`npm run build:cli\``);
  if (built === undefined) return { from: 'sources', why: `${BUNDLE_ENTRY} is not built`, bundle: undefined };
  if (from === 'bundle') return { from: 'bundle', bundle: entry };
  const newer = firstNewer(BUILT_FROM.map((p) => join(root, p)), built);
  if (newer) return { from: 'sources', why: `${newer} changed after ${BUNDLE_ENTRY} was built`, bundle: entry };
  return { from: 'bundle', bundle: entry };
}

/** The first path at or under `paths` changed after `time` (ms), or undefined. Missing paths are skipped. */
export function firstNewer(paths, time) {
  for (const path of paths) {
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st) continue;
    // Strictly later: a package unpacked by npm dates every file the same, bundle included.
    if (st.mtimeMs > time) return path;
    if (!st.isDirectory()) continue;
    const inner = firstNewer(readdirSync(path).map((name) => join(path, name)), time);
    if (inner) return inner;
  }
  return undefined;
}
