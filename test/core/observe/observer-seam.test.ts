// SPDX-License-Identifier: Apache-2.0
// The namespace observer through the Kubernetes seam: what it makes of pods, events and endpoint
// slices coming and going on a recorded fake API, and that a watch the server ends is resumed
// without losing a change, and that stop() stops.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Observation } from '@contract/observation';
import { NamespaceObserver, ROLE_LABEL } from '../../../src-main/core/observe/namespace-observer';
import { RecordedKube } from '../../fakes/recorded-kube';

const NS = '/api/v1/namespaces/lab';
const RUN_START = Date.UTC(2026, 11, 1, 9, 0, 0);

let observer: NamespaceObserver | undefined;
afterEach(() => observer?.stop());

async function observing(kube: RecordedKube, now: () => number = () => RUN_START + 1500): Promise<Observation[]> {
  const seen: Observation[] = [];
  observer = new NamespaceObserver({ kube, namespace: 'lab', runStartedAt: RUN_START, emit: (o) => seen.push(o), now });
  await observer.start();
  return seen;
}

const pod = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'lab', labels, creationTimestamp: '2026-12-01T09:00:01Z' },
  spec: { containers: [{ name: 'app', image: 'docker.io/library/busybox:1.36' }] },
  status: { phase: 'Pending' },
});

const kinds = (seen: Observation[]) => seen.filter((o) => o.kind !== 'watch').map((o) => `${o.kind}${'pod' in o && o.pod ? ` ${o.pod}` : ''}`);

describe('NamespaceObserver through the KubeApi seam', () => {
  it('reports pods as they are created, change and go, in run time, and not podlab\'s own traffic pods', async () => {
    const kube = new RecordedKube();
    const seen = await observing(kube);
    await kube.request('POST', `${NS}/pods`, { body: pod('web') });
    await kube.request('POST', `${NS}/pods`, { body: pod('traffic-web', { [ROLE_LABEL]: 'traffic' }) });
    kube.update(`${NS}/pods/web`, (p) => (p.status = { phase: 'Running' }));
    await kube.request('DELETE', `${NS}/pods/web`);
    await vi.waitFor(() => expect(kinds(seen)).toEqual(['pod web', 'pod web', 'pod-gone web']));
    const phases = seen.flatMap((o) => (o.kind === 'pod' ? [o.snapshot.phase] : []));
    expect(phases).toEqual(['Pending', 'Running']);
    expect(seen.every((o) => o.t === 1500)).toBe(true);
  });

  it('reports the watches online, and events and endpoints as the API has them', async () => {
    const kube = new RecordedKube();
    const seen = await observing(kube);
    expect(seen.filter((o) => o.kind === 'watch').map((o) => o.kind === 'watch' && `${o.resource} ${o.state}`).sort()).toEqual(['endpointslices online', 'events online', 'pods online']);
    await kube.request('POST', `${NS}/events`, {
      body: { metadata: { name: 'web.1' }, involvedObject: { kind: 'Pod', name: 'web', fieldPath: 'spec.containers{app}' }, type: 'Warning', reason: 'Unhealthy', message: 'Liveness probe failed', count: 3 },
    });
    await kube.request('POST', '/apis/discovery.k8s.io/v1/namespaces/lab/endpointslices', {
      body: { metadata: { name: 'svc-abc', labels: { 'kubernetes.io/service-name': 'svc' } }, endpoints: [{ addresses: ['10.0.0.7'], conditions: { ready: false, serving: true }, targetRef: { kind: 'Pod', name: 'web' } }] },
    });
    await vi.waitFor(() => expect(kinds(seen)).toEqual(['event', 'endpoint web']));
    expect(seen.find((o) => o.kind === 'event')).toMatchObject({ object: 'web', objectKind: 'Pod', fieldPath: 'spec.containers{app}', type: 'Warning', reason: 'Unhealthy', count: 3 });
    expect(seen.find((o) => o.kind === 'endpoint')).toMatchObject({ service: 'svc', address: '10.0.0.7', ready: false, serving: true, terminating: false, present: true });
  });

  it('resumes a watch the server ended from where it was: a change made meanwhile arrives once', async () => {
    const kube = new RecordedKube();
    const seen = await observing(kube);
    await kube.request('POST', `${NS}/pods`, { body: pod('web') });
    kube.endWatches();
    // While no watch is open: a real server hands this over when the watch resumes from its version.
    kube.update(`${NS}/pods/web`, (p) => (p.status = { phase: 'Running' }));
    await vi.waitFor(() => expect(seen.filter((o) => o.kind === 'pod' && o.snapshot.phase === 'Running')).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 50));
    expect(kinds(seen)).toEqual(['pod web', 'pod web']);
    // resumed, not relisted: no second list of pods after the first
    expect(kube.calls.filter((c) => c.method === 'GET' && c.path === `${NS}/pods`)).toHaveLength(1);
  });

  it('after stop() nothing more is reported', async () => {
    const kube = new RecordedKube();
    const seen = await observing(kube);
    observer!.stop();
    const before = seen.length;
    await kube.request('POST', `${NS}/pods`, { body: pod('late') });
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.length).toBe(before);
  });
});
