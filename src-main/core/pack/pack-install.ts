// SPDX-License-Identifier: Apache-2.0
// `podlab pack import`: check the whole pack into a staging folder first (a refused pack leaves
// nothing), then install step by step, each step skipped when what it would bring is already there:
// kind into the data folder, the node image into Docker, the cluster, the workload images into
// Docker and the node, a check inside the node, and last the lessons and the record of the pack.
import { randomBytes } from 'node:crypto';
import { PACK_IMPORT_STEPS, type PackImportStep, type PackProgressView } from '@contract/dto';
import type { I18nText } from '@contract/scenario';
import { chmod, copyFile, mkdir, readFile, rename, rm, statfs, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { localImageId } from '../cluster/docker-cli';
import { normalizeImageRef } from '../cluster/image-ref';
import type { ClusterProgress, ImageLoadReport, PreflightCheck } from '../cluster/provider';
import type { ScenarioProblem } from '../scenarios/scenario-error';
import { formatProblem } from '../scenarios/scenario-error';
import { AppError } from '../util/errors';
import { runChecked, type Runner } from '../util/exec';
import { KIND_ENTRY, NODE_IMAGE_ENTRY, PackError, SCENARIOS_PREFIX, WORKLOAD_IMAGES_ENTRY, type PackManifest } from './pack-manifest';
import { packPaths } from './pack-paths';
import { readPack } from './pack-read';
import { sha256File } from './sha256-file';

export const IMPORT_STEPS = PACK_IMPORT_STEPS;
export type ImportStep = PackImportStep;

/** what the engine sends on as pack:progressed */
export type ImportProgress = PackProgressView;

/** What podlab's side of an import needs: the kind cluster and the settings, through the engine. */
export interface PackTarget {
  runner: Runner;
  dataDir: string;
  nodeImageSetting(): string;
  setNodeImage(ref: string): void;
  ensureCluster(onProgress: (p: ClusterProgress) => void): Promise<void>;
  loadImages(refs: readonly string[], onProgress: (p: ClusterProgress) => void): Promise<ImageLoadReport>;
  nodeImages(): Promise<Set<string>>;
  /** loads the lessons in a folder with this podlab's loader */
  checkScenarios(dir: string): Promise<ScenarioProblem[]>;
  /** the app's own lessons, which win over a pack's of the same id */
  appScenarioIds(): Set<string>;
  /** the cluster's preflight: Docker must answer before a byte of the pack is unpacked */
  preflight(): Promise<PreflightCheck[]>;
}

/** Checks an import needs; kind and the node image come from the pack itself. */
const IMPORT_PREFLIGHT = new Set(['docker', 'memory', 'port']);

export interface ImportReport {
  manifest: PackManifest;
  fileSha256: string;
  /** one line per step: what it did, or that it found everything already there */
  steps: Array<{ step: ImportStep; skipped: boolean; detail: string; detailZh: string }>;
}

export interface InstalledPack {
  manifest: PackManifest;
  fileSha256: string;
  file: string;
  installedAt: string;
}

const LOAD_TIMEOUT_MS = 20 * 60_000;

export async function importPack(file: string, target: PackTarget, onProgress?: (p: ImportProgress) => void): Promise<ImportReport> {
  const paths = packPaths(target.dataDir);
  await mkdir(paths.root, { recursive: true });
  const stage = join(paths.root, `.staging-${randomBytes(4).toString('hex')}`);
  const steps: ImportReport['steps'] = [];
  const at = (step: ImportStep) => (p: { step: string; stepZh?: string; detailZh?: string; fraction?: number; bytesDone?: number; bytesTotal?: number }) =>
    onProgress?.({
      step: p.step,
      ...(p.stepZh ? { stepZh: p.stepZh } : {}),
      ...(p.detailZh ? { detailZh: p.detailZh } : {}),
      stepIndex: IMPORT_STEPS.indexOf(step),
      stepCount: IMPORT_STEPS.length,
      ...(p.bytesDone !== undefined ? { bytesDone: p.bytesDone, bytesTotal: p.bytesTotal! } : {}),
    });
  const done = (step: ImportStep, skipped: boolean, detail: I18nText) => {
    steps.push({ step, skipped, detail: detail.en, detailZh: detail.zh });
    at(step)({ step: `${step}: ${detail.en}`, detailZh: detail.zh });
  };
  const failed = (await target.preflight()).filter((c) => !c.ok && IMPORT_PREFLIGHT.has(c.id));
  if (failed.length) throw new AppError('PACK_PREFLIGHT_FAILED', `cannot import a lab pack yet: ${failed.map((c) => `${c.message}${c.fix ? ` (${c.fix})` : ''}`).join('; ')}`);
  await mkdir(stage);
  try {
    const { manifest, fileSha256 } = await readPack(file, {
      stageDir: stage,
      onProgress: at('check the pack'),
      onManifest: async (m) => {
        checkPlatform(m);
        await checkFreeSpace(paths.root, m);
      },
    });
    const problems = await target.checkScenarios(join(stage, SCENARIOS_PREFIX));
    if (problems.length) throw new PackError('PACK_INVALID', `the pack's lessons do not load in this podlab:\n${problems.slice(0, 10).map(formatProblem).join('\n')}`);
    done('check the pack', false, { en: `every entry matches its sha256 (pack ${fileSha256.slice(0, 12)})`, zh: `每个条目都与其 sha256 相符（包 ${fileSha256.slice(0, 12)}）` });

    done('kind', ...(await installKind(join(stage, KIND_ENTRY), paths.kind, manifest)));
    done('node image', ...(await loadNodeImage(target, join(stage, NODE_IMAGE_ENTRY), manifest, at('node image'))));

    const before = target.nodeImageSetting();
    if (before !== manifest.nodeImage.ref) target.setNodeImage(manifest.nodeImage.ref);
    await target.ensureCluster(at('cluster'));
    const changed = before !== manifest.nodeImage.ref;
    done('cluster', false, {
      en: `kind cluster ready on ${manifest.nodeImage.ref}${changed ? ` (cluster.nodeImage was ${before})` : ''}`,
      zh: `kind 集群已在 ${manifest.nodeImage.ref} 上就绪${changed ? `（cluster.nodeImage 原为 ${before}）` : ''}`,
    });

    const refs = manifest.workloadImages.images.map((i) => i.ref);
    const dockerHad = await loadWorkloadImages(target, join(stage, WORKLOAD_IMAGES_ENTRY), manifest, at('workload images'));
    const loaded = await target.loadImages(refs, at('workload images'));
    const alsoThere = loaded.present.length && loaded.loaded.length;
    done('workload images', dockerHad && !loaded.loaded.length, {
      en: `${dockerHad ? 'Docker had all' : 'loaded into Docker'}; ${loaded.loaded.length ? `${loaded.loaded.length} loaded into the node` : 'all already in the node'}${alsoThere ? `, ${loaded.present.length} already there` : ''}`,
      zh: `${dockerHad ? 'Docker 中已全部都有' : '已载入 Docker'}；${loaded.loaded.length ? `${loaded.loaded.length} 个载入节点` : '节点中已全部都有'}${alsoThere ? `，${loaded.present.length} 个已存在` : ''}`,
    });

    const inNode = await target.nodeImages();
    const absent = refs.filter((r) => !inNode.has(normalizeImageRef(r)));
    if (absent.length) throw new AppError('PACK_IMPORT_INCOMPLETE', `after loading, the node's containerd still lacks ${absent.join(', ')} (crictl images)`);
    done('check the node', false, { en: `crictl images lists all ${refs.length} images of the pack`, zh: `crictl images 列出了包中全部 ${refs.length} 个镜像` });

    done('lessons', ...(await installLessons(target.dataDir, stage, manifest, fileSha256, file, target.appScenarioIds())));
    return { manifest, fileSha256, steps };
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

export async function readInstalledPack(dataDir: string): Promise<InstalledPack | undefined> {
  try {
    return JSON.parse(await readFile(packPaths(dataDir).installed, 'utf8')) as InstalledPack;
  } catch {
    return undefined;
  }
}

export function hostPlatform(): string {
  const arch: Record<string, string> = { x64: 'amd64', arm64: 'arm64' };
  return `${process.platform}/${arch[process.arch] ?? process.arch}`;
}

function checkPlatform(m: PackManifest): void {
  if (m.platform !== hostPlatform()) throw new PackError('PACK_PLATFORM', `this pack's kind binary is for ${m.platform}; this machine is ${hostPlatform()}. Build a pack for this platform.`);
}

/** The staged entries, then Docker's copies of the images: about twice the pack's unpacked size. */
async function checkFreeSpace(dir: string, m: PackManifest): Promise<void> {
  const need = m.entries.reduce((n, e) => n + e.size, 0);
  const s = await statfs(dir).catch(() => undefined);
  if (s && s.bavail * s.bsize < need * 1.1) {
    const gb = (n: number) => `${(n / 1024 ** 3).toFixed(1)} GB`;
    throw new PackError('PACK_NO_SPACE', `unpacking this pack needs ${gb(need)} in ${dir}; ${gb(s.bavail * s.bsize)} are free`);
  }
}

async function installKind(staged: string, target: string, m: PackManifest): Promise<[boolean, I18nText]> {
  const want = m.entries.find((e) => e.path === KIND_ENTRY)!.sha256;
  if ((await sha256File(target).catch(() => '')) === want) return [true, { en: `kind ${m.kind.version} already installed in ${target}`, zh: `kind ${m.kind.version} 已安装在 ${target}` }];
  await mkdir(join(target, '..'), { recursive: true });
  const tmp = `${target}.${randomBytes(4).toString('hex')}.tmp`;
  await copyFile(staged, tmp);
  await chmod(tmp, 0o755);
  await rename(tmp, target);
  return [false, { en: `kind ${m.kind.version} installed in ${target}`, zh: `kind ${m.kind.version} 已安装到 ${target}` }];
}

async function loadNodeImage(t: PackTarget, tar: string, m: PackManifest, progress: (p: { step: string }) => void): Promise<[boolean, I18nText]> {
  const { ref, id } = m.nodeImage;
  if (await dockerLoadUnlessPresent(t, tar, [m.nodeImage], () => progress({ step: `docker load ${ref}` }))) return [true, { en: `Docker already has ${ref} (${id.slice(7, 19)})`, zh: `Docker 中已有 ${ref}（${id.slice(7, 19)}）` }];
  return [false, { en: `loaded ${ref} into Docker`, zh: `已把 ${ref} 载入 Docker` }];
}

/** docker load the workload archive unless Docker has every image already; true when it had them all. */
function loadWorkloadImages(t: PackTarget, tar: string, m: PackManifest, progress: (p: { step: string; stepZh: string }) => void): Promise<boolean> {
  const { images } = m.workloadImages;
  return dockerLoadUnlessPresent(t, tar, images, () => progress({ step: `docker load ${images.length} workload images`, stepZh: `docker load ${images.length} 个工作负载镜像` }));
}

/** Loads an archive unless Docker has each of its images under its tag with the pack's ID, then checks that it does; true when nothing had to be loaded. */
async function dockerLoadUnlessPresent(t: PackTarget, tar: string, images: ReadonlyArray<{ ref: string; id: string }>, onLoad: () => void): Promise<boolean> {
  const have = await Promise.all(images.map(async (i) => (await localImageId(t.runner, i.ref)) === i.id));
  if (have.every(Boolean)) return true;
  onLoad();
  await runChecked(t.runner, 'docker', ['load', '-i', tar], { timeoutMs: LOAD_TIMEOUT_MS });
  for (const i of images) {
    const got = await localImageId(t.runner, i.ref);
    if (got !== i.id) throw new AppError('PACK_IMPORT_INCOMPLETE', `docker load did not give ${i.ref} the pack's image ID ${i.id} (Docker has ${got ?? 'nothing'} under that tag)`);
  }
  return false;
}

async function installLessons(dataDir: string, stage: string, m: PackManifest, fileSha256: string, file: string, appIds: Set<string>): Promise<[boolean, I18nText]> {
  const paths = packPaths(dataDir);
  const before = await readInstalledPack(dataDir);
  const same = before?.fileSha256 === fileSha256;
  // Swap the whole folder: a reader sees the old lessons or the new ones, never a mix.
  const next = `${paths.scenarios}.${randomBytes(4).toString('hex')}`;
  await rename(join(stage, SCENARIOS_PREFIX), next);
  const old = `${paths.scenarios}.old-${randomBytes(4).toString('hex')}`;
  await rename(paths.scenarios, old).catch(() => {});
  await rename(next, paths.scenarios);
  await rm(old, { recursive: true, force: true });
  const record: InstalledPack = { manifest: m, fileSha256, file, installedAt: new Date().toISOString() };
  await writeFile(`${paths.installed}.tmp`, JSON.stringify(record, null, 2) + '\n');
  await rename(`${paths.installed}.tmp`, paths.installed);
  const shadowed = m.scenarios.filter((sc) => appIds.has(sc.id)).length;
  const own = shadowed ? ` (${shadowed === m.scenarios.length ? 'all' : shadowed} also in this podlab, whose own ${shadowed === 1 ? 'copy is' : 'copies are'} used)` : '';
  const ownZh = shadowed ? `（${shadowed === m.scenarios.length ? '全部' : `${shadowed} 课`}本 podlab 也有，用的是本 podlab 自己的）` : '';
  const lessons = `${m.scenarios.length} lesson${m.scenarios.length === 1 ? '' : 's'}`;
  return [
    same,
    same
      ? { en: `this pack's ${lessons} were already installed${own}`, zh: `这个包的 ${m.scenarios.length} 课已经安装过${ownZh}` }
      : { en: `${lessons} installed in ${paths.scenarios}${own}`, zh: `${m.scenarios.length} 课已安装到 ${paths.scenarios}${ownZh}` },
  ];
}
