// SPDX-License-Identifier: Apache-2.0
// The engine: scenarios from disk into SQLite, runs on a cluster, live events out. Knows nothing of Electron.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import type { AppApi, AppEvents } from '@contract/api';
import type { ClusterView, ManifestEdit, PackImportView, PackStatusView, PreflightCheckView, RunDetail, RunSummary, ScenarioDetail, ScenarioPreview, ScenarioSummary } from '@contract/dto';
import type { Observation } from '@contract/observation';
import type { LoadedScenario } from '@contract/scenario';
import type { AppSettings, SettingChange } from '@contract/settings';
import { ExistingClusterProvider } from './cluster/existing-provider';
import { KindProvider } from './cluster/kind-provider';
import type { ClusterConnection, ClusterProvider, ImageLoadReport } from './cluster/provider';
import { imagesToLoad } from './scenarios/images';
import { KubeRest, loadKubeConfig } from './kube/kube-client';
import { recoverInterruptedRuns, type RecoveryReport } from './recovery';
import { loadScenarios } from './scenarios/loader';
import { assertRunnable, type RunnableScenario } from './scenarios/run-preflight';
import { runScenario, newRunId, namespaceForRun, type RunResult } from './scenarios/runner';
import { formatProblem } from './scenarios/scenario-error';
import type { RunRecord } from './store/run-repo';
import type { StoredScenario } from './store/scenario-repo';
import { previewScenario } from './scenarios/preview';
import { Store } from './store/store';
import { PackService } from './pack/pack-service';
import { Emitter } from './util/emitter';
import { AppError } from './util/errors';
import { ExecaRunner, type Runner } from './util/exec';
import { noopLogger, type Logger } from './util/log';

export interface EngineConfig {
  dataDir: string;
  scenariosDir: string;
  /** an existing cluster; without it podlab manages a kind cluster */
  kubeconfig?: string;
  context?: string;
  runner?: Runner;
  log?: Logger;
  /** how often observation batches are pushed to clients */
  coalesceMs?: number;
  /** podlab's own Pod Security check of what a run sends (default on); off only in the attack tests, never from the CLI or the API */
  podSecurityCheck?: boolean;
}

export class Engine implements AppApi {
  readonly events = new Emitter<AppEvents>();
  private readonly active = new Map<string, { abort: AbortController; done: Promise<RunResult> }>();
  private connection: ClusterConnection | undefined;
  private images: ImageLoadReport | undefined;
  recovery: RecoveryReport | undefined;
  private readonly packs: PackService;

  private constructor(
    readonly store: Store,
    private readonly provider: ClusterProvider,
    private readonly config: EngineConfig,
    private readonly log: Logger,
    runner: Runner,
    private readonly appScenarioIds: Set<string>,
  ) {
    this.packs = new PackService({
      dataDir: config.dataDir,
      runner,
      store,
      provider,
      log: this.log,
      appScenarioIds: () => appScenarioIds,
      onConnected: (c) => {
        this.connection = c;
        // The panel's header follows the cluster as the import creates it, not only when the import ends.
        void this.getCluster().then((v) => this.events.emit('cluster:state-changed', v), () => {});
      },
      onProgress: (p) => this.events.emit('pack:progressed', p),
      onClusterProgress: (p) => this.events.emit('cluster:progressed', p),
    });
  }

  static async create(config: EngineConfig): Promise<Engine> {
    await mkdir(config.dataDir, { recursive: true });
    const log = config.log ?? noopLogger;
    const { scenarios, problems } = await loadScenarios(config.scenariosDir);
    if (problems.length) {
      throw new AppError('SCENARIO_INVALID', `invalid scenarios:\n${problems.map(formatProblem).join('\n')}`, { details: problems });
    }
    const store = Store.open(join(config.dataDir, 'podlab.db'));
    store.importScenarios(scenarios);
    const runner = config.runner ?? new ExecaRunner();
    const provider: ClusterProvider = config.kubeconfig
      ? new ExistingClusterProvider(config.kubeconfig, config.context)
      : new KindProvider({ runner, dataDir: config.dataDir, settings: () => store.settings.get().cluster });
    const engine = new Engine(store, provider, config, log.child('engine'), runner, new Set(scenarios.map((s) => s.id)));
    // An installed lab pack's lessons join the app's; one this podlab cannot load is reported, not fatal.
    store.importScenarios(await engine.packs.packScenarios());
    return engine;
  }

