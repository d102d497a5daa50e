// SPDX-License-Identifier: Apache-2.0
// The observer's watches survive a dropped connection and a real API server restart, losing no change.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Observation } from '@contract/observation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NamespaceObserver } from '../../src-main/core/observe/namespace-observer';
import { CLUSTER_DIR, testKube, testNamespace, until } from './cluster';

const run = promisify(execFile);
const { kc, rest } = testKube();
let ns: Awaited<ReturnType<typeof testNamespace>>;
let observer: NamespaceObserver;
const seen: Observation[] = [];

const pod = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { terminationGracePeriodSeconds: 0, containers: [{ name: 'c', image: 'docker.io/library/busybox:1.36', imagePullPolicy: 'IfNotPresent', command: ['sleep', '3600'] }] },
});
const running = (name: string) => seen.some((o) => o.kind === 'pod' && o.pod === name && o.snapshot.phase === 'Running');
const gone = (name: string) => seen.some((o) => o.kind === 'pod-gone' && o.pod === name);

beforeAll(async () => {
  ns = await testNamespace(rest, 'watch');
  observer = new NamespaceObserver({ kc, rest, namespace: ns.name, runStartedAt: Date.now(), emit: (o) => seen.push(o) });
  await observer.start();
}, 60_000);

afterAll(async () => {
  observer?.stop();
  await ns?.drop();
});

describe('the observer', () => {
  it('sees changes made while its connections were dropped', async () => {
    await rest.request('POST', `/api/v1/namespaces/${ns.name}/pods`, { body: pod('before-drop') });
    await until('before-drop running', 60_000, () => running('before-drop') || undefined);
    observer.dropConnections();
    await rest.request('POST', `/api/v1/namespaces/${ns.name}/pods`, { body: pod('after-drop') });
    await until('after-drop running', 60_000, () => running('after-drop') || undefined);
    expect(seen.filter((o) => o.kind === 'pod' && o.pod === 'before-drop').length).toBeGreaterThan(0);
  }, 120_000);

  it('survives an API server restart mid-run: changes made around it all arrive', async () => {
    await run(`${CLUSTER_DIR}/restart-apiserver`, ['--down-seconds', '3'], { timeout: 180_000 });
    // Changes after the restart: a new pod, and a pod from before deleted.
    await rest.request('POST', `/api/v1/namespaces/${ns.name}/pods`, { body: pod('after-restart') });
    await rest.request('DELETE', `/api/v1/namespaces/${ns.name}/pods/before-drop`, { body: { gracePeriodSeconds: 0 } });
    await until('after-restart running', 90_000, () => running('after-restart') || undefined);
    await until('before-drop gone', 90_000, () => gone('before-drop') || undefined);
    const offline = seen.filter((o) => o.kind === 'watch' && o.state === 'offline');
    expect(offline.length, 'the restart was noticed').toBeGreaterThan(0);
    // Every kind of watch came back.
    for (const resource of ['pods', 'events', 'endpointslices']) {
      const last = [...seen].reverse().find((o) => o.kind === 'watch' && o.resource === resource);
      expect(last?.kind === 'watch' && last.state, resource).toBe('online');
    }
  }, 240_000);
});
