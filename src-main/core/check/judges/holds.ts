// SPDX-License-Identifier: Apache-2.0
// `holds` + `during`: the predicate is true at every moment of the window.

import { explained, secs, span } from '../format';
import { resolveWindow, type ResolvedWindow } from '../windows';
import { WindowJudge } from './window-judge';

export class HoldsJudge extends WindowJudge {
  check(now: number, end?: number): void {
    if (this.decided) return;
    const w = resolveWindow(this.plan, this.ctx.anchors, end);
    if (!w) return;
    // Kubernetes timestamps run ahead of what the watch has delivered: moments before the
    // anchor was seen are not judged, or every container-start window would fail at once.
    const from = Math.max(w.lo, w.since);
    if (from > w.hi) {
      this.fail(w.since, `the window ${span(w.lo, w.hi)} had closed before its anchor was seen at ${secs(w.since)}`, w);
      return;
    }
    const violation = from <= Math.min(w.hi, now) ? this.track.firstFalseIn(from, Math.min(w.hi, now)) : undefined;
    if (violation) {
      this.fail(violation.t, `at ${secs(violation.t)}: ${violation.actual}; expected ${this.expected(w)}`, w);
    } else if (now > w.hi) {
      this.closed(w, from);
    } else {
      this.pending(now < from ? `window ${span(w.lo, w.hi)} not open yet` : `${this.what} so far; window ${span(w.lo, w.hi)}`, w);
    }
  }

  finish(end: number): void {
    this.check(end, end);
    if (this.decided) return;
    const w = resolveWindow(this.plan, this.ctx.anchors, end);
    if (!w) {
      this.failMissingAnchor(end, 'could not be checked');
    } else if (w.lo > end) {
      this.fail(end, `the run ended at ${secs(end)}, before the window ${span(w.lo, w.hi)} opened`, w);
    } else if (w.hi > end) {
      this.fail(end, `${this.what} held until the run ended at ${secs(end)}, but the window ran to ${secs(w.hi)}`, w);
    } else {
      this.closed(w, Math.max(w.lo, w.since));
    }
  }

  /**
   * The window closed with no violation. Moments the timeline could not judge (the pod not
   * created yet) are no violation, but a window with none it could judge proves nothing.
   */
  private closed(w: ResolvedWindow, from: number): void {
    const known = this.track.firstKnownIn(from, w.hi);
    if (!known) {
      const then = this.track.valueAt(w.hi);
      this.fail(w.hi, `${this.what} could not be judged in ${span(w.lo, w.hi)}${then ? `: ${then.actual}` : ''}`, w);
      return;
    }
    const before = known.t > from ? this.track.valueAt(from) : undefined;
    const unjudged = before ? `; before that it could not be judged (${before.actual})` : '';
    this.pass(w.hi, `${this.what} held from ${secs(known.t)} to ${secs(w.hi)}${unjudged}${explained(w)}`, w);
  }

  private expected(w: ResolvedWindow): string {
    return `${this.what} from ${secs(w.lo)} to ${secs(w.hi)}${explained(w)}`;
  }
}
