// SPDX-License-Identifier: Apache-2.0
// Two `docker save`s of the same images differ only in manifest.json's order; normalized, they are one file.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeDockerArchive } from '../../../src-main/core/pack/docker-archive';
import { tarOf } from './pack-fixture';

const dir = mkdtempSync(join(tmpdir(), 'podlab-docker-archive-'));
const images = [
  { Config: 'b.json', RepoTags: ['redis:7.2'], Layers: ['l2/layer.tar'] },
  { Config: 'a.json', RepoTags: ['nginx:1.27.5'], Layers: ['l1/layer.tar'] },
];
const save = (name: string, manifest: unknown, index?: unknown) => {
  const entries = [
    { path: 'l1/layer.tar', body: Buffer.alloc(700, 1) },
    { path: 'l2/layer.tar', body: Buffer.alloc(10, 2) },
    { path: 'manifest.json', body: Buffer.from(JSON.stringify(manifest)) },
    ...(index ? [{ path: 'index.json', body: Buffer.from(JSON.stringify(index)) }] : []),
    { path: 'repositories', body: Buffer.from('{"nginx":{"1.27.5":"x"}}') },
  ];
  writeFileSync(join(dir, name), tarOf(entries));
  return join(dir, name);
};
const normalized = async (src: string) => {
  await normalizeDockerArchive(src, `${src}.n`);
  return readFileSync(`${src}.n`);
};

describe('normalizeDockerArchive', () => {
  it('gives the same bytes whatever order docker save listed the images in', async () => {
    const a = await normalized(save('a.tar', images, { manifests: [{ d: 2 }, { d: 1 }] }));
    const b = await normalized(save('b.tar', [...images].reverse(), { manifests: [{ d: 1 }, { d: 2 }] }));
    expect(a.equals(b)).toBe(true);
  });

  it('keeps every other entry byte for byte, and the index as JSON docker load reads', async () => {
    const src = save('c.tar', images);
    const out = await normalized(src);
    expect(out.length).toBe(readFileSync(src).length);
    const text = out.toString('latin1');
    const at = text.indexOf('[{"Config":"a.json"');
    expect(at).toBeGreaterThan(0);
    expect(JSON.parse(text.slice(at, text.indexOf('\0', at))).map((i: { RepoTags: string[] }) => i.RepoTags[0])).toEqual(['nginx:1.27.5', 'redis:7.2']);
    expect(out.subarray(512, 512 + 700).equals(Buffer.alloc(700, 1))).toBe(true);
  });

  it('refuses an archive cut short', async () => {
    const src = join(dir, 'cut.tar');
    writeFileSync(src, readFileSync(save('d.tar', images)).subarray(0, 900));
    await expect(normalizeDockerArchive(src, `${src}.n`)).rejects.toThrow(/ends inside l1\/layer\.tar/);
  });
});
