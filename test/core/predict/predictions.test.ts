// SPDX-License-Identifier: Apache-2.0
// Every prediction against the kubelet behaviour it encodes, and bad arguments rejected.

import { describe, expect, it } from 'vitest';
import { PREDICTIONS, findPrediction } from '../../../src-main/core/predict';

interface WindowRow {
  name: string;
  args: Record<string, number>;
  lo: number;
  hi: number;
  because: string;
}

interface RejectRow {
  name: string;
  args: Record<string, number>;
  error: RegExp;
}

describe('PREDICTIONS', () => {
  it.each<WindowRow>([
    {
      name: 'probeFirstRun',
      args: { initialDelaySeconds: 5, periodSeconds: 10 },
      lo: 5,
      hi: 17,
      because: 'worker.go: ticker phase set at worker creation, first tick ≥ startedAt + D lies in [D, D+P)',
    },
    {
      name: 'probeFirstRun',
      args: { initialDelaySeconds: 0, periodSeconds: 3 },
      lo: 0,
      hi: 5,
      because: 'D = 0: the first tick after start, within one period',
    },
    {
      name: 'probeSucceeds',
      args: { initialDelaySeconds: 5, periodSeconds: 10, appReadyAfter: 20 },
      lo: 20,
      hi: 32,
      because: 'the first tick at or after max(D, app ready); the ticker is not reset when the app becomes ready',
    },
    {
      name: 'probeSucceeds',
      args: { initialDelaySeconds: 30, periodSeconds: 5, appReadyAfter: 2 },
      lo: 30,
      hi: 37,
      because: 'worker.go doProbe skips ticks while floor(now − startedAt) < initialDelaySeconds',
    },
    {
      name: 'readinessReady',
      args: { initialDelaySeconds: 0, periodSeconds: 10, appReadyAfter: 20 },
      lo: 20,
      hi: 32,
      because: 'UpdatePodStatus manual triggers make readiness pass soon after the app is ready, the ticker at the latest',
    },
    {
      name: 'readinessReady',
      args: { initialDelaySeconds: 0, periodSeconds: 30, appReadyAfter: 0, startupSucceeded: 12 },
      lo: 12,
      hi: 44,
      because: 'readiness and liveness return early until started=true, so startup success gates Ready',
    },
    {
      name: 'startupProbeKill',
      args: { initialDelaySeconds: 10, periodSeconds: 5, failureThreshold: 3 },
      lo: 20,
      hi: 27,
      because: 'first probe in [D, D+P), killed on the F-th consecutive failure (F−1)·P later',
    },
    {
      name: 'startupProbeKill',
      args: { initialDelaySeconds: 0, periodSeconds: 10, failureThreshold: 1 },
      lo: 0,
      hi: 12,
      because: 'failureThreshold 1: the first failing tick kills',
    },
    {
      name: 'probeFailsAfterBreak',
      args: { periodSeconds: 5, failureThreshold: 3 },
      lo: 10,
      hi: 17,
      because: 'first failing tick within one period of the break, threshold (F−1)·P after it',
    },
    {
      name: 'probeAfterStartup',
      args: { initialDelaySeconds: 5, periodSeconds: 10, startupSucceeded: 30 },
      lo: 30,
      hi: 42,
      because: 'pitfall 3: liveness initialDelay counts from startedAt, so it is already spent when startup succeeds late',
    },
    {
      name: 'probeAfterStartup',
      args: { initialDelaySeconds: 40, periodSeconds: 10, startupSucceeded: 30 },
      lo: 40,
      hi: 52,
      because: 'initialDelay longer than startup still delays liveness, measured from container start',
    },
    {
      name: 'crashLoopRestart',
      args: { restart: 1 },
      lo: 0,
      hi: 8,
      because: 'issue #133472: the first crash finds no back-off entry and restarts at the next sync — always before the 10 s initial back-off',
    },
    {
      name: 'crashLoopRestart',
      args: { restart: 2 },
      lo: 10,
      hi: 27,
      because: 'doBackOff: initial back-off 10 s, plus the 10–15 s pod-worker requeue (1.30–1.34), plus the PLEG relist and status write before RESTARTS shows it',
    },
    {
      name: 'crashLoopRestart',
      args: { restart: 4 },
      lo: 40,
      hi: 57,
      because: 'back-off doubles per crash: 10, 20, 40 s',
    },
    {
      name: 'crashLoopRestart',
      args: { restart: 7 },
      lo: 300,
      hi: 317,
      because: 'MaxCrashLoopBackOff caps it at 300 s (10·2^5 = 320 → 300)',
    },
    {
      name: 'graceKill',
      args: { terminationGracePeriodSeconds: 30, preStopSeconds: 60 },
      lo: 32,
      hi: 35,
      because: 'pitfall 9: preStop uses the whole grace, SIGTERM at G, SIGKILL after the 2 s minimum grace',
    },
    {
      name: 'graceKill',
      args: { terminationGracePeriodSeconds: 30, preStopSeconds: 60, exitsOnTerm: 1 },
      lo: 30,
      hi: 33,
      because: 'the SIGTERM sent when the hook runs out of time ends an app that handles it',
    },
    {
      name: 'graceKill',
      args: { terminationGracePeriodSeconds: 30, preStopSeconds: 5, exitsOnTerm: 1 },
      lo: 5,
      hi: 8,
      because: 'a short preStop, then SIGTERM, which the app obeys',
    },
    {
      name: 'graceKill',
      args: { terminationGracePeriodSeconds: 30, preStopSeconds: 5 },
      lo: 30,
      hi: 33,
      because: 'pitfall 11: PID 1 ignores SIGTERM, SIGKILL at the end of the grace period',
    },
    {
      name: 'graceKill',
      args: { terminationGracePeriodSeconds: 30, preStopSeconds: 29 },
      lo: 31,
      hi: 34,
      because: 'killContainer raises the grace left after preStop (1 s) to the 2 s minimum',
    },
    {
      name: 'graceKill',
      args: { terminationGracePeriodSeconds: 30 },
      lo: 30,
      hi: 33,
      because: 'no preStop and a PID 1 that ignores SIGTERM: the full grace period',
    },
    {
      name: 'graceKill',
      args: { terminationGracePeriodSeconds: 0, exitsOnTerm: 0 },
      lo: 2,
      hi: 5,
      because: 'minimumGracePeriodInSeconds = 2 even for a zero grace',
    },
    {
      name: 'livenessRestart',
      args: { periodSeconds: 5, failureThreshold: 3, terminationGracePeriodSeconds: 30 },
      lo: 40,
      hi: 47,
      because: 'threshold after 10 s, the kill waits the 30 s grace (PID 1 ignores SIGTERM), the first restart is immediate',
    },
    {
      name: 'livenessRestart',
      args: { periodSeconds: 5, failureThreshold: 3, terminationGracePeriodSeconds: 30, preStopSeconds: 3, exitsOnTerm: 1 },
      lo: 13,
      hi: 20,
      because: 'preStop runs on probe kills too, then SIGTERM ends the app',
    },
    {
      name: 'livenessRestart',
      args: { periodSeconds: 5, failureThreshold: 1, terminationGracePeriodSeconds: 2, exitsOnTerm: 1, restart: 2 },
      lo: 10,
      hi: 32,
      because: 'the second restart waits the 10 s crash back-off, with the requeue slack',
    },
    {
      name: 'endpointTerminating',
      args: {},
      lo: 0,
      hi: 3,
      because: 'podToEndpoint marks terminating on deletionTimestamp, in parallel with the kubelet',
    },
    {
      name: 'postStartRunning',
      args: { postStartSeconds: 10 },
      lo: 10,
      hi: 13,
      because: 'startContainer runs postStart synchronously; the status stays ContainerCreating until it returns',
    },
    {
      name: 'noteProbeFormula',
      args: { initialDelaySeconds: 10, timeoutSeconds: 1, periodSeconds: 5, failureThreshold: 3 },
      lo: 23,
      hi: 23,
      because: "the study note's D+T+(P+T)(F−1), a point, shown beside the real ticker",
    },
  ])('$name $args → [$lo, $hi] because $because', ({ name, args, lo, hi }) => {
    const w = findPrediction(name).window(args);
    expect({ lo: w.lo, hi: w.hi }).toEqual({ lo, hi });
    expect(w.explain.en).not.toBe('');
    // the Chinese says the same in Chinese: Chinese characters, and no English sentence left over
    expect(w.explain.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(w.explain.zh).not.toMatch(/\b(?:the|and|then|after|before|within|slack)\b/);
  });

  it.each(Object.values(PREDICTIONS))('$name declares a one-line summary and its args', (p) => {
    expect(p.summary).toMatch(/^[^\n]+$/);
    expect(p.args.every((a) => typeof a === 'string')).toBe(true);
  });

  it.each<RejectRow>([
    { name: 'probeFirstRun', args: { periodSeconds: 10 }, error: /probeFirstRun.*initialDelaySeconds.*required/ },
    { name: 'probeFirstRun', args: { initialDelaySeconds: -1, periodSeconds: 10 }, error: /probeFirstRun.*initialDelaySeconds.*negative/ },
    { name: 'probeFirstRun', args: { initialDelaySeconds: 0, periodSeconds: 0 }, error: /probeFirstRun.*periodSeconds/ },
    { name: 'probeSucceeds', args: { initialDelaySeconds: 0, periodSeconds: 10, appReadyAfter: Number.NaN }, error: /probeSucceeds.*appReadyAfter/ },
    { name: 'readinessReady', args: { initialDelaySeconds: 0, periodSeconds: 10, appReadyAfter: 1, startupSucceeded: -3 }, error: /readinessReady.*startupSucceeded/ },
    { name: 'startupProbeKill', args: { initialDelaySeconds: 0, periodSeconds: 10, failureThreshold: 0 }, error: /startupProbeKill.*failureThreshold/ },
    { name: 'probeFailsAfterBreak', args: { periodSeconds: 5, failureThreshold: 2.5 }, error: /probeFailsAfterBreak.*failureThreshold/ },
    { name: 'probeFailsAfterBreak', args: { periodSeconds: 5, failureThreshold: 3, period: 5 }, error: /probeFailsAfterBreak.*unknown argument "period"/ },
    { name: 'crashLoopRestart', args: {}, error: /crashLoopRestart.*restart.*required/ },
    { name: 'crashLoopRestart', args: { restart: 0 }, error: /crashLoopRestart.*restart/ },
    { name: 'graceKill', args: { terminationGracePeriodSeconds: 30, exitsOnTerm: 2 }, error: /graceKill.*exitsOnTerm/ },
    { name: 'graceKill', args: { preStopSeconds: 3 }, error: /graceKill.*terminationGracePeriodSeconds/ },
    { name: 'noteProbeFormula', args: { initialDelaySeconds: 1, periodSeconds: 1, failureThreshold: 1 }, error: /noteProbeFormula.*timeoutSeconds/ },
  ])('$name rejects $args', ({ name, args, error }) => {
    expect(() => findPrediction(name).window(args)).toThrow(error);
  });

  it('names the known predictions when asked for an unknown one', () => {
    expect(() => findPrediction('probeFirstTick')).toThrow(/unknown prediction "probeFirstTick".*probeFirstRun/);
  });
});
