// SPDX-License-Identifier: Apache-2.0
// A container's previous termination reason (OOMKilled after a restart), and times offset by a param.
import type { Observation, PodSnapshot } from '@contract/observation';
import { describe, expect, it } from 'vitest';
import { Checker } from '../../../src-main/core/check/checker';
import { predicateValue } from '../../../src-main/core/check/predicate';
import { TimelineState } from '../../../src-main/core/check/timeline-state';

function pod(lastReason?: string, restartCount = 1): PodSnapshot {
  return {
    name: 'hog',
    uid: 'u',
    phase: 'Running',
    conditions: [],
    containers: [
      {
        name: 'c',
        kind: 'app',
        state: 'running',
        restartCount,
        ready: true,
        startedAt: '2026-01-01T00:00:05Z',
        ...(lastReason ? { lastTerminated: { reason: lastReason, exitCode: 137 } } : {}),
      },
    ],
    columns: { name: 'hog', ready: '1/1', status: 'Running', restarts: String(restartCount), age: '5s' },
  };
}

describe('lastReason', () => {
  it.each([
    ['OOMKilled', 'OOMKilled', true],
    ['OOMKilled', 'Error', false],
    ['OOM', 'OOMKilled', false], // a whole-reason match, like `reason`
    ['OOMKilled', undefined, false],
  ])('/%s/ against lastState reason %s → %s', (want, actual, result) => {
    const state = new TimelineState(0);
    state.apply({ kind: 'pod', t: 1000, pod: 'hog', snapshot: pod(actual) });
    expect(predicateValue({ container: 'c', lastReason: want }, state, 'hog')).toBe(result);
  });
});

describe('the previous instance’s end when the status lost its lastState (the kubelet’s container GC removed it)', () => {
  const web = (over: Partial<PodSnapshot['containers'][number]>): PodSnapshot => ({ ...pod(), containers: [{ ...pod().containers[0]!, ...over }] });
  const ended = { exitCode: 137, reason: 'Error', startedAt: '2026-01-01T00:00:10Z', finishedAt: '2026-01-01T00:00:24Z' };
  const timeline = (...snapshots: PodSnapshot[]) => {
    const state = new TimelineState(Date.parse('2026-01-01T00:00:00Z'));
    snapshots.forEach((snapshot, i) => state.apply({ kind: 'pod', t: 1000 * (i + 1), pod: 'hog', snapshot }));
    return state;
  };
  const waitingAfter3 = web({ state: 'waiting', reason: 'CrashLoopBackOff', restartCount: 3, lastTerminated: ended });
  const runningAgain = web({ state: 'running', restartCount: 4, containerID: 'containerd://5', startedAt: '2026-01-01T00:00:50Z' });

  it('judges the end it saw: instance 4 ended 137/Error while the container waited, and instance 5 runs with no lastState', () => {
    const state = timeline(waitingAfter3, runningAgain);
    expect(predicateValue({ container: 'c', exitCode: 137, lastReason: 'Error' }, state, 'hog')).toBe(true);
    expect(predicateValue({ container: 'c', lastReason: 'OOMKilled' }, state, 'hog')).toBe(false);
  });

  it('prefers what the status says when it has a lastState', () => {
    const state = timeline(waitingAfter3, { ...runningAgain, containers: [{ ...runningAgain.containers[0]!, lastTerminated: { ...ended, reason: 'OOMKilled' } }] });
    expect(predicateValue({ container: 'c', lastReason: 'OOMKilled' }, state, 'hog')).toBe(true);
  });

  it('knows nothing of an end it never saw: the instance before was never seen finished', () => {
    const state = timeline(runningAgain);
    expect(predicateValue({ container: 'c', exitCode: 137 }, state, 'hog')).toBe(false);
    expect(predicateValue({ container: 'c', lastReason: 'Error' }, state, 'hog')).toBe(false);
  });

  it('does not take an older instance’s end for the previous one', () => {
    const oneBefore = web({ state: 'waiting', reason: 'CrashLoopBackOff', restartCount: 2, lastTerminated: ended });
    const state = timeline(oneBefore, runningAgain); // instance 3 ended; instance 4's end was never seen
    expect(predicateValue({ container: 'c', exitCode: 137 }, state, 'hog')).toBe(false);
  });
});

describe('plus: a param', () => {
  const runStartedAt = Date.parse('2026-01-01T00:00:00Z');
  const checker = () =>
    new Checker({
      runStartedAt,
      subject: 'hog',
      params: { delay: 3 },
      expectations: [
        {
          id: 'ready-late',
          explain: { en: '', zh: '' },
          holds: { condition: 'Ready', status: 'True' },
          during: { from: { anchor: { containerStarted: { container: 'c' } }, plus: 'delay' }, to: { anchor: { containerStarted: { container: 'c' } }, plus: 4 } },
        },
      ],
    });

  it('offsets the window by the param value', () => {
    const c = checker();
    const ready = { ...pod(undefined, 0), conditions: [{ type: 'Ready', status: 'True' as const }] };
    const obs: Observation[] = [{ kind: 'pod', t: 6000, pod: 'hog', snapshot: ready }];
    for (const o of obs) c.observe(o);
    c.tick(10_000);
    const v = c.verdicts()[0]!;
    expect(v.window).toMatchObject({ lo: 8000, hi: 9000 });
    expect(v.state).toBe('pass');
  });

  it('refuses an unknown param when built', () => {
    expect(
      () =>
        new Checker({
          runStartedAt,
          subject: 'hog',
          params: {},
          expectations: [{ id: 'x', explain: { en: '', zh: '' }, count: { restarts: { container: 'c' } }, max: 0, by: { anchor: 'start', plus: 'nope' } }],
        }),
    ).toThrow(/param "nope"/);
  });
});
