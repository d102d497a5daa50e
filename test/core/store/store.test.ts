// SPDX-License-Identifier: Apache-2.0
// The store on a real SQLite file: migrations, refusal of a newer database, versions, batching, verdicts, recovery.
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Observation } from '../../../src-main/contract/observation';
import type { LoadedScenario } from '../../../src-main/contract/scenario';
import { migrate, openDb } from '../../../src-main/core/store/db';
import { MIGRATIONS } from '../../../src-main/core/store/migrations';
import { Store } from '../../../src-main/core/store/store';
import { recoverInterruptedRuns } from '../../../src-main/core/recovery';
import { noopLogger } from '../../../src-main/core/util/log';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'podlab-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function scenario(hash: string, explainEn = 'Ready soon'): LoadedScenario {
  return {
    id: 'demo',
    dir: '/x',
    file: '/x/scenario.yaml',
    contentHash: hash,
    manifests: { 'web.yaml': 'kind: Pod' },
    params: { period: 5 },
    doc: {
      apiVersion: 'podlab.dev/v1alpha1',
      kind: 'Scenario',
      metadata: { id: 'demo' },
      spec: {
        title: { en: 'Demo', zh: '演示' },
        summary: { en: 's', zh: 's' },
        explanation: { en: 'e', zh: 'e' },
        source: { note: '001_9ae14472436263dd.txt', section: '3.11' },
        concepts: ['readiness'],
        subject: 'web',
        manifests: ['web.yaml'],
        steps: [{ apply: 'web.yaml' }],
        expectations: [
          { id: 'ready', explain: { en: explainEn, zh: '就绪' }, final: { condition: 'Ready', status: 'True' } },
          { id: 'no-restarts', explain: { en: 'none', zh: '无' }, count: { restarts: { container: 'web' } }, max: 0 },
        ],
        hints: [],
        timeoutSeconds: 60,
      },
    },
  };
}

const pod = (t: number): Observation => ({ kind: 'traffic', t, name: 'web', url: 'http://x/', ok: t % 2 === 0 });

