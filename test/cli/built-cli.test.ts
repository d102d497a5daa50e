// SPDX-License-Identifier: Apache-2.0
// The built CLI, run the way an install runs it: bin/podlab.js beside out/cli/ in a folder of its
// own, with node_modules but without tsx (a development dependency) and without the sources.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCliBundle } from '../../scripts/build-cli-bundle';
import { main } from '../../src-main/cli/main';
import type { CliIo } from '../../src-main/cli/io';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const SCENARIOS = join(REPO, 'scenarios');
let install: string;

/** package.json, bin/ and node_modules (all but tsx) of this checkout in `dir`. */
function installInto(dir: string): void {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { name: string; version: string };
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: pkg.name, version: pkg.version, type: 'module', private: true }));
  mkdirSync(join(dir, 'bin'));
  for (const f of ['podlab.js', 'cli-build.js']) copyFileSync(join(REPO, 'bin', f), join(dir, 'bin', f));
  const modules = realpathSync(join(REPO, 'node_modules'));
  mkdirSync(join(dir, 'node_modules'));
  for (const name of readdirSync(modules)) if (name !== 'tsx' && name !== '.bin') symlinkSync(join(modules, name), join(dir, 'node_modules', name));
}

function podlab(root: string, args: string[], env: Record<string, string> = {}) {
  // The caller's APP_* settings (a scenarios folder, a forced build) would change what is tested.
  const own = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('APP_')));
  const r = spawnSync('node', [join(root, 'bin', 'podlab.js'), ...args], { encoding: 'utf8', env: { ...own, APP_DATA_DIR: join(root, 'data'), ...env }, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), readStdin: async () => '' };
}

/** What the sources print: the output the bundle must match. */
async function fromSources(argv: string[]) {
  const io = capture();
  const status = await main(argv, io);
  return { status, stdout: io.stdout.map((l) => `${l}\n`).join(''), stderr: io.stderr.map((l) => `${l}\n`).join('') };
}

/** Specifiers a module imports statically (import … from "x"), not through import(). */
function staticImports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^import\s+(?:[^'"]*?\s+from\s+)?["']([^"']+)["'];?$/gm)].map((m) => m[1]!);
}

/** Every package or built-in a chunk loads before its code runs, following its static imports. */
function loadedAtImport(file: string, seen = new Set<string>()): Set<string> {
  const found = new Set<string>();
  for (const spec of staticImports(file)) {
    if (!spec.startsWith('.')) {
      found.add(spec);
      continue;
    }
    const next = join(dirname(file), spec);
    if (seen.has(next)) continue;
    seen.add(next);
    for (const s of loadedAtImport(next, seen)) found.add(s);
  }
  return found;
}

const packages = (specs: Set<string>) => [...specs].filter((s) => !s.startsWith('node:'));

function chunkImportedLazily(from: string, name: string): string {
  const m = readFileSync(from, 'utf8').match(new RegExp(`import\\("(\\./(?:chunks/)?${name}-[^"]+\\.js)"\\)`));
  if (!m) throw new Error(`no import() of a ${name} chunk in ${from}`);
  return join(dirname(from), m[1]!);
}

beforeAll(async () => {
  install = mkdtempSync(join(tmpdir(), 'podlab-installed-'));
  await buildCliBundle(join(install, 'out', 'cli'));
  installInto(install);
  symlinkSync(SCENARIOS, join(install, 'scenarios'));
}, 120_000);

afterAll(() => rmSync(install, { recursive: true, force: true }));

describe('the built CLI', () => {
  it('prints the usage of --help as the sources do, with nothing on standard error', async () => {
    expect(podlab(install, ['--help'])).toEqual(await fromSources(['--help']));
  });

  it('loads no package for --help, and for list neither the YAML parser, zod, the store nor client-node', () => {
    const entry = join(install, 'out', 'cli', 'main.js');
    expect(packages(loadedAtImport(entry))).toEqual([]);
    const list = chunkImportedLazily(entry, 'scenarios-list');
    expect(packages(loadedAtImport(list))).toEqual([]);
    // the walk does find packages: validate loads the parser and the schemas as it starts
    expect(packages(loadedAtImport(chunkImportedLazily(entry, 'scenarios-validate')))).toEqual(expect.arrayContaining(['yaml', 'zod']));
  });

  it('lists the lessons as the sources do, and again from what it remembered in the data folder', async () => {
    const expected = await fromSources(['scenarios', 'list', '--json', '--scenarios', SCENARIOS]);
    expect(expected.status).toBe(0);
    expect(podlab(install, ['scenarios', 'list', '--json'])).toEqual(expected);
    expect(existsSync(join(install, 'data', 'cache', 'scenario-list.json'))).toBe(true);
    expect(podlab(install, ['scenarios', 'list', '--json'])).toEqual(expected);
  });

  it('refuses a remembered lesson that changed, with the messages of validate', () => {
    const lessons = join(install, 'lessons');
    cpSync(SCENARIOS, lessons, { recursive: true });
    expect(podlab(install, ['scenarios', 'list', '--scenarios', lessons]).status).toBe(0);
    const file = join(lessons, 'prestop-grace-period', 'scenario.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('timeoutSeconds: 180', 'timeoutSeconds: -1'));
    const validate = podlab(install, ['scenarios', 'validate', join(lessons, 'prestop-grace-period')]);
    expect(validate.status).toBe(1);
    const list = podlab(install, ['scenarios', 'list', '--scenarios', lessons]);
    expect(list.status).toBe(1);
    expect(list.stderr).toBe(validate.stderr);
    expect(list.stdout).not.toMatch(/prestop-grace-period/);
  });

  it('runs the bundle, saying so, when the sources beside it are newer and tsx is not installed', () => {
    mkdirSync(join(install, 'src-main'));
    try {
      writeFileSync(join(install, 'src-main', 'edited.ts'), '');
      const r = podlab(install, ['--help']);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^usage:/);
      expect(r.stderr).toMatch(/src-main.* changed after out\/cli\/main\.js was built; running the bundle anyway \(tsx, to run the sources, is not installed\)/);
    } finally {
      rmSync(join(install, 'src-main'), { recursive: true });
    }
  });

  it('says what to do when there is neither a bundle nor tsx', () => {
    const bare = mkdtempSync(join(tmpdir(), 'podlab-unbuilt-'));
    try {
      installInto(bare);
      const r = podlab(bare, ['--help']);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/out\/cli\/main\.js is not built, and tsx \(a development dependency\) is not installed to run the sources \(`npm run build:cli`/);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});

describe('bin/podlab.js in this checkout', () => {
  it('runs the sources through tsx when asked (as it does when they are newer than the bundle)', async () => {
    const r = podlab(REPO, ['--help'], { APP_CLI_FROM: 'sources', APP_LOG_LEVEL: 'debug', APP_DATA_DIR: join(install, 'data') });
    expect(r.stderr).toBe('podlab: running the sources through tsx (APP_CLI_FROM is sources)\n');
    expect({ ...r, stderr: '' }).toEqual(await fromSources(['--help']));
  });
});
