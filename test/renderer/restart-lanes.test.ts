// SPDX-License-Identifier: Apache-2.0
// Kills and back-off waits from constructed runs shaped like the kubelet's: a crash loop whose
// first restart comes at once and whose later ones wait out "back-off 10s", "back-off 20s"; a
// liveness kill's SIGTERM with the grace period counting down; containers that are not restarted.
import type { ContainerSnapshot, Observation } from '@contract/observation';
import { describe, expect, it } from 'vitest';
import { podPlans } from '../../src-renderer/src/lib/pod-plan';
import { backOffSeconds, goDurationSeconds, restartLanes } from '../../src-renderer/src/lib/restart-lanes';
import { sayIn } from '../../src-renderer/src/lib/say';

const en = sayIn('en');
const pod = (policy: string, grace = 30) => `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  restartPolicy: ${policy}
  terminationGracePeriodSeconds: ${grace}
  containers:
    - name: c
      image: busybox
      livenessProbe: { exec: { command: [cat, /tmp/healthy] }, terminationGracePeriodSeconds: 5 }
`;
const wall = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();

function at(t: number, c: Partial<ContainerSnapshot> & Pick<ContainerSnapshot, 'state' | 'restartCount'>): Observation {
  const container: ContainerSnapshot = { name: 'c', kind: 'app', ready: false, ...c };
  return {
    kind: 'pod',
    t,
    pod: 'p',
    snapshot: { name: 'p', uid: 'u', phase: 'Running', conditions: [], containers: [container], columns: { name: 'p', ready: '0/1', status: 'x', restarts: '0', age: '1s' } },
  };
}
const crashLoop = (n: number): Partial<ContainerSnapshot> => ({ reason: 'CrashLoopBackOff', message: `back-off ${n}s restarting failed container=c pod=p_ns(u)` });

