// SPDX-License-Identifier: Apache-2.0
// One run of a scenario: its own namespace, a dry run of every manifest, the steps in order,
// the observer feeding the checker live, and the namespace always deleted at the end.
import type { ContainerLog } from '@contract/dto';
import type { Observation } from '@contract/observation';
import { RUN_STOPPED } from '@contract/run-errors';
import type { ScenarioContent } from '@contract/scenario';
import type { Verdict } from '@contract/verdict';
import { Checker } from '../check/checker';
import { serverVersion, type KubeApi } from '../kube/kube-api';
import { ResourceResolver } from '../kube/resources';
import type { TrafficGenerator } from '../kube/traffic';
import { NamespaceObserver } from '../observe/namespace-observer';
import { AppError, errorMessage } from '../util/errors';
import { noopLogger, type Logger } from '../util/log';
import { systemClock, type Clock } from '../util/time';
import { closeUndecided, endingOfVerdicts, RunInterrupted, type Ending, type RunOutcome } from './outcome';
import { namespaceForRun, newRunId } from './run-id';
import { RunNamespace } from './run-namespace';
import { runObjects } from './run-objects';
import { RunTimeline } from './run-timeline';
import type { StepContext } from './step-context';
import { isStepTimeout, runSteps } from './step-loop';

export type { RunOutcome } from './outcome';

export interface RunResult {
  runId: string;
  namespace: string;
  outcome: RunOutcome;
  verdicts: Verdict[];
  error?: string;
  serverVersion?: string;
  durationMs: number;
  /**
   * The namespace's deletion, after the run ended: a problem if a finalizer holds it. The run does
   * not wait for the namespace controller (seconds; more while pods finish their grace period).
   */
  namespaceDeletion: Promise<string | undefined>;
}

export interface RunHooks {
  /** called before anything touches the cluster, so a crash leaves a record to recover from */
  onCreated?(run: { runId: string; namespace: string }): void;
  onServerVersion?(version: string): void;
  /** the run clock started: observation times count from this epoch ms */
  onClockStarted?(epochMs: number): void;
  onObservation?(o: Observation): void;
  onVerdicts?(changed: Verdict[]): void;
  /** container logs, collected just before the namespace is deleted */
  onLogs?(logs: ContainerLog[]): void;
}

export interface RunOptions {
  scenario: ScenarioContent;
  kube: KubeApi;
  hooks?: RunHooks;
  signal?: AbortSignal;
  clock?: Clock;
  log?: Logger;
  runId?: string;
  /** podlab's own Pod Security check (default on); the attack tests turn it off to prove the namespace's label alone refuses */
  podSecurity?: boolean;
}

export async function runScenario(opts: RunOptions): Promise<RunResult> {
  const { scenario, kube } = opts;
  const clock = opts.clock ?? systemClock;
  const log = (opts.log ?? noopLogger).child(scenario.id);
  const hooks = opts.hooks ?? {};
  const runId = opts.runId ?? newRunId(scenario.id, clock.now());
  const namespace = new RunNamespace(kube, namespaceForRun(runId), runId, scenario.id, clock);
  const abort = new AbortController();
  const onOuterAbort = () => abort.abort(opts.signal?.reason instanceof RunInterrupted ? opts.signal.reason : new AppError('RUN_ABORTED', 'the run was stopped'));
  // A stop that came while the run was being checked (before this function) still stops it.
  if (opts.signal?.aborted) onOuterAbort();
  else opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const began = clock.now();
  const traffic = new Map<string, TrafficGenerator>();
  let version: string | undefined;
  let observer: NamespaceObserver | undefined;
  let timeline: RunTimeline | undefined;
  let ending: Ending = { outcome: 'error' };
  let cleanupError: string | undefined;

  hooks.onCreated?.({ runId, namespace: namespace.name });
  try {
    const objects = runObjects(scenario, opts.podSecurity !== false);
    version = await serverVersion(kube);
    hooks.onServerVersion?.(version);
    await namespace.create();
    const resolver = new ResourceResolver(kube);
    await namespace.dryRun(resolver, Object.values(objects).flat());

    const spec = scenario.doc.spec;
    const startedAt = clock.now();
    hooks.onClockStarted?.(startedAt);
    const checker = new Checker({ expectations: spec.expectations, params: scenario.params, subject: spec.subject, runStartedAt: startedAt });
    const tl = (timeline = new RunTimeline(checker, clock, startedAt, spec.subject, hooks));
    observer = new NamespaceObserver({ kube, namespace: namespace.name, runStartedAt: startedAt, emit: tl.emit, now: () => clock.now(), log });
    await observer.start();

    const ctx: StepContext = {
      kube,
      resolver,
      namespace: namespace.name,
      subject: spec.subject,
      objects,
      clock,
      signal: abort.signal,
      runStartedAt: startedAt,
      emit: tl.emit,
      traffic,
      podIP: (pod) => tl.state.pod(pod)?.podIP,
      waitFor: (p, timeoutMs) => tl.waitFor(p, timeoutMs, abort.signal),
    };
    const deadline = startedAt + spec.timeoutSeconds * 1000;
    const stopTicking = tl.startTicking();
    try {
      await runSteps(spec.steps, ctx, deadline);
      // Steps are done; keep watching until every expectation that can be decided is, or the limit.
      await tl.settle(deadline, abort.signal);
    } finally {
      stopTicking();
    }
    tl.finish();
    ending = endingOfVerdicts(tl.verdicts(), tl.outages, tl.now());
  } catch (e) {
    ending = endingOfError(e, abort.signal, timeline);
    log.warn(`run ${runId} ended with ${ending.outcome}: ${ending.error}`);
  } finally {
    opts.signal?.removeEventListener('abort', onOuterAbort);
    await Promise.all([...traffic.values()].map((t) => t.stop()));
    observer?.stop();
    if (namespace.exists && hooks.onLogs && timeline) {
      hooks.onLogs(
        await namespace.collectLogs(timeline.state).catch((e: unknown) => {
          log.warn(`could not collect logs: ${errorMessage(e)}`);
          return [];
        }),
      );
    }
    // The API server may be briefly away (a restart): the namespace is tried for a while; the next
    // start's recovery sweep deletes what is left.
    cleanupError = await namespace.requestDeletion();
    if (cleanupError) log.error(cleanupError);
  }
  const namespaceDeletion = cleanupError || !namespace.exists ? Promise.resolve(undefined) : namespace.followDeletion();
  const error = [ending.error, cleanupError].filter(Boolean).join('; ');
  return {
    runId,
    namespace: namespace.name,
    outcome: ending.outcome,
    verdicts: closeUndecided(timeline?.verdicts() ?? [], ending),
    ...(error ? { error } : {}),
    ...(version ? { serverVersion: version } : {}),
    durationMs: clock.now() - began,
    namespaceDeletion,
  };
}

/** What an exception means: a step the cluster did not satisfy is judged on what was seen; a stop; or a breakdown. */
function endingOfError(e: unknown, abort: AbortSignal, timeline: RunTimeline | undefined): Ending {
  if (isStepTimeout(e) && timeline && !abort.aborted) {
    timeline.finish();
    return { outcome: 'failed', error: errorMessage(e) };
  }
  if (abort.reason instanceof RunInterrupted) return { outcome: 'interrupted', error: abort.reason.message };
  if (abort.aborted) return { outcome: 'aborted', error: RUN_STOPPED };
  return { outcome: 'error', error: errorMessage(e) };
}
