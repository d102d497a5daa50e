// SPDX-License-Identifier: Apache-2.0
// readPack trusts nothing: every damaged, truncated, unsafe or unknown pack is refused with a clear
// message, and whatever it staged stays inside the staging folder.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readPack } from '../../../src-main/core/pack/pack-read';
import { FILES, frame, manifestEntry, manifestFor, packBytes, tarOf, validEntries, writePack, type RawEntry } from './pack-fixture';

const dir = mkdtempSync(join(tmpdir(), 'podlab-pack-read-'));
let n = 0;
const fileOf = (bytes: Buffer) => writePack(join(dir, `p${n++}.tgz`), bytes);
const refusal = async (bytes: Buffer, stageDir?: string) => {
  try {
    await readPack(fileOf(bytes), stageDir ? { stageDir } : {});
  } catch (e) {
    return e as Error & { code: string };
  }
  throw new Error('the pack was accepted');
};

describe('readPack', () => {
  it('reads a valid pack, stages every entry and reports the file hash', async () => {
    const stage = mkdtempSync(join(dir, 'stage-'));
    const steps: string[] = [];
    const r = await readPack(fileOf(packBytes(validEntries())), { stageDir: stage, onProgress: (p) => steps.push(p.step) });
    expect(r.manifest.scenarios[0]!.id).toBe('demo');
    expect(r.fileSha256).toMatch(/^[a-f0-9]{64}$/);
    expect(readFileSync(join(stage, 'images/node.tar'))).toEqual(FILES['images/node.tar']);
    expect(readFileSync(join(stage, 'scenarios/demo/pod.yaml'), 'utf8')).toBe('kind: Pod\n');
    expect(steps.at(-1)).toBe('every entry checked');
  });

  it('refuses the pack whichever single byte is flipped', async () => {
    const good = packBytes(validEntries());
    const accepted: number[] = [];
    for (let i = 0; i < good.length; i++) {
      const bad = Buffer.from(good);
      bad[i] = bad[i]! ^ 0x01;
      const ok = await readPack(fileOf(bad)).then(
        () => true,
        () => false,
      );
      if (ok) accepted.push(i);
    }
    expect(accepted).toEqual([]);
  });

  it('refuses a pack cut short at any point', async () => {
    const good = packBytes(validEntries());
    for (const len of [0, 5, 10, 40, Math.floor(good.length / 2), good.length - 9, good.length - 1]) {
      const e = await refusal(good.subarray(0, len));
      expect(e.code, `cut at ${len}: ${e.message}`).toMatch(/PACK_TRUNCATED|PACK_INVALID|PACK_TAMPERED/);
    }
    const e = await refusal(good.subarray(0, good.length - 1));
    expect(e.message).toMatch(/truncated|damaged/);
  });

  it('refuses a tar that stops before its last entries, naming what is missing', async () => {
    const entries = validEntries().slice(0, 3);
    const e = await refusal(packBytes(entries));
    expect(e.code).toBe('PACK_TRUNCATED');
    expect(e.message).toContain('scenarios/demo/scenario.yaml');
  });

  const unsafe: Array<[string, RawEntry, RegExp]> = [
    ['a ../ path', { path: 'scenarios/../../evil', body: Buffer.from('x') }, /climbs out of the pack/],
    ['an absolute path', { path: '/etc/cron.d/evil', body: Buffer.from('x') }, /absolute path/],
    ['a symbolic link', { path: 'scenarios/demo/link', body: Buffer.alloc(0), flag: '2', linkName: '/etc/passwd' }, /symbolic link to \/etc\/passwd/],
    ['a hard link', { path: 'scenarios/demo/hard', body: Buffer.alloc(0), flag: '1', linkName: 'kind/kind' }, /hard link/],
    ['a character device', { path: 'scenarios/demo/dev', body: Buffer.alloc(0), flag: '3' }, /character device/],
    ['a block device', { path: 'scenarios/demo/blk', body: Buffer.alloc(0), flag: '4' }, /block device/],
    ['a fifo', { path: 'scenarios/demo/fifo', body: Buffer.alloc(0), flag: '6' }, /fifo/],
    ['a pax extended header', { path: 'PaxHeader', body: Buffer.from('30 path=../../x\n'), flag: 'x' }, /extended header/],
    ['a directory', { path: 'scenarios/demo', body: Buffer.alloc(0), flag: '5' }, /directory/],
  ];
  for (const [what, entry, message] of unsafe) {
    it(`refuses ${what} and writes nothing outside the staging folder`, async () => {
      const stage = mkdtempSync(join(dir, 'stage-'));
      const [manifest, ...rest] = validEntries();
      const e = await refusal(packBytes([manifest!, rest[0]!, entry, ...rest.slice(1)]), stage);
      expect(e.code).toMatch(/PACK_UNSAFE/);
      expect(e.message).toMatch(message);
      expect(readdirSync(stage, { recursive: true }).sort()).toEqual(['kind', 'kind/kind']);
    });
  }

  it('refuses a pack from a future format version, saying to update podlab', async () => {
    const e = await refusal(packBytes([manifestEntry({ ...manifestFor(FILES), formatVersion: 2, newThing: {} }), ...validEntries().slice(1)]));
    expect(e.code).toBe('PACK_FORMAT_UNSUPPORTED');
    expect(e.message).toMatch(/format version 2; this podlab reads version 1\. Update podlab/);
  });

  it('refuses a file that is not a pack at all', async () => {
    expect((await refusal(Buffer.from('PK\u0003\u0004 a zip file'))).message).toMatch(/is not a podlab lab pack/);
    expect((await refusal(gzipSync(Buffer.from('hello'), { level: 9 }))).message).toMatch(/is not a podlab lab pack/);
    expect((await refusal(packBytes([{ path: 'README', body: Buffer.from('hi') }]))).message).toMatch(/first entry is README/);
    expect((await refusal(packBytes([manifestEntry({ format: 'other' })]))).message).toMatch(/does not describe a podlab lab pack/);
  });

  it('refuses entries the manifest does not list, lists twice, or sizes differently', async () => {
    const entries = validEntries();
    expect((await refusal(packBytes([...entries.slice(0, -1), { path: 'scenarios/demo/extra.yaml', body: Buffer.from('x') }, entries.at(-1)!]))).message).toMatch(/extra\.yaml, which its manifest does not list/);
    expect((await refusal(packBytes([...entries, entries[1]!]))).message).toMatch(/holds kind\/kind twice/);
    const grown = { ...entries[2]!, body: Buffer.alloc(3001, 7) };
    expect((await refusal(packBytes([entries[0]!, entries[1]!, grown, ...entries.slice(3)]))).code).toBe('PACK_TAMPERED');
  });

  it('refuses an entry whose content does not match its sha256', async () => {
    const entries = validEntries();
    const changed = { ...entries[1]!, body: Buffer.from(entries[1]!.body.toString().replace('kind', 'evil')) };
    const e = await refusal(packBytes([entries[0]!, changed, ...entries.slice(2)]));
    expect(e.code).toBe('PACK_TAMPERED');
    expect(e.message).toMatch(/kind\/kind does not match its sha256/);
  });

  it('refuses entries over the size limit before reading them', async () => {
    const huge = { ...FILES, 'scenarios/demo/pod.yaml': Buffer.alloc(2 * 1024 * 1024) };
    const e = await refusal(packBytes(validEntries(huge)));
    expect(e.code).toBe('PACK_TOO_LARGE');
    expect(e.message).toMatch(/scenarios\/demo\/pod\.yaml is 2097152 bytes, more than the 1048576/);
  });

  it('refuses data after the end of the archive', async () => {
    const e = await refusal(frame(Buffer.concat([tarOf(validEntries()), Buffer.from('trailing')])));
    expect(e.message).toMatch(/data after the end/);
  });

  it('is a standard gzip stream that gunzip reads', () => {
    expect(gunzipSync(packBytes(validEntries()))).toEqual(tarOf(validEntries()));
  });
});
