// SPDX-License-Identifier: Apache-2.0
// Browser mode's server on loopback: the token guards /api/ and the WebSocket; calls round-trip.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AppApi, AppEvents } from '../../src-main/contract/api';
import { Emitter } from '../../src-main/core/util/emitter';
import { startBrowserServer, type RunningServer } from '../../src-main/serve/browser-server';

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
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>podlab</title>');
  server = await startBrowserServer({ api, events, rendererDir: dir, token: 'secret-token' });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const base = () => `http://127.0.0.1:${server.port}`;

function connect(token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/ws?token=${token}`);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

function call(ws: WebSocket, id: number, method: string, args: unknown[]): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const m = JSON.parse(String(data)) as { type: string; id: number; envelope: unknown };
      if (m.type === 'result' && m.id === id) {
        ws.off('message', onMessage);
        resolve(m.envelope);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ type: 'call', id, method, args }));
  });
}

describe('podlab serve', () => {
  it('listens on 127.0.0.1 and prints a URL carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=secret-token`);
  });

  it('answers 401 under /api/ without the token, 200 with it', async () => {
    expect((await fetch(`${base()}/api/health`)).status).toBe(401);
    expect((await fetch(`${base()}/api/health?token=wrong`)).status).toBe(401);
    expect((await fetch(`${base()}/api/health?token=secret-token`)).status).toBe(200);
  });

  it('serves the renderer with a CSP, and nothing outside its folder', async () => {
    const page = await fetch(`${base()}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect((await fetch(`${base()}/..%2f..%2fetc%2fpasswd`)).status).toBeGreaterThanOrEqual(403);
  });

  it('refuses a WebSocket without the token', async () => {
    await expect(connect('nope')).rejects.toThrow();
  });

  it('carries calls, validation errors and pushed events over the WebSocket', async () => {
    const ws = await connect('secret-token');
    expect(await call(ws, 1, 'listScenarios', [])).toEqual({ ok: true, value: [{ id: 'demo' }] });
    expect(await call(ws, 2, 'getScenario', [{ id: 'x' }])).toMatchObject({ ok: false, error: { code: 'SCENARIO_NOT_FOUND' } });
    expect(await call(ws, 3, 'getScenario', [{ id: 7 }])).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENTS' } });
    expect(await call(ws, 4, 'dropDatabase', [])).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const pushed = new Promise((resolve) => ws.once('message', (d) => resolve(JSON.parse(String(d)))));
    events.emit('run:ended', { runId: 'r1', status: 'passed' });
    expect(await pushed).toEqual({ type: 'event', name: 'run:ended', payload: { runId: 'r1', status: 'passed' } });
    ws.close();
  });
});
