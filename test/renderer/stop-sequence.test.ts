// SPDX-License-Identifier: Apache-2.0
// The stop sequence the timeline draws: preStop inside the grace period, SIGTERM, SIGKILL ≥ 2 s later.
import { expect, it } from 'vitest';
import { stopSequence } from '../../src-renderer/src/lib/stop-sequence';

it.each([
  ['no hook', 30, undefined, { sigterm: 1000, sigkill: 31000 }],
  ['a hook shorter than the grace period', 30, 15, { preStop: { from: 1000, to: 16000, seconds: 15 }, sigterm: 16000, sigkill: 31000 }],
  ['a hook longer than the grace period (prestop-exceeds-grace: exit 137 at about 22 s)', 20, 60, { preStop: { from: 1000, to: 21000, seconds: 60 }, sigterm: 21000, sigkill: 23000 }],
  ['a grace period of 0', 0, undefined, { sigterm: 1000, sigkill: 3000 }],
] as const)('%s', (_name, grace, preStop, expected) => {
  expect(stopSequence(1000, grace, preStop)).toEqual(expected);
});

it('places nothing it cannot know: a hook whose length cannot be read', () => {
  expect(stopSequence(1000, 30, NaN)).toBeUndefined();
});
