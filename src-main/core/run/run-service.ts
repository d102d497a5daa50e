// SPDX-License-Identifier: Apache-2.0
// Runs as a service: many at once, each recorded in the store from before it touches the cluster
// to its end, its observations and verdicts streamed to clients, any of them stoppable.
import type { ManifestEdit } from '@contract/dto';
import type { AppEvents } from '@contract/api';
import type { ScenarioContent } from '@contract/scenario';
import type { ClusterService } from '../cluster/cluster-service';
import type { KubeApi } from '../kube/kube-api';
import { previewScenario } from '../scenarios/preview';
import { assertRunnable, type RunnableScenario } from '../scenarios/run-preflight';
import { variationOfEdits, variedDocument } from '../scenarios/variations';
import type { Store } from '../store/store';
import type { Emitter } from '../util/emitter';
import { AppError } from '../util/errors';
import type { Logger } from '../util/log';
import type { Clock } from '../util/time';
import { ObservationFeed } from './observation-feed';
import { newRunId } from './run-id';
import { RunInterrupted } from './outcome';
import { runScenario, type RunResult } from './run-scenario';

export interface RunServiceOptions {
  store: Store;
  cluster: ClusterService;
  events: Emitter<AppEvents>;
  clock: Clock;
  log: Logger;
  /** the least time between two pushes of observation batches (observation-feed.ts) */
  coalesceMs?: number;
  /** podlab's own Pod Security check of what a run sends (default on); off only in the attack tests */
  podSecurityCheck?: boolean;
}

/** Manifests and params as the learner edited them (What if…). */
export interface EditedScenario {
  manifests: Record<string, string>;
  params: Record<string, number>;
  /** the changes themselves, recorded on the run */
  edits: ManifestEdit[];
  /** the lesson's variation these edits are, whose expectations then judge the run */
  variation?: number;
}

export interface LaunchedRun {
  runId: string;
  done: Promise<RunResult>;
}

export class RunService {
  private readonly active = new Map<string, { abort: AbortController; done: Promise<RunResult> }>();
  /** ended runs whose namespace deletion is still being followed */
  private readonly following = new Set<Promise<void>>();
  private readonly feed: ObservationFeed;

  constructor(private readonly o: RunServiceOptions) {
    this.feed = new ObservationFeed(o.store.observations, (batch) => o.events.emit('run:observed', batch), o.coalesceMs);
  }

  /** Checks the edits and the cluster first: a run refused here gets no id and touches nothing. */
  async start(scenarioId: string, edits: ManifestEdit[] = []): Promise<{ runId: string }> {
    const stored = this.latest(scenarioId);
    const edited = edits.length ? await this.edit(scenarioId, edits) : undefined;
    const kube = await this.o.cluster.kube();
    await this.preflight({ id: scenarioId, doc: stored.doc, manifests: edited?.manifests ?? stored.manifests }, kube);
    return { runId: this.launch(scenarioId, edited, { preflightedOn: kube }).runId };
  }

  /** The lesson with these edits, checked as the What-if preview checks them; refused (EDIT_INVALID) with every problem. */
  async edit(scenarioId: string, edits: ManifestEdit[]): Promise<EditedScenario> {
    const stored = this.latest(scenarioId);
    const preview = await previewScenario(stored, edits);
    if (preview.problems.length) throw new AppError('EDIT_INVALID', `the edited scenario is not valid:\n${preview.problems.join('\n')}`, { details: preview.problems });
    const variation = variationOfEdits(stored.doc, edits);
    return { manifests: preview.manifests, params: preview.params, edits, ...(variation === undefined ? {} : { variation }) };
  }

  /** Starts a run (of the stored scenario, or of edited manifests) and returns its id and a promise of its result. */
  launch(scenarioId: string, edited?: EditedScenario, opts: { preflightedOn?: KubeApi } = {}): LaunchedRun {
    const { scenario, version } = this.runnable(scenarioId, edited);
    const runId = newRunId(scenarioId, this.o.clock.now());
    const abort = new AbortController();
    const done = this.run(scenario, version, runId, abort.signal, opts.preflightedOn, edited?.edits).finally(() => this.active.delete(runId));
    // A run that fails before it is recorded (no cluster) still reports why.
    done.catch((e: unknown) => this.o.events.emit('run:ended', { runId, status: 'error', error: (e as Error).message }));
    this.active.set(runId, { abort, done });
    return { runId, done };
  }

  async stop(runId: string): Promise<void> {
    const run = this.active.get(runId);
    if (!run) throw new AppError('RUN_NOT_ACTIVE', `run ${runId} is not running`);
    run.abort.abort();
    await run.done.catch(() => {});
  }

