// SPDX-License-Identifier: Apache-2.0
// Browser mode's server on loopback, over real HTTP: the token guards /api/ and the WebSocket; only its
// own Host names and Origins are served (DNS rebinding); every response, errors included, carries the
// security headers; bad paths are the client's 400 or a 403, never a 500 or a file from outside.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import type { AppApi, AppEvents } from '../../src-main/contract/api';
import { Emitter } from '../../src-main/core/util/emitter';
import { startBrowserServer, type RunningServer } from '../../src-main/serve/browser-server';
import { SECURITY_HEADERS } from '../../src-main/serve/security-headers';
import { openWs, send, sendRaw, type Reply } from './http-client';

let dir: string;
let server: RunningServer;
const events = new Emitter<AppEvents>();
const api = {
  listScenarios: async () => [{ id: 'demo' }],
  getScenario: async ({ id }: { id: string }) => {
    throw Object.assign(new Error(`no scenario ${id}`), { code: 'SCENARIO_NOT_FOUND' });
  },
} as unknown as AppApi;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'podlab-serve-'));
  const renderer = join(dir, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>podlab</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  symlinkSync(join(dir, 'secret.txt'), join(renderer, 'assets', 'link.js'));
  server = await startBrowserServer({ api, events, rendererDir: renderer, token: 'secret-token' });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const base = () => `http://127.0.0.1:${server.port}`;
const ws = (token = 'secret-token') => `ws://127.0.0.1:${server.port}/api/ws?token=${token}`;

function call(socket: WebSocket, id: number, method: string, args: unknown[]): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const m = JSON.parse(String(data)) as { type: string; id: number; envelope: unknown };
      if (m.type === 'result' && m.id === id) {
        socket.off('message', onMessage);
        resolve(m.envelope);
      }
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ type: 'call', id, method, args }));
  });
}

function expectSecurityHeaders(r: Reply, cache = 'no-store'): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(r.headers[name.toLowerCase()], name).toBe(value);
  expect(r.headers['cache-control']).toBe(cache);
}

describe('podlab serve on loopback', () => {
  it('listens on 127.0.0.1 and prints a URL carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=secret-token`);
    expect(server.urls).toEqual([server.url]);
  });

  it('answers 401 under /api/ without the token, 200 with it', async () => {
    expect((await send(`${base()}/api/health`)).status).toBe(401);
    expect((await send(`${base()}/api/health?token=wrong`)).status).toBe(401);
    expect((await send(`${base()}/api/health`, { headers: { Authorization: 'Bearer secret-token' } })).status).toBe(200);
    expect((await send(`${base()}/api/health?token=secret-token`)).body).toBe('{"ok":true}');
  });

  it('carries calls, validation errors and pushed events over the WebSocket', async () => {
    const socket = await openWs(ws());
    expect(await call(socket, 1, 'listScenarios', [])).toEqual({ ok: true, value: [{ id: 'demo' }] });
    expect(await call(socket, 2, 'getScenario', [{ id: 'x' }])).toMatchObject({ ok: false, error: { code: 'SCENARIO_NOT_FOUND' } });
    expect(await call(socket, 3, 'getScenario', [{ id: 7 }])).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENTS' } });
    expect(await call(socket, 4, 'dropDatabase', [])).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const pushed = new Promise((resolve) => socket.once('message', (d) => resolve(JSON.parse(String(d)))));
    events.emit('run:ended', { runId: 'r1', status: 'passed' });
    expect(await pushed).toEqual({ type: 'event', name: 'run:ended', payload: { runId: 'r1', status: 'passed' } });
    socket.close();
  });
});

