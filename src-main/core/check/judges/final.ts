// SPDX-License-Identifier: Apache-2.0
// `final`: the predicate holds when the run ends.

import type { Predicate } from '@contract/scenario';
import { secs } from '../format';
import { describePredicate, evaluatePredicate } from '../predicate';
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
    if (evaluatePredicate(this.predicate, state, subject)) {
      this.pass(end, `${describePredicate(this.predicate)} at the end of the run (${secs(end)})`);
    } else {
      this.fail(end, `at the end of the run (${secs(end)}): ${describeActual(this.predicate, state, subject)}; expected ${describePredicate(this.predicate)}`);
    }
  }
}
