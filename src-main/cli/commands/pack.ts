// SPDX-License-Identifier: Apache-2.0
// `podlab pack build|import|verify|status`: lab packs from the command line, with progress.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { delimiter, join, resolve } from 'node:path';
import type { PackProgressView, PackSummary } from '@contract/dto';
import type { LoadedScenario } from '@contract/scenario';
import { buildPack, errorMessage, ExecaRunner, formatProblem, loadScenarios, packPaths, readPack, summarizePack as summarize, type Engine } from '../../core';
import { appRoot } from '../app-root';
import type { CliIo } from '../io';

export const PACK_USAGE = `usage:
  podlab pack build [--out FILE] [--scenarios DIR ...] [--kind FILE] [--node-image REF]
  podlab pack import FILE
  podlab pack verify FILE
  podlab pack status [--json]`;

export interface PackOptions {
  out?: string;
  scenariosDirs: string[];
  kind?: string;
  nodeImage?: string;
  json: boolean;
  dataDir: string;
}

export async function packCommand(io: CliIo, engine: Engine, action: string | undefined, args: string[], o: PackOptions): Promise<number> {
  try {
    if (action === 'build') return await build(io, engine, o);
    if (action === 'import' && args[0]) return await importCommand(io, engine, args[0]);
    if (action === 'verify' && args[0]) return await verify(io, args[0]);
    if (action === 'status') return await status(io, engine, o.json);
  } catch (e) {
    io.err(`podlab pack ${action}: ${errorMessage(e)}`);
    return 1;
  }
  io.err(PACK_USAGE);
  return 2;
}

async function build(io: CliIo, engine: Engine, o: PackOptions): Promise<number> {
  const scenarios = await loadAll(io, o.scenariosDirs);
  if (!scenarios) return 1;
  const kindBinary = o.kind ?? findKind(o.dataDir);
  if (!kindBinary) {
    io.err('podlab pack build: no kind binary (not in the data folder, not on PATH); give one with --kind FILE');
    return 1;
  }
  const settings = (await engine.getSettings()).cluster;
  const out = resolve(o.out ?? 'podlab-pack.tgz');
  const started = Date.now();
  const r = await buildPack({
    runner: new ExecaRunner(),
    out,
    scenarios,
    kindBinary,
    nodeImage: o.nodeImage ?? settings.nodeImage,
    podlabVersion: await podlabVersion(),
    env: { ...(settings.httpProxy ? { HTTP_PROXY: settings.httpProxy } : {}), ...(settings.httpsProxy ? { HTTPS_PROXY: settings.httpsProxy } : {}), ...(settings.noProxy ? { NO_PROXY: settings.noProxy } : {}) },
    onProgress: (p) => io.out(`  ${p.bytesTotal ? `${percent(p.bytesDone!, p.bytesTotal)} ` : ''}${p.step}${p.bytesTotal ? ` (${mb(p.bytesDone!)} of ${mb(p.bytesTotal)})` : ''}`),
  });
  io.out(`wrote ${r.file} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const line of describe(summarize(r.manifest, r.fileSha256), r.fileBytes)) io.out(`  ${line}`);
  return 0;
}

async function importCommand(io: CliIo, engine: Engine, file: string): Promise<number> {
  const started = Date.now();
  let last = '';
  const off = engine.events.on('pack:progressed', (p) => {
    const line = progressLine(p);
    if (line !== last) io.out(`  ${line}`);
    last = line;
  });
  try {
    const r = await engine.importPack({ path: resolve(file) });
    io.out(`imported ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const s of r.steps) io.out(`  ${s.skipped ? '=' : '✓'} ${s.step}: ${s.detail}${s.skipped ? ' (skipped)' : ''}`);
    return 0;
  } finally {
    off();
  }
}

async function verify(io: CliIo, file: string): Promise<number> {
  let last = -1;
  const r = await readPack(resolve(file), {
    onProgress: (p) => {
      const tenth = Math.floor((10 * p.bytesDone) / Math.max(p.bytesTotal, 1));
      if (tenth !== last) io.out(`  ${percent(p.bytesDone, p.bytesTotal)} ${p.step}`);
      last = tenth;
    },
  });
  io.out(`${file}: a valid podlab lab pack; every entry matches its sha256`);
  for (const line of describe(summarize(r.manifest, r.fileSha256), r.fileBytes)) io.out(`  ${line}`);
  return 0;
}