describe('opening', () => {
  it('uses WAL and sets user_version to the last migration', () => {
    const db = openDb(join(dir, 'a.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('refuses a database from a newer podlab and leaves it untouched', () => {
    const file = join(dir, 'future.db');
    const raw = new Database(file);
    raw.pragma('user_version = 9990');
    raw.close();
    expect(() => openDb(file)).toThrow(/future\.db is from a newer podlab \(schema version 9990/);
    const again = new Database(file);
    expect(again.pragma('user_version', { simple: true })).toBe(9990);
    again.close();
  });

  it('applies pending migrations in one transaction: a failing one leaves nothing behind', () => {
    const db = new Database(join(dir, 'b.db'));
    const broken = [
      ...MIGRATIONS,
      { version: 9000, up: (d: Database.Database) => d.exec('CREATE TABLE later (x); SELECT * FROM no_such_table') },
    ];
    expect(() => migrate(db, broken)).toThrow(/no_such_table/);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('scenarios', 'later')").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses migrations out of order', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [{ version: 20, up: () => {} }, { version: 10, up: () => {} }])).toThrow(/does not come after/);
  });
});

describe('scenarios', () => {
  it('keeps a version per content: unchanged re-imports keep it, a change makes a new one, history stays', () => {
    const store = Store.open(join(dir, 's.db'));
    expect(store.scenarios.import(scenario('h1'))).toEqual({ version: 1, created: true });
    expect(store.scenarios.import(scenario('h1'))).toEqual({ version: 1, created: false });
    expect(store.scenarios.import(scenario('h2', 'Ready later'))).toEqual({ version: 2, created: true });
    expect(store.scenarios.latest('demo')?.version).toBe(2);
    expect(store.scenarios.expectations('demo', 1)[0]!.expectation.explain.en).toBe('Ready soon');
    expect(store.scenarios.expectations('demo', 2)[0]!.expectation.explain.en).toBe('Ready later');
    expect(store.scenarios.expectations('demo', 2).map((e) => e.type)).toEqual(['final', 'count']);
    store.close();
  });
});

describe('runs and observations', () => {
  it('batches observations: nothing is written until a flush, then all in order', () => {
    const file = join(dir, 'o.db');
    const store = Store.open(file, { maxBatch: 1000, flushIntervalMs: 60_000 });
    store.scenarios.import(scenario('h1'));
    store.runs.create({ id: 'r1', scenarioId: 'demo', scenarioVersion: 1, namespace: 'podlab-r1', cluster: 'c', startedAt: '2026-01-01T00:00:00Z', params: {}, manifests: {} });
    for (let t = 0; t < 10; t++) store.observations.append('r1', pod(t));
    const other = new Database(file, { readonly: true });
    expect(other.prepare('SELECT count(*) AS n FROM observations').get()).toEqual({ n: 0 });
    store.observations.flush();
    expect(other.prepare('SELECT count(*) AS n FROM observations').get()).toEqual({ n: 10 });
    other.close();
    expect(store.observations.list('r1').map((o) => o.t)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    store.close();
  });

  it('flushes by itself when a batch fills', () => {
    const store = Store.open(join(dir, 'f.db'), { maxBatch: 3, flushIntervalMs: 60_000 });
    store.scenarios.import(scenario('h1'));
    store.runs.create({ id: 'r1', scenarioId: 'demo', scenarioVersion: 1, namespace: 'n', cluster: 'c', startedAt: 'x', params: {}, manifests: {} });
    for (let t = 0; t < 3; t++) store.observations.append('r1', pod(t));
    expect(store.db.prepare('SELECT count(*) AS n FROM observations').get()).toEqual({ n: 3 });
    store.close();
  });

  it('keeps verdicts per expectation and the learner progress', () => {
    const store = Store.open(join(dir, 'v.db'));
    store.scenarios.import(scenario('h1'));
    store.runs.create({ id: 'r1', scenarioId: 'demo', scenarioVersion: 1, namespace: 'n', cluster: 'c', startedAt: 'x', params: {}, manifests: {} });
    expect(store.runs.progress()).toEqual({ demo: 'in-progress' });
    store.runs.saveVerdicts('r1', [{ expectationId: 'ready', state: 'pending', detail: 'waiting' }]);
    store.runs.saveVerdicts('r1', [{ expectationId: 'ready', state: 'pass', window: { lo: 1000, hi: 5000 }, decidedAt: 3200, detail: 'Ready at 3.2 s' }]);
    expect(store.runs.verdicts('r1')).toEqual([{ expectationId: 'ready', state: 'pass', window: { lo: 1000, hi: 5000 }, decidedAt: 3200, detail: 'Ready at 3.2 s' }]);
    store.runs.finish('r1', 'passed');
    expect(store.runs.get('r1')?.status).toBe('passed');
    expect(store.runs.progress()).toEqual({ demo: 'passed' });
    store.close();
  });

  it('keeps a verdict in both languages; one stored in English only reads back without Chinese', () => {
    const store = Store.open(join(dir, 'zh.db'));
    store.scenarios.import(scenario('h1'));
    store.runs.create({ id: 'r1', scenarioId: 'demo', scenarioVersion: 1, namespace: 'n', cluster: 'c', startedAt: 'x', params: {}, manifests: {} });
    store.runs.saveVerdicts('r1', [
      { expectationId: 'ready', state: 'pass', decidedAt: 3200, detail: 'Ready=True at 3.2 s', detailZh: 'Ready=True 在 3.2 秒成立' },
      { expectationId: 'old', state: 'fail', decidedAt: 4000, detail: 'late' },
    ]);
    expect(store.runs.verdicts('r1')).toEqual([
      { expectationId: 'ready', state: 'pass', decidedAt: 3200, detail: 'Ready=True at 3.2 s', detailZh: 'Ready=True 在 3.2 秒成立' },
      { expectationId: 'old', state: 'fail', decidedAt: 4000, detail: 'late' },
    ]);
    store.close();
  });

  it('never moves progress backwards, and leaves "what if" runs out of it', () => {
    const store = Store.open(join(dir, 'p.db'));
    store.scenarios.import(scenario('h1'));
    const run = (id: string, edits: Array<{ file: string; path: string; value: number }> = []) =>
      store.runs.create({ id, scenarioId: 'demo', scenarioVersion: 1, namespace: `n-${id}`, cluster: 'c', startedAt: id, params: {}, manifests: {}, edits });
    run('r1');
    store.runs.finish('r1', 'aborted', 'the run was stopped');
    expect(store.runs.progress()).toEqual({ demo: 'in-progress' });
    run('r2');
    store.runs.finish('r2', 'failed');
    expect(store.runs.progress()).toEqual({ demo: 'failed' });
    run('r3');
    expect(store.runs.progress()).toEqual({ demo: 'failed' }); // a new attempt does not hide the failure
    store.runs.finish('r3', 'passed');
    expect(store.runs.progress()).toEqual({ demo: 'passed' });
    for (const [id, outcome] of [['r4', 'failed'], ['r5', 'aborted'], ['r6', 'interrupted'], ['r7', 'error']] as const) {
      run(id);
      store.runs.finish(id, outcome);
      expect(store.runs.progress(), id).toEqual({ demo: 'passed' });
    }
    store.runs.saveLogs('r1', [
      { pod: 'web', container: 'c', previous: false, text: 'hello\n' },
      { pod: 'web', container: 'c', previous: true, text: '', error: 'previous terminated container "c" in pod "web" not found' },
    ]);
    expect(store.runs.logs('r1')).toEqual([
      { pod: 'web', container: 'c', previous: true, text: '', error: 'previous terminated container "c" in pod "web" not found' },
      { pod: 'web', container: 'c', previous: false, text: 'hello\n' },
    ]);
    const edit = { file: 'pod.yaml', path: 'spec.containers[0].readinessProbe.periodSeconds', value: 2 };
    run('w1', [edit]);
    expect(store.runs.get('w1')?.edits).toEqual([edit]);
    expect(store.runs.get('r1')?.edits).toEqual([]);
    store.close();

    // A what-if run changes nothing, even for a lesson never run as written.
    const fresh = Store.open(join(dir, 'p2.db'));
    fresh.scenarios.import(scenario('h1'));
    fresh.runs.create({ id: 'w2', scenarioId: 'demo', scenarioVersion: 1, namespace: 'n', cluster: 'c', startedAt: 'x', params: {}, manifests: {}, edits: [edit] });
    expect(fresh.runs.progress()).toEqual({});
    fresh.runs.finish('w2', 'passed');
    expect(fresh.runs.progress()).toEqual({});
    fresh.close();
  });
});

describe('crash recovery', () => {
  it('finds runs a dead process left running; without a cluster it leaves them for a later start', async () => {
    const file = join(dir, 'c.db');
    const first = Store.open(file);
    first.scenarios.import(scenario('h1'));
    first.runs.create({ id: 'r1', scenarioId: 'demo', scenarioVersion: 1, namespace: 'podlab-r1', cluster: 'c', startedAt: 'x', params: {}, manifests: {} });
    first.observations.append('r1', pod(0));
    // The process dies here: no finish(), but observations flushed on close are kept.
    first.close();
    const second = Store.open(file);
    expect(second.runs.unfinished().map((r) => r.id)).toEqual(['r1']);
    expect(second.observations.list('r1')).toHaveLength(1);
    const report = await recoverInterruptedRuns(second, undefined, noopLogger);
    expect(report.interrupted).toEqual([]);
    expect(second.runs.get('r1')?.status).toBe('running');
    second.close();
  });
});

describe('run ownership', () => {
  it('leaves a run whose owner process is alive to that process, and recovers one whose owner died', () => {
    const store = Store.open(join(dir, 'own.db'));
    store.scenarios.import(scenario('h1'));
    for (const id of ['alive', 'dead']) {
      store.runs.create({ id, scenarioId: 'demo', scenarioVersion: 1, namespace: `podlab-${id}`, cluster: 'c', startedAt: 'x', params: {}, manifests: {} });
    }
    const host = hostname();
    // The parent of this test process is alive; pid 2^22+1 is above Linux's pid_max, so never alive.
    store.db.prepare('UPDATE runs SET owner = ? WHERE id = ?').run(`${process.ppid}@${host}`, 'alive');
    store.db.prepare('UPDATE runs SET owner = ? WHERE id = ?').run(`${2 ** 22 + 1}@${host}`, 'dead');
    expect(store.runs.unfinished().map((r) => r.id)).toEqual(['dead']);
    store.close();
  });
});