describe('restart lanes', () => {
  it('reads Go durations and the back-off of a CrashLoopBackOff message', () => {
    expect([goDurationSeconds('10s'), goDurationSeconds('1m20s'), goDurationSeconds('5m0s'), goDurationSeconds('1.5s'), goDurationSeconds('soon'), goDurationSeconds('')]).toEqual([10, 80, 300, 1.5, undefined, undefined]);
    expect(backOffSeconds({ name: 'c', kind: 'app', ready: false, state: 'waiting', restartCount: 1, ...crashLoop(20) })).toBe(20);
    expect(backOffSeconds({ name: 'c', kind: 'app', ready: false, state: 'waiting', restartCount: 1, reason: 'ContainerCreating' })).toBeUndefined();
  });

  it('draws a crash loop: the first restart at once, then each wait labelled with its back-off, and the wait still running', () => {
    const obs: Observation[] = [
      at(1000, { state: 'running', restartCount: 0, startedAt: wall(1) }),
      at(1500, { state: 'terminated', restartCount: 0, reason: 'Error', exitCode: 127 }),
      // the first restart: the kubelet's wait (new startedAt − finishedAt) is 0 s
      at(2600, { state: 'running', restartCount: 1, startedAt: wall(3), lastTerminated: { exitCode: 127, finishedAt: wall(3) } }),
      at(3000, { state: 'terminated', restartCount: 1, reason: 'Error', exitCode: 127 }),
      at(3100, { state: 'waiting', restartCount: 1, ...crashLoop(10) }),
      at(16_500, { state: 'running', restartCount: 2, startedAt: wall(16), lastTerminated: { exitCode: 127, finishedAt: wall(3) } }),
      at(17_000, { state: 'terminated', restartCount: 2, reason: 'Error', exitCode: 127 }),
      at(17_200, { state: 'waiting', restartCount: 2, ...crashLoop(20) }),
    ];
    const lane = restartLanes(obs, podPlans({ 'p.yaml': pod('Always') }), 30_000, en).get('p/c')!;
    expect(lane.segments.map((s) => [s.from, s.to, s.label])).toEqual([
      [1500, 2600, 'restarted after 1.1 s (no back-off yet)'],
      [3000, 16_500, 'back-off 10 s, restarted after 13.5 s'],
      [17_000, 30_000, 'back-off 20 s'],
    ]);
    // the current wait: when the back-off ends, and the countdown to it
    expect(lane.ticks.find((k) => k.mark === 'o')?.t).toBe(37_000);
    expect(lane.countdown).toEqual({ to: 37_000, what: 'restart' });
  });

  it('follows a real run, where each restart was first seen already exited (started and crashed between two status writes)', () => {
    // The container states a run of restart-always-crashloop recorded on a 1.34 kubelet (times in ms of run time).
    const w = (s: number) => wall(s);
    const obs: Observation[] = [
      at(117, { state: 'waiting', restartCount: 0 }),
      at(2582, { state: 'terminated', restartCount: 0, reason: 'Error', exitCode: 127, startedAt: w(23), finishedAt: w(23) }),
      at(3585, { state: 'terminated', restartCount: 1, reason: 'Error', exitCode: 127, startedAt: w(24), finishedAt: w(24), lastTerminated: { exitCode: 127, finishedAt: w(23) } }),
      at(4605, { state: 'waiting', restartCount: 1, ...crashLoop(10), lastTerminated: { exitCode: 127, finishedAt: w(24) } }),
      at(16_652, { state: 'terminated', restartCount: 2, reason: 'Error', exitCode: 127, startedAt: w(37), finishedAt: w(37), lastTerminated: { exitCode: 127, finishedAt: w(24) } }),
      at(31_590, { state: 'waiting', restartCount: 2, ...crashLoop(20), lastTerminated: { exitCode: 127, finishedAt: w(37) } }),
      at(46_739, { state: 'running', restartCount: 3, startedAt: w(68), lastTerminated: { exitCode: 127, finishedAt: w(37) } }),
    ];
    const lane = restartLanes(obs, podPlans({ 'p.yaml': pod('Always') }), 47_000, en).get('p/c')!;
    expect(lane.segments.map((s) => [s.from, s.to, s.label])).toEqual([
      [2582, 3585, 'restarted after 1.0 s (no back-off yet)'],
      [3585, 16_652, 'back-off 10 s, restarted after 13.1 s'],
      [16_652, 46_739, 'back-off 20 s, restarted after 30.1 s'],
    ]);
    // mid-wait, at 31.6 s, the back-off (20 s from the crash at 16.7 s) still had 5 s to run
    expect(restartLanes(obs.slice(0, 6), podPlans({ 'p.yaml': pod('Always') }), 31_600, en).get('p/c')!.countdown).toEqual({ to: 36_652, what: 'restart' });
  });

  it('places a crash it never saw terminated from the kubelet’s own startedAt − finishedAt', () => {
    const obs: Observation[] = [
      at(1000, { state: 'running', restartCount: 0 }),
      at(20_000, { state: 'running', restartCount: 1, startedAt: wall(40), lastTerminated: { exitCode: 1, finishedAt: wall(28) } }),
    ];
    const lane = restartLanes(obs, podPlans({ 'p.yaml': pod('Always') }), 25_000, en).get('p/c')!;
    expect(lane.segments).toMatchObject([{ from: 8000, to: 20_000, label: 'restarted after 12.0 s (no back-off yet)', short: '12.0 s', tone: 'warn' }]);
  });

  it('draws a liveness kill: SIGTERM, the probe’s own grace counting down, then the exit', () => {
    const kill: Observation = { kind: 'event', t: 12_000, object: 'p', objectKind: 'Pod', fieldPath: 'spec.containers{c}', type: 'Normal', reason: 'Killing', message: 'Container c failed liveness probe, will be restarted', count: 1 };
    const plans = podPlans({ 'p.yaml': pod('Always') });
    const live = restartLanes([at(1000, { state: 'running', restartCount: 0 }), kill], plans, 14_000, en).get('p/c')!;
    expect(live.segments).toMatchObject([{ from: 12_000, to: 14_000, label: 'stopping: SIGTERM sent', short: 'SIGTERM', tone: 'bad' }]);
    // probe-level terminationGracePeriodSeconds 5 wins over the pod's 30
    expect(live.ticks.find((k) => k.mark === '⚡')?.t).toBe(17_000);
    expect(live.countdown).toEqual({ to: 17_000, what: 'sigkill' });

    const done = restartLanes([at(1000, { state: 'running', restartCount: 0 }), kill, at(12_400, { state: 'terminated', restartCount: 0, reason: 'Error', exitCode: 137 })], plans, 13_000, en).get('p/c')!;
    expect(done.segments[0]).toMatchObject({ from: 12_000, to: 12_400, label: 'stopped 0.4 s after SIGTERM', short: 'SIGTERM', tone: 'bad' });
    // exited long before the deadline: no deadline drawn, no countdown
    expect(done.ticks.some((k) => k.mark === '⚡')).toBe(false);
    expect(done.countdown).toBeUndefined();
  });

  it('draws no wait for a container that will not be restarted (Never; OnFailure after exit 0)', () => {
    const exited = [at(1000, { state: 'running', restartCount: 0 }), at(2000, { state: 'terminated', restartCount: 0, reason: 'Completed', exitCode: 0 })];
    expect(restartLanes(exited, podPlans({ 'p.yaml': pod('Never') }), 9000, en).has('p/c')).toBe(false);
    expect(restartLanes(exited, podPlans({ 'p.yaml': pod('OnFailure') }), 9000, en).has('p/c')).toBe(false);
    expect(restartLanes(exited, podPlans({ 'p.yaml': pod('Always') }), 9000, en).get('p/c')?.segments[0]?.label).toBe('exited, restart pending');
  });

  it('speaks Chinese when asked', () => {
    const obs = [at(1000, { state: 'terminated', restartCount: 0, exitCode: 1 }), at(1200, { state: 'waiting', restartCount: 0, ...crashLoop(40) })];
    expect(restartLanes(obs, podPlans({ 'p.yaml': pod('Always') }), 5000, sayIn('zh')).get('p/c')!.segments[0]!.label).toBe('退避 40 秒');
  });
});
