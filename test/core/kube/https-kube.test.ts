// SPDX-License-Identifier: Apache-2.0
// podlab's own KubeApi client against local servers speaking the API server's protocols: REST,
// watch streams, followed logs, exec over the WebSocket channel protocol, and TLS with a
// client certificate. The real-cluster suite runs every lesson through the same client.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { connectKubeFromText } from '../../../src-main/core/kube/connect';
import { KubeApiError, type KubeApi } from '../../../src-main/core/kube/kube-api';

let server: Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
  server = undefined;
});

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

function kubeconfig(server: string, user: string): string {
  return `apiVersion: v1
kind: Config
current-context: here
clusters: [{name: local, cluster: {server: "${server}"}}]
users: [{name: me, user: ${user}}]
contexts: [{name: here, context: {cluster: local, user: me}}]
`;
}

async function serve(handler: Handler, user = '{token: s3cret}', prefix = ''): Promise<KubeApi> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return connectKubeFromText(kubeconfig(`http://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`, user));
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

it('sends JSON with the kubeconfig token, the query and the server path prefix, and parses the answer', async () => {
  const seen: Array<{ method?: string; url?: string; auth?: string; type?: string; body: string }> = [];
  const kube = await serve(
    (req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, type: req.headers['content-type'], body });
        json(res, 201, { kind: 'Pod', metadata: { name: 'web' } });
      });
    },
    '{token: s3cret}',
    '/k8s/clusters/c1',
  );
  const pod = await kube.request('POST', '/api/v1/namespaces/a/pods', { body: { kind: 'Pod' }, query: { dryRun: 'All', fieldManager: undefined } });
  expect(pod).toEqual({ kind: 'Pod', metadata: { name: 'web' } });
  expect(seen).toEqual([{ method: 'POST', url: '/k8s/clusters/c1/api/v1/namespaces/a/pods?dryRun=All', auth: 'Bearer s3cret', type: 'application/json', body: '{"kind":"Pod"}' }]);
  expect(kube.context).toBe('here');
});

it('throws a KubeApiError with the Status message for a non-2xx answer, and returns text when asked', async () => {
  const kube = await serve((req, res) => {
    if (req.url?.startsWith('/api/v1/namespaces/a/pods/web/log')) return void res.writeHead(200, { 'Content-Type': 'text/plain' }).end('line one\n');
    json(res, 404, { kind: 'Status', message: 'pods "gone" not found', reason: 'NotFound', code: 404 });
  });
  expect(await kube.request('GET', '/api/v1/namespaces/a/pods/web/log', { text: true })).toBe('line one\n');
  const err = await kube.request('GET', '/api/v1/namespaces/a/pods/gone').catch((e: unknown) => e);
  expect(err).toBeInstanceOf(KubeApiError);
  expect((err as KubeApiError).status).toBe(404);
  expect((err as KubeApiError).code).toBe('KUBE_NOT_FOUND');
  expect((err as Error).message).toBe('GET /api/v1/namespaces/a/pods/gone: 404 pods "gone" not found');
});

it('gives up on a request after its timeout, and names an unreachable server', async () => {
  const kube = await serve(() => {});
  const started = Date.now();
  await expect(kube.request('GET', '/version', { timeoutMs: 200 })).rejects.toThrow('GET /version: no answer within 0.2 s');
  expect(Date.now() - started).toBeLessThan(3_000);
  const port = (server!.address() as AddressInfo).port;
  server!.close();
  server = undefined;
  const closed = await connectKubeFromText(kubeconfig(`http://127.0.0.1:${port}`, '{}'));
  await expect(closed.request('GET', '/version')).rejects.toThrow(`GET http://127.0.0.1:${port}/version: ECONNREFUSED`);
});

