// SPDX-License-Identifier: Apache-2.0
// The relist diff and resourceVersion ordering that the watch's dedupe rests on.
import { describe, expect, it } from 'vitest';
import { diffRelist } from '../../../src-main/core/kube/relist-diff';
import { compareResourceVersions, isAlreadySeen } from '../../../src-main/core/kube/resource-version';

const obj = (uid: string, rv: string) => ({ metadata: { uid, resourceVersion: rv } });

describe('diffRelist', () => {
  it('reports what appeared or changed, and what disappeared, not what stayed', () => {
    const known = new Map([
      ['same', obj('same', '5')],
      ['moved', obj('moved', '6')],
      ['left', obj('left', '7')],
    ]);
    const { changed, gone } = diffRelist(known, [obj('same', '5'), obj('moved', '9'), obj('new', '10')]);
    expect(changed.map((o) => o.metadata.uid)).toEqual(['moved', 'new']);
    expect(gone.map((o) => o.metadata.uid)).toEqual(['left']);
  });

  it('keys on uid: a pod deleted and made again under its name is a new object', () => {
    const { changed, gone } = diffRelist(new Map([['old', obj('old', '5')]]), [obj('fresh', '8')]);
    expect([changed.length, gone.length]).toEqual([1, 1]);
  });
});

describe('compareResourceVersions', () => {
  it.each([
    ['9', '10', -1],
    ['10', '9', 1],
    ['123', '123', 0],
    ['1000000000000000000001', '999999999999999999999', 1],
  ] as const)('%s vs %s = %d', (a, b, order) => expect(compareResourceVersions(a, b)).toBe(order));

  it('does not order what is not a positive integer without leading zeros (equality still holds)', () => {
    expect(compareResourceVersions('010', '9')).toBeUndefined();
    expect(compareResourceVersions('abc', 'abd')).toBeUndefined();
    expect(compareResourceVersions('0', '1')).toBeUndefined();
    expect(compareResourceVersions('abc', 'abc')).toBe(0);
  });

  it('calls an event already seen only when it is known not to be newer', () => {
    expect(isAlreadySeen('7', '9')).toBe(true);
    expect(isAlreadySeen('9', '9')).toBe(true);
    expect(isAlreadySeen('10', '9')).toBe(false);
    expect(isAlreadySeen('x', 'y')).toBe(false);
    expect(isAlreadySeen('5', '')).toBe(false);
  });
});
