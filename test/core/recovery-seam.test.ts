// SPDX-License-Identifier: Apache-2.0
// Crash recovery through the Kubernetes seam: a real SQLite store left by a "dead" process, a
// recorded fake API server, and what recovery deletes, marks and leaves alone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubeApiError } from '../../src-main/core/kube/kube-api';
import { createRunNamespace, MANAGED_BY_LABEL, MANAGED_BY_VALUE, RUN_ID_LABEL } from '../../src-main/core/kube/namespaces';
import { recoverInterruptedRuns } from '../../src-main/core/recovery';
import { loadScenarioText } from '../../src-main/core/scenarios/loader';
import { Store } from '../../src-main/core/store/store';
import { noopLogger } from '../../src-main/core/util/log';
import { RecordedKube } from '../fakes/recorded-kube';
import { onePodScenario } from '../fixtures/one-pod-lesson';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers: [{ name: c, image: docker.io/library/busybox:1.36 }]\n';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'podlab-recovery-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A store as a process left it: these runs recorded, `finished` ones ended, the rest still 'running'. */
async function storeLeftBehind(runs: string[], finished: string[] = []): Promise<Store> {
  const { scenario } = await loadScenarioText('/l/demo', '/l/demo/scenario.yaml', onePodScenario('demo'), async () => POD);
  const file = join(dir, 'podlab.db');
  const first = Store.open(file);
  first.importScenarios([scenario!]);
  for (const id of runs) first.runs.create({ id, scenarioId: 'demo', scenarioVersion: 1, namespace: `podlab-${id}`, cluster: 'c', startedAt: '2026-12-01T00:00:00Z', params: {}, manifests: {} });
  for (const id of finished) first.runs.finish(id, 'passed');
  first.close();
  return Store.open(file);
}

const deletes = (kube: RecordedKube) => kube.log(true).filter((l) => l.startsWith('DELETE'));

describe('recoverInterruptedRuns through the KubeApi seam', () => {
  it("deletes a dead process's run namespace and marks the run interrupted", async () => {
    const store = await storeLeftBehind(['r1']);
    const kube = new RecordedKube();
    await createRunNamespace(kube, 'podlab-r1', 'r1', 'demo');
    const report = await recoverInterruptedRuns(store, kube, noopLogger);
    expect(report).toEqual({ interrupted: ['r1'], namespacesDeleted: ['podlab-r1'], failures: [] });
    expect(deletes(kube)).toEqual(['DELETE /api/v1/namespaces/podlab-r1']);
    expect(store.runs.get('r1')).toMatchObject({ status: 'interrupted', error: 'podlab stopped while this run was in progress' });
    store.close();
  });

  it('marks a run interrupted whose namespace is already gone, deleting nothing', async () => {
    const store = await storeLeftBehind(['r1']);
    const kube = new RecordedKube();
    const report = await recoverInterruptedRuns(store, kube, noopLogger);
    expect(report).toEqual({ interrupted: ['r1'], namespacesDeleted: [], failures: [] });
    expect(deletes(kube)).toEqual([]);
    store.close();
  });

  it('deletes the leftover namespace of a finished run, and leaves one of a run this store does not know', async () => {
    const store = await storeLeftBehind(['done'], ['done']);
    const kube = new RecordedKube();
    await createRunNamespace(kube, 'podlab-done', 'done', 'demo');
    await createRunNamespace(kube, 'podlab-elsewhere', 'elsewhere', 'demo');
    const report = await recoverInterruptedRuns(store, kube, noopLogger);
    expect(report.namespacesDeleted).toEqual(['podlab-done']);
    expect(deletes(kube)).toEqual(['DELETE /api/v1/namespaces/podlab-done']);
    expect(kube.get('/api/v1/namespaces/podlab-elsewhere')).toBeDefined();
    store.close();
  });

  it('never deletes a namespace that is not labelled as this run\'s, and keeps the run for a look', async () => {
    const store = await storeLeftBehind(['r1']);
    const kube = new RecordedKube();
    await kube.request('POST', '/api/v1/namespaces', { body: { metadata: { name: 'podlab-r1', labels: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [RUN_ID_LABEL]: 'someone-else' } } } });
    const report = await recoverInterruptedRuns(store, kube, noopLogger);
    expect(deletes(kube)).toEqual([]);
    expect(report.interrupted).toEqual([]);
    expect(report.failures).toEqual([expect.stringMatching(/^podlab-r1: namespace podlab-r1 was not created by podlab for run r1/)]);
    expect(store.runs.get('r1')?.status).toBe('running');
    store.close();
  });

  it('skips a namespace already Terminating', async () => {
    const store = await storeLeftBehind(['done'], ['done']);
    const kube = new RecordedKube();
    await createRunNamespace(kube, 'podlab-done', 'done', 'demo');
    kube.update('/api/v1/namespaces/podlab-done', (ns) => (ns.status = { phase: 'Terminating' }));
    const report = await recoverInterruptedRuns(store, kube, noopLogger);
    expect(report.namespacesDeleted).toEqual([]);
    expect(deletes(kube)).toEqual([]);
    store.close();
  });

  it('with the API server failing, the run stays running for the next start and the failure is reported', async () => {
    const store = await storeLeftBehind(['r1']);
    const kube = new RecordedKube();
    kube.on('GET', /^\/api\/v1\/namespaces/, (call) => {
      throw new KubeApiError(503, 'GET', call.path, { message: 'etcdserver: leader changed' });
    });
    const report = await recoverInterruptedRuns(store, kube, noopLogger);
    expect(report.interrupted).toEqual([]);
    expect(report.failures).toEqual([expect.stringMatching(/^podlab-r1: .*503 etcdserver: leader changed/), expect.stringMatching(/^leftover namespaces: .*503/)]);
    expect(store.runs.get('r1')?.status).toBe('running');
    expect(deletes(kube)).toEqual([]);
    store.close();
  });
});
