// SPDX-License-Identifier: Apache-2.0
// Which build bin/podlab.js runs: the bundle while nothing it was built from changed, else the sources.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUNDLE_ENTRY, chooseCliBuild } from '../../bin/cli-build.js';

const temp: string[] = [];
afterEach(() => temp.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const BUILT = new Date('2026-03-02T10:00:00Z');
const before = new Date(BUILT.getTime() - 60_000);
const after = new Date(BUILT.getTime() + 1_000);

/** A checkout: sources and the build script dated before the bundle (the bundle only if `bundle`). */
function checkout(bundle = true): string {
  const root = mkdtempSync(join(tmpdir(), 'podlab-cli-build-'));
  temp.push(root);
  for (const file of ['src-main/cli/main.ts', 'src-main/core/engine.ts', 'scripts/build-cli.ts', 'scripts/build-cli-bundle.ts', ...(bundle ? [BUNDLE_ENTRY] : [])]) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), '');
  }
  for (const path of ['src-main/cli/main.ts', 'src-main/core/engine.ts', 'src-main/cli', 'src-main/core', 'src-main', 'scripts/build-cli.ts', 'scripts/build-cli-bundle.ts']) utimesSync(join(root, path), before, before);
  if (bundle) utimesSync(join(root, BUNDLE_ENTRY), BUILT, BUILT);
  return root;
}

describe('chooseCliBuild', () => {
  it('runs the bundle when nothing it was built from changed after it', () => {
    const root = checkout();
    expect(chooseCliBuild(root, undefined)).toEqual({ from: 'bundle', bundle: join(root, BUNDLE_ENTRY) });
    expect(chooseCliBuild(root, '')).toEqual({ from: 'bundle', bundle: join(root, BUNDLE_ENTRY) });
  });

  it.each([
    ['a source edited', 'src-main/core/engine.ts', (root: string) => utimesSync(join(root, 'src-main/core/engine.ts'), after, after)],
    ['a source added or deleted (its folder changes)', 'src-main/core', (root: string) => utimesSync(join(root, 'src-main/core'), after, after)],
    ['the build script edited', 'scripts/build-cli-bundle.ts', (root: string) => utimesSync(join(root, 'scripts/build-cli-bundle.ts'), after, after)],
  ])('runs the sources after %s, and says which', (_what, newer, change) => {
    const root = checkout();
    change(root);
    expect(chooseCliBuild(root, undefined)).toEqual({ from: 'sources', why: `${join(root, newer)} changed after ${BUNDLE_ENTRY} was built`, bundle: join(root, BUNDLE_ENTRY) });
  });

  it('counts a source dated the same as the bundle as built (npm dates every file of a package alike)', () => {
    const root = checkout();
    utimesSync(join(root, 'src-main/core/engine.ts'), BUILT, BUILT);
    expect(chooseCliBuild(root, undefined).from).toBe('bundle');
  });

  it('runs the bundle of an install that has no sources', () => {
    const root = checkout();
    rmSync(join(root, 'src-main'), { recursive: true });
    rmSync(join(root, 'scripts'), { recursive: true });
    expect(chooseCliBuild(root, undefined).from).toBe('bundle');
  });

  it('runs the sources when there is no bundle', () => {
    expect(chooseCliBuild(checkout(false), undefined)).toEqual({ from: 'sources', why: `${BUNDLE_ENTRY} is not built`, bundle: undefined });
  });

  it('does as APP_CLI_FROM insists: a stale bundle, or the sources with no bundle to fall back on', () => {
    const root = checkout();
    utimesSync(join(root, 'src-main/cli/main.ts'), after, after);
    expect(chooseCliBuild(root, 'bundle')).toEqual({ from: 'bundle', bundle: join(root, BUNDLE_ENTRY) });
    expect(chooseCliBuild(checkout(), 'sources')).toEqual({ from: 'sources', why: 'APP_CLI_FROM is sources', bundle: undefined });
  });

  it('refuses an APP_CLI_FROM it does not know, and bundle when there is none', () => {
    expect(() => chooseCliBuild(checkout(), 'built')).toThrow(/APP_CLI_FROM is "built"; give bundle or sources/);
    expect(() => chooseCliBuild(checkout(false), 'bundle')).toThrow(/APP_CLI_FROM is bundle, but out\/cli\/main.js is not built/);
  });
});
