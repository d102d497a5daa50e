// SPDX-License-Identifier: Apache-2.0
// Browser mode: the same renderer over HTTP(S), the same typed API over a WebSocket, behind a
// token, answering only to the names it listens on, with the security headers on every response.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { isIP } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { APP_EVENT_NAMES, INVOKE, type AppApi, type AppEvents, type WireMessage } from '@contract/api';
import { AppError, dispatch, noopLogger, type Emitter, type Logger } from '../core';
import { parseRequestPath } from './request-path';
import { sendJson, sendText, upgradeRefusal } from './security-headers';
import { allowedHostHeaders, allowedOrigins, resolveBindAddress } from './served-address';
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
  /** a certificate and its key (PEM): HTTPS and WSS. Needed beyond loopback, unless insecure. */
  tls?: { cert: string; key: string };
  /** plain HTTP beyond loopback: the token then travels in clear, so only when asked for by name */
  insecure?: boolean;
  log?: Logger;
}

export interface RunningServer {
  /** the URL to open on this machine, token included */
  url: string;
  /** the same for every name a browser may use (other machines' ones after the first) */
  urls: string[];
  token: string;
  port: number;
  scheme: 'http' | 'https';
  close(): Promise<void>;
}

export async function startBrowserServer(o: BrowserServerOptions): Promise<RunningServer> {
  const token = o.token ?? newToken();
  const log = (o.log ?? noopLogger).child('serve');
  const bind = await resolveBindAddress(o.host);
  if (!bind.loopback && !o.tls && !o.insecure) {
    throw new AppError('SERVE_CLEAR_TEXT_REFUSED', `${bind.host} is reachable from other machines, and the token would cross the network in clear: serve it over HTTPS, or say insecure`);
  }
  const scheme = o.tls ? 'https' : 'http';
  const methods = new Set(Object.keys(INVOKE));
  // Filled in once listen() has the port; no request arrives before.
  let hostHeaders = new Set<string>();
  let origins = new Set<string>();
  const hostAllowed = (req: IncomingMessage) => hostHeaders.has((req.headers.host ?? '').toLowerCase());
  const misdirected = (req: IncomingMessage) =>
    `misdirected request: this podlab answers only to the addresses it printed at start, not to Host ${JSON.stringify((req.headers.host ?? '').slice(0, 100))}`;

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (!hostAllowed(req)) return sendText(res, 421, misdirected(req));
    const path = parseRequestPath(req.url);
    if (!path.ok) return sendText(res, path.status, path.message);
    if (path.decoded.startsWith('/api/')) {
      if (!tokenMatches(token, path.query.get('token') ?? bearer(req))) return sendJson(res, 401, { error: 'a valid token is required' });
      if (path.decoded === '/api/health') return sendJson(res, 200, { ok: true });
      return sendJson(res, 404, { error: 'no such API path' });
    }
    serveStatic(o.rendererDir, path.decoded, req.method, res).catch((e: unknown) => {
      log.error(`static ${path.decoded}: ${String(e)}`);
      if (!res.headersSent) sendText(res, 500, 'internal error');
      else res.destroy();
    });
  };
  const server: Server = o.tls ? createHttpsServer({ cert: o.tls.cert, key: o.tls.key }, onRequest) : createHttpServer(onRequest);

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', (e) => log.debug(`upgrade socket: ${String(e)}`));
    const refuse = (status: number, reason: string, text: string) => socket.end(upgradeRefusal(status, reason, text));
    if (!hostAllowed(req)) return refuse(421, 'Misdirected Request', misdirected(req));
    // Browsers always send Origin on a WebSocket; a client without one is not a page another site runs,
    // so the token alone decides for it (the CLI tools, the tests).
    const origin = req.headers.origin;
    if (origin !== undefined && !origins.has(origin.toLowerCase())) return refuse(403, 'Forbidden', 'the WebSocket is only for podlab’s own pages');
    const path = parseRequestPath(req.url);
    if (!path.ok || path.decoded !== '/api/ws' || !tokenMatches(token, path.query.get('token'))) return refuse(401, 'Unauthorized', 'a valid token is required');
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

  try {
    await listen(server, o.port ?? 0, bind.host);
  } catch (e) {
    offs.forEach((off) => off()); // a server that never listened must not keep the engine's events
    throw e;
  }
  const port = (server.address() as AddressInfo).port;
  hostHeaders = allowedHostHeaders(bind.names, port, scheme);
  origins = allowedOrigins(hostHeaders, scheme);
  const urls = urlsFor(bind.names, bind.host, scheme, port, token);
  return {
    url: urls[0]!,
    urls,
    token,
    port,
    scheme,
    close: async () => {
      offs.forEach((off) => off());
      for (const ws of clients) ws.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(listenError(e, port, host)));
    server.listen(port, host, () => resolve());
  });
}

function listenError(e: NodeJS.ErrnoException, port: number, host: string): Error {
  if (e.code === 'EADDRINUSE') return new AppError('SERVE_PORT_IN_USE', `port ${port} on ${host} is in use: pick another with --port (0 takes any free one)`);
  if (e.code === 'EADDRNOTAVAIL') return new AppError('SERVE_HOST_NOT_HERE', `${host} is not an address of this machine: give one of its addresses, or 0.0.0.0 for all of them`);
  if (e.code === 'EACCES') return new AppError('SERVE_PORT_DENIED', `port ${port} on ${host} needs privileges podlab does not have: pick one above 1023 with --port`);
  return e;
}

/** The URL for this machine first (the listen host, or 127.0.0.1 on a wildcard), then the others by IP. */
function urlsFor(names: readonly string[], host: string, scheme: string, port: number, token: string): string[] {
  const here = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const others = names.filter((n) => isIP(n) && n !== here && n !== '127.0.0.1' && n !== '::1');
  const shown = (n: string) => (isIP(n) === 6 ? `[${n}]` : n);
  return [here, ...others].map((n) => `${scheme}://${shown(n)}:${port}/?token=${token}`);
}

function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7) : undefined;
}
