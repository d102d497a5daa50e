// SPDX-License-Identifier: Apache-2.0
// Probe timing as the kubelet's prober worker really runs it (ground truth §2.1, §2.5).

import { definePrediction } from './define';
import { SLACK } from './prediction';

// Every probe worker runs on a ticker whose phase is set when the worker is created (in SyncPod,
// before the image pull), not when the container starts: pkg/kubelet/prober/worker.go `run`
// (time.NewTicker(period)) and `doProbe` (skips while floor(now − startedAt) < initialDelaySeconds).
// So "the first tick at or after X" lies anywhere in [X, X + period).

/** The first liveness or startup probe after the container started. */
export const probeFirstRun = definePrediction(
  {
    name: 'probeFirstRun',
    summary: 'First liveness/startup probe: the first ticker tick at or after initialDelaySeconds, in [D, D+P).',
    args: ['initialDelaySeconds', 'periodSeconds'],
    integers: { periodSeconds: [1] },
  },
  ({ initialDelaySeconds: d, periodSeconds: p }) => ({
    lo: d,
    hi: d + p + SLACK.probe,
    explain: {
      en: `first tick at or after ${d} s (initialDelaySeconds); the ticker phase is unknown, so up to one period (${p} s) later, +${SLACK.probe} s slack`,
      zh: `${d} 秒（initialDelaySeconds）当时或之后的第一个 tick；ticker 的相位未知，所以最多再晚一个周期（${p} 秒），另加 ${SLACK.probe} 秒余量`,
    },
  }),
);

/** A liveness or startup probe succeeds for the first time (the app answers from `appReadyAfter`). */
export const probeSucceeds = definePrediction(
  {
    name: 'probeSucceeds',
    summary: 'First successful liveness/startup probe: the first tick at or after max(initialDelay, app ready).',
    args: ['initialDelaySeconds', 'periodSeconds', 'appReadyAfter'],
    integers: { periodSeconds: [1] },
  },
  ({ initialDelaySeconds: d, periodSeconds: p, appReadyAfter: a }) => {
    const from = Math.max(d, a);
    return {
      lo: from,
      hi: from + p + SLACK.probe,
      explain: {
        en: `first tick at or after max(initialDelay ${d} s, app ready ${a} s) = ${from} s, within one period (${p} s), +${SLACK.probe} s slack`,
        zh: `max(initialDelay ${d} 秒, 应用就绪 ${a} 秒) = ${from} 秒当时或之后的第一个 tick，一个周期（${p} 秒）以内，另加 ${SLACK.probe} 秒余量`,
      },
    };
  },
);

/**
 * Ready=True. Readiness is the one probe with manual triggers: prober_manager.go `UpdatePodStatus`
 * sends on manualTriggerCh at every pod sync while the result is not Success, so Ready usually
 * follows the moment it can first succeed within seconds, and never later than the next tick.
 */
export const readinessReady = definePrediction(
  {
    name: 'readinessReady',
    summary: 'Ready=True: soon after max(initialDelay, app ready, startup success), at the latest one period later.',
    args: ['initialDelaySeconds', 'periodSeconds', 'appReadyAfter'],
    optional: { startupSucceeded: 0 },
    integers: { periodSeconds: [1] },
  },
  ({ initialDelaySeconds: d, periodSeconds: p, appReadyAfter: a, startupSucceeded: s }) => {
    const from = Math.max(d, a, s);
    return {
      lo: from,
      hi: from + p + SLACK.probe,
      explain: {
        en: `readiness can first pass at max(initialDelay ${d} s, app ready ${a} s, startup success ${s} s) = ${from} s; manual triggers usually make it at once, the ticker at the latest ${p} s later, +${SLACK.probe} s slack`,
        zh: `就绪探针最早能在 max(initialDelay ${d} 秒, 应用就绪 ${a} 秒, 启动探针成功 ${s} 秒) = ${from} 秒通过；手动触发通常让它立刻通过，最迟也会在 ${p} 秒后由 ticker 完成，另加 ${SLACK.probe} 秒余量`,
      },
    };
  },
);

