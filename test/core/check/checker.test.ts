// SPDX-License-Identifier: Apache-2.0
// Expectation semantics over constructed timelines: windows, anchors, counts, order, final state.

import type { Observation } from '@contract/observation';
import type { Expectation, Predicate } from '@contract/scenario';
import type { VerdictState } from '@contract/verdict';
import { describe, expect, it } from 'vitest';
import { Checker } from '../../../src-main/core/check/checker';
import { RUN_START, TimelineBuilder } from './timeline-builder';
import { expectChinese } from './verdict-chinese';

type Body = Expectation extends infer E ? (E extends unknown ? Omit<E, 'id' | 'explain'> : never) : never;

function expectation(body: Body, id = 'e'): Expectation {
  return { id, explain: { zh: '', en: '' }, ...body } as Expectation;
}

interface Feed {
  params?: Record<string, number>;
  /** seconds: tick to this time after the timeline */
  tick?: number;
  /** seconds: finish the run at this time */
  end?: number;
}

/** Every verdict each case goes through, pending ones too, is also said in Chinese with no English sentence left in it. */
function checkerFor(expectations: Expectation[], timeline: Observation[], feed: Feed = {}): Checker {
  const checker = new Checker({ expectations, params: feed.params ?? {}, subject: 'web', runStartedAt: RUN_START });
  const seen = checker.verdicts();
  for (const o of timeline) seen.push(...checker.observe(o));
  if (feed.tick !== undefined) seen.push(...checker.tick(feed.tick * 1000));
  if (feed.end !== undefined) seen.push(...checker.finish(feed.end * 1000));
  expectChinese(seen);
  return checker;
}

const READY: Predicate = { condition: 'Ready', status: 'True' };
const NOT_READY: Predicate = { condition: 'Ready', status: 'False' };

/** web's app container starts at 3 s (seen at 3.5 s), Ready follows at the given seconds. */
function readyAt(...flips: [number, boolean][]): Observation[] {
  const b = new TimelineBuilder()
    .pod(1, { phase: 'Pending', ready: false, containers: [{ name: 'app', state: 'waiting', reason: 'ContainerCreating' }] })
    .pod(3.5, { phase: 'Running', containers: [{ name: 'app', state: 'running', startedAt: 3 }] });
  for (const [t, ready] of flips) b.pod(t, { ready });
  return b.build();
}

interface Row {
  name: string;
  e: Body;
  timeline: Observation[];
  feed?: Feed;
  state: VerdictState;
  decidedAt?: number;
  detail?: RegExp;
  window?: { lo: number; hi: number };
}

const fromStart = (from: number, to: number) => ({ from: { anchor: { containerStarted: { container: 'app' } }, plus: from }, to: { anchor: { containerStarted: { container: 'app' } }, plus: to } });
const readiness = { predict: 'readinessReady', anchor: { containerStarted: { container: 'app' } }, args: { initialDelaySeconds: 0, periodSeconds: 'period', appReadyAfter: 20 } };

