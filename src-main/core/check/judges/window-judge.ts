// SPDX-License-Identifier: Apache-2.0
// What `holds` and `becomes` share: one predicate tracked over time, judged against one window.

import type { I18nText, Predicate } from '@contract/scenario';
import { pick } from '../../util/bilingual';
import { describeAnchor } from '../anchors';
import { describeTerm } from '../predicate';
import { PredicateTrack } from '../predicate-track';
import { missingAnchor, type WindowPlan } from '../windows';
import { Judge, type JudgeContext } from './judge';

export abstract class WindowJudge extends Judge {
  readonly needsEnd: boolean;
  protected readonly track: PredicateTrack;
  protected readonly what: I18nText;

  constructor(
    id: string,
    ctx: JudgeContext,
    predicate: Predicate,
    protected readonly plan: WindowPlan,
  ) {
    super(id, ctx);
    this.track = new PredicateTrack(predicate, ctx.state, ctx.subject);
    this.what = describeTerm(predicate);
    this.needsEnd = plan.kind === 'range' && (plan.to === 'end' || plan.from === 'end');
  }

  record(now: number): void {
    if (!this.decided) this.track.record(now);
  }

  /** The run ended and the window's anchor never came. */
  protected failMissingAnchor(end: number, consequence: I18nText): void {
    const missing = missingAnchor(this.plan, this.ctx.anchors);
    this.fail(end, (l) => {
      const anchor = missing ? describeAnchor(missing, l) : pick(l, 'the window start', '时间窗的起点');
      return pick(l, `never saw ${anchor}, so ${this.what.en} ${consequence.en}`, `始终没有看到${anchor}，所以 ${this.what.zh} ${consequence.zh}`);
    });
  }
}