describe('Host and Origin (DNS rebinding)', () => {
  it.each(['127.0.0.1', 'localhost', '[::1]', 'LOCALHOST'])('serves Host %s:PORT', async (name) => {
    const r = await send(`${base()}/api/health?token=secret-token`, { headers: { Host: `${name}:${server.port}` } });
    expect(r.status).toBe(200);
  });

  it.each([
    ['a rebinding name', () => `evil.example:${server.port}`],
    ['a look-alike', () => `localhost.evil.example:${server.port}`],
    ['the right name on another port', () => `127.0.0.1:${server.port + 1}`],
    ['no port', () => '127.0.0.1'],
  ])('refuses %s with 421 and no data, even with the token', async (_what, host) => {
    const r = await send(`${base()}/api/health?token=secret-token`, { headers: { Host: host() } });
    expect(r.status).toBe(421);
    expect(r.body).toMatch(/^misdirected request: this podlab answers only to the addresses it printed at start/);
    expect(r.body).not.toContain('ok');
    expectSecurityHeaders(r);
    expect((await send(`${base()}/`, { headers: { Host: host() } })).body).not.toContain('<title>');
  });

  it('refuses an HTTP/1.0 request without a Host', async () => {
    expect(await sendRaw(server.port, 'GET /api/health?token=secret-token HTTP/1.0\r\n\r\n')).toBe('HTTP/1.1 421 Misdirected Request');
  });

  it('refuses a WebSocket for another Host, or from another Origin, even with the token', async () => {
    await expect(openWs(ws(), { headers: { Host: `evil.example:${server.port}` } })).rejects.toThrow(/^HTTP 421: misdirected request: .* \[csp\]$/);
    for (const origin of ['http://evil.example', `http://localhost:${server.port}.evil.example`, `https://127.0.0.1:${server.port}`, 'null']) {
      await expect(openWs(ws(), { headers: { Origin: origin } }), origin).rejects.toThrow("HTTP 403: the WebSocket is only for podlab’s own pages [csp]");
    }
  });

  it('accepts the page’s own Origin, and a client that sends none (not a browser page) with the token only', async () => {
    for (const origin of [`http://127.0.0.1:${server.port}`, `http://localhost:${server.port}`, `http://[::1]:${server.port}`]) {
      (await openWs(ws(), { headers: { Origin: origin } })).close();
    }
    (await openWs(ws())).close();
    await expect(openWs(ws('nope'))).rejects.toThrow('HTTP 401: a valid token is required [csp]');
    await expect(openWs(`ws://127.0.0.1:${server.port}/api/other?token=secret-token`)).rejects.toThrow(/^HTTP 401/);
  });
});

describe('security headers on every response', () => {
  it.each([
    ['the page', '/', 200, 'no-cache'],
    ['an asset', '/assets/app.js', 200, 'no-cache'],
    ['a missing file', '/nope.js', 404, 'no-store'],
    ['the API without a token', '/api/health', 401, 'no-store'],
    ['the API', '/api/health?token=secret-token', 200, 'no-store'],
    ['an unknown API path', '/api/nope?token=secret-token', 404, 'no-store'],
    ['a malformed path', '/%E0%A4%A', 400, 'no-store'],
  ])('%s', async (_what, path, status, cache) => {
    const r = await send(`${base()}${path}`);
    expect(r.status).toBe(status);
    expectSecurityHeaders(r, cache);
  });

  it('a CSP the built renderer runs under: its own scripts and the WebSocket back, nothing inline, no framing', () => {
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('answers only GET and HEAD for files', async () => {
    const r = await send(`${base()}/`, { method: 'POST' });
    expect([r.status, r.headers.allow]).toEqual([405, 'GET, HEAD']);
    const head = await send(`${base()}/`, { method: 'HEAD' });
    expect([head.status, head.body]).toEqual([200, '']);
  });
});

describe('paths', () => {
  it.each(['/%E0%A4%A', '/%', '/assets/%zz.js', '/api/%ff%fe?token=secret-token'])('a malformed escape in %s is a 400, not a 500', async (path) => {
    const r = await send(`${base()}${path}`);
    expect([r.status, r.body]).toEqual([400, 'bad request: malformed %-encoding in the path\n']);
  });

  it.each(['/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/%2e%2e%5c%2e%2e%5csecret.txt'])('%s is refused', async (path) => {
    const r = await send(`${base()}${path}`);
    expect([r.status, r.body]).toEqual([403, 'forbidden: the path leaves the served folder\n']);
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2E%2E/../secret.txt'])('%s, which URL parsing folds into the folder, finds nothing', async (path) => {
    const r = await send(`${base()}${path}`);
    expect(r.status).toBe(404);
    expect(r.body).not.toContain('outside the renderer');
  });

  it('a NUL byte is a 400; a link out of the folder is not served', async () => {
    expect((await send(`${base()}/index.html%00.js`)).status).toBe(400);
    const r = await send(`${base()}/assets/link.js`);
    expect(r.status).toBe(404);
    expect(r.body).not.toContain('outside the renderer');
  });

  it.each(['*', 'http://127.0.0.1:PORT/index.html'])('a target that is not a path (%s) is a 400', async (target) => {
    const line = await sendRaw(server.port, `GET ${target.replace('PORT', String(server.port))} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`);
    expect(line).toBe('HTTP/1.1 400 Bad Request');
  });
});
