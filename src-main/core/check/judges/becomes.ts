// SPDX-License-Identifier: Apache-2.0
// `becomes` + `within`: the first moment the predicate is true falls inside the window.

import { explained, secs, span } from '../format';
import { resolveWindow } from '../windows';
import { WindowJudge } from './window-judge';

export class BecomesJudge extends WindowJudge {
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
      this.failMissingAnchor(end, 'could not be timed');
      return;
    }
    const last = this.track.valueAt(end);
    this.fail(end, `never: ${this.what} did not happen before the run ended at ${secs(end)}${last ? ` (${last.actual})` : ''}; window ${span(w.lo, w.hi)}${explained(w)}`, w);
  }
}
