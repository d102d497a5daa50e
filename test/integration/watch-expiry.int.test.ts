// SPDX-License-Identifier: Apache-2.0
// The real API server's own 410: the observer's first events watch is made to start from version 1
// (long expired; on the test cluster the EndpointSlices watch cache accepts a watch from 1), as a fresh API server's watch cache once answered a run
// seconds in. The observer relists the quiet namespace, finds nothing changed, watches on from the
// relist, and records neither a gap nor an outage; what happens afterwards arrives once.
import type { Observation } from '@contract/observation';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectKubeFromText } from '../../src-main/core/kube/connect';
import { NamespaceObserver } from '../../src-main/core/observe/namespace-observer';
import { startApiProxy, type ApiProxy } from './api-proxy';
import { testKube, testNamespace, until } from './cluster';

const { kc, rest } = testKube();
let ns: Awaited<ReturnType<typeof testNamespace>>;
let proxy: ApiProxy;
let observer: NamespaceObserver | undefined;
const seen: Observation[] = [];

beforeAll(async () => {
  ns = await testNamespace(rest, 'expiry');
  proxy = await startApiProxy(kc);
}, 120_000);

afterAll(async () => {
  observer?.stop();
  await proxy?.close();
  await ns?.drop();
});

it('a watch the API server expires at once relists, finds nothing changed, and goes on without a gap or an outage', async (ctx) => {
  const eventsPath = `/api/v1/namespaces/${ns.name}/events`;
  const fromOne = await rest.request<string>('GET', eventsPath, { query: { watch: true, resourceVersion: 1, timeoutSeconds: 1 }, text: true });
  // Events are watched from etcd, which expires old versions only at its first compaction (every
  // 5 min): a freshly started cluster (CI's) still serves version 1, so there is no real 410 to meet
  // yet. The recovery itself is also tested against a 410 from a local HTTP server
  // (test/core/observe/watch-expiry-http.test.ts), which runs everywhere.
  if (!/"code":410/.test(fromOne)) {
    console.warn('watch-expiry: this API server still serves version 1 (etcd not compacted yet); skipped');
    ctx.skip();
  }
  proxy.rewriteNextWatch('/events', '1');
  observer = new NamespaceObserver({ kube: await connectKubeFromText(proxy.kubeconfig), namespace: ns.name, runStartedAt: Date.now(), emit: (o) => seen.push(o) });
  await observer.start();
  const watchesOf = (suffix: string) => proxy.requests.filter((r) => r.includes(`${suffix}?`) && r.includes('watch=true'));
  await until('the events watch reopened after its relist', 30_000, () => watchesOf('/events').length >= 2 || undefined);
  expect(watchesOf('/events')[0]).toContain('resourceVersion=1&');
  expect(proxy.requests.filter((r) => r.startsWith(`GET ${eventsPath}`) && !r.includes('watch=true'))).toHaveLength(2);

  await rest.request('POST', eventsPath, {
    body: { apiVersion: 'v1', kind: 'Event', metadata: { name: 'after-the-410' }, involvedObject: { kind: 'Pod', name: 'web', namespace: ns.name }, reason: 'Probe', message: 'seen once', type: 'Normal' },
  });
  await until('the event observed', 30_000, () => seen.some((o) => o.kind === 'event' && o.reason === 'Probe') || undefined);
  expect(seen.filter((o) => o.kind === 'event' && o.reason === 'Probe')).toHaveLength(1);
  expect(seen.filter((o) => o.kind === 'gap')).toEqual([]);
  expect(seen.filter((o) => o.kind === 'watch').map((o) => (o.kind === 'watch' ? `${o.resource} ${o.state}` : '')).sort()).toEqual(['endpointslices online', 'events online', 'pods online']);
}, 120_000);
