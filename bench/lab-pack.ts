// SPDX-License-Identifier: Apache-2.0
// Figures for lab packs on real kind and real Docker: build (size, time, peak memory, reproducible
// or not), verify, import on a fresh machine (no cluster, no image in Docker, new data folder →
// every image in the node), and a second import that finds everything there.
// `npm run bench:pack` (inside test/kind's network namespace; it empties and refills that Docker).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from '../src-main/core/engine';
import { buildPack } from '../src-main/core/pack/pack-build';
import { readPack } from '../src-main/core/pack/pack-read';
import { loadScenarios } from '../src-main/core/scenarios/loader';
import { ExecaRunner } from '../src-main/core/util/exec';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const nodeImage = process.env.PODLAB_KIND_NODE_IMAGE;
if (!nodeImage) throw new Error('set PODLAB_KIND_NODE_IMAGE (test/kind/in-netns does)');
const kind = spawnSync('sh', ['-c', 'command -v kind'], { encoding: 'utf8' }).stdout.trim();
const work = mkdtempSync(join(tmpdir(), 'podlab-bench-pack-'));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (n: number) => `${(n / 1024 ** 2).toFixed(1)} MB`;
const docker = (...args: string[]) => spawnSync('docker', args, { encoding: 'utf8' });

const { scenarios } = await loadScenarios(join(ROOT, 'scenarios'));
const runner = new ExecaRunner();
const build = async (out: string) => {
  const t = Date.now();
  const r = await buildPack({ runner, out, scenarios, kindBinary: kind, nodeImage, podlabVersion: 'bench' });
  return { ...r, ms: Date.now() - t };
};
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
const a = await build(join(work, 'a.tgz'));
clearInterval(sampler);
const unpacked = a.manifest.entries.reduce((n, e) => n + e.size, 0);
console.log(`pack build: ${seconds(a.ms)}; ${mb(a.fileBytes)} (${mb(unpacked)} unpacked, ${a.manifest.workloadImages.images.length} images, ${a.manifest.scenarios.length} lessons); peak RSS ${mb(peakRss)}`);
const b = await build(join(work, 'b.tgz'));
console.log(`pack build again: ${seconds(b.ms)}; same sha256: ${a.fileSha256 === b.fileSha256 ? 'yes' : `NO (${a.fileSha256} vs ${b.fileSha256})`}`);
rmSync(b.file);

const tv = Date.now();
await readPack(a.file);
console.log(`pack verify: ${seconds(Date.now() - tv)}`);

// A fresh machine: no kind cluster, no image in Docker, a new data folder.
const dataDir = mkdtempSync(join(work, 'data-'));
const engine = await Engine.create({ dataDir, scenariosDir: join(ROOT, 'scenarios') });
try {
  if ((await engine.getCluster()).state !== 'absent') await engine.deleteCluster();
  const ids = docker('images', '-q').stdout.split('\n').filter(Boolean);
  if (ids.length) docker('rmi', '-f', ...new Set(ids));
  const stepStarted = new Map<number, number>();
  const off = engine.events.on('pack:progressed', (p) => {
    if (!stepStarted.has(p.stepIndex)) stepStarted.set(p.stepIndex, Date.now());
  });
  const t0 = Date.now();
  const first = await engine.importPack({ path: a.file });
  const t1 = Date.now();
  off();
  const span = (i: number) => seconds((stepStarted.get(i + 1) ?? t1) - (stepStarted.get(i) ?? t0));
  console.log(`pack import, fresh machine → every image in the node: ${seconds(t1 - t0)} (${first.steps.map((s, i) => `${s.step} ${span(i)}`).join(', ')})`);
  const t2 = Date.now();
  const again = await engine.importPack({ path: a.file });
  console.log(`pack import again: ${seconds(Date.now() - t2)} (${again.steps.filter((s) => s.skipped).length} of ${again.steps.length} steps skipped)`);
  await engine.deleteCluster();
} finally {
  await engine.close();
  rmSync(work, { recursive: true, force: true });
}
