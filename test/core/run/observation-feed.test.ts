// SPDX-License-Identifier: Apache-2.0
// The feed's timing on a fake clock: a lone observation leaves at once, a burst after it waits for
// the gap and travels as one batch, and a flood is held to 1000 / gap flushes a second.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Observation } from '../../../src-main/contract/observation';
import { ObservationFeed, type ObservedBatch } from '../../../src-main/core/run/observation-feed';

const step = (t: number): Observation => ({ kind: 'step', t, index: 0, id: 's', action: 'apply', phase: 'started' });

interface Pushed {
  at: number;
  batch: ObservedBatch;
}

function feed(gapMs = 25) {
  const pushed: Pushed[] = [];
  const stored: string[] = [];
  let written = 0;
  const repo = { append: (runId: string, o: Observation) => stored.push(`${runId}@${o.t}`), flush: () => (written = stored.length) };
  const f = new ObservationFeed(
    repo,
    (batch) => {
      // A client must never see what the database does not have yet.
      expect(written).toBe(stored.length);
      pushed.push({ at: Date.now(), batch });
    },
    gapMs,
  );
  return { f, pushed, stored };
}

beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
afterEach(() => vi.useRealTimers());

describe('ObservationFeed', () => {
  it('sends the first observation of a quiet spell at the end of the current turn, not after a tick', async () => {
    const { f, pushed } = feed();
    f.add('r1', 0, step(1));
    expect(pushed).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(pushed.map((p) => [p.at - 1_000_000, p.batch.observations.length])).toEqual([[0, 1]]);
  });

  it('keeps what one turn delivers together', async () => {
    const { f, pushed } = feed();
    for (let i = 0; i < 5; i++) f.add('r1', 0, step(i));
    await vi.advanceTimersByTimeAsync(0);
    expect(pushed.map((p) => p.batch.observations.length)).toEqual([5]);
  });

  it('holds a burst that follows a flush until the gap is over, then sends it as one batch', async () => {
    const { f, pushed } = feed(25);
    f.add('r1', 0, step(0));
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(5);
    f.add('r1', 0, step(5));
    await vi.advanceTimersByTimeAsync(10);
    f.add('r1', 0, step(15));
    await vi.advanceTimersByTimeAsync(9);
    expect(pushed).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(pushed.map((p) => [p.at - 1_000_000, p.batch.observations.map((o) => o.t)])).toEqual([
      [0, [0]],
      [25, [5, 15]],
    ]);
  });

  it('sends at once again after a quiet spell longer than the gap', async () => {
    const { f, pushed } = feed(25);
    f.add('r1', 0, step(0));
    await vi.advanceTimersByTimeAsync(40);
    f.add('r1', 0, step(40));
    await vi.advanceTimersByTimeAsync(0);
    expect(pushed.map((p) => p.at - 1_000_000)).toEqual([0, 40]);
  });

  it('holds a flood of 2,000 observations a second from two pods to 40 flushes a second, losing none', async () => {
    const { f, pushed, stored } = feed(25);
    for (let ms = 0; ms < 3000; ms++) {
      for (let pod = 0; pod < 2; pod++) f.add('r1', 0, step(ms));
      await vi.advanceTimersByTimeAsync(1);
    }
    f.flush();
    const perSecond = [0, 1, 2].map((s) => pushed.filter((p) => p.at - 1_000_000 >= s * 1000 && p.at - 1_000_000 < (s + 1) * 1000).length);
    for (const n of perSecond) expect(n).toBeLessThanOrEqual(41);
    expect(Math.min(...perSecond)).toBeGreaterThanOrEqual(39);
    expect(pushed.flatMap((p) => p.batch.observations).length).toBe(6000);
    expect(stored.length).toBe(6000);
  });

  it('pushes one batch per run with each run\u2019s clock zero, and flush() sends at once', async () => {
    const { f, pushed } = feed(25);
    f.add('r1', 10, step(1));
    f.add('r2', 20, step(2));
    f.flush();
    expect(pushed.map((p) => [p.batch.runId, p.batch.clockZero, p.batch.observations.length])).toEqual([
      ['r1', 10, 1],
      ['r2', 20, 1],
    ]);
    await vi.advanceTimersByTimeAsync(100);
    expect(pushed).toHaveLength(2);
  });
});
