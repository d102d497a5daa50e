// SPDX-License-Identifier: Apache-2.0
// The execResult predicate: an exec step's exit code and output, as `kubectl exec` would show them.
import type { ExecObservation } from '@contract/observation';
import { describe, expect, it } from 'vitest';
import { describePredicate, predicateValue } from '../../../src-main/core/check/predicate';
import { describeActual } from '../../../src-main/core/check/predicate-actual';
import { TimelineState } from '../../../src-main/core/check/timeline-state';

const exec = (exitCode: number, output: string): ExecObservation => ({
  kind: 'exec',
  t: 5000,
  step: 'show-env',
  pod: 'web',
  container: 'c',
  command: ['printenv', 'MY_POD_IP'],
  exitCode,
  output,
});

describe('execResult', () => {
  it('is unknown until the step ran', () => {
    const state = new TimelineState(0);
    expect(predicateValue({ execResult: 'show-env', exitCode: 0 }, state, 'web')).toBeUndefined();
    expect(describeActual({ execResult: 'show-env' }, state, 'web')).toBe('exec "show-env" has not run');
  });

  it.each([
    [{ execResult: 'show-env', exitCode: 0 }, 0, '10.88.0.7\n', true],
    [{ execResult: 'show-env', exitCode: 0 }, 1, '', false],
    [{ execResult: 'show-env', output: '^10\\.88\\.' }, 0, '10.88.0.7\n', true],
    [{ execResult: 'show-env', output: 'not here' }, 0, '10.88.0.7\n', false],
    [{ execResult: 'show-env', exitCode: 127, output: 'not found' }, 127, 'sh: pgrep: not found\n', true],
  ])('%j with exit %i and output %j → %s', (p, exitCode, output, want) => {
    const state = new TimelineState(0);
    state.apply(exec(exitCode, output));
    expect(predicateValue(p, state, 'web')).toBe(want);
  });

  it('is described in words', () => {
    expect(describePredicate({ execResult: 'show-env', exitCode: 0, output: 'x' })).toBe('exec "show-env" exit 0 and output ~ /x/');
  });
});

describe('combined events', () => {
  it('match by their message without the recorder\'s "(combined from similar events)" prefix', async () => {
    const { eventMatches } = await import('../../../src-main/core/check/predicate');
    const e = { object: 'web', reason: 'Unhealthy', type: 'Warning', message: '(combined from similar events): Liveness probe errored and resulted in unknown state: x', occurrences: 1 };
    expect(eventMatches({ reason: 'Unhealthy', message: '^Liveness probe errored' }, e as never, 'web')).toBe(true);
    expect(eventMatches({ reason: 'Unhealthy', message: '^Readiness' }, e as never, 'web')).toBe(false);
  });
});
