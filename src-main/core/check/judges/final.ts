// SPDX-License-Identifier: Apache-2.0
// `final`: the predicate holds when the run ends.

import type { Predicate } from '@contract/scenario';
import { pick } from '../../util/bilingual';
import { secs } from '../format';
import { describePredicate, describeTerm, evaluatePredicate } from '../predicate';
import { describeActual } from '../predicate-actual';
import { Judge, type JudgeContext } from './judge';

export class FinalJudge extends Judge {
  readonly needsEnd = true;

  constructor(
    id: string,
    ctx: JudgeContext,
    private readonly predicate: Predicate,
  ) {
    super(id, ctx);
  }

  record(): void {}

  check(): void {}

  finish(end: number): void {
    const { state, subject } = this.ctx;
    const p = this.predicate;
    if (evaluatePredicate(p, state, subject)) {
      this.pass(end, (l) => pick(l, `${describePredicate(p)} at the end of the run (${secs(end)})`, `运行结束时（${secs(end, l)}）${describeTerm(p).zh} 成立`));
    } else {
      this.fail(end, (l) => pick(l, `at the end of the run (${secs(end)}): ${describeActual(p, state, subject)}; expected ${describePredicate(p)}`, `运行结束时（${secs(end, l)}）：${describeActual(p, state, subject, l)}；预期 ${describePredicate(p, l)}`));
    }
  }
}
