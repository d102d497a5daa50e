// SPDX-License-Identifier: Apache-2.0
// `scenarios list` remembers valid lessons by every byte the loader read; a lesson that changed in
// any way, or reads differently (a link out of its folder), is loaded in full and refused the same.
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenarioDir, loadScenarios } from '../../src-main/core/scenarios/loader';
import { listScenarios } from '../../src-main/cli/scenario-list-cache';

const SCENARIOS = fileURLToPath(new URL('../../scenarios', import.meta.url));
const LESSON = 'prestop-grace-period';

const temp: string[] = [];
afterEach(() => temp.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the shipped lessons and an empty data folder. */
function lab(): { root: string; cacheFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'podlab-list-cache-'));
  temp.push(dir);
  cpSync(SCENARIOS, join(dir, 'scenarios'), { recursive: true });
  return { root: join(dir, 'scenarios'), cacheFile: join(dir, 'data', 'cache', 'scenario-list.json') };
}

interface Cache {
  build: string;
  lessons: Record<string, { listed: { title: { en: string } } }>;
}
const readCache = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Cache;

/** Changes the remembered title of LESSON: a list that shows it read the cache, not the lesson. */
function markRemembered(cacheFile: string, root: string): void {
  const cache = readCache(cacheFile);
  cache.lessons[join(root, LESSON)]!.listed.title.en = 'FROM THE CACHE';
  writeFileSync(cacheFile, JSON.stringify(cache));
}

describe('listScenarios', () => {
  it('lists what a full load lists, first and again from what it remembered', async () => {
    const { root, cacheFile } = lab();
    const { scenarios } = await loadScenarios(root);
    const expected = scenarios.map((s) => ({ id: s.id, title: s.doc.spec.title, source: s.doc.spec.source, concepts: s.doc.spec.concepts }));
    const first = await listScenarios(root, { cacheFile, buildId: 'b1' });
    expect(first).toEqual({ listed: expected, problems: [] });
    expect(Object.keys(readCache(cacheFile).lessons)).toHaveLength(expected.length);
    expect(await listScenarios(root, { cacheFile, buildId: 'b1' })).toEqual(first);
  });

  it('uses what it remembered only for the build that judged it, and without a build remembers nothing', async () => {
    const { root, cacheFile } = lab();
    await listScenarios(root, { cacheFile, buildId: 'b1' });
    markRemembered(cacheFile, root);
    const title = async (buildId?: string) => (await listScenarios(root, { cacheFile, ...(buildId ? { buildId } : {}) })).listed.find((l) => l.id === LESSON)!.title.en;
    expect(await title('b1')).toBe('FROM THE CACHE');
    expect(await title(undefined)).not.toBe('FROM THE CACHE');
    expect(await title('b2')).not.toBe('FROM THE CACHE');
    expect(readCache(cacheFile).build).toBe('b2');
  });

  it.each([
    ['scenario.yaml edited', (dir: string) => writeFileSync(join(dir, 'scenario.yaml'), readFileSync(join(dir, 'scenario.yaml'), 'utf8').replace('timeoutSeconds: 180', 'timeoutSeconds: -1'))],
    ['a manifest edited', (dir: string) => writeFileSync(join(dir, 'prestop.yaml'), `${readFileSync(join(dir, 'prestop.yaml'), 'utf8')}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: x, namespace: kube-system}\nspec: {hostNetwork: true, containers: [{name: c, image: busybox:1.36}]}\n`)],
    ['a manifest replaced by a link out of its folder (to the same bytes)', (dir: string) => {
      renameSync(join(dir, 'prestop.yaml'), join(dir, '..', '..', 'outside.yaml'));
      symlinkSync(join(dir, '..', '..', 'outside.yaml'), join(dir, 'prestop.yaml'));
    }],
  ])('a remembered lesson with %s is refused as validate refuses it', async (_what, change) => {
    const { root, cacheFile } = lab();
    await listScenarios(root, { cacheFile, buildId: 'b1' });
    markRemembered(cacheFile, root);
    change(join(root, LESSON));
    const { problems: expected } = await loadScenarioDir(join(root, LESSON));
    expect(expected.length).toBeGreaterThan(0);
    const after = await listScenarios(root, { cacheFile, buildId: 'b1' });
    expect(after.problems).toEqual(expected);
    expect(after.listed.map((l) => l.id)).not.toContain(LESSON);
    // A refused lesson is not remembered: it is refused again, in full, the next time.
    expect(Object.keys(readCache(cacheFile).lessons)).not.toContain(join(root, LESSON));
    expect((await listScenarios(root, { cacheFile, buildId: 'b1' })).problems).toEqual(expected);
  });

  it('forgets a lesson that is gone, and keeps what it remembered of another root', async () => {
    const a = lab();
    const b = lab();
    await listScenarios(a.root, { cacheFile: a.cacheFile, buildId: 'b1' });
    await listScenarios(b.root, { cacheFile: a.cacheFile, buildId: 'b1' });
    rmSync(join(a.root, LESSON), { recursive: true });
    const after = await listScenarios(a.root, { cacheFile: a.cacheFile, buildId: 'b1' });
    expect(after.listed.map((l) => l.id)).not.toContain(LESSON);
    const kept = Object.keys(readCache(a.cacheFile).lessons);
    expect(kept).not.toContain(join(a.root, LESSON));
    expect(kept).toContain(join(b.root, LESSON));
  });

  it('lists in full when the cache file is unreadable, and writes a good one', async () => {
    const { root, cacheFile } = lab();
    await listScenarios(root, { cacheFile, buildId: 'b1' });
    writeFileSync(cacheFile, '{"format": 1, "build": "b1", "lessons": ');
    const again = await listScenarios(root, { cacheFile, buildId: 'b1' });
    expect(again.problems).toEqual([]);
    expect(Object.keys(readCache(cacheFile).lessons)).toHaveLength(again.listed.length);
  });
});
