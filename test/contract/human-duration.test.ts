// SPDX-License-Identifier: Apache-2.0
// humanDuration at every threshold of apimachinery's HumanDuration, on both sides.
import { describe, expect, it } from 'vitest';
import { humanDuration } from '../../src-main/contract/human-duration';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('humanDuration', () => {
  it.each([
    // Future timestamps: up to (but not including) 2 s of skew still prints 0s.
    [-2 * S, '<invalid>'],
    [-1999, '0s'],
    [-1500, '0s'],
    [-1, '0s'],
    [0, '0s'],
    [999, '0s'],
    [1 * S, '1s'],
    [59 * S, '59s'],
    [60 * S, '60s'],
    [119 * S + 999, '119s'],
    // From 2 minutes: minutes and seconds, then minutes only from 10 minutes.
    [2 * M, '2m'],
    [2 * M + 5 * S, '2m5s'],
    [9 * M + 59 * S + 999, '9m59s'],
    [10 * M, '10m'],
    [10 * M + 59 * S, '10m'],
    [60 * M, '60m'],
    [3 * H - 1, '179m'],
    // From 3 hours: hours and minutes, then hours only from 8 hours.
    [3 * H, '3h'],
    [3 * H + 4 * M, '3h4m'],
    [8 * H - 1, '7h59m'],
    [8 * H, '8h'],
    [47 * H + 59 * M, '47h'],
    // From 48 hours: days and hours, then days only from 8 days.
    [48 * H, '2d'],
    [49 * H, '2d1h'],
    [8 * D - 1, '7d23h'],
    [8 * D, '8d'],
    [729 * D + 23 * H, '729d'],
    // From 2 years of 365 days: years and days, then years only from 8 years.
    [730 * D, '2y'],
    [731 * D, '2y1d'],
    [8 * 365 * D - 1, '7y364d'],
    [8 * 365 * D, '8y'],
    [3000 * D, '8y'],
    [Number.NaN, '<invalid>'],
  ])('%d ms → %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});
