// SPDX-License-Identifier: Apache-2.0
// `podlab scenarios list` without parsing and validating every lesson at every start (issue #11).
// A valid lesson is remembered with a fingerprint of every file the loader read to judge it, in the
// order it read them; the next list reads those files again, with the loader's own checks, and uses
// the remembered line only if every byte is the same and the same build of podlab is running. A
// lesson that is refused is never remembered: it is loaded, and refused, the full way each time.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { ScenarioSummary } from '@contract/dto';
import { findScenarioDirs, readScenarioFile, type ScenarioProblem } from '../core';

/** One line of `podlab scenarios list` (and one object of its --json): the app's summary, less what only the store knows. */
export type ListedScenario = Pick<ScenarioSummary, 'id' | 'title' | 'source' | 'concepts'>;

interface Remembered {
  /** the files the loader read, by name relative to the lesson's folder, in its order */
  reads: string[];
  /** sha256 of those names and contents */
  fingerprint: string;
  listed: ListedScenario;
}

interface CacheFile {
  format: 1;
  build: string;
  node: string;
  /** by the lesson folder's absolute path (its name is part of what makes a lesson valid) */
  lessons: Record<string, Remembered>;
}

export interface ListOptions {
  /** the JSON file lessons are remembered in; none: every lesson is loaded in full */
  cacheFile?: string;
  /** the running build (build-id.ts); none: nothing is remembered */
  buildId?: string;
}

/** Every lesson under root as listed, and the problems of those that are not valid, in folder order. */
export async function listScenarios(root: string, options: ListOptions = {}): Promise<{ listed: ListedScenario[]; problems: ScenarioProblem[] }> {
  const cache = options.cacheFile && options.buildId ? await readCache(options.cacheFile, options.buildId) : undefined;
  const listed: ListedScenario[] = [];
  const problems: ScenarioProblem[] = [];
  const now: Record<string, Remembered> = {};
  const dirs = await findScenarioDirs(root);
  const remembered = dirs.map((dir) => cache?.lessons[resolve(dir)]);
  // Every remembered lesson's files re-read at once (a few hundred small reads: half the time of one
  // after another); the full loads below stay in folder order, like their problems.
  const same = await Promise.all(remembered.map((r, i) => (r ? readsTheSame(dirs[i]!, r) : false)));
  for (const [i, dir] of dirs.entries()) {
    const before = remembered[i];
    if (before && same[i]) {
      listed.push(before.listed);
      now[resolve(dir)] = before;
      continue;
    }
    const loaded = await loadRecorded(dir);
    problems.push(...loaded.problems);
    if (loaded.remembered) {
      listed.push(loaded.remembered.listed);
      now[resolve(dir)] = loaded.remembered;
    }
  }
  if (cache && options.cacheFile) {
    // Lessons of other roots (another --scenarios) stay; this root's are what is there now.
    const base = resolve(root);
    const lessons = Object.fromEntries(Object.entries(cache.lessons).filter(([dir]) => dirname(dir) !== base));
    Object.assign(lessons, now);
    if (JSON.stringify(lessons) !== JSON.stringify(cache.lessons)) await writeCache(options.cacheFile, { ...cache, lessons });
  }
  return { listed, problems };
}

/** The full load, with every file it reads recorded: what a valid lesson is remembered by. */
async function loadRecorded(dir: string): Promise<{ problems: ScenarioProblem[]; remembered?: Remembered }> {
  // The loader (YAML parser, schemas) is imported only when some lesson is not remembered.
  const { loadScenarioDir } = await import('./lazy-loader');
  const reads: Array<[string, string]> = [];
  const r = await loadScenarioDir(dir, async (d, name) => {
    const text = await readScenarioFile(d, name);
    reads.push([name, text]);
    return text;
  });
  if (!r.scenario) return { problems: r.problems };
  const spec = r.scenario.doc.spec;
  const listed = { id: r.scenario.id, title: spec.title, source: spec.source, concepts: spec.concepts };
  return { problems: r.problems, remembered: { reads: reads.map(([name]) => name), fingerprint: fingerprint(reads), listed } };
}

/** True only if each file the loader read reads again (with the loader's own checks) as it did. */
async function readsTheSame(dir: string, r: Remembered): Promise<boolean> {
  try {
    const reads: Array<[string, string]> = [];
    for (const name of r.reads) reads.push([name, await readScenarioFile(dir, name)]);
    return fingerprint(reads) === r.fingerprint;
  } catch {
    return false; // a file the loader would refuse now: the full load says why
  }
}

function fingerprint(reads: Array<[string, string]>): string {
  // JSON keeps the parts apart: no file's text can pass for another's plus a name.
  return createHash('sha256').update(JSON.stringify(reads)).digest('hex');
}

async function readCache(file: string, build: string): Promise<CacheFile> {
  const fresh: CacheFile = { format: 1, build, node: process.version, lessons: {} };
  try {
    const c = JSON.parse(await readFile(file, 'utf8')) as Partial<CacheFile>;
    // Another build, or another Node, may judge a lesson differently: what it remembered does not count.
    if (c.format !== 1 || c.build !== build || c.node !== process.version || typeof c.lessons !== 'object' || !c.lessons) return fresh;
    return { ...fresh, lessons: c.lessons };
  } catch {
    return fresh; // none yet, or unreadable: start again
  }
}

async function writeCache(file: string, cache: CacheFile): Promise<void> {
  // Written aside and renamed, so another podlab never reads half a file. A data folder that cannot
  // be written costs the next list only its speed, so a failure here is not reported.
  const aside = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(aside, JSON.stringify(cache));
    await rename(aside, file);
  } catch {
    // see above
  }
}
