// SPDX-License-Identifier: Apache-2.0
// The UI latency bench's reading of the screen (bench/ui-latency-match.ts): which recorded state of
// the Observed panel first showed each observation, and which observations it cannot time.
import { describe, expect, it } from 'vitest';
import type { Observation, PodObservation } from '../../src-main/contract/observation';
import { matchShown, peakRate, podRow, quantile, type ScreenState } from '../../bench/ui-latency-match';

const pod = (t: number, status: string, restarts = '0'): PodObservation => ({
  kind: 'pod',
  t,
  pod: 'web',
  snapshot: { name: 'web', uid: 'u', phase: 'Pending', conditions: [], containers: [], columns: { name: 'web', ready: '0/1', status, restarts, age: `${t}s` } },
});
const event = (t: number): Observation => ({ kind: 'event', t, object: 'web', objectKind: 'Pod', type: 'Normal', reason: 'Pulled', message: 'm', count: 1 });
/** A pod row as the page reads it: NAME READY STATUS RESTARTS AGE PHASE CONDITIONS. */
const row = (status: string, restarts = '0') => ['web', '0/1', status, restarts, '9s', 'Pending', ''];
const screen = (at: number, events: number, status?: string, restarts?: string): ScreenState => ({ at, events, pods: status ? { web: row(status, restarts) } : {}, endpoints: [], traffic: [] });
const arrive = (o: Observation) => ({ o, arrivedAt: o.t });

describe('matchShown', () => {
  it('times the n-th event by the first screen whose events count reaches n', () => {
    const r = matchShown([arrive(event(100)), arrive(event(110))], [screen(90, 0), screen(130, 1), screen(150, 2)]);
    expect(r.shown.map((s) => s.shownAt - s.arrivedAt)).toEqual([30, 40]);
  });

  it('times a pod observation by its row, ignoring AGE, and one hidden by a later change in the same frame by that change', () => {
    const a = pod(100, 'Init:0/1');
    const b = pod(105, 'Init:Error');
    const c = pod(200, 'Init:Error'); // only AGE differs: nothing to see
    const r = matchShown([a, b, c].map(arrive), [screen(120, 0, 'Init:Error')]);
    expect(r.shown.map((s) => [s.index, s.shownAt])).toEqual([
      [0, 120],
      [1, 120],
    ]);
    expect(r.invisible).toBe(1);
    expect(podRow(a)).toBe('web|0/1|Init:0/1|0|Pending|');
  });

  it('never takes a screen from before the observation arrived, and reports what never appeared', () => {
    const r = matchShown([arrive(pod(100, 'Running', '1'))], [screen(50, 0, 'Running', '1'), screen(150, 0, 'Pending')]);
    expect(r.shown).toEqual([]);
    expect(r.missing).toHaveLength(1);
  });
});

describe('quantile and peakRate', () => {
  it('takes the nearest rank and counts the most timestamps inside any second', () => {
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95)).toBe(10);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5)).toBe(5);
    expect(peakRate([0, 100, 999, 1000, 1500, 3000])).toBe(3);
  });
});