  /** Cleans up after a process that died mid-run; needs the cluster, so it is separate from create(). */
  async recover(): Promise<RecoveryReport> {
    const kc = await this.kubeConfig().catch(() => undefined);
    this.recovery = await recoverInterruptedRuns(this.store, kc, this.log);
    return this.recovery;
  }

  /** The lessons of the scenarios folder this engine was started on (not older ones the database also keeps). */
  scenarioFolderIds(): string[] {
    return [...this.appScenarioIds].sort();
  }

  async listScenarios(): Promise<ScenarioSummary[]> {
    const progress = this.store.runs.progress();
    return this.store.scenarios.listLatest().map((s) => summarize(s, progress[s.id] ?? 'not-started'));
  }

  async getScenario({ id }: { id: string }): Promise<ScenarioDetail> {
    const s = this.store.scenarios.latest(id);
    if (!s) throw new AppError('SCENARIO_NOT_FOUND', `no scenario ${id}`);
    return this.detail(s);
  }

  private detail(s: StoredScenario): ScenarioDetail {
    const progress = this.store.runs.progress()[s.id] ?? 'not-started';
    return {
      ...summarize(s, progress),
      doc: s.doc,
      manifests: s.manifests,
      params: s.params,
      expectations: this.store.scenarios.expectations(s.id, s.version).map((e) => ({
        id: e.expectation.id,
        type: e.type,
        explain: e.expectation.explain,
        definition: e.expectation,
      })),
    };
  }

  async previewScenario({ id, edits }: { id: string; edits: ManifestEdit[] }): Promise<ScenarioPreview> {
    const stored = this.store.scenarios.latest(id);
    if (!stored) throw new AppError('SCENARIO_NOT_FOUND', `no scenario ${id}`);
    return previewScenario(stored, edits);
  }

  async startRun({ scenarioId, edits }: { scenarioId: string; edits?: ManifestEdit[] }): Promise<{ runId: string }> {
    let edited: { manifests: Record<string, string>; params: Record<string, number> } | undefined;
    if (edits?.length) {
      const stored = this.store.scenarios.latest(scenarioId);
      if (!stored) throw new AppError('SCENARIO_NOT_FOUND', `no scenario ${scenarioId}`);
      const preview = await previewScenario(stored, edits);
      if (preview.problems.length) throw new AppError('EDIT_INVALID', `the edited scenario is not valid:\n${preview.problems.join('\n')}`, { details: preview.problems });
      edited = { manifests: preview.manifests, params: preview.params };
    }
    const found = this.store.scenarios.latest(scenarioId);
    if (!found) throw new AppError('SCENARIO_NOT_FOUND', `no scenario ${scenarioId}`);
    // Refused here, the run gets no id and the cluster is not touched.
    await this.preflightRun({ id: scenarioId, doc: found.doc, manifests: edited?.manifests ?? found.manifests });
    const { runId } = this.launch(scenarioId, edited, { preflighted: true });
    return { runId };
  }

  /** Refuses (RUN_PREFLIGHT_FAILED), before anything is created, a run this cluster cannot show as the lesson teaches it. */
  private async preflightRun(scenario: RunnableScenario, kc?: KubeConfig): Promise<void> {
    const rest = new KubeRest(kc ?? (await this.kubeConfig()));
    await assertRunnable(scenario, { provider: this.provider, rest, registryMirrors: this.store.settings.get().cluster.registryMirrors, log: this.log });
  }

