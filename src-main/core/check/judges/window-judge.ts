// SPDX-License-Identifier: Apache-2.0
// What `holds` and `becomes` share: one predicate tracked over time, judged against one window.

import type { Predicate } from '@contract/scenario';
import { describeAnchor } from '../anchors';
import { describePredicate } from '../predicate';
import { PredicateTrack } from '../predicate-track';
import { missingAnchor, type WindowPlan } from '../windows';
import { Judge, type JudgeContext } from './judge';

export abstract class WindowJudge extends Judge {
  readonly needsEnd: boolean;
  protected readonly track: PredicateTrack;
  protected readonly what: string;

  constructor(
    id: string,
    ctx: JudgeContext,
    predicate: Predicate,
    protected readonly plan: WindowPlan,
  ) {
    super(id, ctx);
    this.track = new PredicateTrack(predicate, ctx.state, ctx.subject);
    this.what = describePredicate(predicate);
    this.needsEnd = plan.kind === 'range' && (plan.to === 'end' || plan.from === 'end');
  }

  record(now: number): void {
    if (!this.decided) this.track.record(now);
  }

  /** The run ended and the window's anchor never came. */
  protected failMissingAnchor(end: number, consequence: string): void {
    const missing = missingAnchor(this.plan, this.ctx.anchors);
    this.fail(end, `never saw ${missing ? describeAnchor(missing) : 'the window start'}, so ${this.what} ${consequence}`);
  }
}