it('streams watch events, ends a stream the server closes with null, and a broken line with an error', async () => {
  let urls: string[] = [];
  const kube = await serve((req, res) => {
    urls.push(req.url ?? '');
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{"type":"ADDED","object":{"metadata":{"name":"a","resourceVersion":"5"}}}\n{"type":"BOOKMARK",');
    res.end(req.url?.includes('garbled') ? '\n' : '"object":{"metadata":{"resourceVersion":"6"}}}\n');
  });
  const watchOnce = (path: string) =>
    new Promise<{ events: string[]; err: unknown }>((resolve) => {
      const events: string[] = [];
      void kube.watch(path, '4', (type, object) => events.push(`${type} ${(object as { metadata: { resourceVersion: string } }).metadata.resourceVersion}`), (err) => resolve({ events, err }));
    });
  expect(await watchOnce('/api/v1/namespaces/a/pods')).toEqual({ events: ['ADDED 5', 'BOOKMARK 6'], err: null });
  expect(urls).toEqual(['/api/v1/namespaces/a/pods?watch=true&resourceVersion=4&allowWatchBookmarks=true']);
  urls = [];
  const garbled = await watchOnce('/api/v1/namespaces/garbled/pods');
  expect(garbled.events).toEqual(['ADDED 5']);
  expect(String(garbled.err)).toMatch(/not JSON: \{"type":"BOOKMARK",/);
});

it('calls a watch done once with an AbortError when aborted, and with the status code when refused', async () => {
  const kube = await serve((req, res) => {
    if (req.url?.includes('forbidden')) return json(res, 403, { kind: 'Status', message: 'pods is forbidden', code: 403 });
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{"type":"ADDED","object":{"metadata":{"name":"a"}}}\n');
  });
  const dones: unknown[] = [];
  const open = await kube.watch('/api/v1/namespaces/a/pods', '1', () => {}, (e) => dones.push(e));
  open.abort();
  open.abort();
  await new Promise((r) => setTimeout(r, 50));
  expect(dones).toHaveLength(1);
  expect((dones[0] as Error).name).toBe('AbortError');

  const refused = await new Promise<unknown>((resolve) => void kube.watch('/api/v1/namespaces/forbidden/pods', '1', () => {}, resolve));
  expect((refused as { statusCode: number }).statusCode).toBe(403);
  expect(String(refused)).toMatch(/403 pods is forbidden/);
});

it('follows a log into a stream until aborted, and refuses a missing container with the server\'s message', async () => {
  let asked = '';
  const kube = await serve((req, res) => {
    asked = req.url ?? '';
    if (req.url?.includes('container=nope')) return json(res, 400, { kind: 'Status', message: 'container nope is not valid for pod web', code: 400 });
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.write('2026-12-02T10:00:00Z hello\n');
  });
  const into = new PassThrough();
  const chunks: string[] = [];
  into.on('data', (c: Buffer) => chunks.push(c.toString()));
  const ended = new Promise((r) => into.on('end', r));
  const open = await kube.followLog('a', 'web', 'app', into);
  expect(asked).toBe('/api/v1/namespaces/a/pods/web/log?container=app&follow=true&timestamps=true');
  await new Promise((r) => setTimeout(r, 50));
  open.abort();
  await ended;
  expect(chunks.join('')).toBe('2026-12-02T10:00:00Z hello\n');
  await expect(kube.followLog('a', 'web', 'nope', new PassThrough())).rejects.toThrow('400 container nope is not valid for pod web');
});

/** An exec endpoint speaking v5.channel.k8s.io: what `answer` sends for the command it was asked. */
async function execServer(answer: (command: string[], send: (channel: number, text: string) => void, cut: () => void) => void): Promise<{ kube: KubeApi; asked: string[] }> {
  const asked: string[] = [];
  const kube = await serve((req, res) => json(res, 404, { kind: 'Status', message: `pods "${req.url?.split('/')[6]}" not found`, code: 404 }));
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => (protocols.has('v5.channel.k8s.io') ? 'v5.channel.k8s.io' : false) });
  server!.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    asked.push(`${url.pathname}${url.search} ${req.headers.authorization}`);
    if (!url.pathname.includes('/pods/web/')) {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\n\r\n{"kind":"Status","message":"pods \\"other\\" not found","code":404}');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) =>
      answer(url.searchParams.getAll('command'), (channel, text) => ws.send(Buffer.concat([Buffer.from([channel]), Buffer.from(text)])), () => ws.terminate()),
    );
  });
  return { kube, asked };
}

it('runs a command over exec and hands back its output and exit code', async () => {
  const { kube, asked } = await execServer((command, send) => {
    send(1, `ran ${command.join(' ')}\n`);
    send(2, 'warning\n');
    if (command[1] === 'fail') send(3, JSON.stringify({ status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '3' }] } }));
    else if (command[1] === 'missing') send(3, JSON.stringify({ status: 'Failure', message: 'exec: "nope": executable file not found in $PATH' }));
    else send(3, JSON.stringify({ status: 'Success' }));
  });
  expect(await kube.exec('a', 'web', 'app', ['sh', 'ok'], 5_000)).toEqual({ exitCode: 0, stdout: 'ran sh ok\n', stderr: 'warning\n' });
  expect(asked).toEqual(['/api/v1/namespaces/a/pods/web/exec?command=sh&command=ok&container=app&stdout=true&stderr=true Bearer s3cret']);
  expect(await kube.exec('a', 'web', 'app', ['sh', 'fail'], 5_000)).toEqual({ exitCode: 3, stdout: 'ran sh fail\n', stderr: 'warning\n' });
  expect(await kube.exec('a', 'web', 'app', ['sh', 'missing'], 5_000)).toEqual({ exitCode: 1, stdout: 'ran sh missing\n', stderr: 'warning\nexec: "nope": executable file not found in $PATH' });
});

it('rejects an exec the server refuses with its message, one that never ends after its timeout, and one cut before its exit status', async () => {
  const { kube } = await execServer((command, send, cut) => {
    send(1, 'started\n');
    if (command[0] === 'cut') setTimeout(cut, 20);
  });
  await expect(kube.exec('a', 'other', 'app', ['true'], 5_000)).rejects.toThrow('404 pods "other" not found');
  const started = Date.now();
  await expect(kube.exec('a', 'web', 'app', ['sleep'], 300)).rejects.toThrow('exec in web/app timed out after 0.3 s');
  expect(Date.now() - started).toBeLessThan(3_000);
  await expect(kube.exec('a', 'web', 'app', ['cut'], 5_000)).rejects.toThrow(/exec in web\/app: .*(closed|socket hang up)/);
});

it('sends a DELETE body with its length, so the next request on the same connection is not read from it', async () => {
  const seen: string[] = [];
  const kube = await serve((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push(`${req.method} ${req.url} ${body}`);
      json(res, 200, { kind: 'Status' });
    });
  });
  await kube.request('DELETE', '/api/v1/namespaces/a', { body: { propagationPolicy: 'Background' } });
  await kube.request('GET', '/api/v1/namespaces/a');
  expect(seen).toEqual(['DELETE /api/v1/namespaces/a {"propagationPolicy":"Background"}', 'GET /api/v1/namespaces/a ']);
});
