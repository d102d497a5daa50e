// SPDX-License-Identifier: Apache-2.0
// `podlab pack build`: the kind binary, the node image, every image the included lessons run (read
// from their manifests) and the lessons themselves, in one reproducible file. Nothing is written to
// the output path until every input is there; the file appears whole (renamed from .partial) or not.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { LoadedScenario } from '@contract/scenario';
import { localImageId, tryRun } from '../cluster/docker-cli';
import { kubernetesVersionOfNodeImage, withoutDigest } from '../cluster/image-ref';
import { imagesToLoad } from '../scenarios/images';
import { AppError } from '../util/errors';
import { ExecError, runChecked, type Runner } from '../util/exec';
import { KIND_ENTRY, MANIFEST_ENTRY, NODE_IMAGE_ENTRY, PACK_FORMAT, PACK_FORMAT_VERSION, SCENARIOS_PREFIX, WORKLOAD_IMAGES_ENTRY, type PackEntry, type PackManifest } from './pack-manifest';
import { normalizeDockerArchive } from './docker-archive';
import { sha256File } from './sha256-file';
import { TarGzipWriter, type EntrySource } from './tar-gzip-writer';

export interface BuildPackOptions {
  runner: Runner;
  out: string;
  scenarios: LoadedScenario[];
  kindBinary: string;
  nodeImage: string;
  podlabVersion: string;
  /** handed to docker pull where an image is missing and the machine is online */
  env?: Record<string, string>;
  onProgress?: (p: { step: string; bytesDone?: number; bytesTotal?: number }) => void;
}

export interface BuildPackResult {
  manifest: PackManifest;
  file: string;
  fileBytes: number;
  fileSha256: string;
}

const SAVE_TIMEOUT_MS = 30 * 60_000;

