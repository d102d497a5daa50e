// SPDX-License-Identifier: Apache-2.0
// How a run ended, from its verdicts or from what stopped it. A failure the kubelet did not cause
// (the cluster out of sight, a verdict a watch gap left open) is an error, never a failed lesson.
import { notJudged, outOfSight, runErrorZhLine } from '@contract/run-errors';
import type { Verdict } from '@contract/verdict';
import type { OutageLog } from './outages';

export type RunOutcome = 'passed' | 'failed' | 'error' | 'aborted' | 'interrupted';

/** The abort reason when podlab itself goes away mid-run (the app quits, `podlab serve` is stopped): not the learner's stop. */
export class RunInterrupted extends Error {
  override readonly name = 'RunInterrupted';
}

export interface Ending {
  outcome: RunOutcome;
  error?: string;
}

/** A run whose steps all ran (or one the cluster did not follow): its verdicts decide. */
export function endingOfVerdicts(verdicts: Verdict[], outages: OutageLog, endT: number): Ending {
  for (const v of verdicts) {
    const gap = outages.blinded(v, endT);
    if (gap) {
      const s = (ms: number) => (ms / 1000).toFixed(1);
      return { outcome: 'error', error: outOfSight(s(gap.from), s(gap.to), v.expectationId) };
    }
  }
  // After finish() only a watch gap leaves a verdict pending (check/gaps.ts): not the kubelet's doing either.
  const unsure = verdicts.find((v) => v.state === 'pending');
  if (unsure) return { outcome: 'error', error: notJudged(unsure.expectationId, unsure.detail) };
  return { outcome: verdicts.every((v) => v.state === 'pass') ? 'passed' : 'failed' };
}

/** A breakdown or a stop mid-run: whatever was still pending did not get its chance. */
export function closeUndecided(verdicts: Verdict[], ending: Ending): Verdict[] {
  if (ending.outcome === 'passed' || ending.outcome === 'failed') return verdicts;
  // the pending verdict's own Chinese detail would now say something else than its English one
  const whyZh = runErrorZhLine(ending.error ?? '');
  return verdicts.map((v): Verdict => (v.state === 'pending' ? { ...v, state: 'fail', detail: `not decided: ${ending.error}`, detailZh: `未判定：${whyZh}` } : v));
}
