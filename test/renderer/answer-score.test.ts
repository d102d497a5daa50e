// SPDX-License-Identifier: Apache-2.0
// A prediction scored as the lesson judges the run: seconds against the expectation's window measured
// from its anchor, a count against the expectation's [min, max], or exactly when it has none.
import type { ExpectationView } from '@contract/dto';
import type { Observation } from '@contract/observation';
import type { Verdict } from '@contract/verdict';
import { describe, expect, it } from 'vitest';
import { scoreAnswer } from '../../src-renderer/src/lib/answer-score';
import { sayIn } from '../../src-renderer/src/lib/say';

const en = sayIn('en');
const explain = { en: '', zh: '' };
const ready: Verdict = { expectationId: 'ready', state: 'pass', window: { lo: 22_000, hi: 29_000, anchor: 2000 }, decidedAt: 27_400, detail: '' };

function restarts(t: number, n: number): Observation {
  return { kind: 'pod', t, pod: 'p', snapshot: { name: 'p', uid: 'u', phase: 'Running', conditions: [], containers: [{ name: 'c', kind: 'app', state: 'running', restartCount: n, ready: false }], columns: { name: 'p', ready: '0/1', status: 'Running', restarts: String(n), age: '1s' } } };
}

describe('scoring a prediction', () => {
  it('scores seconds against the window, measured from its anchor', () => {
    expect(scoreAnswer(25, 'seconds', undefined, ready, [], en)).toEqual({ observed: 25.4, window: { lo: 20, hi: 27 }, inside: true, text: "You said 25 s: inside the lesson's window [20, 27] s; observed 25.4 s." });
    // inside the window but 4.9 s from the observation is still right: the window is what the lesson accepts
    expect(scoreAnswer(20.5, 'seconds', undefined, ready, [], en).inside).toBe(true);
    expect(scoreAnswer(31, 'seconds', undefined, ready, [], en).text).toBe("You said 31 s: 4 s above the lesson's window [20, 27] s; observed 25.4 s.");
    expect(scoreAnswer(10, 'seconds', undefined, ready, [], sayIn('zh')).text).toBe('你的预测 10 秒：比课程的时间窗 [20, 27] 秒 小 10 秒；实际 25.4 秒。');
  });

  it('scores a count: restarts of the container an order expectation is about, exactly', () => {
    const e: ExpectationView = { id: 'loop', type: 'order', explain, definition: { id: 'loop', explain, first: { container: 'c', restartsAtLeast: 3 }, then: { container: 'c', state: 'waiting', reason: 'CrashLoopBackOff' } } };
    const v: Verdict = { expectationId: 'loop', state: 'pass', decidedAt: 50_000, detail: '' };
    const obs = [restarts(1000, 0), restarts(20_000, 2), restarts(40_000, 3), restarts(60_000, 4)];
    expect(scoreAnswer(3, 'count', e, v, obs, en)).toMatchObject({ observed: 3, inside: true, text: 'You said 3: exactly right; observed 3.' });
    expect(scoreAnswer(5, 'count', e, v, obs, en).text).toBe('You said 5: off by 2; observed 3.');
  });

  it('scores a count expectation against its [min, max]', () => {
    const e: ExpectationView = { id: 'n', type: 'count', explain, definition: { id: 'n', explain, count: { events: { reason: 'Unhealthy' } }, min: 2, max: 4 } };
    const ev = (t: number): Observation => ({ kind: 'event', t, object: 'p', objectKind: 'Pod', type: 'Warning', reason: 'Unhealthy', message: 'Liveness probe failed', count: 1 });
    const v: Verdict = { expectationId: 'n', state: 'pass', decidedAt: 30_000, detail: '' };
    expect(scoreAnswer(3, 'count', e, v, [ev(5000), ev(10_000), ev(40_000)], en)).toMatchObject({ observed: 2, window: { lo: 2, hi: 4 }, inside: true });
    expect(scoreAnswer(1, 'count', e, v, [], en).text).toBe("You said 1: 1 below the lesson's window [2, 4]; observed 0.");
  });

  it('says so when the run never decided the expectation', () => {
    expect(scoreAnswer(3, 'seconds', undefined, { expectationId: 'x', state: 'pending', detail: '' }, [], en)).toEqual({ text: 'The run did not decide this, so there is nothing to score against.' });
  });
});
