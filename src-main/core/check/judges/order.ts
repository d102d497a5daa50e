// SPDX-License-Identifier: Apache-2.0
// `first` / `then`: the first moment `first` holds comes strictly before the first moment `then` holds.

import type { Predicate } from '@contract/scenario';
import { secs } from '../format';
import { describePredicate } from '../predicate';
import { PredicateTrack } from '../predicate-track';
import { Judge, type JudgeContext } from './judge';

export class OrderJudge extends Judge {
  // Decided as soon as `then` first holds; pending until then (the end decides only if it never does).
  readonly needsEnd = false;
  private readonly first: PredicateTrack;
  private readonly then: PredicateTrack;
  private readonly a: string;
  private readonly b: string;

  constructor(id: string, ctx: JudgeContext, first: Predicate, then: Predicate) {
    super(id, ctx);
    this.first = new PredicateTrack(first, ctx.state, ctx.subject);
    this.then = new PredicateTrack(then, ctx.state, ctx.subject);
    this.a = describePredicate(first);
    this.b = describePredicate(then);
  }

  record(now: number): void {
    if (this.decided) return;
    this.first.record(now);
    this.then.record(now);
  }

  check(): void {
    if (this.decided) return;
    const a = this.first.firstTrueFrom(0);
    const b = this.then.firstTrueFrom(0);
    if (b && a && a.t < b.t) {
      this.pass(b.t, `${this.a} at ${secs(a.t)}, then ${this.b} at ${secs(b.t)}`);
    } else if (b && a && a.t === b.t) {
      this.fail(b.t, `${this.b} at ${secs(b.t)}, at the same moment as ${this.a}, not after it`);
    } else if (b) {
      this.fail(b.t, `${this.b} at ${secs(b.t)}, before ${this.a} had held`);
    } else {
      this.pending(a ? `${this.a} at ${secs(a.t)}; waiting for ${this.b}` : `waiting for ${this.a}, then ${this.b}`);
    }
  }

  finish(end: number): void {
    this.check();
    if (this.decided) return;
    const a = this.first.firstTrueFrom(0);
    this.fail(
      end,
      a
        ? `${this.a} at ${secs(a.t)}, but ${this.b} never held before the run ended at ${secs(end)}`
        : `neither ${this.a} nor ${this.b} held before the run ended at ${secs(end)}`,
    );
  }
}
