// SPDX-License-Identifier: Apache-2.0
// Kubernetes quantities, read as apimachinery's resource.Quantity reads them.
import { describe, expect, it } from 'vitest';
import { formatBytes, parseQuantity } from '../../../src-main/core/kube/quantity';

describe('parseQuantity', () => {
  it.each([
    ['100m', 0.1],
    ['2', 2],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['1.', 1],
    ['+3', 3],
    ['-1', -1],
    ['250u', 0.00025],
    ['5n', 5e-9],
    ['64Mi', 64 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['16283944Ki', 16283944 * 1024],
    ['1.5Gi', 1.5 * 2 ** 30],
    ['1Pi', 2 ** 50],
    ['1G', 1e9],
    ['2k', 2000],
    ['1M', 1e6],
    ['1E', 1e18],
    ['1e3', 1000],
    ['1E3', 1000],
    ['15e-1', 1.5],
    ['1000', 1000],
    ['110', 110],
  ])('%s = %d', (text, value) => expect(parseQuantity(text)).toBeCloseTo(value, 12));

  it.each(['', 'm', 'Mi', '1K', '1mi', '1 Gi', '1e', '1Gi3', 'one', '1.2.3', '0x10', '1e3Mi', '--1'])('refuses %j', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });
});

describe('formatBytes', () => {
  it.each([
    [512, '512 B'],
    [64 * 2 ** 20, '64 MiB'],
    [16283944 * 1024, '15.5 GiB'],
    [2 ** 50, '1 PiB'],
  ])('%d → %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});
