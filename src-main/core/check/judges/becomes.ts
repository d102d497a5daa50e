// SPDX-License-Identifier: Apache-2.0
// `becomes` + `within`: the first moment the predicate is true falls inside the window.

import { pick } from '../../util/bilingual';
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
    const what = this.what;
    const inWindow = (l: 'en' | 'zh') => `${span(w.lo, w.hi, l)}${explained(w, l)}`;
    if (first && first.t < w.lo) {
      const at = first.t;
      this.fail(at, (l) => pick(l, `early: ${what.en} at ${secs(at)}, before the window ${inWindow(l)}`, `过早：${what.zh} 在 ${secs(at, l)} 就成立了，早于时间窗 ${inWindow(l)}`), w);
    } else if (first && first.t <= w.hi) {
      const at = first.t;
      this.pass(at, (l) => pick(l, `${what.en} at ${secs(at)}, inside ${inWindow(l)}`, `${what.zh} 在 ${secs(at, l)} 成立，落在时间窗 ${span(w.lo, w.hi, l)} 内${explained(w, l)}`), w);
    } else if (first) {
      const at = first.t;
      this.fail(at, (l) => pick(l, `late: ${what.en} only at ${secs(at)}, after the window ${inWindow(l)}`, `过晚：${what.zh} 直到 ${secs(at, l)} 才成立，晚于时间窗 ${inWindow(l)}`), w);
    } else if (now > w.hi) {
      const then = this.track.valueAt(w.hi);
      this.fail(
        w.hi,
        (l) => pick(l, `late: not ${what.en} by ${secs(w.hi)}${then ? ` (${then.actual.en})` : ''}; window ${inWindow(l)}`, `过晚：到 ${secs(w.hi, l)} ${what.zh} 仍未成立${then ? `（${then.actual.zh}）` : ''}；时间窗 ${inWindow(l)}`),
        w,
      );
    } else {
      this.pending((l) => pick(l, `not ${what.en} yet; window ${span(w.lo, w.hi)}`, `${what.zh} 尚未成立；时间窗 ${span(w.lo, w.hi, l)}`), w);
    }
  }

  finish(end: number): void {
    this.check(end, end);
    if (this.decided) return;
    const w = resolveWindow(this.plan, this.ctx.anchors, end);
    if (!w) {
      this.failMissingAnchor(end, { en: 'could not be timed', zh: '无法计时' });
      return;
    }
    const last = this.track.valueAt(end);
    const what = this.what;
    this.fail(
      end,
      (l) =>
        pick(
          l,
          `never: ${what.en} did not happen before the run ended at ${secs(end)}${last ? ` (${last.actual.en})` : ''}; window ${span(w.lo, w.hi)}${explained(w)}`,
          `从未发生：直到运行在 ${secs(end, l)} 结束，${what.zh} 都没有成立${last ? `（${last.actual.zh}）` : ''}；时间窗 ${span(w.lo, w.hi, l)}${explained(w, l)}`,
        ),
      w,
    );
  }
}
