// SPDX-License-Identifier: Apache-2.0
// recoverInterruptedRuns on a real SQLite store as a dead process left it and a RecordedKube:
// what it deletes (asserted on the fake's writes, not only on the report), what it marks, and what
// it must leave alone — namespaces it does not own, runs another podlab is still running, and
// runs it could not clean up because the cluster was away (those wait for the next start).
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubeApiError } from '../../src-main/core/kube/kube-api';
import { createRunNamespace, MANAGED_BY_LABEL, MANAGED_BY_VALUE, RUN_ID_LABEL } from '../../src-main/core/kube/namespaces';
import { recoverInterruptedRuns } from '../../src-main/core/recovery';
import { loadScenarioText } from '../../src-main/core/scenarios/loader';
import type { RunStatus } from '../../src-main/core/store/run-repo';
import { Store } from '../../src-main/core/store/store';
import { createLineLogger, type Logger } from '../../src-main/core/util/log';
import { RecordedKube } from '../fakes/recorded-kube';
import { onePodScenario } from '../fixtures/one-pod-lesson';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers: [{ name: c, image: docker.io/library/busybox:1.36 }]\n';
const NAMESPACES = '/api/v1/namespaces';

let dir: string;
let store: Store | undefined;
let logged: string[];
let log: Logger;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'podlab-recovery-'));
  logged = [];
  log = createLineLogger((l) => logged.push(l), 'debug');
});
afterEach(() => {
  store?.close();
  store = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/**
 * The database a process left behind, reopened: each run recorded in namespace podlab-<id>, those
 * given a status ended with it, the rest still 'running' (their owner is this process's pid, which
 * unfinished() never takes for a live owner: to the sweep they are a dead process's).
 */
async function storeLeftBehind(runs: Record<string, RunStatus>): Promise<Store> {
  const { scenario } = await loadScenarioText('/l/demo', '/l/demo/scenario.yaml', onePodScenario('demo'), async () => POD);
  const file = join(dir, 'podlab.db');
  const first = Store.open(file);
  first.importScenarios([scenario!]);
  for (const [id, status] of Object.entries(runs)) {
    first.runs.create({ id, scenarioId: 'demo', scenarioVersion: 1, namespace: `podlab-${id}`, cluster: 'lab', startedAt: '2026-12-01T09:00:00Z', params: {}, manifests: {} });
    if (status !== 'running') first.runs.finish(id, status);
  }
  first.close();
  return (store = Store.open(file));
}

/** A cluster holding these run namespaces, labelled as podlab labels its own, with a pod in each. */
async function clusterWith(...runIds: string[]): Promise<RecordedKube> {
  const kube = new RecordedKube();
  for (const id of runIds) {
    await createRunNamespace(kube, `podlab-${id}`, id, 'demo');
    await kube.request('POST', `${NAMESPACES}/podlab-${id}/pods`, { body: { metadata: { name: 'p' } } });
  }
  kube.calls.length = 0; // what the test set up is not what recovery did
  return kube;
}

const terminating = (kube: RecordedKube, name: string) =>
  kube.update(`${NAMESPACES}/${name}`, (ns) => {
    ns.metadata.deletionTimestamp = '2026-12-01T09:05:00Z';
    ns.status = { phase: 'Terminating' };
  });

const status = (id: string) => store!.runs.get(id)?.status;

describe('recoverInterruptedRuns: runs a dead process left running', () => {
  it('deletes the run namespace (in the background, content and all) and marks the run interrupted', async () => {
    await storeLeftBehind({ r1: 'running' });
    const kube = await clusterWith('r1');
    const report = await recoverInterruptedRuns(store!, kube, log);
    expect(report).toEqual({ interrupted: ['r1'], namespacesDeleted: ['podlab-r1'], failures: [] });
    expect(kube.log(true)).toEqual(['DELETE /api/v1/namespaces/podlab-r1']);
    expect(kube.calls.find((c) => c.method === 'DELETE')?.body).toEqual({ propagationPolicy: 'Background' });
    expect(kube.get(`${NAMESPACES}/podlab-r1`)).toBeUndefined();
    expect(store!.runs.get('r1')).toMatchObject({ status: 'interrupted', error: 'podlab stopped while this run was in progress', endedAt: expect.any(String) });
    expect(store!.runs.unfinished()).toEqual([]);
  });

  it('marks a run interrupted whose namespace is already gone, writing nothing', async () => {
    await storeLeftBehind({ r1: 'running' });
    const kube = await clusterWith();
    const report = await recoverInterruptedRuns(store!, kube, log);
    expect(report).toEqual({ interrupted: ['r1'], namespacesDeleted: [], failures: [] });
    expect(kube.log(true)).toEqual([]);
    expect(status('r1')).toBe('interrupted');
  });

  it('leaves alone a run another podlab process is still running, and its namespace', async () => {
    await storeLeftBehind({ alive: 'running' });
    // The parent of this test process is alive, so the run is that process's, not a dead one's.
    store!.db.prepare('UPDATE runs SET owner = ? WHERE id = ?').run(`${process.ppid}@${hostname()}`, 'alive');
    const kube = await clusterWith('alive');
    const report = await recoverInterruptedRuns(store!, kube, log);
    expect(report).toEqual({ interrupted: [], namespacesDeleted: [], failures: [] });
    expect(kube.log(true)).toEqual([]);
    expect(status('alive')).toBe('running');
  });

  it.each([
    ['no podlab labels (a namespace of the user’s own)', {}],
    ['podlab’s, for another run', { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [RUN_ID_LABEL]: 'someone-else' }],
    ['the run’s id, but not managed by podlab', { [RUN_ID_LABEL]: 'r1' }],
  ])('never deletes a namespace of the run’s name that is not labelled as podlab’s for it: %s', async (_what, labels) => {
    await storeLeftBehind({ r1: 'running' });
    const kube = await clusterWith();
    await kube.request('POST', NAMESPACES, { body: { metadata: { name: 'podlab-r1', labels } } });
    kube.calls.length = 0;
    const report = await recoverInterruptedRuns(store!, kube, log);
    expect(kube.log(true)).toEqual([]);
    expect(kube.get(`${NAMESPACES}/podlab-r1`)).toBeDefined();
    // deleteRunNamespace's NAMESPACE_NOT_OURS, reported and logged; the run is kept as recovery.ts does today
    expect(report).toEqual({ interrupted: [], namespacesDeleted: [], failures: ['podlab-r1: namespace podlab-r1 was not created by podlab for run r1; podlab will not touch it'] });
    expect(logged).toEqual([expect.stringMatching(/WARN could not clean up podlab-r1 of interrupted run r1: namespace podlab-r1 was not created by podlab/)]);
    expect(status('r1')).toBe('running');
  });

  // The process died during its own teardown, or a finalizer holds the namespace: a second DELETE
  // would be refused with 409 Conflict at every start for as long as the namespace terminates.
  it('marks a run interrupted whose namespace is already Terminating, without deleting it again', async () => {
    await storeLeftBehind({ r1: 'running' });
    const kube = await clusterWith('r1');
    terminating(kube, 'podlab-r1');
    kube.calls.length = 0;
    const report = await recoverInterruptedRuns(store!, kube, log);
    expect(kube.log(true)).toEqual([]);
    expect(report).toEqual({ interrupted: ['r1'], namespacesDeleted: [], failures: [] });
    expect(status('r1')).toBe('interrupted');
  });
});

describe('recoverInterruptedRuns: namespaces left behind', () => {
  it.each<RunStatus>(['passed', 'failed', 'interrupted'])('deletes the namespace of a %s run whose deletion failed at the time, and leaves its status', async (finished) => {
    await storeLeftBehind({ done: finished });
    const kube = await clusterWith('done');
    const report = await recoverInterruptedRuns(store!, kube, log);
    expect(report).toEqual({ interrupted: [], namespacesDeleted: ['podlab-done'], failures: [] });
    expect(kube.log(true)).toEqual(['DELETE /api/v1/namespaces/podlab-done']);
    expect(kube.calls.find((c) => c.method === 'GET' && c.path === NAMESPACES)?.query).toEqual({ labelSelector: `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}` });
    expect(status('done')).toBe(finished);
  });

  it('leaves alone a podlab namespace of a run this store does not know (another podlab’s), and one whose run has another namespace', async () => {
    await storeLeftBehind({ done: 'passed' });
    const kube = await clusterWith('elsewhere');
    // labelled for run 'done', but 'done' ran in podlab-done: not the namespace this store knows
    await createRunNamespace(kube, 'podlab-renamed', 'done', 'demo');
    kube.calls.length = 0;
    const report = await recoverInterruptedRuns(store!, kube, log);
    expect(report).toEqual({ interrupted: [], namespacesDeleted: [], failures: [] });
    expect(kube.log(true)).toEqual([]);
    expect(kube.get(`${NAMESPACES}/podlab-elsewhere`)).toBeDefined();
    expect(kube.get(`${NAMESPACES}/podlab-renamed`)).toBeDefined();
  });

  it('skips a namespace already Terminating (a second DELETE would be refused with 409)', async () => {
    await storeLeftBehind({ done: 'passed' });
    const kube = await clusterWith('done');
    terminating(kube, 'podlab-done');
    kube.calls.length = 0;
    const report = await recoverInterruptedRuns(store!, kube, log);
    expect(report).toEqual({ interrupted: [], namespacesDeleted: [], failures: [] });
    expect(kube.log(true)).toEqual([]);
  });

  it('does both in one start: the interrupted run’s namespace and a finished run’s leftover, each deleted once', async () => {
    await storeLeftBehind({ r1: 'running', done: 'failed' });
    const kube = await clusterWith('r1', 'done', 'elsewhere');
    const report = await recoverInterruptedRuns(store!, kube, log);
    expect(report).toEqual({ interrupted: ['r1'], namespacesDeleted: ['podlab-r1', 'podlab-done'], failures: [] });
    expect(kube.log(true)).toEqual(['DELETE /api/v1/namespaces/podlab-r1', 'DELETE /api/v1/namespaces/podlab-done']);
  });

  // An API server briefly away or a webhook timing out on one DELETE must not end the sweep, and
  // the failure says which namespace it was.
  it('one leftover namespace that cannot be deleted does not keep the others', async () => {
    await storeLeftBehind({ a: 'passed', b: 'passed' });
    const kube = await clusterWith('a', 'b');
    kube.on('DELETE', /\/podlab-a$/, (call) => {
      throw new KubeApiError(500, 'DELETE', call.path, { message: 'Internal error occurred: failed calling webhook' });
    });
    const report = await recoverInterruptedRuns(store!, kube, log);
    expect(kube.log(true)).toEqual(['DELETE /api/v1/namespaces/podlab-a', 'DELETE /api/v1/namespaces/podlab-b']);
    expect(report.namespacesDeleted).toEqual(['podlab-b']);
    expect(report.failures).toEqual([expect.stringMatching(/^podlab-a: .*500 Internal error occurred/)]);
  });
});

describe('recoverInterruptedRuns: without a cluster', () => {
  it('with every request failing, keeps the run running, reports both failures, writes nothing; the next start recovers it', async () => {
    await storeLeftBehind({ r1: 'running', done: 'passed' });
    const kube = await clusterWith('r1', 'done');
    let apiServerDown = true;
    for (const method of ['GET', 'DELETE']) {
      kube.on(method, /./, () => {
        if (apiServerDown) throw new Error('connect ECONNREFUSED 127.0.0.1:6443');
      });
    }
    const first = await recoverInterruptedRuns(store!, kube, log);
    expect(first).toEqual({ interrupted: [], namespacesDeleted: [], failures: ['podlab-r1: connect ECONNREFUSED 127.0.0.1:6443', 'leftover namespaces: connect ECONNREFUSED 127.0.0.1:6443'] });
    expect(kube.log(true)).toEqual([]);
    expect(status('r1')).toBe('running');
    expect(store!.runs.unfinished().map((r) => r.id)).toEqual(['r1']);

    apiServerDown = false;
    const next = await recoverInterruptedRuns(store!, kube, log);
    expect(next).toEqual({ interrupted: ['r1'], namespacesDeleted: ['podlab-r1', 'podlab-done'], failures: [] });
    expect(kube.log(true)).toEqual(['DELETE /api/v1/namespaces/podlab-r1', 'DELETE /api/v1/namespaces/podlab-done']);
    expect(status('r1')).toBe('interrupted');
  });

  it('when the namespace is found but its DELETE fails, keeps the run running and reports it', async () => {
    await storeLeftBehind({ r1: 'running' });
    const kube = await clusterWith('r1');
    kube.on('DELETE', /./, (call) => {
      throw new KubeApiError(503, 'DELETE', call.path, { message: 'etcdserver: leader changed' });
    });
    const report = await recoverInterruptedRuns(store!, kube, log);
    expect(report.interrupted).toEqual([]);
    expect(report.failures).toEqual([expect.stringMatching(/^podlab-r1: DELETE \/api\/v1\/namespaces\/podlab-r1: 503 etcdserver: leader changed$/)]);
    expect(kube.get(`${NAMESPACES}/podlab-r1`)).toBeDefined();
    expect(status('r1')).toBe('running');
  });

  it('with no cluster at all, keeps the run running for a start that has one', async () => {
    await storeLeftBehind({ r1: 'running' });
    const report = await recoverInterruptedRuns(store!, undefined, log);
    expect(report.interrupted).toEqual([]);
    expect(status('r1')).toBe('running');
    expect(store!.runs.unfinished().map((r) => r.id)).toEqual(['r1']);
  });

  // A start whose cluster could not be reached must not look like a clean sweep.
  it('with no cluster at all, reports that the run could not be cleaned up', async () => {
    await storeLeftBehind({ r1: 'running' });
    const report = await recoverInterruptedRuns(store!, undefined, log);
    expect(report.failures).toEqual([expect.stringMatching(/podlab-r1/)]);
  });
});
