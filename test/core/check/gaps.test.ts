// SPDX-License-Identifier: Apache-2.0
// A watch gap (410 Gone, then a relist) blinds the verdicts whose evidence reaches into it, and
// only those: they stay undecided and say why, instead of passing or failing on what was missed.
import type { Observation } from '@contract/observation';
import type { Expectation, Predicate } from '@contract/scenario';
import { describe, expect, it } from 'vitest';
import { Checker } from '../../../src-main/core/check/checker';
import { RUN_START, TimelineBuilder } from './timeline-builder';

const READY: Predicate = { condition: 'Ready', status: 'True' };

function verdict(e: Omit<Expectation, 'id' | 'explain'>, timeline: Observation[], end: number) {
  const checker = new Checker({ expectations: [{ id: 'e', explain: { zh: '', en: '' }, ...e } as Expectation], params: {}, subject: 'web', runStartedAt: RUN_START });
  for (const o of timeline) checker.observe(o);
  checker.finish(end * 1000);
  return checker.verdicts()[0]!;
}

/** The pods watch lost track from `from` s and relisted at `to` s. */
const gap = (from: number, to: number): Observation => ({ kind: 'gap', t: to * 1000, resource: 'pods', from: from * 1000, fromResourceVersion: '100', toResourceVersion: '200', reason: 'too old resource version: 100 (150)' });

const readyAt = (t: number) => new TimelineBuilder().pod(1, { phase: 'Running', ready: false }).pod(t, { ready: true });

describe('Checker and watch gaps', () => {
  it('a state that must hold through a window cannot pass when part of the window went unseen', () => {
    const seen = readyAt(5).pod(20, { ready: true, podIP: '10.0.0.9' }).build();
    expect(verdict({ holds: READY, during: { from: 10, to: 30 } }, seen, 40).state).toBe('pass');
    const blinded = verdict({ holds: READY, during: { from: 10, to: 30 } }, [...seen.slice(0, 2), gap(12, 20), ...seen.slice(2)], 40);
    expect(blinded.state).toBe('pending');
    expect(blinded.detail).toMatch(/^cannot be sure: the pods watch lost track from 12\.0 s to 20\.0 s \(too old resource version/);
    expect(blinded.detail).toMatch(/would say pass/);
  });

  it('a change first seen at the relist cannot fail a window the gap covered', () => {
    const timeline = [...new TimelineBuilder().pod(1, { phase: 'Running', ready: false }).build(), gap(4, 20), ...new TimelineBuilder().pod(20, { phase: 'Running', ready: true }).build()];
    const v = verdict({ becomes: READY, within: { from: 0, to: 10 } }, timeline, 30);
    expect(v.state).toBe('pending');
    expect(v.detail).toMatch(/would say fail/);
  });

  it('a verdict decided before the gap began stands', () => {
    const v = verdict({ becomes: READY, within: { from: 0, to: 30 } }, [...readyAt(8).build(), gap(12, 20)], 40);
    expect(v.state).toBe('pass');
  });

  it('the end state is what the relist shows, so a final expectation is judged as usual', () => {
    const v = verdict({ final: READY }, [...readyAt(8).build(), gap(12, 20)], 40);
    expect(v.state).toBe('pass');
  });
});
