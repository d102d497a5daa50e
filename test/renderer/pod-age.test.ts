// SPDX-License-Identifier: Apache-2.0
// AGE re-printed from the run clock: the same as the engine's at the snapshot, then moving on.
import type { PodSnapshot } from '@contract/observation';
import { describe, expect, it } from 'vitest';
import { podAge } from '../../src-renderer/src/lib/pod-age';

const created = Date.parse('2026-12-03T12:00:00Z');
const pod = (over: Partial<PodSnapshot> = {}): PodSnapshot => ({
  name: 'web',
  uid: 'u1',
  phase: 'Running',
  creationTimestamp: '2026-12-03T12:00:00Z',
  conditions: [],
  containers: [],
  columns: { name: 'web', ready: '1/1', status: 'Running', restarts: '0', age: '3s' },
  ...over,
});

describe('podAge', () => {
  // the run started 2.5 s before the pod was created
  const clockZero = created - 2500;

  it.each([
    [2500, '0s'],
    [5600, '3s'],
    [6400, '3s'],
    [6500, '4s'],
    [2500 + 119_999, '119s'],
    [2500 + 120_000, '2m'],
    [2500 + 125_000, '2m5s'],
  ])('at run time %i ms prints %s', (clock, want) => {
    expect(podAge(pod(), clockZero, clock)).toBe(want);
  });

  it('keeps the snapshot AGE when the run clock has no epoch (a run reopened from history)', () => {
    expect(podAge(pod(), undefined, 60_000)).toBe('3s');
  });

  it('keeps the snapshot AGE when the pod has no creation time', () => {
    expect(podAge(pod({ creationTimestamp: undefined }), clockZero, 60_000)).toBe('3s');
  });
});
