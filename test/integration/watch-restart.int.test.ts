// SPDX-License-Identifier: Apache-2.0
// The observer's watches lose nothing: a pod that lives and dies while the connection is cut, or
// while the API server restarts, is recorded (as itself, or inside a bounded gap); an expired
// resourceVersion (the API server's own 410) relists and records the gap; events the server
// delivers twice are recorded once. The observer talks to the API server through a proxy the test
// can cut; the test itself creates and deletes pods directly.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { GapObservation, Observation } from '@contract/observation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectKubeFromText } from '../../src-main/core/kube/connect';
import { NamespaceObserver } from '../../src-main/core/observe/namespace-observer';
import { startApiProxy, type ApiProxy } from './api-proxy';
import { CLUSTER_DIR, testKube, testNamespace, until } from './cluster';

const run = promisify(execFile);
const { kc, rest } = testKube();
let ns: Awaited<ReturnType<typeof testNamespace>>;
let proxy: ApiProxy;
let observer: NamespaceObserver;
let runStartedAt = 0;
const seen: Observation[] = [];

const elapsed = () => Date.now() - runStartedAt;
const podsPath = () => `/api/v1/namespaces/${ns.name}/pods`;
const pod = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { terminationGracePeriodSeconds: 0, containers: [{ name: 'c', image: 'docker.io/library/busybox:1.36', imagePullPolicy: 'IfNotPresent', command: ['sleep', '3600'] }] },
});

const podSeen = (name: string) => seen.findIndex((o) => o.kind === 'pod' && o.pod === name);
const goneSeen = (name: string) => seen.findIndex((o) => o.kind === 'pod-gone' && o.pod === name);
const running = (name: string) => seen.some((o) => o.kind === 'pod' && o.pod === name && o.snapshot.phase === 'Running');
const podGaps = () => seen.filter((o): o is GapObservation => o.kind === 'gap' && o.resource === 'pods');
const podLists = () => proxy.requests.filter((r) => r.startsWith(`GET ${podsPath()}`) && !r.includes('watch=true')).length;

async function createPod(name: string): Promise<void> {
  await rest.request('POST', podsPath(), { body: pod(name) });
}

/** Deletes at once (grace 0 removes the object without waiting for the kubelet) and waits until it is gone. */
async function deletePod(name: string): Promise<void> {
  await rest.request('DELETE', `${podsPath()}/${name}`, { body: { gracePeriodSeconds: 0 } });
  await until(`${name} gone from the API`, 30_000, () =>
    rest.request('GET', `${podsPath()}/${name}`).then(
      () => undefined,
      (e: { status?: number }) => e.status === 404 || undefined,
    ),
  );
}

/** Cuts the observer off and waits until its pods watch has noticed. */
async function cutAndWaitOffline(): Promise<number> {
  const from = seen.length;
  proxy.cut();
  await until('the pods watch offline', 30_000, () => seen.slice(from).some((o) => o.kind === 'watch' && o.resource === 'pods' && o.state === 'offline') || undefined);
  return elapsed();
}

async function restoreAndWaitOnline(): Promise<void> {
  const from = seen.length;
  proxy.restore();
  await until('every watch online again', 90_000, () => {
    const back = ['pods', 'events', 'endpointslices'].every((r) => seen.slice(from).some((o) => o.kind === 'watch' && o.resource === r && o.state === 'online'));
    return back || undefined;
  });
}

beforeAll(async () => {
  ns = await testNamespace(rest, 'watch');
  proxy = await startApiProxy(kc);
  runStartedAt = Date.now();
  observer = new NamespaceObserver({ kube: await connectKubeFromText(proxy.kubeconfig), namespace: ns.name, runStartedAt, emit: (o) => seen.push(o) });
  await observer.start();
  await createPod('resident');
  await until('resident running', 60_000, () => running('resident') || undefined);
}, 120_000);

afterAll(async () => {
  observer?.stop();
  await proxy?.close();
  await ns?.drop();
});

