// SPDX-License-Identifier: Apache-2.0
// The folded state: container instances from restartCount, aggregated events, deletion time, endpoints.

import type { Observation } from '@contract/observation';
import { describe, expect, it } from 'vitest';
import { TimelineState } from '../../../src-main/core/check/timeline-state';
import { RUN_START, TimelineBuilder } from './timeline-builder';

function stateOf(observations: Observation[]): TimelineState {
  const state = new TimelineState(RUN_START);
  for (const o of observations) state.apply(o);
  return state;
}

describe('TimelineState instances', () => {
  it.each([
    {
      name: 'a crash loop seen at every step',
      timeline: new TimelineBuilder()
        .pod(2, { containers: [{ name: 'app', state: 'running', startedAt: 2, id: 'a' }] })
        .pod(5, { containers: [{ name: 'app', state: 'terminated', reason: 'Error', exitCode: 1, finishedAt: 5 }] })
        .pod(6, { containers: [{ name: 'app', state: 'running', startedAt: 6, restartCount: 1, id: 'b', last: { exitCode: 1, startedAt: 2, finishedAt: 5 } }] })
        // waiting in back-off: lastState is the instance that just died, restartCount still 1
        .pod(9, { containers: [{ name: 'app', state: 'waiting', reason: 'CrashLoopBackOff', last: { exitCode: 1, startedAt: 6, finishedAt: 9 } }] })
        .pod(20, { containers: [{ name: 'app', state: 'running', startedAt: 20, restartCount: 2, id: 'c', last: { exitCode: 1, startedAt: 6, finishedAt: 9 } }] })
        .build(),
      want: [
        { index: 1, startedAt: 2000, finishedAt: 5000, exitCode: 1 },
        { index: 2, startedAt: 6000, finishedAt: 9000, exitCode: 1 },
        { index: 3, startedAt: 20000, finishedAt: undefined, exitCode: undefined },
      ],
      because: 'the kubelet stamps restartCount on each instance; lastState is the newest instance while waiting',
    },
    {
      name: 'an immediate restart never seen terminated',
      timeline: new TimelineBuilder()
        .pod(2, { containers: [{ name: 'app', state: 'running', startedAt: 2 }] })
        .pod(40, { containers: [{ name: 'app', state: 'running', startedAt: 40, restartCount: 1, last: { exitCode: 137, startedAt: 2, finishedAt: 39 } }] })
        .build(),
      want: [
        { index: 1, startedAt: 2000, finishedAt: 39000, exitCode: 137 },
        { index: 2, startedAt: 40000, finishedAt: undefined, exitCode: undefined },
      ],
      because: 'a liveness kill restarts in the same sync: the API goes from running to running',
    },
  ])('$name', ({ timeline, want }) => {
    const got = stateOf(timeline)
      .instances('web', 'app')
      .map(({ index, startedAt, finishedAt, exitCode }) => ({ index, startedAt, finishedAt, exitCode }));
    expect(got).toEqual(want);
  });

  it('starts a fresh history when a pod of the same name has a new uid', () => {
    const state = stateOf(
      new TimelineBuilder()
        .pod(2, { containers: [{ name: 'app', state: 'running', startedAt: 2 }] })
        .gone(10)
        .pod(12, { uid: 'second', containers: [{ name: 'app', state: 'running', startedAt: 12 }] })
        .build(),
    );
    expect(state.instances('web', 'app').map((i) => i.startedAt)).toEqual([12000]);
    expect(state.isGone('web')).toBe(false);
  });
});

describe('TimelineState events', () => {
  it.each([
    { name: 'one event', counts: [1], want: 1 },
    { name: 'the same object counted up', counts: [1, 3, 5], want: 5 },
    { name: 'a re-list repeats the count', counts: [2, 2], want: 2 },
    { name: 'a new object after the old one expired', counts: [4, 1, 2], want: 6 },
  ])('$name: counts $counts → $want occurrences', ({ counts, want }) => {
    const b = new TimelineBuilder();
    counts.forEach((count, i) => b.event(i, { reason: 'BackOff', message: 'Back-off restarting failed container', count }));
    expect([...stateOf(b.build()).events()].map((e) => e.occurrences)).toEqual([want]);
  });
});

describe('TimelineState deletion', () => {
  it.each([
    { name: 'deletionTimestamp minus grace', timeline: new TimelineBuilder().pod(1, {}).pod(12, { deleting: { at: 10, grace: 30 } }).build(), want: 10000 },
    { name: 'never later than the snapshot', timeline: new TimelineBuilder().pod(1, {}).pod(12, { deleting: { at: 15, grace: 30 } }).build(), want: 12000 },
    { name: 'gone without a Terminating snapshot', timeline: new TimelineBuilder().pod(1, {}).gone(4).build(), want: 4000 },
  ])('$name', ({ timeline, want }) => {
    expect(stateOf(timeline).deletionRequestedAt('web')).toBe(want);
  });
});
