// SPDX-License-Identifier: Apache-2.0
// The transport over both KubeApi clients (podlab's own and the client-node fallback), against a
// local HTTP server speaking the watch protocol: a 410 arrives as kube-apiserver sends it, and a
// server that never answers does not hold a watch.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientNodeKube } from '../../../src-main/core/kube/client-node-kube';
import { connectKubeFromText } from '../../../src-main/core/kube/connect';
import type { KubeApi } from '../../../src-main/core/kube/kube-api';
import { isExpired, kubeWatchTransport } from '../../../src-main/core/kube/watch-transport';

let server: Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<KubeConfig> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'local', server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, skipTLSVerify: true }],
    users: [{ name: 'local' }],
    contexts: [{ name: 'local', cluster: 'local', user: 'local' }],
    currentContext: 'local',
  });
  return kc;
}

const CLIENTS: Array<[string, (kc: KubeConfig) => Promise<KubeApi>]> = [
  ['podlab\'s own client', (kc) => connectKubeFromText(kc.exportConfig())],
  ['client-node', async (kc) => ClientNodeKube.fromKubeConfig(kc)],
];

describe.each(CLIENTS)('over %s', (_name, connect) => {
  function watchOnce(kube: KubeApi, openTimeoutMs = 30_000) {
    const events: Array<[string, unknown]> = [];
    const ended = new Promise<unknown>((resolve) => {
      void kubeWatchTransport(kube, { openTimeoutMs }).watch('/api/v1/pods', '41', (type, obj) => events.push([type, obj]), resolve);
    });
    return { events, ended };
  }

  it('hands on the ERROR event of an expired version as kube-apiserver streams it, then ends cleanly', async () => {
    let asked = '';
    const kube = await connect(await serve((req, res) => {
      asked = req.url ?? '';
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 41 (673)","reason":"Expired","code":410}}\n');
    }));
    const { events, ended } = watchOnce(kube);
    expect(await ended).toBeNull();
    expect(asked).toMatch(/watch=true&resourceVersion=41&allowWatchBookmarks=true/);
    expect(events).toHaveLength(1);
    expect(events[0]![0]).toBe('ERROR');
    expect(isExpired(events[0]![1])).toBe(true);
  });

  it('reports an HTTP 410 answer as expired', async () => {
    const kube = await connect(await serve((_req, res) => res.writeHead(410).end()));
    expect(isExpired(await watchOnce(kube).ended)).toBe(true);
  });

  it('gives up on a server that takes the connection and never answers', async () => {
    const kube = await connect(await serve(() => {}));
    const started = Date.now();
    const err = await watchOnce(kube, 300).ended;
    expect(String(err)).toMatch(/no answer within 0.3 s/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
