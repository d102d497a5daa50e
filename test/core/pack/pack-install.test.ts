// SPDX-License-Identifier: Apache-2.0
// importPack's steps over a fake Docker and node: a refused pack installs nothing, a good one
// installs each part once, and a second import skips everything and says so.
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPack, type PackTarget } from '../../../src-main/core/pack/pack-install';
import type { PackManifest } from '../../../src-main/core/pack/pack-manifest';
import { FILES, manifestFor, manifestEntry, packBytes, validEntries, writePack } from './pack-fixture';
import { FakeRunner, fail, ok } from '../../fakes/fake-runner';

const root = mkdtempSync(join(tmpdir(), 'podlab-pack-install-'));
const NODE_ID = `sha256:${'a'.repeat(64)}`;
const BUSYBOX_ID = `sha256:${'b'.repeat(64)}`;

function world() {
  const docker = new Map<string, string>();
  const node = new Set<string>();
  const loads: string[] = [];
  const runner = new FakeRunner((argv) => {
    if (argv[0] === 'docker' && argv[1] === 'image' && argv[2] === 'inspect') {
      const id = docker.get(argv.at(-1)!);
      return id ? ok(`${id}\n`) : fail(1, 'No such image');
    }
    if (argv[0] === 'docker' && argv[1] === 'load') {
      loads.push(argv[3]!.split('/').slice(-2).join('/'));
      if (argv[3]!.endsWith('node.tar')) docker.set('kindest/node:v1.34.4-podlab', NODE_ID);
      else docker.set('docker.io/library/busybox:1.36', BUSYBOX_ID);
      return ok();
    }
    return fail(1, `unexpected ${argv.join(' ')}`);
  });
  let nodeImage = 'kindest/node:v1.34.0@sha256:' + 'c'.repeat(64);
  let clusters = 0;
  const dataDir = mkdtempSync(join(root, 'data-'));
  const target: PackTarget = {
    runner,
    dataDir,
    nodeImageSetting: () => nodeImage,
    setNodeImage: (r) => (nodeImage = r),
    ensureCluster: async () => void clusters++,
    loadImages: async (refs) => {
      const loaded = refs.filter((r) => !node.has(r));
      for (const r of loaded) node.add(r);
      return { loaded, present: refs.filter((r) => !loaded.includes(r)), missing: [] };
    },
    nodeImages: async () => node,
    checkScenarios: async () => [],
    appScenarioIds: () => new Set(['demo']),
    preflight: async () => [{ id: 'docker', ok: true, message: 'Docker 20.10.24 is running' }, { id: 'kind', ok: false, message: 'kind is not installed' }],
  };
  return { target, docker, node, loads, dataDir, nodeImage: () => nodeImage, clusters: () => clusters };
}

const goodPack = () => writePack(join(root, `good-${Math.random()}.tgz`), packBytes(validEntries()));

