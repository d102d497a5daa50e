// SPDX-License-Identifier: Apache-2.0
// A plain-HTTP proxy between a client under test and the real API server, so a test can break the
// client's connections on demand the way a network does. It forwards with the test cluster's own
// credentials, keeps a log of the requests that reached the API server, and can make the next
// watch start from another resourceVersion: a very old one gets the server's real 410, an earlier
// one makes the server really re-deliver events the client has already seen.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { KubeConfig } from '@kubernetes/client-node';

/** One watch event as it went through the proxy. */
export interface RelayedEvent {
  path: string;
  type: string;
  name?: string;
  resourceVersion?: string;
}

export interface ApiProxy {
  /** a kubeconfig for the client under test: the proxy, no credentials of its own */
  kubeconfig: string;
  /** "GET /api/v1/namespaces/x/pods?watch=true&resourceVersion=123", as sent to the API server */
  requests: string[];
  relayed: RelayedEvent[];
  /** Breaks every open connection and refuses new ones until `restore()`. */
  cut(): void;
  restore(): void;
  /** The next watch of a path ending in `pathSuffix` asks for `resourceVersion` instead. */
  rewriteNextWatch(pathSuffix: string, resourceVersion: string): void;
  close(): Promise<void>;
}

const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'host'];

function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const out = { ...headers };
  for (const h of HOP_BY_HOP) delete out[h];
  return out;
}

export async function startApiProxy(upstream: KubeConfig): Promise<ApiProxy> {
  const target = new URL(upstream.getCurrentCluster()!.server);
  const sockets = new Set<Socket>();
  const requests: string[] = [];
  const relayed: RelayedEvent[] = [];
  const rewrites: Array<{ pathSuffix: string; resourceVersion: string }> = [];
  let refusing = false;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', target);
    const isWatch = url.searchParams.get('watch') === 'true';
    const rewrite = isWatch ? rewrites.findIndex((r) => url.pathname.endsWith(r.pathSuffix)) : -1;
    if (rewrite >= 0) url.searchParams.set('resourceVersion', rewrites.splice(rewrite, 1)[0]!.resourceVersion);
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    const options: RequestOptions = { method: req.method, headers: withoutHopByHop(req.headers) };
    void upstream.applyToHTTPSOptions(options).then(() => {
      const up = httpsRequest(url, options, (answer) => {
        res.writeHead(answer.statusCode ?? 502, withoutHopByHop(answer.headers));
        // A watch's headers come before any event: send them now, as the API server does.
        res.flushHeaders();
        if (isWatch) recordEvents(answer, url.pathname, relayed);
        answer.pipe(res);
        // The API server's side broke mid-answer (a restart kills its watches): so does ours.
        answer.on('close', () => {
          if (!answer.complete) res.destroy();
        });
      });
      up.on('error', () => res.destroy());
      res.on('close', () => up.destroy());
      req.pipe(up);
    });
  });
  server.on('connection', (socket) => {
    if (refusing) return void socket.destroy();
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const kubeconfig = `current-context: proxy
clusters: [{name: proxy, cluster: {server: "http://127.0.0.1:${port}"}}]
users: [{name: proxy, user: {}}]
contexts: [{name: proxy, context: {cluster: proxy, user: proxy}}]
`;

  return {
    kubeconfig,
    requests,
    relayed,
    cut() {
      refusing = true;
      for (const s of sockets) s.destroy();
    },
    restore() {
      refusing = false;
    },
    rewriteNextWatch(pathSuffix, resourceVersion) {
      rewrites.push({ pathSuffix, resourceVersion });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Watch streams are one JSON event per line. */
function recordEvents(stream: NodeJS.ReadableStream, path: string, out: RelayedEvent[]): void {
  let partial = '';
  stream.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      try {
        const e = JSON.parse(line) as { type: string; object?: { metadata?: { name?: string; resourceVersion?: string } } };
        out.push({ path, type: e.type, name: e.object?.metadata?.name, resourceVersion: e.object?.metadata?.resourceVersion });
      } catch {
        /* not a whole event: ignore */
      }
    }
  });
}
