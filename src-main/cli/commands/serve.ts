// SPDX-License-Identifier: Apache-2.0
// `podlab serve`: the desktop UI in a browser, on 127.0.0.1, behind a per-start token.
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Engine } from '../../core/engine';
import { startBrowserServer } from '../../serve/browser-server';
import type { CliIo } from '../io';

export function defaultRendererDir(): string {
  return process.env.APP_RENDERER_DIR ?? fileURLToPath(new URL('../../../out/renderer', import.meta.url));
}

export async function serveCommand(io: CliIo, engine: Engine, opts: { port?: number; host?: string; rendererDir?: string }): Promise<number> {
  const rendererDir = opts.rendererDir ?? defaultRendererDir();
  if (!(await stat(`${rendererDir}/index.html`).catch(() => undefined))) {
    io.err(`no built renderer in ${rendererDir}: run \`npm run build:renderer\` first`);
    return 1;
  }
  const server = await startBrowserServer({ api: engine, events: engine.events, rendererDir, ...(opts.port !== undefined ? { port: opts.port } : {}), ...(opts.host ? { host: opts.host } : {}) });
  if (opts.host && opts.host !== '127.0.0.1' && opts.host !== 'localhost') io.err(`listening on ${opts.host}: anyone who can reach it still needs the token`);
  io.out(`podlab is serving on ${server.url}`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}