  /** Starts a run (of the stored scenario, or of edited manifests) and returns its id and a promise of its result. */
  launch(
    scenarioId: string,
    edited?: { manifests: Record<string, string>; params: Record<string, number> },
    opts: { preflighted?: boolean } = {},
  ): { runId: string; done: Promise<RunResult> } {
    const found = this.store.scenarios.latest(scenarioId);
    if (!found) throw new AppError('SCENARIO_NOT_FOUND', `no scenario ${scenarioId}`);
    const stored = edited ? { ...found, ...edited } : found;
    // The expected outcome comes from SQLite, not from the files on disk.
    const expectations = this.store.scenarios.expectations(stored.id, stored.version).map((e) => e.expectation);
    const scenario: LoadedScenario = {
      id: stored.id,
      dir: '',
      file: '',
      doc: { ...stored.doc, spec: { ...stored.doc.spec, expectations } },
      manifests: stored.manifests,
      params: stored.params,
      contentHash: stored.contentHash,
    };
    const runId = newRunId(scenarioId);
    const abort = new AbortController();
    const pending: Observation[] = [];
    let clockZero = 0;
    let flushTimer: NodeJS.Timeout | undefined;
    const flush = () => {
      flushTimer = undefined;
      if (pending.length) this.events.emit('run:observed', { runId, clockZero, observations: pending.splice(0) });
    };
    const done = (async () => {
      const kc = await this.kubeConfig();
      if (!opts.preflighted) await this.preflightRun(scenario, kc);
      const result = await runScenario({
        scenario,
        kc,
        runId,
        signal: abort.signal,
        log: this.log,
        ...(this.config.podSecurityCheck === false ? { podSecurity: false } : {}),
        hooks: {
          onCreated: ({ namespace }) =>
            this.store.runs.create({
              id: runId,
              scenarioId: stored.id,
              scenarioVersion: stored.version,
              namespace,
              cluster: this.connection?.name ?? 'unknown',
              startedAt: new Date().toISOString(),
              params: stored.params,
              manifests: stored.manifests,
            }),
          onServerVersion: (v) => this.store.runs.setServerVersion(runId, v),
          onClockStarted: (at) => (clockZero = at),
          onLogs: (logs) => this.store.runs.saveLogs(runId, logs),
          onObservation: (o) => {
            this.store.observations.append(runId, o);
            pending.push(o);
            flushTimer ??= setTimeout(flush, this.config.coalesceMs ?? 100);
          },
          onVerdicts: (verdicts) => {
            this.store.runs.saveVerdicts(runId, verdicts);
            this.events.emit('run:verdicts-changed', { runId, verdicts });
          },
        },
      });
      if (flushTimer) clearTimeout(flushTimer);
      flush();
      this.store.observations.flush();
      this.store.runs.saveVerdicts(runId, result.verdicts);
      this.store.runs.finish(runId, result.outcome, result.error);
      this.events.emit('run:ended', { runId, status: result.outcome, ...(result.error ? { error: result.error } : {}) });
      return result;
    })().finally(() => this.active.delete(runId));
    // A run that fails before it is recorded (no cluster) still reports why.
    done.catch((e: unknown) => this.events.emit('run:ended', { runId, status: 'error', error: (e as Error).message }));
    this.active.set(runId, { abort, done });
    return { runId, done };
  }

  async stopRun({ runId }: { runId: string }): Promise<void> {
    const run = this.active.get(runId);
    if (!run) throw new AppError('RUN_NOT_ACTIVE', `run ${runId} is not running`);
    run.abort.abort();
    await run.done.catch(() => {});
  }

  async getRun({ runId }: { runId: string }): Promise<RunDetail> {
    const run = this.store.runs.get(runId);
    if (!run) throw new AppError('RUN_NOT_FOUND', `no run ${runId}`);
    return {
      ...toSummary(run),
      observations: this.store.observations.list(runId),
      verdicts: this.store.runs.verdicts(runId),
      logs: this.store.runs.logs(runId),
      params: run.params,
      manifests: run.manifests,
    };
  }

  async listRuns({ scenarioId }: { scenarioId: string }): Promise<RunSummary[]> {
    return this.store.runs.forScenario(scenarioId).map(toSummary);
  }