describe('the observer', () => {
  it('resumes after a dropped connection: a pod created and deleted while it was cut off is recorded as itself, with no relist', async () => {
    const listsBefore = podLists();
    await cutAndWaitOffline();
    await createPod('ghost-cut');
    await deletePod('ghost-cut');
    expect(podSeen('ghost-cut'), 'nothing of it seen while cut off').toBe(-1);
    await restoreAndWaitOnline();
    await until('ghost-cut recorded gone', 30_000, () => goneSeen('ghost-cut') >= 0 || undefined);
    expect(podSeen('ghost-cut')).toBeGreaterThanOrEqual(0);
    expect(podSeen('ghost-cut')).toBeLessThan(goneSeen('ghost-cut'));
    expect(podGaps(), 'nothing was lost, so no gap').toEqual([]);
    expect(podLists(), 'resumed from its resourceVersion, not relisted').toBe(listsBefore);
  }, 180_000);

  it('records events the API server delivers again only once', async () => {
    const before = await rest.request<{ metadata: { resourceVersion: string } }>('GET', podsPath());
    await createPod('dup');
    await until('dup running', 60_000, () => running('dup') || undefined);
    const dupObservations = () => seen.filter((o) => o.kind === 'pod' && o.pod === 'dup').length;
    const recorded = dupObservations();
    const relayedBefore = proxy.relayed.length;
    // The resumed watch asks for the version from before dup existed: the server replays its whole life.
    proxy.rewriteNextWatch('/pods', before.metadata.resourceVersion);
    await cutAndWaitOffline();
    await restoreAndWaitOnline();
    await until('the API server re-delivered dup', 30_000, () => proxy.relayed.slice(relayedBefore).some((e) => e.type === 'ADDED' && e.name === 'dup') || undefined);
    // A new change after the replay: once it is recorded, every replayed event was handled before it.
    const patched = await rest.request<{ metadata: { resourceVersion: string } }>('PATCH', `${podsPath()}/dup`, {
      body: { metadata: { labels: { touched: 'yes' } } },
      contentType: 'application/merge-patch+json',
    });
    const isPatch = (o: Observation) => o.kind === 'pod' && o.pod === 'dup' && o.snapshot.resourceVersion === patched.metadata.resourceVersion;
    await until('the label change recorded', 30_000, () => seen.some(isPatch) || undefined);
    expect(dupObservations(), 'the replay added nothing; the label change one observation').toBe(recorded + 1);
    expect(podGaps()).toEqual([]);
  }, 180_000);

  it('through a real API server restart: a pod that came and went while the watch was away is recorded, as itself or inside a bounded gap', async () => {
    const from = seen.length;
    const gapsBefore = podGaps().length;
    const restart = run(`${CLUSTER_DIR}/restart-apiserver`, ['--down-seconds', '3'], { timeout: 180_000 });
    await until('the restart noticed', 60_000, () => seen.slice(from).some((o) => o.kind === 'watch' && o.resource === 'pods' && o.state === 'offline') || undefined);
    // Keep the observer away a little longer than the API server, so the pod's whole life falls in its absence.
    proxy.cut();
    await restart;
    const createdAt = elapsed();
    await createPod('ghost-restart');
    await deletePod('ghost-restart');
    await deletePod('resident');
    const deletedAt = elapsed();
    expect(podSeen('ghost-restart')).toBe(-1);
    expect(goneSeen('resident')).toBe(-1);
    await restoreAndWaitOnline();
    await until('resident recorded gone', 60_000, () => goneSeen('resident') >= 0 || undefined);
    const gap = podGaps().slice(gapsBefore)[0];
    if (gap) {
      expect(gap.from).toBeLessThanOrEqual(createdAt);
      expect(gap.t).toBeGreaterThanOrEqual(deletedAt);
      expect(podSeen('ghost-restart')).toBe(-1);
    } else {
      await until('ghost-restart recorded gone', 30_000, () => goneSeen('ghost-restart') >= 0 || undefined);
      expect(podSeen('ghost-restart')).toBeLessThan(goneSeen('ghost-restart'));
    }
  }, 300_000);

  it('a resourceVersion the API server has expired (its real 410) relists, records a bounded gap, and what changed in it', async () => {
    await createPod('leaves');
    await until('leaves seen', 60_000, () => podSeen('leaves') >= 0 || undefined);
    const lastBefore = [...proxy.relayed].reverse().find((e) => e.path === podsPath() && e.resourceVersion)!;
    const listsBefore = podLists();
    const gapsBefore = podGaps().length;
    const newGaps = () => podGaps().slice(gapsBefore);
    // The API server restarted above, so its watch cache begins after version 1 (a fresh cluster's
    // first API server may still reach back that far): a resume from 1 gets its real 410.
    const fromOne = await rest.request<string>('GET', podsPath(), { query: { watch: true, resourceVersion: 1, timeoutSeconds: 1 }, text: true });
    expect(fromOne, 'the API server has expired version 1').toMatch(/"code":410/);
    proxy.rewriteNextWatch('/pods', '1');
    const cutAt = await cutAndWaitOffline();
    await createPod('ghost-410');
    await deletePod('ghost-410');
    await deletePod('leaves');
    await createPod('arrives');
    const changedBy = elapsed();
    expect(newGaps()).toEqual([]);
    await restoreAndWaitOnline();
    await until('a gap recorded', 30_000, () => newGaps()[0]);
    const gap = newGaps()[0]!;
    expect(gap.reason).toMatch(/too old resource version|expired|gone/i);
    expect(gap.from, 'from the last event seen').toBeLessThanOrEqual(cutAt);
    expect(gap.t, 'to the relist').toBeGreaterThanOrEqual(changedBy);
    expect(Number(gap.fromResourceVersion)).toBeGreaterThanOrEqual(Number(lastBefore.resourceVersion));
    expect(Number(gap.toResourceVersion)).toBeGreaterThan(Number(gap.fromResourceVersion));
    expect(podLists(), 'one relist').toBe(listsBefore + 1);
    const gapAt = seen.indexOf(gap);
    expect(goneSeen('leaves'), 'the relist found leaves gone').toBeGreaterThan(gapAt);
    expect(podSeen('arrives'), 'and arrives new').toBeGreaterThan(gapAt);
    expect(podSeen('ghost-410'), 'only the gap stands for ghost-410').toBe(-1);
  }, 180_000);
});
