// SPDX-License-Identifier: Apache-2.0
// `podlab serve`'s --port, --host and --insecure, checked before anything opens. Apart from
// commands/serve.ts so that checking them does not load the browser server (ws, TLS, the engine).
import { isIP } from 'node:net';

export interface ServeFlags {
  port?: number;
  host?: string;
  insecure: boolean;
  /** replace the token kept in the data folder (the old URL stops working) */
  newToken: boolean;
}

/** --port, --host and --insecure checked before anything opens: a usage message, or the flags. */
export function parseServeFlags(v: { port?: string; host?: string; insecure?: boolean; newToken?: boolean }): { ok: true; flags: ServeFlags } | { ok: false; message: string } {
  const flags: ServeFlags = { insecure: v.insecure ?? false, newToken: v.newToken ?? false };
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
