// SPDX-License-Identifier: Apache-2.0
// The engine: the app's API (AppApi) over its services — lessons in the store, the cluster, runs,
// lab packs. A façade: it maps to the contract's views and leaves the work to the services.
// Knows nothing of Electron.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppApi, AppEvents } from '@contract/api';
import { PODLAB_SHUT_DOWN } from '@contract/run-errors';
import type { ClusterView, ManifestEdit, PackImportView, PackStatusView, PreflightCheckView, RunDetail, RunSummary, ScenarioDetail, ScenarioPreview, ScenarioSummary } from '@contract/dto';
import type { I18nText } from '@contract/scenario';
import type { AppSettings, SettingChange } from '@contract/settings';
import { ClusterService } from './cluster/cluster-service';
import { ExistingClusterProvider } from './cluster/existing-provider';
import { KindProvider } from './cluster/kind-provider';
import type { ClusterProvider } from './cluster/provider';
import { connectKube, type KubeConnector } from './kube/connect';
import { PackService } from './pack/pack-service';
import { recoverInterruptedRuns, type RecoveryReport } from './recovery';
import { RunService, type EditedScenario, type LaunchedRun } from './run/run-service';
import { imagesToLoad } from './scenarios/images';
import { lessonPlaces, loadCatalogue, type LessonPlace } from './scenarios/catalogue';
import { loadScenarios } from './scenarios/loader';
import { previewScenario } from './scenarios/preview';
import { expectationView, variationOfEdits, variationView, variedExpectations } from './scenarios/variations';
import { formatProblem } from './scenarios/scenario-error';
import type { RunRecord } from './store/run-repo';
import type { StoredScenario } from './store/scenario-repo';
import { Store } from './store/store';
import { Emitter } from './util/emitter';
import { AppError } from './util/errors';
import { ExecaRunner, type Runner } from './util/exec';
import { noopLogger, type Logger } from './util/log';
import { systemClock, type Clock } from './util/time';

export interface EngineConfig {
  dataDir: string;
  scenariosDir: string;
  /** an existing cluster; without it podlab manages a kind cluster */
  kubeconfig?: string;
  context?: string;
  /** runs kind, docker and kubectl (a fake in unit tests) */
  runner?: Runner;
  /** opens a kubeconfig as a KubeApi (client-node unless a test brings a fake) */
  connectKube?: KubeConnector;
  clock?: Clock;
  log?: Logger;
  /** how often observation batches are pushed to clients */
  coalesceMs?: number;
  /** podlab's own Pod Security check of what a run sends (default on); off only in the attack tests, never from the CLI or the API */
  podSecurityCheck?: boolean;
}

/** What the engine is made of; `Engine.create` builds them from an EngineConfig. */
export interface EngineServices {
  store: Store;
  cluster: ClusterService;
  runs: RunService;
  packs: PackService;
  events: Emitter<AppEvents>;
  /** the lessons of the scenarios folder this engine was started on */
  folderScenarioIds: ReadonlySet<string>;
  /** the catalogue's order of the folder's lessons */
  places: ReadonlyMap<string, LessonPlace>;
  log: Logger;
}

export class Engine implements AppApi {
  readonly events: Emitter<AppEvents>;
  readonly store: Store;
  readonly runs: RunService;
  recovery: RecoveryReport | undefined;

  constructor(private readonly s: EngineServices) {
    this.events = s.events;
    this.store = s.store;
    this.runs = s.runs;
  }

