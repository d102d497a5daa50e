// SPDX-License-Identifier: Apache-2.0
// Lab packs inside the engine: import (one at a time, progress as events), status, and the lessons
// an installed pack brings, which join the app's own (the app's win where both have an id).
import { existsSync } from 'node:fs';
import type { PackImportView, PackProgressView, PackStatusView, PackSummary } from '@contract/dto';
import type { LoadedScenario } from '@contract/scenario';
import { localImageId } from '../cluster/docker-cli';
import { normalizeImageRef } from '../cluster/image-ref';
import type { ClusterConnection, ClusterProgress, ClusterProvider } from '../cluster/provider';
import { loadScenarios } from '../scenarios/loader';
import { formatProblem, type ScenarioProblem } from '../scenarios/scenario-error';
import { lessonImagesToLoad } from '../scenarios/images';
import type { Store } from '../store/store';
import { AppError } from '../util/errors';
import type { Runner } from '../util/exec';
import type { Logger } from '../util/log';
import { importPack, readInstalledPack } from './pack-install';
import { KIND_ENTRY, type PackManifest } from './pack-manifest';
import { packPaths } from './pack-paths';
import { sha256File } from './sha256-file';

export interface PackServiceDeps {
  dataDir: string;
  runner: Runner;
  store: Store;
  provider: ClusterProvider;
  log: Logger;
  /** the app's own lessons' ids: theirs win over a pack's */
  appScenarioIds: () => Set<string>;
  onConnected: (c: ClusterConnection) => void;
  onProgress: (p: PackProgressView) => void;
  onClusterProgress: (p: ClusterProgress) => void;
}

export class PackService {
  private importing = false;
  problems: ScenarioProblem[] = [];

  constructor(private readonly d: PackServiceDeps) {}

  /** The installed pack's lessons that this podlab loads and the app does not have itself. */
  async packScenarios(): Promise<LoadedScenario[]> {
    const dir = packPaths(this.d.dataDir).scenarios;
    if (!existsSync(dir)) return [];
    const { scenarios, problems } = await loadScenarios(dir);
    this.problems = problems;
    for (const p of problems) this.d.log.warn(`pack lesson not loaded: ${formatProblem(p)}`);
    const own = this.d.appScenarioIds();
    return scenarios.filter((s) => !own.has(s.id));
  }

  async import(path: string): Promise<PackImportView> {
    if (this.d.provider.kind !== 'kind') throw new AppError('PACK_NEEDS_KIND', 'a lab pack sets up podlab’s own kind cluster; start podlab without --kubeconfig to import one');
    if (this.importing) throw new AppError('PACK_BUSY', 'a lab pack is being imported already');
    this.importing = true;
    try {
      const provider = this.d.provider;
      const report = await importPack(
        path,
        {
          runner: this.d.runner,
          dataDir: this.d.dataDir,
          nodeImageSetting: () => this.d.store.settings.get().cluster.nodeImage,
          setNodeImage: (ref) => this.d.store.settings.update([{ key: 'cluster.nodeImage', value: ref }]),
          ensureCluster: async (onProgress) => {
            this.d.onConnected(await provider.ensure((p) => (onProgress(p), this.d.onClusterProgress(p))));
          },
          loadImages: (refs, onProgress) => provider.loadImages!(refs, onProgress),
          nodeImages: () => this.imagesInNode(),
          checkScenarios: async (dir) => (await loadScenarios(dir)).problems,
          preflight: () => provider.preflight(),
          appScenarioIds: this.d.appScenarioIds,
        },
        this.d.onProgress,
      );
      this.d.store.importScenarios(await this.packScenarios());
      return { pack: summarize(report.manifest, report.fileSha256), steps: report.steps };
    } finally {
      this.importing = false;
    }
  }

  async status(): Promise<PackStatusView> {
    const paths = packPaths(this.d.dataDir);
    const installed = await readInstalledPack(this.d.dataDir);
    const kindSha = existsSync(paths.kind) ? await sha256File(paths.kind).catch(() => undefined) : undefined;
    const m = installed?.manifest;
    const cluster = await this.d.provider.status();
    const inNode = cluster.state === 'running' ? await this.imagesInNode().catch(() => undefined) : undefined;
    const images = (m?.workloadImages.images ?? []).map((i) => ({ ref: i.ref, ...(inNode ? { inNode: inNode.has(normalizeImageRef(i.ref)) } : {}) }));
    const own = this.d.appScenarioIds();
    const lessons = this.d.store.scenarios.listLatest().map((s) => {
      const missing = inNode ? lessonImagesToLoad(s).filter((i) => !inNode.has(i)) : [];
      return { id: s.id, from: (own.has(s.id) ? 'app' : 'pack') as 'app' | 'pack', missingImages: missing };
    });
    return {
      ...(installed && m ? { installed: { ...summarize(m, installed.fileSha256), file: installed.file, installedAt: installed.installedAt } } : {}),
      kind: { path: paths.kind, installed: kindSha !== undefined, ...(m ? { matchesPack: kindSha === m.entries.find((e) => e.path === KIND_ENTRY)?.sha256 } : {}) },
      ...(m ? { nodeImageInDocker: (await localImageId(this.d.runner, m.nodeImage.ref)) === m.nodeImage.id } : {}),
      clusterState: cluster.state,
      images,
      lessons,
      problems: this.problems.map(formatProblem),
    };
  }

  private async imagesInNode(): Promise<Set<string>> {
    const lists = await this.d.provider.nodeImages?.();
    if (!lists) throw new AppError('PACK_NEEDS_KIND', 'this cluster cannot list its node’s images');
    return new Set(lists.flatMap((l) => [...l.images]));
  }
}

export function summarize(m: PackManifest, fileSha256: string): PackSummary {
  return {
    fileSha256,
    podlabVersion: m.podlabVersion,
    kubernetesVersion: m.kubernetesVersion,
    platform: m.platform,
    kindVersion: m.kind.version,
    nodeImage: m.nodeImage.ref,
    images: m.workloadImages.images.map((i) => i.ref),
    lessons: m.scenarios.map((s) => s.id),
    unpackedBytes: m.entries.reduce((n, e) => n + e.size, 0),
  };
}
