// SPDX-License-Identifier: Apache-2.0
// `podlab serve`: the desktop UI in a browser, on 127.0.0.1 behind a token kept per data folder; beyond loopback
// over HTTPS with a self-signed certificate kept in the data folder, or plain HTTP only with --insecure.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, type Engine } from '../../core';
import { startBrowserServer } from '../../serve/browser-server';
import { resolveBindAddress } from '../../serve/served-address';
import { loadServeIdentity, rememberPort } from '../../serve/serve-identity';
import { loadOrCreateTlsIdentity } from '../../serve/tls-identity';
import type { CliIo } from '../io';
import { appRoot } from '../app-root';
import type { ServeFlags } from './serve-flags';

// The flags' checks live in serve-flags.ts so main.ts can run them without loading this file; they
// are still exported here, where test/serve/serve-flags.test.ts and readers look for them.
export { parseServeFlags } from './serve-flags';

export function defaultRendererDir(): string {
  return process.env.APP_RENDERER_DIR ?? join(appRoot(), 'out', 'renderer');
}

export async function serveCommand(io: CliIo, engine: Engine, opts: ServeFlags & { dataDir: string; rendererDir?: string }): Promise<number> {
  const rendererDir = opts.rendererDir ?? defaultRendererDir();
  if (!(await stat(`${rendererDir}/index.html`).catch(() => undefined))) {
    io.err(`no built renderer in ${rendererDir}: run \`npm run build:renderer\` first`);
    return 1;
  }
  const bind = await resolveBindAddress(opts.host);
  const tls = bind.loopback || opts.insecure ? undefined : await loadOrCreateTlsIdentity(opts.dataDir, bind.names);
  const identity = await loadServeIdentity(opts.dataDir, { newToken: opts.newToken });
  const start = (port: number | undefined) =>
    startBrowserServer({ api: engine, events: engine.events, rendererDir, host: bind.host, insecure: opts.insecure, token: identity.token, ...(port !== undefined ? { port } : {}), ...(tls ? { tls } : {}) });
  // The last start's port first, so open tabs reconnect by themselves; any free one if it is taken now.
  const server = opts.port !== undefined ? await start(opts.port) : await start(identity.lastPort).catch((e: unknown) => (identity.lastPort && e instanceof AppError && e.code === 'SERVE_PORT_IN_USE' ? start(undefined) : Promise.reject(e)));
  await rememberPort(opts.dataDir, server.port);
  io.out(`podlab is serving on ${server.url}`);
  io.out(
    identity.tokenMadeBecause
      ? `a new token (${identity.tokenMadeBecause}); it is kept in ${opts.dataDir}/serve/token, so this URL stays valid at the next start (--new-token replaces it)`
      : `the same token as the last start${identity.lastPort === server.port ? ' and the same port: open tabs reconnect by themselves' : `, on a new port (${identity.lastPort ?? 'none'} was taken): open the URL above`}`,
  );
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
