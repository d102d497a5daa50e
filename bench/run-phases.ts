// SPDX-License-Identifier: Apache-2.0
// A run split into what the lesson dictates and what the tool adds around it.
//
//   requested ─ setup ─ clock ─ observer ─ first step ─ lesson ─ ready ─ finish wait ─ finish ─ teardown ─ ended
//
// setup: the Run button to the run clock (preflight, namespace, ServiceAccount, dry run).
// observer: the clock to the first step (the pod, event and EndpointSlice watches start on the
//   run clock, so every step waits for them).
// lesson: the first step to `ready`, when the last step is done and every verdict the run does
//   not need its end for is decided: the lesson's own timers and the kubelet set this.
// finish wait: ready to the moment the runner judges the end (its verdict batch), which a
//   polling loop delays; teardown: that moment to run:ended (logs, namespace delete).
import type { Expectation } from '@contract/scenario';
import type { RunRecord } from './run-book';

export interface RunPhases {
  setup: number;
  observer: number;
  lesson: number;
  finishWait: number;
  teardown: number;
  /** everything but the lesson */
  overhead: number;
  total: number;
  readyAt: number;
  finishAt: number;
  /** what came last before ready: 'steps', or the expectation decided last */
  readyBy: string;
  /** when readyBy is an expectation: its report came this long after the moment it names (decidedAt); a time window closes on the runner's 250 ms tick */
  decisionLag?: number;
  /** false when no verdict was left for the end, so the finish moment could not be seen (finish wait then counts in teardown) */
  finishSeen: boolean;
}

/**
 * Expectations only the end of the run decides, which the runner does not wait for before it
 * finishes: `final`, a count by `end` (the default), a window from or to `end`. This mirrors
 * Judge.needsEnd (src-main/core/check/judges), read from the lesson as written.
 */
export function decidedOnlyAtEnd(e: Expectation): boolean {
  if ('final' in e) return true;
  if ('count' in e) return (e.by ?? 'end') === 'end';
  const window = 'during' in e ? e.during : 'within' in e ? e.within : undefined;
  return !!window && 'from' in window && (window.from === 'end' || window.to === 'end');
}

export function runPhases(run: RunRecord, expectations: Expectation[]): RunPhases | undefined {
  const { clockZero, firstStepStartedAt, lastStepDoneAt, endedAt } = run;
  if (clockZero === undefined || firstStepStartedAt === undefined || lastStepDoneAt === undefined || endedAt === undefined) return undefined;
  const endOnly = new Set(expectations.filter(decidedOnlyAtEnd).map((e) => e.id));
  let readyAt = lastStepDoneAt;
  let readyBy = 'steps';
  for (const [id, at] of run.decidedAt) {
    if (endOnly.has(id) || at <= readyAt) continue;
    readyAt = at;
    readyBy = id;
  }
  const named = run.verdicts.get(readyBy)?.decidedAt;
  // The batch in which the runner's finish() decided what was left for the end.
  const finishBatch = [...run.batches].reverse().find((b) => b.at >= readyAt && b.decided.some((id) => endOnly.has(id)));
  const finishAt = finishBatch?.at ?? readyAt;
  const setup = clockZero - run.requestedAt;
  const observer = firstStepStartedAt - clockZero;
  const finishWait = finishAt - readyAt;
  const teardown = endedAt - finishAt;
  return {
    setup,
    observer,
    lesson: readyAt - firstStepStartedAt,
    finishWait,
    teardown,
    overhead: setup + observer + finishWait + teardown,
    total: endedAt - run.requestedAt,
    readyAt,
    finishAt,
    readyBy,
    ...(named !== undefined ? { decisionLag: readyAt - (clockZero + named) } : {}),
    finishSeen: !!finishBatch,
  };
}
