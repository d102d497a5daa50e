// SPDX-License-Identifier: Apache-2.0
// Browser mode's token and port, kept in the data folder, so a restarted `podlab serve` answers at the
// same URL and an open tab reconnects by itself. The token file is the learner's alone (mode 0600); one
// anybody else could read is replaced, and `--new-token` replaces it on purpose (a URL was shared).
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { newToken } from './token';

export interface ServeIdentity {
  token: string;
  /** the port the last start listened on, tried first */
  lastPort?: number;
  /** why the token is new this start (first start, asked for, unreadable or readable by others) */
  tokenMadeBecause?: string;
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32}$/;

export async function loadServeIdentity(dataDir: string, opts: { newToken?: boolean } = {}): Promise<ServeIdentity> {
  const dir = join(dataDir, 'serve');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const tokenFile = join(dir, 'token');
  const kept = opts.newToken ? { why: 'asked for with --new-token' } : await readToken(tokenFile);
  const lastPort = await readPort(join(dir, 'port'));
  if ('token' in kept) return { token: kept.token, ...(lastPort ? { lastPort } : {}) };
  const token = newToken();
  await writeFile(tokenFile, `${token}\n`, { mode: 0o600 });
  await chmod(tokenFile, 0o600); // writeFile's mode applies only to a file it creates
  return { token, ...(lastPort ? { lastPort } : {}), tokenMadeBecause: kept.why };
}

export async function rememberPort(dataDir: string, port: number): Promise<void> {
  await writeFile(join(dataDir, 'serve', 'port'), `${port}\n`);
}

async function readToken(file: string): Promise<{ token: string } | { why: string }> {
  const info = await stat(file).catch(() => undefined);
  if (!info) return { why: 'first start in this data folder' };
  if ((info.mode & 0o077) !== 0) return { why: `${file} could be read by other users (mode ${(info.mode & 0o777).toString(8)})` };
  const token = (await readFile(file, 'utf8').catch(() => '')).trim();
  return TOKEN_SHAPE.test(token) ? { token } : { why: `${file} did not hold a token` };
}

async function readPort(file: string): Promise<number | undefined> {
  const port = Number((await readFile(file, 'utf8').catch(() => '')).trim());
  return Number.isInteger(port) && port > 0 && port <= 65535 ? port : undefined;
}
