// SPDX-License-Identifier: Apache-2.0
// One run of a scenario: its own namespace, a dry run of every manifest, the steps in order,
// the observer feeding the checker live, and the namespace always deleted at the end.
import { randomBytes } from 'node:crypto';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Observation, PodObservation } from '@contract/observation';
import type { ContainerLog } from '@contract/dto';
import type { LoadedScenario, Predicate } from '@contract/scenario';
import type { Verdict } from '@contract/verdict';
import { Checker } from '../check/checker';
import { evaluatePredicate, describePredicate } from '../check/predicate';
import { TimelineState } from '../check/timeline-state';
import { dryRunAll, type SourcedObject } from '../kube/apply';
import { serverVersion, KubeRest } from '../kube/kube-client';
import { createRunNamespace, deleteRunNamespace, namespaceDeletionBlockers, waitDefaultServiceAccount } from '../kube/namespaces';
import { ResourceResolver } from '../kube/resources';
import type { TrafficGenerator } from '../kube/traffic';
import { NamespaceObserver } from '../observe/namespace-observer';
import { AppError, errorMessage } from '../util/errors';
import { noopLogger, type Logger } from '../util/log';
import { systemClock, type Clock } from '../util/time';
import { parseManifest } from './manifest-check';
import { OutageLog } from './outages';
import { formatProblem } from './scenario-error';
import type { StepContext } from './run-context';
import { executeStep, stepAction } from './steps';

export type RunOutcome = 'passed' | 'failed' | 'error' | 'aborted';

export interface RunResult {
  runId: string;
  namespace: string;
  outcome: RunOutcome;
  verdicts: Verdict[];
  error?: string;
  serverVersion?: string;
  durationMs: number;
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
  scenario: LoadedScenario;
  kc: KubeConfig;
  hooks?: RunHooks;
  signal?: AbortSignal;
  clock?: Clock;
  log?: Logger;
  runId?: string;
  /** podlab's own Pod Security check (default on); the attack tests turn it off to prove the namespace's label alone refuses */
  podSecurity?: boolean;
}

export function newRunId(scenarioId: string): string {
  const stamp = Date.now().toString(36);
  return `${scenarioId.slice(0, 30)}-${stamp}-${randomBytes(2).toString('hex')}`;
}

/** The run's objects by manifest file; any problem the loader would report refuses the run. */
function runObjects(scenario: LoadedScenario, podSecurity: boolean): Record<string, SourcedObject[]> {
  const objects: Record<string, SourcedObject[]> = {};
  const problems: string[] = [];
  for (const [file, text] of Object.entries(scenario.manifests)) {
    const parsed = parseManifest(file, text, { podSecurity });
    problems.push(...parsed.problems.map(formatProblem));
    objects[file] = parsed.objects.map((object) => ({ file, object }));
  }
  if (problems.length) throw new AppError('RUN_REFUSED', `podlab refused to run ${scenario.id} (nothing was sent to the cluster):\n${problems.join('\n')}`, { details: problems });
  return objects;
}

export function namespaceForRun(runId: string): string {
  return `podlab-${runId}`.slice(0, 63).replace(/-+$/, '');
}