  /**
   * Stops every live run and waits for each to clean up, and for what is known of their namespaces'
   * deletion. With a reason (the engine shutting down), the runs are recorded as interrupted with it,
   * not as stopped by the learner.
   */
  async stopAll(interruption?: string): Promise<void> {
    const runs = [...this.active.values()];
    for (const run of runs) run.abort.abort(interruption === undefined ? undefined : new RunInterrupted(interruption));
    await Promise.all(runs.map((r) => r.done.catch(() => {})));
    await Promise.all([...this.following]);
  }

  private latest(scenarioId: string) {
    const stored = this.o.store.scenarios.latest(scenarioId);
    if (!stored) throw new AppError('SCENARIO_NOT_FOUND', `no scenario ${scenarioId}`);
    return stored;
  }

  /** The scenario a run runs. Its expected outcome comes from SQLite, not from the files on disk. */
  private runnable(scenarioId: string, edited?: EditedScenario): { scenario: ScenarioContent; version: number } {
    const found = this.latest(scenarioId);
    const stored = edited ? { ...found, ...edited } : found;
    const expectations = this.o.store.scenarios.expectations(stored.id, stored.version).map((e) => e.expectation);
    const doc = { ...stored.doc, spec: { ...stored.doc.spec, expectations } };
    const scenario: ScenarioContent = {
      id: stored.id,
      doc: edited?.variation === undefined ? doc : variedDocument(doc, edited.variation),
      manifests: stored.manifests,
      params: stored.params,
    };
    return { scenario, version: stored.version };
  }

  /** Refuses (RUN_PREFLIGHT_FAILED), before anything is created, a run this cluster cannot show as the lesson teaches it. */
  private preflight(scenario: RunnableScenario, kube: KubeApi): Promise<void> {
    return assertRunnable(scenario, { provider: this.o.cluster.provider, rest: kube, registryMirrors: this.o.store.settings.get().cluster.registryMirrors, log: this.o.log });
  }

  /** `preflightedOn`: the cluster start() already checked this run against, which the run then uses. */
  private async run(scenario: ScenarioContent, version: number, runId: string, signal: AbortSignal, preflightedOn?: KubeApi, edits: ManifestEdit[] = []): Promise<RunResult> {
    const { store, events } = this.o;
    let kube = preflightedOn;
    if (!kube) {
      kube = await this.o.cluster.kube();
      await this.preflight(scenario, kube);
    }
    let clockZero = 0;
    const result = await runScenario({
      scenario,
      kube,
      runId,
      signal,
      clock: this.o.clock,
      log: this.o.log,
      ...(this.o.podSecurityCheck === false ? { podSecurity: false } : {}),
      hooks: {
        onCreated: ({ namespace }) =>
          store.runs.create({
            id: runId,
            scenarioId: scenario.id,
            scenarioVersion: version,
            namespace,
            cluster: this.o.cluster.name,
            startedAt: new Date(this.o.clock.now()).toISOString(),
            params: scenario.params,
            manifests: scenario.manifests,
            edits,
          }),
        onServerVersion: (v) => store.runs.setServerVersion(runId, v),
        onClockStarted: (at) => (clockZero = at),
        onLogs: (logs) => store.runs.saveLogs(runId, logs),
        onObservation: (o) => this.feed.add(runId, clockZero, o),
        onVerdicts: (verdicts) => {
          store.runs.saveVerdicts(runId, verdicts);
          events.emit('run:verdicts-changed', { runId, verdicts });
        },
      },
    });
    this.feed.flush();
    store.runs.saveVerdicts(runId, result.verdicts);
    store.runs.finish(runId, result.outcome, result.error);
    events.emit('run:ended', { runId, status: result.outcome, ...(result.error ? { error: result.error } : {}) });
    this.follow(runId, result.namespaceDeletion);
    return result;
  }

  /** A namespace found stuck deleting after its run ended is recorded on the run and told to clients. */
  private follow(runId: string, namespaceDeletion: Promise<string | undefined>): void {
    const followed = namespaceDeletion
      .then((problem) => {
        if (!problem) return;
        this.o.log.error(problem);
        this.o.store.runs.addError(runId, problem);
        this.o.events.emit('run:namespace-stuck', { runId, problem });
      })
      .catch((e: unknown) => this.o.log.warn(`following the deletion of run ${runId}'s namespace: ${(e as Error).message}`))
      .finally(() => this.following.delete(followed));
    this.following.add(followed);
  }
}