describe('Checker: holds', () => {
  it.each<Row>([
    {
      name: 'holds through the window, passes when time passes its end',
      e: { holds: NOT_READY, during: { from: 2, to: 20 } },
      timeline: readyAt([24, true]),
      state: 'pass',
      decidedAt: 20000,
      detail: /Ready=False held from 2\.0 s to 20\.0 s/,
      window: { lo: 2000, hi: 20000 },
    },
    {
      name: 'fails at the first violation, saying what was seen',
      e: { holds: NOT_READY, during: { from: 2, to: 20 } },
      timeline: readyAt([12.4, true]),
      state: 'fail',
      decidedAt: 12400,
      detail: /^at 12\.4 s: Ready was True; expected Ready=False from 2\.0 s to 20\.0 s$/,
    },
    {
      name: 'flapping: true, false, true inside the window fails at the dip',
      e: { holds: READY, during: { from: 10, to: 30 } },
      timeline: readyAt([5, true], [15, false], [16, true]),
      state: 'fail',
      decidedAt: 15000,
      detail: /at 15\.0 s: Ready was False/,
    },
    {
      name: 'moments before the pod was first seen are not judged',
      e: { holds: NOT_READY, during: { from: 0, to: 20 } },
      timeline: readyAt(),
      feed: { tick: 21 },
      state: 'pass',
      decidedAt: 20000,
      detail: /^Ready=False held from 1\.0 s to 20\.0 s; before that it could not be judged \(pod web not seen yet\)$/,
    },
    {
      name: 'a window in which the pod was never seen fails',
      e: { holds: NOT_READY, during: { from: 0, to: 5 } },
      timeline: [],
      feed: { tick: 6 },
      state: 'fail',
      decidedAt: 5000,
      detail: /^Ready=False could not be judged in \[0\.0, 5\.0\] s: pod web not seen yet$/,
    },
    {
      name: 'a pod that is gone is known: nothing holds of it',
      e: { holds: { not: READY }, during: { from: 0, to: 20 } },
      timeline: new TimelineBuilder().pod(1, { ready: false }).gone(8).build(),
      state: 'pass',
      feed: { tick: 21 },
    },
    {
      name: 'a container-start window is judged from when the start was seen, not the earlier timestamp',
      e: { holds: { container: 'app', state: 'running' }, during: fromStart(0, 10) },
      timeline: readyAt(),
      feed: { tick: 14 },
      state: 'pass',
      decidedAt: 13000,
      window: { lo: 3000, hi: 13000 },
    },
    {
      name: 'tick closes a window with no observation at all',
      e: { holds: { exists: false }, during: { from: 0, to: 5 } },
      timeline: [],
      feed: { tick: 5.1 },
      state: 'pass',
      decidedAt: 5000,
    },
    {
      name: 'a window still open at the tick stays pending',
      e: { holds: { exists: false }, during: { from: 0, to: 5 } },
      timeline: [],
      feed: { tick: 5 },
      state: 'pending',
    },
    {
      name: 'a window to the end passes only at the end',
      e: { holds: { container: 'app', state: 'running' }, during: { from: 4, to: 'end' } },
      timeline: readyAt([10, true]),
      feed: { end: 60 },
      state: 'pass',
      decidedAt: 60000,
      window: { lo: 4000, hi: 60000 },
    },
    {
      name: 'the run ending inside the window fails it',
      e: { holds: { container: 'app', state: 'running' }, during: { from: 4, to: 90 } },
      timeline: readyAt(),
      feed: { end: 60 },
      state: 'fail',
      detail: /held until the run ended at 60\.0 s, but the window ran to 90\.0 s/,
    },
  ])('$name', ({ e, timeline, feed, state, decidedAt, detail, window }) => {
    const [v] = checkerFor([expectation(e)], timeline, feed).verdicts();
    expect(v?.state).toBe(state);
    if (decidedAt !== undefined) expect(v?.decidedAt).toBe(decidedAt);
    if (detail) expect(v?.detail).toMatch(detail);
    if (window) expect(v?.window).toMatchObject(window);
  });
});

