// SPDX-License-Identifier: Apache-2.0
// `first` / `then`: the first moment `first` holds comes strictly before the first moment `then` holds.

import type { I18nText, Predicate } from '@contract/scenario';
import { pick } from '../../util/bilingual';
import { secs } from '../format';
import { describeTerm } from '../predicate';
import { PredicateTrack } from '../predicate-track';
import { Judge, type JudgeContext } from './judge';

export class OrderJudge extends Judge {
  // Decided as soon as `then` first holds; pending until then (the end decides only if it never does).
  readonly needsEnd = false;
  private readonly first: PredicateTrack;
  private readonly then: PredicateTrack;
  private readonly a: I18nText;
  private readonly b: I18nText;

  constructor(id: string, ctx: JudgeContext, first: Predicate, then: Predicate) {
    super(id, ctx);
    this.first = new PredicateTrack(first, ctx.state, ctx.subject);
    this.then = new PredicateTrack(then, ctx.state, ctx.subject);
    this.a = describeTerm(first);
    this.b = describeTerm(then);
  }

  record(now: number): void {
    if (this.decided) return;
    this.first.record(now);
    this.then.record(now);
  }

  check(): void {
    if (this.decided) return;
    const { a: A, b: B } = this;
    const a = this.first.firstTrueFrom(0);
    const b = this.then.firstTrueFrom(0);
    if (b && a && a.t < b.t) {
      this.pass(b.t, (l) => pick(l, `${A.en} at ${secs(a.t)}, then ${B.en} at ${secs(b.t)}`, `${A.zh} 在 ${secs(a.t, l)} 成立，随后 ${B.zh} 在 ${secs(b.t, l)} 成立`));
    } else if (b && a && a.t === b.t) {
      this.fail(b.t, (l) => pick(l, `${B.en} at ${secs(b.t)}, at the same moment as ${A.en}, not after it`, `${B.zh} 在 ${secs(b.t, l)} 成立，与 ${A.zh} 同时，而不是在它之后`));
    } else if (b) {
      this.fail(b.t, (l) => pick(l, `${B.en} at ${secs(b.t)}, before ${A.en} had held`, `${B.zh} 在 ${secs(b.t, l)} 成立，早于 ${A.zh}`));
    } else if (a) {
      this.pending((l) => pick(l, `${A.en} at ${secs(a.t)}; waiting for ${B.en}`, `${A.zh} 在 ${secs(a.t, l)} 成立；等待 ${B.zh}`));
    } else {
      this.pending((l) => pick(l, `waiting for ${A.en}, then ${B.en}`, `等待 ${A.zh}，然后是 ${B.zh}`));
    }
  }

  finish(end: number): void {
    this.check();
    if (this.decided) return;
    const { a: A, b: B } = this;
    const a = this.first.firstTrueFrom(0);
    this.fail(end, (l) =>
      a
        ? pick(l, `${A.en} at ${secs(a.t)}, but ${B.en} never held before the run ended at ${secs(end)}`, `${A.zh} 在 ${secs(a.t, l)} 成立，但直到运行在 ${secs(end, l)} 结束，${B.zh} 都没有成立`)
        : pick(l, `neither ${A.en} nor ${B.en} held before the run ended at ${secs(end)}`, `直到运行在 ${secs(end, l)} 结束，${A.zh} 和 ${B.zh} 都没有成立`),
    );
  }
}