/**
 * The startup probe gives up and the container is killed: the first probe runs at the first tick
 * at or after D, then the result turns Failure after failureThreshold consecutive failures
 * (worker.go `doProbe`, resultRun ≥ failureThreshold), i.e. (F−1) periods later.
 */
export const startupProbeKill = definePrediction(
  {
    name: 'startupProbeKill',
    summary: 'Startup probe kill: D + (F−1)·P after start, up to one period later (ticker phase).',
    args: ['initialDelaySeconds', 'periodSeconds', 'failureThreshold'],
    integers: { periodSeconds: [1], failureThreshold: [1] },
  },
  ({ initialDelaySeconds: d, periodSeconds: p, failureThreshold: f }) => {
    const from = d + (f - 1) * p;
    return {
      lo: from,
      hi: d + f * p + SLACK.probe,
      explain: {
        en: `first probe in [${d}, ${d + p}) s, killed on failure ${f}, (${f}−1)×${p} s later; +${SLACK.probe} s slack`,
        zh: `第一次探测在 [${d}, ${d + p}) 秒内，第 ${f} 次失败时被杀死，即再过 (${f}−1)×${p} 秒；另加 ${SLACK.probe} 秒余量`,
      },
    };
  },
);

/**
 * A liveness or readiness probe crosses failureThreshold after the app broke at the anchor:
 * the first failing tick falls in [0, P), the threshold is reached (F−1)·P later.
 */
export const probeFailsAfterBreak = definePrediction(
  {
    name: 'probeFailsAfterBreak',
    summary: 'Probe failure threshold reached after the app breaks: in [(F−1)·P, F·P) after the break.',
    args: ['periodSeconds', 'failureThreshold'],
    integers: { periodSeconds: [1], failureThreshold: [1] },
  },
  ({ periodSeconds: p, failureThreshold: f }) => ({
    lo: (f - 1) * p,
    hi: f * p + SLACK.probe,
    explain: {
      en: `the first failing tick comes within one period (${p} s) of the break, and ${f} consecutive failures take (${f}−1)×${p} s more; +${SLACK.probe} s slack`,
      zh: `应用出错后一个周期（${p} 秒）内出现第一次失败的 tick，连续 ${f} 次失败还要再过 (${f}−1)×${p} 秒；另加 ${SLACK.probe} 秒余量`,
    },
  }),
);

/**
 * The first liveness (or readiness) probe once the startup probe has succeeded. Liveness and
 * readiness workers return early until `started` is true (worker.go `doProbe`), and their
 * initialDelaySeconds still counts from the container's startedAt, not from startup success
 * (ground truth pitfall 3): so the first tick at or after max(D, startup success).
 */
export const probeAfterStartup = definePrediction(
  {
    name: 'probeAfterStartup',
    summary: 'First liveness probe after a startup probe: first tick at or after max(initialDelay, startup success), both from container start.',
    args: ['initialDelaySeconds', 'periodSeconds', 'startupSucceeded'],
    integers: { periodSeconds: [1] },
  },
  ({ initialDelaySeconds: d, periodSeconds: p, startupSucceeded: s }) => {
    const from = Math.max(d, s);
    return {
      lo: from,
      hi: from + p + SLACK.probe,
      explain: {
        en: `initialDelay (${d} s) counts from container start, not from startup success (${s} s): first tick at or after ${from} s, within ${p} s, +${SLACK.probe} s slack`,
        zh: `initialDelay（${d} 秒）从容器启动算起，而不是从启动探针成功（${s} 秒）算起：${from} 秒当时或之后的第一个 tick，${p} 秒以内，另加 ${SLACK.probe} 秒余量`,
      },
    };
  },
);
