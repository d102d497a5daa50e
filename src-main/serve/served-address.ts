// SPDX-License-Identifier: Apache-2.0
// Where browser mode listens, and the names it answers to: the Host header of every request and the
// Origin of every WebSocket must be one of them, so a page on another site cannot reach the engine
// through DNS rebinding (its requests carry the attacker's name in Host, whatever IP it resolves to).
import { lookup } from 'node:dns/promises';
import { hostname, networkInterfaces } from 'node:os';
import { isIP } from 'node:net';
import { AppError } from '../core';

export interface BindAddress {
  /** what listen() is given */
  host: string;
  /** true when only this machine can connect: every address it stands for is a loopback one */
  loopback: boolean;
  /** the names and addresses a browser may use to reach it: loopback ones, the --host, and on a
   *  wildcard (0.0.0.0, ::) every address of this machine and its host name */
  names: string[];
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '::1'];
const WILDCARDS = new Set(['0.0.0.0', '::']);

export function isLoopbackAddress(address: string): boolean {
  return address === '::1' || address === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(address) || /^::ffff:127\./i.test(address);
}

export async function resolveBindAddress(host = '127.0.0.1'): Promise<BindAddress> {
  if (WILDCARDS.has(host)) return { host, loopback: false, names: unique([...LOOPBACK_NAMES, ...machineNames()]) };
  const addresses = isIP(host) ? [host] : await lookupAll(host);
  return { host, loopback: addresses.every(isLoopbackAddress), names: unique([...LOOPBACK_NAMES, host.toLowerCase(), ...addresses]) };
}

async function lookupAll(host: string): Promise<string[]> {
  try {
    return (await lookup(host, { all: true })).map((a) => a.address);
  } catch (e) {
    throw new AppError('SERVE_HOST_UNKNOWN', `--host ${host}: no address has that name (${(e as { code?: string }).code ?? String(e)}); give an address of this machine, or 0.0.0.0 for all of them`);
  }
}

/** Every address of this machine but link-local IPv6 ones (a browser cannot put their zone in a URL), and its host name. */
function machineNames(): string[] {
  const addresses = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && !(a.family === 'IPv6' && a.scopeid))
    .map((a) => a!.address);
  const name = hostname().toLowerCase();
  return [...addresses, name, ...(name.includes('.') ? [] : [`${name}.local`])];
}

/** The Host header values that mean this server: name:port, IPv6 in brackets, no port when it is the scheme's default. */
export function allowedHostHeaders(names: readonly string[], port: number, scheme: 'http' | 'https'): Set<string> {
  const defaultPort = scheme === 'https' ? 443 : 80;
  const out = new Set<string>();
  for (const n of names) {
    const shown = isIP(n) === 6 ? `[${n}]` : n;
    out.add(`${shown}:${port}`);
    if (port === defaultPort) out.add(shown);
  }
  return out;
}

export function allowedOrigins(hostHeaders: ReadonlySet<string>, scheme: 'http' | 'https'): Set<string> {
  return new Set([...hostHeaders].map((h) => `${scheme}://${h}`));
}

function unique(list: string[]): string[] {
  return [...new Set(list.map((n) => n.toLowerCase()))];
}