export async function runScenario(opts: RunOptions): Promise<RunResult> {
  const { scenario, kc } = opts;
  const clock = opts.clock ?? systemClock;
  const log = (opts.log ?? noopLogger).child(scenario.id);
  const runId = opts.runId ?? newRunId(scenario.id);
  const namespace = namespaceForRun(runId);
  const rest = new KubeRest(kc);
  const resolver = new ResourceResolver(rest);
  const hooks = opts.hooks ?? {};
  const spec = scenario.doc.spec;
  const abort = new AbortController();
  const onOuterAbort = () => abort.abort(new AppError('RUN_ABORTED', 'the run was stopped'));
  opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const began = clock.now();

  hooks.onCreated?.({ runId, namespace });
  let version: string | undefined;
  let nsCreated = false;
  let observer: NamespaceObserver | undefined;
  const traffic = new Map<string, TrafficGenerator>();
  let checker: Checker | undefined;
  let outcome: RunOutcome = 'error';
  let runStartedAt = 0;
  let lastState: TimelineState | undefined;
  let cleanupError: string | undefined;
  const outages = new OutageLog();
  let error: string | undefined;
  try {
    // Checked again here, not only when loaded: nothing reaches the cluster that the loader would refuse.
    const objects = runObjects(scenario, opts.podSecurity !== false);
    version = await serverVersion(kc);
    hooks.onServerVersion?.(version);
    await createRunNamespace(rest, namespace, runId, scenario.id);
    nsCreated = true;
    await waitDefaultServiceAccount(rest, namespace);
    // Every manifest of every step, checked by the API server before anything is created.
    await dryRunAll(rest, resolver, namespace, Object.values(objects).flat());

    runStartedAt = clock.now();
    hooks.onClockStarted?.(runStartedAt);
    const state = new TimelineState(runStartedAt);
    lastState = state;
    checker = new Checker({ expectations: spec.expectations, params: scenario.params, subject: spec.subject, runStartedAt });
    const waiters = new Set<() => void>();
    const emit = (o: Observation) => {
      outages.record(o);
      state.apply(o);
      hooks.onObservation?.(o);
      const changed = checker!.observe(o);
      if (changed.length) hooks.onVerdicts?.(changed);
      for (const w of waiters) w();
    };
    observer = new NamespaceObserver({ kc, rest, namespace, runStartedAt, emit, now: () => clock.now(), log });
    await observer.start();

    const ctx: StepContext = {
      kc,
      rest,
      resolver,
      namespace,
      subject: spec.subject,
      objects,
      clock,
      signal: abort.signal,
      runStartedAt,
      emit,
      traffic,
      podIP: (pod) => state.pod(pod)?.podIP,
      waitFor: (p: Predicate, timeoutMs: number) =>
        new Promise<void>((resolve, reject) => {
          const check = () => {
            if (evaluatePredicate(p, state, spec.subject)) done(resolve);
          };
          const done = (fn: () => void) => {
            waiters.delete(check);
            clearTimeout(timer);
            abort.signal.removeEventListener('abort', onAbort);
            fn();
          };
          const onAbort = () => done(() => reject(abort.signal.reason));
          const timer = setTimeout(
            () => done(() => reject(new AppError('STEP_TIMEOUT', `${describePredicate(p)} did not happen within ${timeoutMs / 1000} s`))),
            timeoutMs,
          );
          abort.signal.addEventListener('abort', onAbort, { once: true });
          waiters.add(check);
          check();
        }),
    };

    const deadline = runStartedAt + spec.timeoutSeconds * 1000;
    const ticker = setInterval(() => {
      const changed = checker!.tick(clock.now() - runStartedAt);
      if (changed.length) hooks.onVerdicts?.(changed);
    }, 250);
    try {
      for (const [index, step] of spec.steps.entries()) {
        const id = step.id ?? `step-${index + 1}`;
        const action = stepAction(step);
        const budget = Math.max(1, deadline - clock.now());
        if (step.at !== undefined) {
          const wait = runStartedAt + step.at * 1000 - clock.now();
          if (wait > 0) await clock.sleep(Math.min(wait, budget), abort.signal);
        }
        if (step.after) await ctx.waitFor(step.after, Math.min((step.timeoutSeconds ?? 120) * 1000, budget));
        emit({ kind: 'step', t: clock.now() - runStartedAt, index, id, action, phase: 'started' });
        try {
          const r = await executeStep(step, id, ctx);
          emit({ kind: 'step', t: clock.now() - runStartedAt, index, id, action, phase: 'done', ...(r.detail ? { detail: r.detail } : {}) });
        } catch (e) {
          emit({ kind: 'step', t: clock.now() - runStartedAt, index, id, action, phase: 'failed', detail: errorMessage(e) });
          throw new AppError('STEP_FAILED', `step ${index + 1} (${id}, ${action}) failed: ${errorMessage(e)}`, { cause: e });
        }
      }
      // Steps are done; keep watching until every expectation that can be decided is, or the limit.
      while (!checker.allDecided() && clock.now() < deadline) await clock.sleep(250, abort.signal);
    } finally {
      clearInterval(ticker);
    }
    const final = checker.finish(clock.now() - runStartedAt);
    if (final.length) hooks.onVerdicts?.(final);
    outcome = checker.verdicts().every((v: Verdict) => v.state === 'pass') ? 'passed' : 'failed';
    const endT = clock.now() - runStartedAt;
    const blind = checker.verdicts().map((v) => [v, outages.blinded(v, endT)] as const).find(([, g]) => g);
    // After finish() only a watch gap leaves a verdict pending (check/gaps.ts): not the kubelet's doing either.
    const unsure = checker.verdicts().find((v) => v.state === 'pending');
    if (!blind && unsure) {
      outcome = 'error';
      error = `"${unsure.expectationId}" could not be judged: ${unsure.detail}; run it again`;
    }
    if (blind) {
      // Not the kubelet's doing: the run could not see the cluster when it mattered.
      outcome = 'error';
      const [v, g] = blind;
      error = `the cluster was out of sight from ${(g!.from / 1000).toFixed(1)} s to ${(g!.to / 1000).toFixed(1)} s (watch offline), which overlaps "${v.expectationId}": run it again`;
    }
  } catch (e) {
    const stepTimedOut = e instanceof AppError && e.cause instanceof AppError && e.cause.code === 'STEP_TIMEOUT';
    if (stepTimedOut && checker && !abort.signal.aborted) {
      // The cluster did not do what a step waited for: that is the scenario's outcome, not a breakdown.
      // Judge everything on what was observed.
      const final = checker.finish(clock.now() - runStartedAt);
      if (final.length) hooks.onVerdicts?.(final);
      outcome = 'failed';
      error = errorMessage(e);
    } else if (abort.signal.aborted) {
      outcome = 'aborted';
      error = 'the run was stopped';
    } else {
      outcome = 'error';
      error = errorMessage(e);
    }
    log.warn(`run ${runId} ended with ${outcome}: ${error}`);
  } finally {
    opts.signal?.removeEventListener('abort', onOuterAbort);
    await Promise.all([...traffic.values()].map((t) => t.stop()));
    observer?.stop();
    if (nsCreated && hooks.onLogs && lastState) {
      hooks.onLogs(await collectLogs(rest, namespace, lastState).catch((e: unknown) => {
        log.warn(`could not collect logs: ${errorMessage(e)}`);
        return [];
      }));
    }
    if (nsCreated) {
      // The API server may be briefly away (a restart): try for a while before giving up; the next
      // start's recovery sweep deletes what is left.
      const problem = await deleteWithRetries(() => deleteRunNamespace(rest, namespace, runId), clock);
      if (problem) {
        log.error(`could not delete ${namespace}: ${problem}`);
        cleanupError = `namespace ${namespace} was not deleted (${problem}); podlab deletes it at its next start`;
      } else {
        const blocked = await namespaceDeletionBlockers(rest, namespace).catch(() => undefined);
        // A finalizer nobody clears keeps the namespace Terminating for ever; podlab does not remove another controller's finalizer.
        if (blocked) cleanupError = `namespace ${namespace} is stuck deleting: ${blocked}; remove those finalizers (kubectl patch … -p '{"metadata":{"finalizers":null}}') or the namespace stays`;
      }
    }
  }
  let verdicts = checker?.verdicts() ?? [];
  if (checker && outcome !== 'passed' && outcome !== 'failed') {
    // A breakdown or an abort mid-run: whatever was still pending did not get its chance.
    verdicts = verdicts.map((v: Verdict): Verdict => (v.state === 'pending' ? { ...v, state: 'fail', detail: `not decided: ${error}` } : v));
  }
  return {
    runId,
    namespace,
    outcome,
    verdicts,
    ...(error || cleanupError ? { error: [error, cleanupError].filter(Boolean).join('; ') } : {}),
    ...(version ? { serverVersion: version } : {}),
    durationMs: clock.now() - began,
  };
}

