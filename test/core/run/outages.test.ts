// SPDX-License-Identifier: Apache-2.0
// Gaps in what the observer could see, and the failures they make untrustworthy.
import { describe, expect, it } from 'vitest';
import { OutageLog } from '../../../src-main/core/run/outages';

describe('OutageLog', () => {
  const log = new OutageLog();
  log.record({ kind: 'watch', t: 10_000, resource: 'pods', state: 'offline', reason: 'connection refused' });
  log.record({ kind: 'watch', t: 11_000, resource: 'events', state: 'offline' });
  log.record({ kind: 'watch', t: 14_000, resource: 'pods', state: 'online' });
  log.record({ kind: 'watch', t: 20_000, resource: 'endpointslices', state: 'online' });

  it('pairs offline with the next online per watch; open gaps end at the end', () => {
    expect(log.all(30_000)).toEqual([
      { from: 10_000, to: 14_000 },
      { from: 11_000, to: 30_000 },
    ]);
  });

  it.each([
    [{ expectationId: 'a', state: 'fail' as const, window: { lo: 9000, hi: 12_000 }, decidedAt: 12_000, detail: '' }, true],
    [{ expectationId: 'b', state: 'fail' as const, window: { lo: 1000, hi: 5000 }, decidedAt: 5000, detail: '' }, false],
    [{ expectationId: 'c', state: 'pass' as const, window: { lo: 9000, hi: 12_000 }, decidedAt: 10_500, detail: '' }, false],
    [{ expectationId: 'd', state: 'fail' as const, decidedAt: 25_000, detail: '' }, true],
  ])('%j blinded: %s', (v, want) => {
    expect(log.blinded(v, 30_000) !== undefined).toBe(want);
  });
});
