// SPDX-License-Identifier: Apache-2.0
// When a watch lost track of the namespace (its resourceVersion expired: 410 Gone, then a relist),
// nothing tells what happened in the gap: a Ready flap, an event, a pod that came and went. A
// verdict whose evidence reaches into a gap is reported as undecided, saying why, rather than as a
// pass or a fail the observations cannot back. `final` expectations judge the end state only,
// which the relist restores, so a gap does not blind them.
import type { GapObservation, Observation } from '@contract/observation';
import type { Verdict } from '@contract/verdict';
import { tidyChinese } from '../util/bilingual';
import { secs } from './format';


export class GapBook {
  private readonly gaps: GapObservation[] = [];

  record(o: Observation): void {
    if (o.kind === 'gap') this.gaps.push(o);
  }

  /** The verdict as far as it can be trusted: unchanged, or pending with the gap that blinds it. */
  vet(v: Verdict): Verdict {
    if (v.state === 'pending' || v.decidedAt === undefined) return v;
    const decidedAt = v.decidedAt;
    // The evidence runs from the window's start (the run's, without one) to the decision.
    const lo = Math.min(v.window?.lo ?? 0, decidedAt);
    const gap = this.gaps.find((g) => g.from < decidedAt && g.t >= lo);
    if (!gap) return v;
    return {
      expectationId: v.expectationId,
      state: 'pending',
      ...(v.window ? { window: v.window } : {}),
      detail:
        `cannot be sure: the ${gap.resource} watch lost track from ${secs(gap.from)} to ${secs(gap.t)} (${gap.reason}), ` +
        `so what happened in between is unknown; what was seen alone would say ${v.state}: ${v.detail}`,
      detailZh: tidyChinese(
        `无法确定：${gap.resource} 的 watch 在 ${secs(gap.from, 'zh')} 到 ${secs(gap.t, 'zh')} 之间失去了跟踪（${gap.reason}），` +
          `其间发生了什么无从得知；仅凭看到的部分会判为${v.state === 'pass' ? '通过' : '未通过'}：${v.detailZh ?? v.detail}`,
      ),
    };
  }
}
