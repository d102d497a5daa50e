// SPDX-License-Identifier: Apache-2.0
// Browser mode: the same renderer over HTTP, the same typed API over a WebSocket, behind a per-start token.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { APP_EVENT_NAMES, INVOKE, type AppApi, type AppEvents } from '@contract/api';
import type { Emitter } from '../core/util/emitter';
import { noopLogger, type Logger } from '../core/util/log';
import { dispatch } from '../core/api-dispatch';
import { serveStatic } from './static-files';
import { newToken, tokenMatches } from './token';

export interface BrowserServerOptions {
  api: AppApi;
  events: Emitter<AppEvents>;
  rendererDir: string;
  port?: number;
  /** 127.0.0.1 unless asked otherwise; the token is required either way */
  host?: string;
  token?: string;
  log?: Logger;
}

/** Client → server: a call. Server → client: its envelope, or a pushed event. */
export type WireMessage =
  | { type: 'call'; id: number; method: string; args: unknown[] }
  | { type: 'result'; id: number; envelope: unknown }
  | { type: 'event'; name: string; payload: unknown };


export interface RunningServer {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export async function startBrowserServer(o: BrowserServerOptions): Promise<RunningServer> {
  const token = o.token ?? newToken();
  const log = (o.log ?? noopLogger).child('serve');
  const host = o.host ?? '127.0.0.1';
  const methods = new Set(Object.keys(INVOKE));

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/api/')) {
      if (!tokenMatches(token, url.searchParams.get('token') ?? bearer(req))) {
        res.writeHead(401, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'a valid token is required' }));
        return;
      }
      if (url.pathname === '/api/health') {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ok: true }));
        return;
      }
      res.writeHead(404).end();
      return;
    }
    void serveStatic(o.rendererDir, url.pathname, res).catch((e: unknown) => {
      log.error(`static ${url.pathname}: ${String(e)}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/api/ws' || !tokenMatches(token, url.searchParams.get('token'))) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => connect(ws));
  });

  const clients = new Set<WebSocket>();
  const send = (ws: WebSocket, m: WireMessage) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(m));
  const offs = APP_EVENT_NAMES.map((name) =>
    o.events.on(name, (payload) => {
      for (const ws of clients) send(ws, { type: 'event', name, payload });
    }),
  );

  function connect(ws: WebSocket): void {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    ws.on('message', async (data) => {
      let m: WireMessage;
      try {
        m = JSON.parse(String(data)) as WireMessage;
      } catch {
        return;
      }
      if (m.type !== 'call' || typeof m.id !== 'number' || !Array.isArray(m.args)) return;
      if (!methods.has(m.method)) {
        send(ws, { type: 'result', id: m.id, envelope: { ok: false, error: { name: 'AppError', code: 'UNKNOWN_METHOD', message: `no method ${m.method}` } } });
        return;
      }
      const envelope = await dispatch(o.api, m.method as keyof AppApi, m.args, log);
      send(ws, { type: 'result', id: m.id, envelope });
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost === '0.0.0.0' ? '127.0.0.1' : shownHost}:${port}/?token=${token}`,
    token,
    port,
    close: async () => {
      offs.forEach((off) => off());
      for (const ws of clients) ws.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7) : undefined;
}