  static async create(config: EngineConfig): Promise<Engine> {
    await mkdir(config.dataDir, { recursive: true });
    const log = (config.log ?? noopLogger).child('engine');
    const { scenarios, problems } = await loadScenarios(config.scenariosDir);
    if (problems.length) {
      throw new AppError('SCENARIO_INVALID', `invalid scenarios:\n${problems.map(formatProblem).join('\n')}`, { details: problems });
    }
    const { catalogue, problems: catalogueProblems } = await loadCatalogue(config.scenariosDir, scenarios.map((s) => s.id));
    if (catalogueProblems.length) {
      throw new AppError('SCENARIO_INVALID', `invalid lesson catalogue:\n${catalogueProblems.map(formatProblem).join('\n')}`, { details: catalogueProblems });
    }
    const store = Store.open(join(config.dataDir, 'podlab.db'));
    store.importScenarios(scenarios);
    const runner = config.runner ?? new ExecaRunner();
    const events = new Emitter<AppEvents>();
    const provider: ClusterProvider = config.kubeconfig
      ? new ExistingClusterProvider(config.kubeconfig, config.context)
      : new KindProvider({ runner, dataDir: config.dataDir, settings: () => store.settings.get().cluster });
    const cluster = new ClusterService(provider, config.connectKube ?? connectKube, {
      onState: (v) => events.emit('cluster:state-changed', v),
      onProgress: (p) => events.emit('cluster:progressed', p),
    }, config.context);
    const folderScenarioIds = new Set(scenarios.map((s) => s.id));
    const packs = new PackService({
      dataDir: config.dataDir,
      runner,
      store,
      provider,
      log,
      appScenarioIds: () => folderScenarioIds,
      onConnected: (c) => cluster.adopt(c),
      onProgress: (p) => events.emit('pack:progressed', p),
      onClusterProgress: (p) => events.emit('cluster:progressed', p),
    });
    const runs = new RunService({
      store,
      cluster,
      events,
      clock: config.clock ?? systemClock,
      log,
      ...(config.coalesceMs !== undefined ? { coalesceMs: config.coalesceMs } : {}),
      ...(config.podSecurityCheck === false ? { podSecurityCheck: false } : {}),
    });
    // An installed lab pack's lessons join the app's; one this podlab cannot load is reported, not fatal.
    store.importScenarios(await packs.packScenarios());
    return new Engine({ store, cluster, runs, packs, events, folderScenarioIds, places: lessonPlaces(catalogue), log });
  }

  /** Cleans up after a process that died mid-run; needs the cluster, so it is separate from create(). */
  async recover(): Promise<RecoveryReport> {
    const kube = await this.s.cluster.kube().catch(() => undefined);
    this.recovery = await recoverInterruptedRuns(this.s.store, kube, this.s.log);
    return this.recovery;
  }

  /** The lessons of the scenarios folder this engine was started on (not older ones the database also keeps). */
  scenarioFolderIds(): string[] {
    return [...this.s.folderScenarioIds].sort();
  }