async function deleteWithRetries(attempt: () => Promise<unknown>, clock: Clock, tries = 8): Promise<string | undefined> {
  let last = '';
  for (let i = 0; i < tries; i++) {
    try {
      await attempt();
      return undefined;
    } catch (e) {
      if (e instanceof AppError && e.code === 'NAMESPACE_NOT_OURS') return errorMessage(e);
      last = errorMessage(e);
      await clock.sleep(Math.min(1000 * 2 ** i, 8000));
    }
  }
  return last;
}

/** Each container's log (and its previous instance's, after a restart), as `kubectl logs` shows them. */
async function collectLogs(rest: KubeRest, namespace: string, state: TimelineState): Promise<ContainerLog[]> {
  const logs: ContainerLog[] = [];
  for (const pod of state.podNames()) {
    const snap = state.pod(pod);
    if (!snap) continue;
    for (const c of snap.containers) {
      for (const previous of c.restartCount > 0 ? [false, true] : [false]) {
        const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log`;
        const text = await rest
          .request<string>('GET', path, { accept: 'text/plain', text: true, query: { container: c.name, previous, limitBytes: 65536 }, timeoutMs: 5000 })
          .catch(() => undefined);
        if (typeof text === 'string') logs.push({ pod, container: c.name, previous, text });
      }
    }
  }
  return logs;
}

export type { PodObservation };
