// SPDX-License-Identifier: Apache-2.0
// Browser mode's token and port, kept in a real data folder between starts.
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadServeIdentity, rememberPort } from '../../src-main/serve/serve-identity';

const dirs: string[] = [];
const dataDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'podlab-serve-id-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the serve token and port', () => {
  it('makes a token at the first start, keeps it (mode 0600) and the port for the next', async () => {
    const dir = dataDir();
    const first = await loadServeIdentity(dir);
    expect(first.tokenMadeBecause).toBe('first start in this data folder');
    expect(first.lastPort).toBeUndefined();
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(statSync(join(dir, 'serve', 'token')).mode & 0o777).toBe(0o600);
    await rememberPort(dir, 43117);
    const second = await loadServeIdentity(dir);
    expect(second).toEqual({ token: first.token, lastPort: 43117 });
  });

  it('replaces a token others could read, one that is damaged, and one --new-token asks to replace', async () => {
    const dir = dataDir();
    const { token } = await loadServeIdentity(dir);
    const file = join(dir, 'serve', 'token');
    chmodSync(file, 0o644);
    const exposed = await loadServeIdentity(dir);
    expect(exposed.token).not.toBe(token);
    expect(exposed.tokenMadeBecause).toMatch(/could be read by other users \(mode 644\)/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(exposed.token);

    writeFileSync(file, 'not a token\n', { mode: 0o600 });
    expect((await loadServeIdentity(dir)).tokenMadeBecause).toMatch(/did not hold a token/);

    const kept = (await loadServeIdentity(dir)).token;
    const renewed = await loadServeIdentity(dir, { newToken: true });
    expect(renewed.token).not.toBe(kept);
    expect(renewed.tokenMadeBecause).toBe('asked for with --new-token');
    expect((await loadServeIdentity(dir)).token).toBe(renewed.token);
  });

  it('ignores a port file that does not hold a port', async () => {
    const dir = dataDir();
    await loadServeIdentity(dir);
    for (const text of ['', 'abc', '0', '70000', '-1', '80.5']) {
      writeFileSync(join(dir, 'serve', 'port'), text);
      expect((await loadServeIdentity(dir)).lastPort, text).toBeUndefined();
    }
  });
});