describe('importPack', () => {
  it('installs kind, the node image, the cluster, the images and the lessons, then skips them all the second time', async () => {
    const w = world();
    const file = goodPack();
    const first = await importPack(file, w.target);
    expect(first.steps.map((s) => [s.step, s.skipped])).toEqual([
      ['check the pack', false],
      ['kind', false],
      ['node image', false],
      ['cluster', false],
      ['workload images', false],
      ['check the node', false],
      ['lessons', false],
    ]);
    expect(statSync(join(w.dataDir, 'bin/kind')).mode & 0o777).toBe(0o755);
    expect(existsSync(join(w.dataDir, 'pack/scenarios/demo/pod.yaml'))).toBe(true);
    expect(w.nodeImage()).toBe('kindest/node:v1.34.4-podlab');
    expect(w.loads).toEqual(['images/node.tar', 'images/workloads.tar']);
    expect(first.steps.at(-1)!.detail).toMatch(/^1 lesson installed in .* \(all also in this podlab, whose own copy is used\)$/);
    // each step says what it did in Chinese too
    expect(first.steps.filter((st) => !/[\u4e00-\u9fff]/.test(st.detailZh)).map((st) => st.step)).toEqual([]);
    expect(first.steps.at(-1)!.detailZh).toMatch(/^1 课已安装到 .*（全部本 podlab 也有，用的是本 podlab 自己的）$/);

    const second = await importPack(file, w.target);
    const skipped = Object.fromEntries(second.steps.map((s) => [s.step, s.skipped]));
    expect(skipped).toMatchObject({ kind: true, 'node image': true, 'workload images': true, lessons: true });
    expect(second.steps.find((s) => s.step === 'kind')!.detail).toMatch(/already installed/);
    expect(w.loads).toHaveLength(2);
    expect(readdirSync(join(w.dataDir, 'pack')).sort()).toEqual(['installed.json', 'scenarios']);
  });

  it('reports progress in bytes and steps', async () => {
    const w = world();
    const seen: Array<{ stepIndex: number; bytesDone?: number }> = [];
    await importPack(goodPack(), w.target, (p) => seen.push(p));
    expect(seen.some((p) => p.bytesDone !== undefined && p.bytesDone > 0)).toBe(true);
    expect(new Set(seen.map((p) => p.stepIndex))).toEqual(new Set([0, 1, 2, 3, 4, 5, 6]));
  });

  const bad: Array<[string, () => Buffer]> = [
    ['a flipped byte', () => {
      const b = packBytes(validEntries());
      b[b.length - 20] = b[b.length - 20]! ^ 0x40;
      return b;
    }],
    ['a truncated file', () => packBytes(validEntries()).subarray(0, 400)],
    ['a ../ entry', () => packBytes([...validEntries(), { path: '../../etc/evil', body: Buffer.from('x') }])],
    ['a symlink', () => packBytes([...validEntries().slice(0, 2), { path: 'bin/kind', body: Buffer.alloc(0), flag: '2', linkName: '/bin/sh' }, ...validEntries().slice(2)])],
    ['an absolute path', () => packBytes([...validEntries(), { path: '/tmp/evil', body: Buffer.from('x') }])],
    ['a future format version', () => packBytes([manifestEntry({ ...manifestFor(FILES), formatVersion: 7 }), ...validEntries().slice(1)])],
  ];
  for (const [what, bytes] of bad) {
    it(`refuses ${what} and leaves nothing of it installed`, async () => {
      const w = world();
      await expect(importPack(writePack(join(root, `bad-${Math.random()}.tgz`), bytes()), w.target)).rejects.toThrow(/pack/);
      expect(existsSync(join(w.dataDir, 'bin'))).toBe(false);
      expect(readdirSync(join(w.dataDir, 'pack'))).toEqual([]);
      expect(w.loads).toEqual([]);
      expect(w.clusters()).toBe(0);
      expect(w.nodeImage()).toMatch(/v1\.34\.0@/);
    });
  }

  it('refuses a pack for another platform before unpacking it', async () => {
    const w = world();
    const m: PackManifest = manifestFor(FILES, { platform: 'darwin/arm64' });
    const file = writePack(join(root, 'mac.tgz'), packBytes([manifestEntry(m), ...validEntries().slice(1)]));
    await expect(importPack(file, w.target)).rejects.toThrow(/kind binary is for darwin\/arm64; this machine is linux\//);
    expect(existsSync(join(w.dataDir, 'bin'))).toBe(false);
  });

  it('refuses a pack whose lessons this podlab cannot load, installing nothing', async () => {
    const w = world();
    w.target.checkScenarios = async () => [{ file: 'scenarios/demo/scenario.yaml', line: 3, column: 1, path: 'spec', message: 'unknown field' }];
    await expect(importPack(goodPack(), w.target)).rejects.toThrow(/do not load in this podlab:\nscenarios\/demo\/scenario.yaml:3:1/);
    expect(existsSync(join(w.dataDir, 'bin'))).toBe(false);
  });

  it('refuses before unpacking anything when Docker does not answer (kind may be missing: the pack brings it)', async () => {
    const w = world();
    w.target.preflight = async () => [{ id: 'docker', ok: false, message: 'Docker is not installed', fix: 'Install Docker, then start it.' }];
    await expect(importPack(goodPack(), w.target)).rejects.toThrow(/cannot import a lab pack yet: Docker is not installed \(Install Docker, then start it\.\)/);
    expect(readdirSync(join(w.dataDir, 'pack'))).toEqual([]);
  });

  it('fails clearly when the node still lacks an image after loading', async () => {
    const w = world();
    w.target.loadImages = async (refs) => ({ loaded: [], present: [], missing: [...refs] });
    await expect(importPack(goodPack(), w.target)).rejects.toThrow(/still lacks docker\.io\/library\/busybox:1\.36 \(crictl images\)/);
    expect(existsSync(join(w.dataDir, 'pack/installed.json'))).toBe(false);
  });
});