  async listScenarios(): Promise<ScenarioSummary[]> {
    const progress = this.s.store.runs.progress();
    const all = this.s.store.scenarios.listLatest();
    const titles = new Map(all.map((s) => [s.id, s.doc.spec.title]));
    // The catalogue's order; lessons it does not place (loaded from elsewhere earlier) after, by id.
    const rank = (id: string) => this.s.places.get(id)?.position ?? Infinity;
    return all
      .map((s) => ({ ...summarize(s, progress[s.id] ?? 'not-started'), ...placeOf(this.s.places.get(s.id), titles) }))
      .sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));
  }

  async getScenario({ id }: { id: string }): Promise<ScenarioDetail> {
    const s = this.storedScenario(id);
    const progress = this.s.store.runs.progress()[s.id] ?? 'not-started';
    return {
      ...summarize(s, progress),
      ...placeOf(this.s.places.get(s.id), new Map(this.s.store.scenarios.listLatest().map((x) => [x.id, x.doc.spec.title]))),
      doc: s.doc,
      manifests: s.manifests,
      params: s.params,
      expectations: this.s.store.scenarios.expectations(s.id, s.version).map((e) => expectationView(e.expectation)),
    };
  }

  async previewScenario({ id, edits }: { id: string; edits: ManifestEdit[] }): Promise<ScenarioPreview> {
    return previewScenario(this.storedScenario(id), edits);
  }

  async startRun({ scenarioId, edits }: { scenarioId: string; edits?: ManifestEdit[] }): Promise<{ runId: string }> {
    return this.s.runs.start(scenarioId, edits);
  }

  /** The lesson with a variation's change (or any edits), checked; for `launch`. */
  editScenario(scenarioId: string, edits: ManifestEdit[]): Promise<EditedScenario> {
    return this.s.runs.edit(scenarioId, edits);
  }

  /** A run started without the API's checks first (the CLI's `run`, `verify`): preflight happens inside it. */
  launch(scenarioId: string, edited?: EditedScenario): LaunchedRun {
    return this.s.runs.launch(scenarioId, edited);
  }

  async stopRun({ runId }: { runId: string }): Promise<void> {
    return this.s.runs.stop(runId);
  }

  async getRun({ runId }: { runId: string }): Promise<RunDetail> {
    const run = this.s.store.runs.get(runId);
    if (!run) throw new AppError('RUN_NOT_FOUND', `no run ${runId}`);
    return {
      ...toSummary(run),
      observations: this.s.store.observations.list(runId),
      verdicts: this.s.store.runs.verdicts(runId),
      logs: this.s.store.runs.logs(runId),
      params: run.params,
      manifests: run.manifests,
      ...this.variationOfRun(run),
    };
  }

  /** A run of one of the lesson's variations is judged by the variation's expectations: the UI lists those. */
  private variationOfRun(run: RunRecord): Pick<RunDetail, 'variation' | 'expectations'> {
    const stored = this.s.store.scenarios.get(run.scenarioId, run.scenarioVersion);
    const index = stored && variationOfEdits(stored.doc, run.edits);
    if (!stored || index === undefined) return {};
    const base = this.s.store.scenarios.expectations(stored.id, stored.version).map((e) => e.expectation);
    return variationView(stored.doc, index, variedExpectations(base, stored.doc.spec.variations![index]!));
  }

  async listRuns({ scenarioId }: { scenarioId: string }): Promise<RunSummary[]> {
    return this.s.store.runs.forScenario(scenarioId).map(toSummary);
  }

  async saveAnswer({ runId, about, answer, observed }: { runId: string; about: string; answer: number; observed?: number }): Promise<void> {
    if (!this.s.store.runs.get(runId)) throw new AppError('RUN_NOT_FOUND', `no run ${runId}`);
    this.s.store.runs.saveAnswer(runId, about, answer, observed);
  }

  async getAnswer({ runId }: { runId: string }): Promise<{ about: string; answer: number; observed?: number } | undefined> {
    return this.s.store.runs.answer(runId);
  }

  async getCluster(): Promise<ClusterView> {
    return this.s.cluster.view();
  }

  async getSettings(): Promise<AppSettings> {
    return this.s.store.settings.get();
  }

  async updateSettings({ changes }: { changes: SettingChange[] }): Promise<AppSettings> {
    return this.s.store.settings.update(changes);
  }

  /** Every image the stored lessons (and podlab's traffic client) run, less those a lesson needs absent from the node. */
  lessonImages(): string[] {
    return imagesToLoad(this.s.store.scenarios.listLatest());
  }

  async preflight(): Promise<PreflightCheckView[]> {
    return this.s.cluster.preflight();
  }

  async ensureCluster(): Promise<ClusterView> {
    return this.s.cluster.ensure(() => this.lessonImages());
  }

  async deleteCluster(): Promise<ClusterView> {
    return this.s.cluster.delete();
  }

  async importPack({ path }: { path: string }): Promise<PackImportView> {
    const view = await this.s.packs.import(path);
    await this.s.cluster.announce();
    return view;
  }

  async getPackStatus(): Promise<PackStatusView> {
    return this.s.packs.status();
  }

  /** Runs still going are recorded as interrupted (podlab went away), not as stopped by the learner. */
  async close(): Promise<void> {
    await this.s.runs.stopAll(PODLAB_SHUT_DOWN);
    this.s.store.close();
  }

  private storedScenario(id: string): StoredScenario {
    const s = this.s.store.scenarios.latest(id);
    if (!s) throw new AppError('SCENARIO_NOT_FOUND', `no scenario ${id}`);
    return s;
  }
}

function placeOf(place: LessonPlace | undefined, titles: ReadonlyMap<string, I18nText>): Pick<ScenarioSummary, 'chapter' | 'position' | 'next'> {
  if (!place) return {};
  const nextTitle = place.next === undefined ? undefined : titles.get(place.next);
  return { chapter: place.chapter, position: place.position, ...(place.next && nextTitle ? { next: { id: place.next, title: nextTitle } } : {}) };
}

function summarize(s: StoredScenario, progress: ScenarioSummary['progress']): ScenarioSummary {
  const spec = s.doc.spec;
  return { id: s.id, version: s.version, title: spec.title, summary: spec.summary, source: spec.source, concepts: spec.concepts, progress };
}

function toSummary(r: RunRecord): RunSummary {
  const { params: _params, manifests: _manifests, ...summary } = r;
  return summary;
}
