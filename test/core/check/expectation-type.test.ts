// SPDX-License-Identifier: Apache-2.0
// The expectation registry names each expectation's type from the key that marks it in a lesson.
import type { Expectation, Predicate } from '@contract/scenario';
import { expect, it } from 'vitest';
import { expectationType } from '../../../src-main/core/check/judges';

const explain = { en: 'e', zh: 'z' };
const ready: Predicate = { pod: 'web', exists: true };

it('names each kind by its key, `first … then` as order', () => {
  const cases: Array<[Expectation, string]> = [
    [{ id: 'a', explain, holds: ready, during: { from: 0, to: 5 } }, 'holds'],
    [{ id: 'b', explain, becomes: ready, within: { from: 0, to: 5 } }, 'becomes'],
    [{ id: 'c', explain, count: { restarts: { container: 'app' } }, min: 1 }, 'count'],
    [{ id: 'd', explain, first: ready, then: ready }, 'order'],
    [{ id: 'e', explain, final: ready }, 'final'],
  ];
  for (const [e, type] of cases) expect(expectationType(e)).toBe(type);
});

it('refuses an expectation of no known kind, listing the keys it knows', () => {
  expect(() => expectationType({ id: 'x', explain, lasts: ready } as unknown as Expectation)).toThrow('an expectation with none of: holds, becomes, count, first, final');
});
