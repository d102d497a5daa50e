// SPDX-License-Identifier: Apache-2.0
// `holds` + `during`: the predicate is true at every moment of the window.

import { pick, type Lang } from '../../util/bilingual';
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
      this.fail(w.since, (l) => pick(l, `the window ${span(w.lo, w.hi)} had closed before its anchor was seen at ${secs(w.since)}`, `时间窗 ${span(w.lo, w.hi, l)} 在锚点于 ${secs(w.since, l)} 被看到之前就已关闭`), w);
      return;
    }
    const violation = from <= Math.min(w.hi, now) ? this.track.firstFalseIn(from, Math.min(w.hi, now)) : undefined;
    if (violation) {
      this.fail(violation.t, (l) => pick(l, `at ${secs(violation.t)}: ${violation.actual.en}; expected ${this.expected(w, l)}`, `在 ${secs(violation.t, l)}：${violation.actual.zh}；预期 ${this.expected(w, l)}`), w);
    } else if (now > w.hi) {
      this.closed(w, from);
    } else if (now < from) {
      this.pending((l) => pick(l, `window ${span(w.lo, w.hi)} not open yet`, `时间窗 ${span(w.lo, w.hi, l)} 尚未开始`), w);
    } else {
      this.pending((l) => pick(l, `${this.what.en} so far; window ${span(w.lo, w.hi)}`, `到目前为止 ${this.what.zh} 一直成立；时间窗 ${span(w.lo, w.hi, l)}`), w);
    }
  }

  finish(end: number): void {
    this.check(end, end);
    if (this.decided) return;
    const w = resolveWindow(this.plan, this.ctx.anchors, end);
    if (!w) {
      this.failMissingAnchor(end, { en: 'could not be checked', zh: '无法检查' });
    } else if (w.lo > end) {
      this.fail(end, (l) => pick(l, `the run ended at ${secs(end)}, before the window ${span(w.lo, w.hi)} opened`, `运行在 ${secs(end, l)} 结束，时间窗 ${span(w.lo, w.hi, l)} 还没有开始`), w);
    } else if (w.hi > end) {
      this.fail(end, (l) => pick(l, `${this.what.en} held until the run ended at ${secs(end)}, but the window ran to ${secs(w.hi)}`, `${this.what.zh} 一直成立到运行在 ${secs(end, l)} 结束，但时间窗要持续到 ${secs(w.hi, l)}`), w);
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
    const what = this.what;
    if (!known) {
      const then = this.track.valueAt(w.hi);
      this.fail(w.hi, (l) => pick(l, `${what.en} could not be judged in ${span(w.lo, w.hi)}${then ? `: ${then.actual.en}` : ''}`, `在 ${span(w.lo, w.hi, l)} 内无法判断 ${what.zh}${then ? `：${then.actual.zh}` : ''}`), w);
      return;
    }
    const before = known.t > from ? this.track.valueAt(from) : undefined;
    const unjudged = (l: Lang) => (before ? pick(l, `; before that it could not be judged (${before.actual.en})`, `；在那之前无法判断（${before.actual.zh}）`) : '');
    this.pass(w.hi, (l) => pick(l, `${what.en} held from ${secs(known.t)} to ${secs(w.hi)}${unjudged(l)}${explained(w)}`, `${what.zh} 从 ${secs(known.t, l)} 到 ${secs(w.hi, l)} 一直成立${unjudged(l)}${explained(w, l)}`), w);
  }

  private expected(w: ResolvedWindow, l: Lang): string {
    return pick(l, `${this.what.en} from ${secs(w.lo)} to ${secs(w.hi)}${explained(w)}`, `${this.what.zh} 从 ${secs(w.lo, l)} 到 ${secs(w.hi, l)} 一直成立${explained(w, l)}`);
  }
}