async function status(io: CliIo, engine: Engine, json: boolean): Promise<number> {
  const s = await engine.getPackStatus();
  const missingImages = s.images.filter((i) => i.inNode === false);
  const ok = !!s.installed && s.kind.matchesPack !== false && s.nodeImageInDocker !== false && missingImages.length === 0 && s.clusterState === 'running';
  if (json) {
    io.out(JSON.stringify(s, null, 2));
    return ok ? 0 : 1;
  }
  if (!s.installed) {
    io.out('no lab pack installed (podlab pack import FILE)');
  } else {
    io.out(`lab pack ${s.installed.fileSha256.slice(0, 12)} from ${s.installed.file}, installed ${s.installed.installedAt}`);
    for (const line of describe(s.installed)) io.out(`  ${line}`);
  }
  io.out(`kind: ${s.kind.installed ? s.kind.path : 'not in the data folder'}${s.kind.matchesPack === false ? ' (not the pack’s build)' : ''}`);
  if (s.nodeImageInDocker !== undefined) io.out(`node image in Docker: ${s.nodeImageInDocker ? 'yes' : 'no (podlab pack import FILE loads it)'}`);
  io.out(`cluster: ${s.clusterState}`);
  if (s.clusterState === 'running' && s.images.length) {
    io.out(missingImages.length ? `images missing from the node: ${missingImages.map((i) => i.ref).join(', ')}` : `all ${s.images.length} images of the pack are in the node`);
  }
  const lacking = s.lessons.filter((l) => l.missingImages.length);
  for (const l of lacking) io.out(`  lesson ${l.id} lacks ${l.missingImages.join(', ')}`);
  io.out(`lessons: ${s.lessons.length} (${s.lessons.filter((l) => l.from === 'pack').length} from the pack)${lacking.length ? `, ${lacking.length} missing images` : ''}`);
  for (const p of s.problems) io.out(`  not loaded: ${p}`);
  return ok ? 0 : 1;
}

async function loadAll(io: CliIo, dirs: string[]): Promise<LoadedScenario[] | undefined> {
  const all: LoadedScenario[] = [];
  let bad = false;
  for (const dir of dirs) {
    const { scenarios, problems } = await loadScenarios(dir).catch((e: unknown) => {
      io.err(`--scenarios ${dir}: ${errorMessage(e)}`);
      return { scenarios: [], problems: [{ file: dir, line: 0, column: 0, path: '', message: 'unreadable' }] };
    });
    for (const p of problems) io.err(formatProblem(p));
    bad ||= problems.length > 0;
    for (const s of scenarios) {
      const twin = all.find((t) => t.id === s.id);
      if (twin) {
        io.err(`${s.file}: lesson ${s.id} is also in ${twin.file}; a pack holds each id once`);
        bad = true;
      } else all.push(s);
    }
  }
  if (!bad && !all.length) io.err(`no lessons in ${dirs.join(', ')}`);
  return bad || !all.length ? undefined : all;
}

function findKind(dataDir: string): string | undefined {
  const own = packPaths(dataDir).kind;
  if (existsSync(own)) return own;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'kind'))) return join(dir, 'kind');
  }
  return undefined;
}

async function podlabVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(join(appRoot(), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

function describe(p: PackSummary, fileBytes?: number): string[] {
  return [
    `pack sha256: ${p.fileSha256}${fileBytes !== undefined ? ` (${mb(fileBytes)}; ${mb(p.unpackedBytes)} unpacked)` : ''}`,
    `podlab ${p.podlabVersion}, Kubernetes ${p.kubernetesVersion}, kind ${p.kindVersion} for ${p.platform}`,
    `node image: ${p.nodeImage}`,
    `images (${p.images.length}): ${p.images.join(', ')}`,
    `lessons (${p.lessons.length}): ${p.lessons.join(', ')}`,
  ];
}

export function progressLine(p: PackProgressView): string {
  const bytes = p.bytesTotal ? ` ${percent(p.bytesDone ?? 0, p.bytesTotal)} (${mb(p.bytesDone ?? 0)} of ${mb(p.bytesTotal)})` : '';
  return `[${p.stepIndex + 1}/${p.stepCount}]${bytes} ${p.step}`;
}

const mb = (n: number) => `${(n / 1024 ** 2).toFixed(1)} MB`;
const percent = (done: number, total: number) => `${Math.floor((100 * done) / Math.max(total, 1))}%`;
