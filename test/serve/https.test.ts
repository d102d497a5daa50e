// SPDX-License-Identifier: Apache-2.0
// Browser mode beyond loopback: never the token in clear unless asked for by name; HTTPS with the kept
// self-signed certificate, checked by a real TLS client against its names; listen failures in words.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppApi, AppEvents } from '../../src-main/contract/api';
import { Emitter } from '../../src-main/core/util/emitter';
import { startBrowserServer, type BrowserServerOptions, type RunningServer } from '../../src-main/serve/browser-server';
import { resolveBindAddress } from '../../src-main/serve/served-address';
import { loadOrCreateTlsIdentity, type TlsIdentity } from '../../src-main/serve/tls-identity';
import { openWs, send } from './http-client';

let dir: string;
const base = (): Omit<BrowserServerOptions, 'host'> => ({ api: { listScenarios: async () => [] } as unknown as AppApi, events: new Emitter<AppEvents>(), rendererDir: dir, token: 't0ken' });
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'podlab-https-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('beyond loopback', () => {
  it('refuses to serve plain HTTP on every address unless insecure is said', async () => {
    await expect(startBrowserServer({ ...base(), host: '0.0.0.0' })).rejects.toThrow(
      '0.0.0.0 is reachable from other machines, and the token would cross the network in clear: serve it over HTTPS, or say insecure',
    );
    const server = await startBrowserServer({ ...base(), host: '0.0.0.0', insecure: true });
    expect(server.scheme).toBe('http');
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=t0ken`);
    expect((await send(`${server.url.replace('/?', '/api/health?')}`)).status).toBe(200);
    await server.close();
  });

  it('is loopback for 127.0.0.1, ::1 and localhost only', async () => {
    for (const host of ['127.0.0.1', '127.0.0.2', '::1', 'localhost']) expect((await resolveBindAddress(host)).loopback, host).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.0.2.10', 'fd00::7']) expect((await resolveBindAddress(host)).loopback, host).toBe(false);
  });

  describe('over HTTPS', () => {
    let server: RunningServer;
    let identity: TlsIdentity;
    beforeAll(async () => {
      identity = await loadOrCreateTlsIdentity(join(dir, 'data'), (await resolveBindAddress('0.0.0.0')).names);
      server = await startBrowserServer({ ...base(), host: '0.0.0.0', tls: identity });
    });
    afterAll(() => server.close());

    it('a TLS client that trusts only this certificate accepts it for 127.0.0.1 and localhost', async () => {
      expect(server.url).toBe(`https://127.0.0.1:${server.port}/?token=t0ken`);
      expect((await send(`https://127.0.0.1:${server.port}/api/health?token=t0ken`, { ca: identity.cert })).body).toBe('{"ok":true}');
      expect((await send(`https://localhost:${server.port}/api/health?token=t0ken`, { ca: identity.cert })).status).toBe(200);
      await expect(send(`https://127.0.0.1:${server.port}/api/health?token=t0ken`)).rejects.toThrow(/self-signed certificate/);
    });

    it('shows browsers the fingerprint podlab printed', async () => {
      const seen = await new Promise<string>((resolve, reject) => {
        const s = tlsConnect({ host: '127.0.0.1', port: server.port, rejectUnauthorized: false }, () => {
          resolve(s.getPeerCertificate().fingerprint256);
          s.end();
        });
        s.on('error', reject);
      });
      expect(seen).toBe(identity.fingerprint);
      expect(identity.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    });

    it('carries the WebSocket as wss from its own https origin, and refuses an http one', async () => {
      const url = `wss://127.0.0.1:${server.port}/api/ws?token=t0ken`;
      (await openWs(url, { ca: identity.cert, headers: { Origin: `https://127.0.0.1:${server.port}` } })).close();
      await expect(openWs(url, { ca: identity.cert, headers: { Origin: `http://127.0.0.1:${server.port}` } })).rejects.toThrow(/^HTTP 403/);
    });

    it('still answers only to its own names', async () => {
      const r = await send(`https://127.0.0.1:${server.port}/api/health?token=t0ken`, { anyCertificate: true, headers: { Host: `rebind.example:${server.port}` } });
      expect(r.status).toBe(421);
    });
  });
});

describe('listen failures', () => {
  it('a port in use, and an address this machine does not have, each in one sentence', async () => {
    const first = await startBrowserServer(base());
    await expect(startBrowserServer({ ...base(), port: first.port })).rejects.toThrow(`port ${first.port} on 127.0.0.1 is in use: pick another with --port (0 takes any free one)`);
    await first.close();
    // 203.0.113.0/24 is TEST-NET-3: documentation only, never an address of this machine.
    await expect(startBrowserServer({ ...base(), host: '203.0.113.7', insecure: true })).rejects.toThrow(
      '203.0.113.7 is not an address of this machine: give one of its addresses, or 0.0.0.0 for all of them',
    );
  });
});
