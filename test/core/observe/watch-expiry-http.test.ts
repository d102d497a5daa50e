// SPDX-License-Identifier: Apache-2.0
// The run's observer, with podlab's own HTTP client, against a local server that answers a watch
// the way a fresh kube-apiserver's watch cache did on the test cluster: a 200 stream whose only
// event is ERROR {code: 410, "too old resource version: 449 (482)"}, seconds into a run. The
// observer must relist, watch on from the relist's version, and see each later change once; the
// gap (and so a run "could not be judged") only when the relist shows that something changed.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Observation } from '@contract/observation';
import { afterEach, expect, it, vi } from 'vitest';
import { connectKubeFromText } from '../../../src-main/core/kube/connect';
import { NamespaceObserver } from '../../../src-main/core/observe/namespace-observer';

const SLICES = '/apis/discovery.k8s.io/v1/namespaces/lab/endpointslices';

let server: Server | undefined;
let observer: NamespaceObserver | undefined;
afterEach(() => {
  observer?.stop();
  server?.closeAllConnections();
  server?.close();
});

const slice = (rv: string, ready: boolean) => ({
  metadata: { uid: 'slice-1', name: 'web-abc', resourceVersion: rv, labels: { 'kubernetes.io/service-name': 'web' } },
  endpoints: [{ addresses: ['10.244.0.9'], conditions: { ready }, targetRef: { kind: 'Pod', name: 'web' } }],
});

interface Fake {
  /** "list 449", "watch 449", … for the slices */
  slices: string[];
  /** the open slices watch, to send it events */
  stream?: ServerResponse;
}

/** Pods and events: empty, their watches open and quiet. Slices: listed at 449, the watch from 449 expired, the relist at 482 with `relisted`. */
async function apiServer(relisted: unknown[]): Promise<{ fake: Fake; kubeconfig: string }> {
  const fake: Fake = { slices: [] };
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const json = (body: unknown) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    const watching = url.searchParams.get('watch') === 'true';
    if (url.pathname !== SLICES) {
      if (!watching) return json({ metadata: { resourceVersion: '449' }, items: [] });
      return void res.writeHead(200, { 'Content-Type': 'application/json' }).flushHeaders();
    }
    if (!watching) {
      const first = !fake.slices.some((s) => s.startsWith('list'));
      fake.slices.push(`list ${first ? 449 : 482}`);
      return json(first ? { metadata: { resourceVersion: '449' }, items: [] } : { metadata: { resourceVersion: '482' }, items: relisted });
    }
    const rv = url.searchParams.get('resourceVersion');
    fake.slices.push(`watch ${rv}`);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    if (rv === '449') {
      const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'too old resource version: 449 (482)', reason: 'Expired', code: 410 };
      return void res.end(`${JSON.stringify({ type: 'ERROR', object: status })}\n`);
    }
    res.flushHeaders();
    fake.stream = res;
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const kubeconfig = `apiVersion: v1
kind: Config
current-context: here
clusters: [{name: local, cluster: {server: "${url}"}}]
users: [{name: me, user: {token: t}}]
contexts: [{name: here, context: {cluster: local, user: me}}]
`;
  return { fake, kubeconfig };
}

async function observe(kubeconfig: string): Promise<Observation[]> {
  const seen: Observation[] = [];
  observer = new NamespaceObserver({ kube: await connectKubeFromText(kubeconfig), namespace: 'lab', runStartedAt: Date.now(), emit: (o) => seen.push(o) });
  await observer.start();
  return seen;
}

const summary = (seen: Observation[]) =>
  seen.map((o) => (o.kind === 'watch' ? `watch ${o.resource} ${o.state}` : o.kind === 'endpoint' ? `endpoint ${o.address} ${o.ready ? 'ready' : 'unready'}` : o.kind));

it('relists after the 410 ERROR event and watches on from the relist: no gap, no outage, each change once', async () => {
  const { fake, kubeconfig } = await apiServer([]);
  const seen = await observe(kubeconfig);
  await vi.waitFor(() => expect(fake.stream).toBeDefined(), { timeout: 5000 });
  expect(fake.slices).toEqual(['list 449', 'watch 449', 'list 482', 'watch 482']);
  fake.stream!.write(`${JSON.stringify({ type: 'ADDED', object: slice('483', false) })}\n`);
  fake.stream!.write(`${JSON.stringify({ type: 'ADDED', object: slice('483', false) })}\n`); // delivered again
  fake.stream!.write(`${JSON.stringify({ type: 'MODIFIED', object: slice('490', true) })}\n`);
  await vi.waitFor(() => expect(summary(seen).filter((l) => l.startsWith('endpoint'))).toHaveLength(2));
  expect(summary(seen).sort()).toEqual(['endpoint 10.244.0.9 ready', 'endpoint 10.244.0.9 unready', 'watch endpointslices online', 'watch events online', 'watch pods online']);
});

it('reports the gap, bounded by both versions, when the relist shows a slice that appeared meanwhile', async () => {
  const { fake, kubeconfig } = await apiServer([slice('470', false)]);
  const seen = await observe(kubeconfig);
  await vi.waitFor(() => expect(fake.stream).toBeDefined(), { timeout: 5000 });
  expect(summary(seen).filter((l) => !l.startsWith('watch'))).toEqual(['gap', 'endpoint 10.244.0.9 unready']);
  expect(seen.find((o) => o.kind === 'gap')).toMatchObject({ resource: 'endpointslices', fromResourceVersion: '449', toResourceVersion: '482', reason: 'too old resource version: 449 (482)' });
  expect(summary(seen).filter((l) => l.includes('offline'))).toEqual([]);
});
