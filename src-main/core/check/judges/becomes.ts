// SPDX-License-Identifier: Apache-2.0
// `becomes` + `within`: the first moment the predicate is true falls inside the window.

import type { Predicate } from '@contract/scenario';
import { describeAnchor } from '../anchors';
import { explained, secs, span } from '../format';
import { describePredicate } from '../predicate';
import { PredicateTrack } from '../predicate-track';
import { missingAnchor, resolveWindow, type WindowPlan } from '../windows';
import { Judge, type JudgeContext } from './judge';

export class BecomesJudge extends Judge {
  readonly needsEnd: boolean;
  private readonly track: PredicateTrack;
  private readonly what: string;

  constructor(
    id: string,
    ctx: JudgeContext,
    predicate: Predicate,
    private readonly plan: WindowPlan,
  ) {
    super(id, ctx);
    this.track = new PredicateTrack(predicate, ctx.state, ctx.subject);
    this.what = describePredicate(predicate);
    this.needsEnd = plan.kind === 'range' && (plan.to === 'end' || plan.from === 'end');
  }

  record(now: number): void {
    if (!this.decided) this.track.record(now);
  }

  /**
   * The search starts when the window's anchor was seen, not at run start: "Ready becomes False
   * after the app broke" must not count the minutes before the app was ever ready. Once the
   * first moment is known the verdict stays, even if the predicate turns false again.
   */
  check(now: number, end?: number): void {
    if (this.decided) return;
    const w = resolveWindow(this.plan, this.ctx.anchors, end);
    if (!w) return;
    const first = this.track.firstTrueFrom(w.since);
    const inWindow = `${span(w.lo, w.hi)}${explained(w)}`;
    if (first && first.t < w.lo) {
      this.fail(first.t, `early: ${this.what} at ${secs(first.t)}, before the window ${inWindow}`, w);
    } else if (first && first.t <= w.hi) {
      this.pass(first.t, `${this.what} at ${secs(first.t)}, inside ${inWindow}`, w);
    } else if (first) {
      this.fail(first.t, `late: ${this.what} only at ${secs(first.t)}, after the window ${inWindow}`, w);
    } else if (now > w.hi) {
      const then = this.track.valueAt(w.hi);
      this.fail(w.hi, `late: not ${this.what} by ${secs(w.hi)}${then ? ` (${then.actual})` : ''}; window ${inWindow}`, w);
    } else {
      this.pending(`not ${this.what} yet; window ${span(w.lo, w.hi)}`, w);
    }
  }

  finish(end: number): void {
    this.check(end, end);
    if (this.decided) return;
    const w = resolveWindow(this.plan, this.ctx.anchors, end);
    if (!w) {
      const missing = missingAnchor(this.plan, this.ctx.anchors);
      this.fail(end, `never saw ${missing ? describeAnchor(missing) : 'the window start'}, so ${this.what} could not be timed`);
      return;
    }
    const last = this.track.valueAt(end);
    this.fail(end, `never: ${this.what} did not happen before the run ended at ${secs(end)}${last ? ` (${last.actual})` : ''}; window ${span(w.lo, w.hi)}${explained(w)}`, w);
  }
}
