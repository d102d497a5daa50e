// SPDX-License-Identifier: Apache-2.0
// `podlab serve`: the desktop UI in a browser, on 127.0.0.1 behind a per-start token; beyond loopback
// over HTTPS with a self-signed certificate kept in the data folder, or plain HTTP only with --insecure.
import { stat } from 'node:fs/promises';
import { isIP } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Engine } from '../../core/engine';
import { startBrowserServer } from '../../serve/browser-server';
import { resolveBindAddress } from '../../serve/served-address';
import { loadOrCreateTlsIdentity } from '../../serve/tls-identity';
import type { CliIo } from '../io';

export interface ServeFlags {
  port?: number;
  host?: string;
  insecure: boolean;
}

export function defaultRendererDir(): string {
  return process.env.APP_RENDERER_DIR ?? fileURLToPath(new URL('../../../out/renderer', import.meta.url));
}

/** --port, --host and --insecure checked before anything opens: a usage message, or the flags. */
export function parseServeFlags(v: { port?: string; host?: string; insecure?: boolean }): { ok: true; flags: ServeFlags } | { ok: false; message: string } {
  const flags: ServeFlags = { insecure: v.insecure ?? false };
  if (v.port !== undefined) {
    if (!/^\d{1,5}$/.test(v.port) || Number(v.port) > 65535) return { ok: false, message: `--port: "${v.port}" is not a port number (0 to 65535; 0 takes any free one)` };
    flags.port = Number(v.port);
  }
  if (v.host !== undefined) {
    const host = /^\[.*\]$/.test(v.host) && isIP(v.host.slice(1, -1)) === 6 ? v.host.slice(1, -1) : v.host;
    const problem = hostProblem(host);
    if (problem) return { ok: false, message: `--host: ${problem}` };
    flags.host = host;
  }
  return { ok: true, flags };
}

function hostProblem(host: string): string | undefined {
  if (!host) return 'empty; give an address such as 127.0.0.1, or 0.0.0.0 for every address of this machine';
  if (isIP(host)) return undefined;
  if (host.includes('://')) return `"${host}" is a URL; give only the address (the port goes in --port)`;
  if (/^[^:]+:\d*$/.test(host)) return `"${host}" has a port; give the address alone and the port with --port`;
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(host) || host.length > 253) return `"${host}" is neither an IP address nor a host name`;
  return undefined;
}

export async function serveCommand(io: CliIo, engine: Engine, opts: ServeFlags & { dataDir: string; rendererDir?: string }): Promise<number> {
  const rendererDir = opts.rendererDir ?? defaultRendererDir();
  if (!(await stat(`${rendererDir}/index.html`).catch(() => undefined))) {
    io.err(`no built renderer in ${rendererDir}: run \`npm run build:renderer\` first`);
    return 1;
  }
  const bind = await resolveBindAddress(opts.host);
  const tls = bind.loopback || opts.insecure ? undefined : await loadOrCreateTlsIdentity(opts.dataDir, bind.names);
  const server = await startBrowserServer({
    api: engine,
    events: engine.events,
    rendererDir,
    host: bind.host,
    insecure: opts.insecure,
    ...(opts.port !== undefined ? { port: opts.port } : {}),
    ...(tls ? { tls } : {}),
  });
  io.out(`podlab is serving on ${server.url}`);
  if (server.urls.length > 1) io.out(`from other machines: ${server.urls.slice(1).join('  ')}`);
  if (tls) {
    io.out(`certificate: self-signed, SHA-256 ${tls.fingerprint}`);
    io.out(`  (${tls.created ? 'made now' : 'made at an earlier start'}, kept in ${tls.certFile}); a browser warns about it once: go on only if it shows this fingerprint`);
  } else if (!bind.loopback) {
    io.err(`--insecure: plain HTTP on ${bind.host}; the token crosses the network in clear, and whoever sees it can drive this podlab`);
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}