  async saveAnswer({ runId, about, answer, observed }: { runId: string; about: string; answer: number; observed?: number }): Promise<void> {
    if (!this.store.runs.get(runId)) throw new AppError('RUN_NOT_FOUND', `no run ${runId}`);
    this.store.runs.saveAnswer(runId, about, answer, observed);
  }

  async getAnswer({ runId }: { runId: string }): Promise<{ about: string; answer: number; observed?: number } | undefined> {
    return this.store.runs.answer(runId);
  }

  async getCluster(): Promise<ClusterView> {
    const s = await this.provider.status();
    const failure = this.provider.lastFailure();
    return {
      provider: this.provider.kind,
      name: this.connection?.name ?? (this.provider.kind === 'kind' ? 'podlab' : (this.config.context ?? 'current-context')),
      state: s.state,
      detail: s.detail,
      ...s.facts,
      ...(this.images ? { images: this.images } : {}),
      ...(failure ? { lastFailure: failure } : {}),
    };
  }

  async getSettings(): Promise<AppSettings> {
    return this.store.settings.get();
  }

  async updateSettings({ changes }: { changes: SettingChange[] }): Promise<AppSettings> {
    return this.store.settings.update(changes);
  }

  /** Every image the stored lessons (and podlab's traffic client) run, less those a lesson needs absent from the node. */
  lessonImages(): string[] {
    return imagesToLoad(this.store.scenarios.listLatest());
  }

  async preflight(): Promise<PreflightCheckView[]> {
    return this.provider.preflight();
  }

  async ensureCluster(): Promise<ClusterView> {
    // One bar for both parts: the cluster up to 85 %, the lessons' images after it.
    const progress = (lo: number, hi: number) => (p: { step: string; fraction?: number }) =>
      this.events.emit('cluster:progressed', p.fraction === undefined ? p : { step: p.step, fraction: lo + (hi - lo) * p.fraction });
    try {
      this.connection = await this.provider.ensure(progress(0, this.provider.loadImages ? 0.85 : 1));
      // The lessons' images go into the node now, so no run waits on (or fails at) a pull.
      if (this.provider.loadImages) {
        this.images = await this.provider.loadImages(this.lessonImages(), progress(0.85, 1));
        this.events.emit('cluster:progressed', { step: 'ready', fraction: 1 });
      }
    } catch (e) {
      this.events.emit('cluster:state-changed', await this.getCluster());
      throw e;
    }
    const view = await this.getCluster();
    this.events.emit('cluster:state-changed', view);
    return view;
  }

  async deleteCluster(): Promise<ClusterView> {
    await this.provider.delete((p) => this.events.emit('cluster:progressed', p));
    this.connection = undefined;
    const view = await this.getCluster();
    this.events.emit('cluster:state-changed', view);
    return view;
  }

  private async kubeConfig(): Promise<KubeConfig> {
    if (!this.connection) {
      if (this.provider.kind === 'kind') {
        const s = await this.provider.status();
        if (s.state !== 'running') throw new AppError('CLUSTER_NOT_RUNNING', `the kind cluster is not running (${s.detail}); create it first`);
      }
      this.connection = await this.provider.ensure();
    }
    return loadKubeConfig(this.connection.kubeconfigPath, this.connection.context);
  }

  async importPack({ path }: { path: string }): Promise<PackImportView> {
    const view = await this.packs.import(path);
    this.events.emit('cluster:state-changed', await this.getCluster());
    return view;
  }

  async getPackStatus(): Promise<PackStatusView> {
    return this.packs.status();
  }

  async close(): Promise<void> {
    for (const run of this.active.values()) run.abort.abort();
    await Promise.all([...this.active.values()].map((r) => r.done.catch(() => {})));
    this.store.close();
  }
}

function summarize(s: StoredScenario, progress: ScenarioSummary['progress']): ScenarioSummary {
  const spec = s.doc.spec;
  return { id: s.id, version: s.version, title: spec.title, summary: spec.summary, source: spec.source, concepts: spec.concepts, progress };
}

function toSummary(r: RunRecord): RunSummary {
  const { params: _params, manifests: _manifests, ...summary } = r;
  return summary;
}

export { namespaceForRun };