describe('Checker: becomes', () => {
  it.each<Row>([
    {
      name: 'inside a predicted window with a param',
      e: { becomes: READY, within: readiness },
      timeline: readyAt([27.1, true]),
      feed: { params: { period: 10 } },
      state: 'pass',
      decidedAt: 27100,
      detail: /^Ready=True at 27\.1 s, inside \[23\.0, 35\.0\] s \(readinessReady: /,
      window: { lo: 23000, hi: 35000 },
    },
    {
      name: 'early',
      e: { becomes: READY, within: readiness },
      timeline: readyAt([13, true]),
      feed: { params: { period: 10 } },
      state: 'fail',
      decidedAt: 13000,
      detail: /^early: Ready=True at 13\.0 s, before the window \[23\.0, 35\.0\] s/,
    },
    {
      name: 'late, seen after the window closed',
      e: { becomes: READY, within: readiness },
      timeline: readyAt([38, true]),
      feed: { params: { period: 10 } },
      state: 'fail',
      decidedAt: 38000,
      detail: /^late: Ready=True only at 38\.0 s, after the window \[23\.0, 35\.0\] s/,
    },
    {
      name: 'late, decided by a tick once the window closed',
      e: { becomes: READY, within: readiness },
      timeline: readyAt(),
      feed: { params: { period: 10 }, tick: 36 },
      state: 'fail',
      decidedAt: 35000,
      detail: /^late: not Ready=True by 35\.0 s \(Ready was False\)/,
    },
    {
      name: 'never, when the window runs to the end',
      e: { becomes: READY, within: { from: 0, to: 'end' } },
      timeline: readyAt(),
      feed: { end: 50 },
      state: 'fail',
      decidedAt: 50000,
      detail: /^never: Ready=True did not happen before the run ended at 50\.0 s/,
    },
    {
      name: 'becomes true then false: the first moment decides',
      e: { becomes: READY, within: { from: 20, to: 30 } },
      timeline: readyAt([25, true], [26, false]),
      feed: { end: 40 },
      state: 'pass',
      decidedAt: 25000,
    },
    {
      name: 'measured from the anchor: false long before the app broke does not count',
      e: { becomes: NOT_READY, within: { predict: 'probeFailsAfterBreak', anchor: { step: 'break' }, args: { periodSeconds: 5, failureThreshold: 3 } } },
      timeline: [...readyAt([8, true], [52, false]), ...new TimelineBuilder().step(40, 'break').build()].sort((a, b) => a.t - b.t),
      state: 'pass',
      decidedAt: 52000,
      window: { lo: 50000, hi: 57000 },
    },
    {
      name: 'an anchor never seen fails at the end, saying so',
      e: { becomes: NOT_READY, within: { predict: 'probeFailsAfterBreak', anchor: { step: 'break' }, args: { periodSeconds: 5, failureThreshold: 3 } } },
      timeline: readyAt([8, true]),
      feed: { end: 60 },
      state: 'fail',
      decidedAt: 60000,
      detail: /^never saw step "break"/,
    },
    {
      name: 'a became anchor',
      e: { becomes: { container: 'app', ready: true }, within: { from: { anchor: { became: READY } }, to: { anchor: { became: READY }, plus: 1 } } },
      timeline: new TimelineBuilder().pod(1, { phase: 'Running', ready: false }).pod(9, { ready: true }).pod(9.5, { containers: [{ name: 'app', state: 'running', startedAt: 2, ready: true }] }).build(),
      state: 'pass',
      decidedAt: 9500,
      window: { lo: 9000, hi: 10000 },
    },
    {
      name: 'a restart after the first crash, anchored on the crash',
      e: { becomes: { container: 'app', state: 'running', restartsAtLeast: 1 }, within: { predict: 'crashLoopRestart', anchor: { containerFinished: { container: 'app' } }, args: { restart: 1 } } },
      timeline: new TimelineBuilder()
        .pod(2, { phase: 'Running', containers: [{ name: 'app', state: 'running', startedAt: 2 }] })
        .pod(10.4, { containers: [{ name: 'app', state: 'terminated', reason: 'Error', exitCode: 1, finishedAt: 10 }] })
        .pod(11.2, { containers: [{ name: 'app', state: 'running', startedAt: 11, restartCount: 1, last: { exitCode: 1, startedAt: 2, finishedAt: 10 } }] })
        .build(),
      state: 'pass',
      decidedAt: 11200,
      window: { lo: 10000, hi: 18000 },
    },
    {
      name: 'the second instance as anchor, and the back-off after the second crash',
      e: { becomes: { container: 'app', state: 'running', restartsAtLeast: 2 }, within: { predict: 'crashLoopRestart', anchor: { containerFinished: { container: 'app', instance: 2 } }, args: { restart: 2 } } },
      timeline: new TimelineBuilder()
        .pod(2, { phase: 'Running', containers: [{ name: 'app', state: 'running', startedAt: 2 }] })
        .pod(11, { containers: [{ name: 'app', state: 'running', startedAt: 11, restartCount: 1, last: { exitCode: 1, startedAt: 2, finishedAt: 10 } }] })
        .pod(20.3, { containers: [{ name: 'app', state: 'waiting', reason: 'CrashLoopBackOff', last: { exitCode: 1, startedAt: 11, finishedAt: 20 } }] })
        .pod(33.6, { containers: [{ name: 'app', state: 'running', startedAt: 33, restartCount: 2, last: { exitCode: 1, startedAt: 11, finishedAt: 20 } }] })
        .build(),
      state: 'pass',
      decidedAt: 33600,
      window: { lo: 30000, hi: 47000 },
    },
    {
      name: 'deletion to exit under a grace period, with the deletion time from deletionTimestamp',
      e: { becomes: { container: 'app', state: 'terminated' }, within: { predict: 'graceKill', anchor: { deletionRequested: {} }, args: { terminationGracePeriodSeconds: 30 } } },
      timeline: new TimelineBuilder()
        .pod(2, { phase: 'Running', containers: [{ name: 'app', state: 'running', startedAt: 2 }] })
        .pod(10.3, { deleting: { at: 10, grace: 30 } })
        .pod(40.6, { containers: [{ name: 'app', state: 'terminated', reason: 'Error', exitCode: 137, finishedAt: 40 }] })
        .build(),
      state: 'pass',
      decidedAt: 40600,
      window: { lo: 40000, hi: 43000 },
    },
  ])('$name', ({ e, timeline, feed, state, decidedAt, detail, window }) => {
    const [v] = checkerFor([expectation(e)], timeline, feed).verdicts();
    expect(v?.state).toBe(state);
    if (decidedAt !== undefined) expect(v?.decidedAt).toBe(decidedAt);
    if (detail) expect(v?.detail).toMatch(detail);
    if (window) expect(v?.window).toMatchObject(window);
  });
});

const restarts = (...at: [number, number][]): Observation[] => {
  const b = new TimelineBuilder().pod(1, { phase: 'Running', containers: [{ name: 'app', state: 'running', startedAt: 1 }] });
  for (const [t, n] of at) b.pod(t, { containers: [{ name: 'app', restartCount: n }] });
  return b.build();
};

describe('Checker: count', () => {
  it.each<Row>([
    {
      name: 'restarts within [min, max] at the end',
      e: { count: { restarts: { container: 'app' } }, min: 2, max: 3 },
      timeline: restarts([10, 1], [20, 2]),
      feed: { end: 60 },
      state: 'pass',
      decidedAt: 60000,
      detail: /^2 restarts of app by 60\.0 s, expected 2 to 3$/,
    },
    {
      name: 'exceeding max fails at once, before the end',
      e: { count: { restarts: { container: 'app' } }, max: 0 },
      timeline: restarts([10, 1]),
      state: 'fail',
      decidedAt: 10000,
      detail: /^1 restarts of app at 10\.0 s, more than 0$/,
    },
    {
      name: 'too few at the end',
      e: { count: { restarts: { container: 'app' } }, min: 3 },
      timeline: restarts([10, 1]),
      feed: { end: 60 },
      state: 'fail',
      detail: /^1 restarts of app by 60\.0 s, expected at least 3$/,
    },
    {
      name: 'a minimum with no maximum passes once reached',
      e: { count: { restarts: { container: 'app' } }, min: 2 },
      timeline: restarts([10, 1], [20, 2]),
      state: 'pass',
      decidedAt: 20000,
    },
    {
      name: 'by a time: later restarts do not count',
      e: { count: { restarts: { container: 'app' } }, max: 1, by: 15 },
      timeline: restarts([10, 1], [20, 2]),
      state: 'pass',
      decidedAt: 15000,
      detail: /^1 restarts of app by 15\.0 s, expected at most 1$/,
    },
    {
      name: 'by an anchor never seen',
      e: { count: { restarts: { container: 'app' } }, max: 1, by: { anchor: { step: 'fix' }, plus: 5 } },
      timeline: restarts([10, 1]),
      feed: { end: 30 },
      state: 'fail',
      detail: /^never saw step "fix"/,
    },
    {
      name: 'events add up their aggregated counts',
      e: { count: { events: { reason: 'BackOff', type: 'Warning' } }, min: 4, max: 6 },
      timeline: new TimelineBuilder()
        .event(5, { reason: 'BackOff', type: 'Warning', message: 'Back-off restarting failed container app', count: 1 })
        .event(20, { reason: 'BackOff', type: 'Warning', message: 'Back-off restarting failed container app', count: 3 })
        .event(25, { reason: 'Unhealthy', type: 'Warning', message: 'Liveness probe failed: ', count: 9 })
        .event(30, { reason: 'BackOff', type: 'Warning', message: 'Back-off restarting failed container app', count: 5 })
        .build(),
      feed: { end: 40 },
      state: 'pass',
      detail: /^5 × event BackOff Warning by 40\.0 s/,
    },
    {
      name: 'failed traffic beyond the maximum',
      e: { count: { traffic: { name: 'curl', ok: false } }, max: 1 },
      timeline: new TimelineBuilder().traffic(1, 'curl', true).traffic(2, 'curl', false).traffic(3, 'curl', true).traffic(4, 'curl', false).build(),
      state: 'fail',
      decidedAt: 4000,
    },
    {
      name: 'transitions: flapping readiness counts each turn to true',
      e: { count: { transitions: READY }, min: 1, max: 1 },
      timeline: readyAt([10, true], [20, false], [30, true]),
      state: 'fail',
      decidedAt: 30000,
      detail: /^2 × turned Ready=True at 30\.0 s, more than 1$/,
    },
  ])('$name', ({ e, timeline, feed, state, decidedAt, detail }) => {
    const [v] = checkerFor([expectation(e)], timeline, feed).verdicts();
    expect(v?.state).toBe(state);
    if (decidedAt !== undefined) expect(v?.decidedAt).toBe(decidedAt);
    if (detail) expect(v?.detail).toMatch(detail);
  });
});

const RUNNING: Predicate = { container: 'app', state: 'running' };

describe('Checker: order and final', () => {
  it.each<Row>([
    {
      name: 'first strictly before then',
      e: { first: RUNNING, then: READY },
      timeline: readyAt([8, true]),
      state: 'pass',
      decidedAt: 8000,
      detail: /^app running at 3\.5 s, then Ready=True at 8\.0 s$/,
    },
    {
      name: 'reversed: then before first fails at once',
      e: { first: READY, then: RUNNING },
      timeline: readyAt([8, true]),
      state: 'fail',
      decidedAt: 3500,
      detail: /^app running at 3\.5 s, before Ready=True had held$/,
    },
    {
      name: 'the same moment is not before',
      e: { first: RUNNING, then: { phase: 'Running' } },
      timeline: readyAt(),
      state: 'fail',
      detail: /same moment/,
    },
    {
      name: 'first only: decided at the end',
      e: { first: RUNNING, then: READY },
      timeline: readyAt(),
      feed: { end: 30 },
      state: 'fail',
      decidedAt: 30000,
      detail: /but Ready=True never held/,
    },
    {
      name: 'neither: decided at the end',
      e: { first: READY, then: { phase: 'Succeeded' } },
      timeline: readyAt(),
      feed: { end: 30 },
      state: 'fail',
      detail: /^neither Ready=True nor phase Succeeded held/,
    },
    {
      name: 'final state holds',
      e: { final: READY },
      timeline: readyAt([8, true]),
      feed: { end: 30 },
      state: 'pass',
      decidedAt: 30000,
    },
    {
      name: 'final state differs, saying what it was',
      e: { final: READY },
      timeline: readyAt([8, true], [20, false]),
      feed: { end: 30 },
      state: 'fail',
      detail: /^at the end of the run \(30\.0 s\): Ready was False; expected Ready=True$/,
    },
    {
      name: 'final waits for the end',
      e: { final: READY },
      timeline: readyAt([8, true]),
      state: 'pending',
    },
  ])('$name', ({ e, timeline, feed, state, decidedAt, detail }) => {
    const [v] = checkerFor([expectation(e)], timeline, feed).verdicts();
    expect(v?.state).toBe(state);
    if (decidedAt !== undefined) expect(v?.decidedAt).toBe(decidedAt);
    if (detail) expect(v?.detail).toMatch(detail);
  });
});

describe('Checker: construction', () => {
  it.each([
    { name: 'an unknown param', e: { becomes: READY, within: readiness }, params: {}, error: /expectation "e".*param "period".*not defined/ },
    { name: 'an unknown prediction', e: { becomes: READY, within: { predict: 'nope', anchor: 'start', args: {} } }, params: {}, error: /unknown prediction "nope"/ },
    { name: 'bad prediction args', e: { becomes: READY, within: { predict: 'crashLoopRestart', anchor: 'start', args: { restart: -1 } } }, params: {}, error: /crashLoopRestart.*restart/ },
  ] as { name: string; e: Body; params: Record<string, number>; error: RegExp }[])('rejects $name', ({ e, params, error }) => {
    expect(() => new Checker({ expectations: [expectation(e)], params, subject: 'web', runStartedAt: RUN_START })).toThrow(error);
  });

  it('rejects a duplicate expectation id', () => {
    const e = expectation({ final: READY });
    expect(() => new Checker({ expectations: [e, e], params: {}, subject: 'web', runStartedAt: RUN_START })).toThrow(/"e" is used twice/);
  });
});

describe('Checker: lifecycle', () => {
  const expectations = [
    expectation({ becomes: READY, within: { from: 5, to: 30 } }, 'ready'),
    expectation({ count: { restarts: { container: 'app' } }, max: 0 }, 'no-restarts'),
    expectation({ final: READY }, 'still-ready'),
  ];

  it('returns only the verdicts that changed', () => {
    const checker = new Checker({ expectations, params: {}, subject: 'web', runStartedAt: RUN_START });
    const [first, ...rest] = readyAt([8, true]);
    expect(checker.observe(first!).map((v) => v.expectationId)).toEqual(['ready', 'no-restarts']); // a window, a count so far
    const changed = rest.flatMap((o) => checker.observe(o));
    expect(changed.filter((v) => v.state !== 'pending').map((v) => [v.expectationId, v.state])).toEqual([['ready', 'pass']]);
    expect(checker.observe(new TimelineBuilder().traffic(9, 'curl', true).build()[0]!)).toEqual([]);
  });

  it('is all decided when only the end can decide the rest', () => {
    const checker = checkerFor(expectations, readyAt());
    expect(checker.allDecided()).toBe(false);
    checker.observe(new TimelineBuilder().pod(8, { ready: true }).build()[0]!);
    expect(checker.allDecided()).toBe(true);
    expect(checker.verdicts().map((v) => v.state)).toEqual(['pass', 'pending', 'pending']);
  });

  it('decides everything at finish, and nothing after', () => {
    const checker = checkerFor(expectations, readyAt([8, true]));
    const changed = checker.finish(40_000);
    expect(changed.map((v) => [v.expectationId, v.state])).toEqual([
      ['no-restarts', 'pass'],
      ['still-ready', 'pass'],
    ]);
    expect(checker.verdicts().every((v) => v.state !== 'pending' && v.decidedAt !== undefined)).toBe(true);
    expect(checker.observe(new TimelineBuilder().pod(41, { ready: false }).build()[0]!)).toEqual([]);
    expect(checker.finish(50_000)).toEqual([]);
  });

  it('treats an observation older than the last tick as arriving now', () => {
    const checker = checkerFor([expectation({ becomes: READY, within: { from: 11, to: 20 } })], readyAt());
    checker.tick(12_000);
    checker.observe(new TimelineBuilder().pod(9, { ready: true }).build()[0]!);
    expect(checker.verdicts()[0]).toMatchObject({ state: 'pass', decidedAt: 12_000 });
  });
});
