// SPDX-License-Identifier: Apache-2.0
// One life of a container, from its start to its kill (or the horizon), for one ticker phase:
// the startup, liveness and readiness workers as pkg/kubelet/prober/worker.go `doProbe` runs them.
import type { AppModel } from './app-model';
import type { ContainerSpec, ProbeSpec } from './pod-spec';
import { doProbeCalls } from './ticker';

/** What cannot be observed, fixed for one simulated life. */
export interface Phase {
  /** when the probe workers were created, in seconds from the container's start (≤ 0) */
  created: number;
  /**
   * startedAt is stored truncated to the second, and doProbe compares int32(now − startedAt) with
   * initialDelaySeconds: the delay ends up to 1 s early. This is how much (the start's fraction of a second).
   */
  truncation: number;
  /** whether a pod sync right at the moment readiness may first pass triggers it at once (prober_manager `UpdatePodStatus`) */
  manualTrigger: boolean;
}

export interface Life {
  firstProbe?: number;
  /** `started` turns true: the startup probe's success (0 without one) */
  started?: number;
  ready?: number;
  notReady?: number;
  kill?: { at: number; by: 'startup' | 'liveness' };
}

interface ProbeResult {
  ok: boolean;
  /** when the result is known: at once, or after timeoutSeconds for a probe that hangs */
  took: number;
}

function result(p: ProbeSpec, app: AppModel, t: number): ProbeResult {
  if (p.execSleepSeconds !== undefined) {
    // exec timeouts (ExecProbeTimeout, GA): the runtime gives up after timeoutSeconds
    return p.execSleepSeconds >= p.timeoutSeconds ? { ok: false, took: p.timeoutSeconds } : { ok: true, took: p.execSleepSeconds };
  }
  return { ok: t >= app.answersFrom && t < app.breaksAt, took: 0 };
}

/** int32(time.Since(startedAt).Seconds()) < initialDelaySeconds skips the probe. */
const delayPassed = (p: ProbeSpec, phase: Phase, t: number) => Math.trunc(t + phase.truncation) >= p.initialDelaySeconds;

export function simulateLife(c: ContainerSpec, app: AppModel, phase: Phase, horizon: number): Life {
  const life: Life = {};
  const { startup, liveness, readiness } = c.probes;
  let started: number | undefined = 0;
  if (startup) {
    started = undefined;
    const outcome = runUntil(startup, app, phase, 0, horizon, 'fail-or-pass', life);
    if (outcome?.ok === false) {
      life.kill = { at: outcome.at, by: 'startup' };
      return life;
    }
    started = outcome?.at;
  }
  if (started === undefined) return life;
  life.started = started;
  // liveness and readiness return early until `started` is true in the status; a tick in the same
  // instant as the startup success still sees false, so they begin strictly after it
  const after = startup ? started + 1e-6 : 0;
  let end = horizon;
  if (liveness) {
    const kill = runUntil(liveness, app, phase, after, horizon, 'fail', life);
    if (kill) {
      life.kill = { at: kill.at, by: 'liveness' };
      end = kill.at;
    }
  }
  if (readiness) readinessOf(readiness, app, phase, started, after, end, life);
  else if (started < end) life.ready = started;
  return life;
}

/**
 * Runs one worker from `from` and returns the result that crossed its threshold: a failure run of
 * failureThreshold, or ('fail-or-pass') a success run of successThreshold. Records the first probe.
 */
function runUntil(p: ProbeSpec, app: AppModel, phase: Phase, from: number, until: number, stopOn: 'fail' | 'fail-or-pass', life: Life): { ok: boolean; at: number } | undefined {
  let failures = 0;
  let successes = 0;
  const busy = (t: number) => (delayPassed(p, phase, t) ? result(p, app, t).took : 0);
  for (const { at } of doProbeCalls(phase.created, p.periodSeconds, from, until, busy)) {
    if (at < 0 || !delayPassed(p, phase, at)) continue;
    life.firstProbe ??= at;
    const r = result(p, app, at);
    if (r.ok) {
      failures = 0;
      successes += 1;
      if (stopOn === 'fail-or-pass' && successes >= p.successThreshold) return { ok: true, at: at + r.took };
    } else {
      successes = 0;
      failures += 1;
      if (failures >= p.failureThreshold) return { ok: false, at: at + r.took };
    }
  }
  return undefined;
}

/** Ready after successThreshold passes in a row, not ready again after failureThreshold failures; never kills. */
function readinessOf(p: ProbeSpec, app: AppModel, phase: Phase, started: number, after: number, end: number, life: Life): void {
  const busy = (t: number) => (delayPassed(p, phase, t) ? result(p, app, t).took : 0);
  const calls = [...doProbeCalls(phase.created, p.periodSeconds, after, end, busy)].map((a) => a.at);
  // a pod sync (the startup success, or the container's start) triggers readiness at once if it may run
  const gate = Math.max(started, p.initialDelaySeconds - phase.truncation);
  if (phase.manualTrigger && gate < end) calls.unshift(gate);
  let run = 0;
  let last: boolean | undefined;
  let ready = false;
  for (const at of calls.sort((a, b) => a - b)) {
    if (at < 0 || !delayPassed(p, phase, at + 1e-9)) continue;
    const r = result(p, app, at);
    run = r.ok === last ? run + 1 : 1;
    last = r.ok;
    if (!ready && r.ok && run >= p.successThreshold) {
      ready = true;
      life.ready = at + r.took;
    } else if (ready && !r.ok && run >= p.failureThreshold) {
      life.notReady = at + r.took;
      return;
    }
  }
}