export async function buildPack(o: BuildPackOptions): Promise<BuildPackResult> {
  const say = (step: string) => o.onProgress?.({ step });
  if (await stat(o.out).then(() => true, () => false)) throw new AppError('PACK_EXISTS', `${o.out} already exists; remove it or choose another --out`);
  const kind = await kindFacts(o.runner, o.kindBinary);
  const nodeTag = withoutDigest(o.nodeImage);
  const kubernetesVersion = kubernetesVersionOfNodeImage(nodeTag);
  if (!kubernetesVersion) throw new AppError('PACK_INPUT', `the node image ${nodeTag} has no Kubernetes version in its tag (kind's are tagged like kindest/node:v1.34.0)`);
  const workloadRefs = imagesToLoad(o.scenarios);
  say(`${o.scenarios.length} lessons run ${workloadRefs.length} images: ${workloadRefs.join(', ')}`);

  const nodeId = await ensureLocal(o, o.nodeImage);
  if (nodeTag !== o.nodeImage) await runChecked(o.runner, 'docker', ['tag', o.nodeImage, nodeTag]);
  const images: PackManifest['workloadImages']['images'] = [];
  const missing: string[] = [];
  for (const ref of workloadRefs) {
    const id = await ensureLocal(o, ref).catch(() => undefined);
    if (id) images.push({ ref, id });
    else missing.push(ref);
  }
  if (missing.length) throw new AppError('PACK_INPUT', `Docker has none of these images and could not pull them: ${missing.join(', ')}. Pull or load them (docker load -i …), then build again.`);

  const work = await mkdtemp(join(dirname(o.out), `.${basename(o.out)}.build-`));
  try {
    say(`saving the node image ${nodeTag}`);
    const nodeTar = join(work, 'node.tar');
    await runChecked(o.runner, 'docker', ['save', '-o', nodeTar, nodeTag], { timeoutMs: SAVE_TIMEOUT_MS });
    say(`saving ${images.length} workload images`);
    const savedTar = join(work, 'workloads.saved.tar');
    await runChecked(o.runner, 'docker', ['save', '-o', savedTar, ...images.map((i) => i.ref)], { timeoutMs: SAVE_TIMEOUT_MS });
    const workloadTar = join(work, 'workloads.tar');
    await normalizeDockerArchive(savedTar, workloadTar);
    await rm(savedTar);

    const sources = new Map<string, { source: EntrySource; mode: number }>();
    sources.set(KIND_ENTRY, { source: await fileSource(o.kindBinary), mode: 0o755 });
    sources.set(NODE_IMAGE_ENTRY, { source: await fileSource(nodeTar), mode: 0o644 });
    sources.set(WORKLOAD_IMAGES_ENTRY, { source: await fileSource(workloadTar), mode: 0o644 });
    const scenarios = [...o.scenarios].sort((a, b) => a.id.localeCompare(b.id));
    for (const s of scenarios) {
      for (const f of scenarioFiles(s)) sources.set(`${SCENARIOS_PREFIX}${s.id}/${f}`, { source: { buffer: await readFile(join(s.dir, f)) }, mode: 0o644 });
    }
    say('hashing the entries');
    const entries: PackEntry[] = [];
    for (const [path, { source }] of sources) entries.push({ path, size: sizeOf(source), sha256: await sha256Of(source) });

    const manifest: PackManifest = {
      format: PACK_FORMAT,
      formatVersion: PACK_FORMAT_VERSION,
      podlabVersion: o.podlabVersion,
      platform: kind.platform,
      kubernetesVersion,
      kind: { version: kind.version, entry: KIND_ENTRY },
      nodeImage: { ref: nodeTag, id: nodeId, entry: NODE_IMAGE_ENTRY },
      workloadImages: { entry: WORKLOAD_IMAGES_ENTRY, images },
      scenarios: scenarios.map((s) => ({ id: s.id, files: scenarioFiles(s) })),
      entries,
    };
    const partial = `${o.out}.partial`;
    await rm(partial, { force: true });
    const writer = await TarGzipWriter.create(partial);
    const total = entries.reduce((n, e) => n + e.size, 0);
    let done = 0;
    const tick = (n: number) => {
      const before = Math.floor(done / (64 * 1024 ** 2));
      done += n;
      if (Math.floor(done / (64 * 1024 ** 2)) !== before || done === total) o.onProgress?.({ step: 'writing the pack', bytesDone: done, bytesTotal: total });
    };
    try {
      await writer.add(MANIFEST_ENTRY, { buffer: Buffer.from(JSON.stringify(manifest, null, 2) + '\n') });
      for (const [path, { source, mode }] of sources) await writer.add(path, source, mode, tick);
      const fileSha256 = await writer.finish();
      await rename(partial, o.out);
      return { manifest, file: o.out, fileBytes: writer.compressedBytes, fileSha256 };
    } catch (e) {
      await writer.abort();
      await rm(partial, { force: true });
      throw e;
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** scenario.yaml and its manifests: exactly what the loader reads, in a stable order. */
function scenarioFiles(s: LoadedScenario): string[] {
  return ['scenario.yaml', ...Object.keys(s.manifests).sort()];
}

async function kindFacts(runner: Runner, kind: string): Promise<{ version: string; platform: string }> {
  const r = await tryRun(runner, kind, ['version']);
  if (r instanceof ExecError || r.exitCode !== 0) throw new AppError('PACK_INPUT', `cannot run ${kind} version: ${r instanceof ExecError ? r.output.trim() : r.stderr.trim()}. Give the kind binary to pack with --kind FILE.`);
  // "kind v0.30.0 go1.24.6 linux/amd64"
  const m = /kind (v\S+) \S+ (\w+\/\w+)/.exec(r.stdout);
  if (!m) throw new AppError('PACK_INPUT', `cannot read the version and platform from "${r.stdout.trim()}"`);
  return { version: m[1]!, platform: m[2]! };
}

/** The image's ID in the local Docker, pulling it first where it is missing (and the machine is online). */
async function ensureLocal(o: BuildPackOptions, ref: string): Promise<string> {
  const have = await localImageId(o.runner, ref);
  if (have) return have;
  o.onProgress?.({ step: `pulling ${ref}` });
  const r = await tryRun(o.runner, 'docker', ['pull', ref], { timeoutMs: SAVE_TIMEOUT_MS, ...(o.env ? { env: o.env } : {}) });
  const id = r instanceof ExecError || r.exitCode !== 0 ? undefined : await localImageId(o.runner, ref);
  if (!id) throw new AppError('PACK_INPUT', `Docker does not have ${ref} and could not pull it${r instanceof ExecError ? '' : `: ${r.stderr.trim().split('\n').at(-1)}`}`);
  return id;
}

async function fileSource(file: string): Promise<EntrySource> {
  try {
    return { file, size: (await stat(file)).size };
  } catch {
    throw new AppError('PACK_INPUT', `cannot read ${file}`);
  }
}

const sizeOf = (s: EntrySource) => ('buffer' in s ? s.buffer.length : s.size);

async function sha256Of(s: EntrySource): Promise<string> {
  return 'buffer' in s ? createHash('sha256').update(s.buffer).digest('hex') : sha256File(s.file);
}

