// SPDX-License-Identifier: Apache-2.0
// The writer's packs read back whole, and the same entries always make the same bytes.
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MANIFEST_ENTRY } from '../../../src-main/core/pack/pack-manifest';
import { readPack } from '../../../src-main/core/pack/pack-read';
import { TarGzipWriter } from '../../../src-main/core/pack/tar-gzip-writer';
import { FILES, manifestFor, tarOf, validEntries } from './pack-fixture';

const dir = mkdtempSync(join(tmpdir(), 'podlab-pack-write-'));

async function write(name: string): Promise<{ file: string; sha: string }> {
  const big = join(dir, `${name}.node.tar`);
  writeFileSync(big, FILES['images/node.tar']!);
  const file = join(dir, `${name}.tgz`);
  const w = await TarGzipWriter.create(file);
  await w.add(MANIFEST_ENTRY, { buffer: Buffer.from(JSON.stringify(manifestFor(FILES))) });
  for (const [path, body] of Object.entries(FILES)) {
    await w.add(path, path === 'images/node.tar' ? { file: big, size: body.length } : { buffer: body }, path === 'kind/kind' ? 0o755 : 0o644);
  }
  return { file, sha: await w.finish() };
}

describe('TarGzipWriter', () => {
  it('writes a pack readPack accepts, whose tar is what it was given', async () => {
    const { file, sha } = await write('a');
    const r = await readPack(file);
    expect(r.fileSha256).toBe(sha);
    expect(r.manifest.entries.map((e) => e.path)).toEqual(Object.keys(FILES));
    const tar = gunzipSync(readFileSync(file));
    // Same bytes as the fixture's tar, except kind/kind's mode (0755 here, 0644 there).
    expect(tar.length).toBe(tarOf(validEntries()).length);
  });

  it('is reproducible: the same entries give the same file, byte for byte', async () => {
    const a = await write('r1');
    const b = await write('r2');
    expect(a.sha).toBe(b.sha);
    expect(readFileSync(a.file).equals(readFileSync(b.file))).toBe(true);
  });

  it('refuses to overwrite an existing file', async () => {
    const { file } = await write('x');
    await expect(TarGzipWriter.create(file)).rejects.toThrow(/EEXIST/);
  });
});
