// SPDX-License-Identifier: Apache-2.0
// The page's batching on a fake clock and a hand-driven frame: a batch after a quiet frame is
// applied at once, batches within a frame wait for the next one and go together.
import { describe, expect, it } from 'vitest';
import { FRAME_MS, FrameBatch } from '../../src-renderer/src/state/frame-batch';

function batch() {
  let now = 1000;
  const frames: Array<() => void> = [];
  const applied: Array<{ at: number; items: number[] }> = [];
  const b = new FrameBatch<number>(
    (items) => applied.push({ at: now, items }),
    (cb) => frames.push(cb),
    () => now,
  );
  return {
    b,
    applied,
    frames,
    advance: (ms: number) => (now += ms),
    frame: () => frames.splice(0).forEach((cb) => cb()),
  };
}

describe('FrameBatch', () => {
  it('applies a batch after a quiet frame at once, without waiting for a frame', () => {
    const t = batch();
    t.b.add([1]);
    expect(t.applied).toEqual([{ at: 1000, items: [1] }]);
    expect(t.frames).toHaveLength(0);
    t.advance(FRAME_MS);
    t.b.add([2]);
    expect(t.applied.map((a) => a.items)).toEqual([[1], [2]]);
  });

  it('holds batches that follow within a frame for the next frame, all together', () => {
    const t = batch();
    t.b.add([1]);
    t.advance(3);
    t.b.add([2]);
    t.advance(3);
    t.b.add([3, 4]);
    expect(t.frames).toHaveLength(1);
    expect(t.applied.map((a) => a.items)).toEqual([[1]]);
    t.advance(8);
    t.frame();
    expect(t.applied.map((a) => a.items)).toEqual([[1], [2, 3, 4]]);
  });

  it('applies at most once a frame however many batches a frame brings, plus the first one', () => {
    const t = batch();
    for (let ms = 0; ms < 1000; ms++) {
      t.b.add([ms]);
      t.advance(1);
      if (ms % FRAME_MS === FRAME_MS - 1) t.frame();
    }
    t.frame();
    expect(t.applied.flatMap((a) => a.items)).toHaveLength(1000);
    expect(t.applied.length).toBeLessThanOrEqual(Math.ceil(1000 / FRAME_MS) + 1);
  });

  it('drops what is queued when the page moves to another run', () => {
    const t = batch();
    t.b.add([1]);
    t.b.add([2]);
    t.b.clear();
    t.frame();
    expect(t.applied.map((a) => a.items)).toEqual([[1]]);
  });
});
