// SPDX-License-Identifier: Apache-2.0
// One judge per expectation type; windows and params are checked when the judge is built.

import type { Anchor, Expectation } from '@contract/scenario';
import { bindTimeRef, planAnchors, planWindow, timeRefAnchors } from '../windows';
import { BecomesJudge } from './becomes';
import { CountJudge } from './count';
import { FinalJudge } from './final';
import { HoldsJudge } from './holds';
import type { Judge, JudgeContext } from './judge';
import { OrderJudge } from './order';

export type { Judge, JudgeContext } from './judge';

/** Builds the judge and tells the anchor book what to look out for. Throws on bad params or predictions. */
export function createJudge(e: Expectation, ctx: JudgeContext, params: Record<string, number>): Judge {
  const watch = (anchors: Anchor[]): void => anchors.forEach((a) => ctx.anchors.watch(a));
  if ('holds' in e) {
    const plan = planWindow(e.during, params, e.id);
    watch(planAnchors(plan));
    return new HoldsJudge(e.id, ctx, e.holds, plan);
  }
  if ('becomes' in e) {
    const plan = planWindow(e.within, params, e.id);
    watch(planAnchors(plan));
    return new BecomesJudge(e.id, ctx, e.becomes, plan);
  }
  if ('count' in e) {
    const by = bindTimeRef(e.by ?? 'end', params, e.id);
    watch(timeRefAnchors(by));
    return new CountJudge(e.id, ctx, e.count, e.min, e.max, by);
  }
  if ('first' in e) return new OrderJudge(e.id, ctx, e.first, e.then);
  return new FinalJudge(e.id, ctx, e.final);
}
