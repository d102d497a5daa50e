// SPDX-License-Identifier: Apache-2.0
// The history of one predicate (or one count) over run time, kept as its changes.

import type { Predicate } from '@contract/scenario';
import { describePredicate, evaluatePredicate } from './predicate';
import { describeActual } from './predicate-actual';
import type { TimelineState } from './timeline-state';

/** From `t` on (until the next change) the predicate had `value`; `actual` says what was seen. */
export interface Change {
  t: number;
  value: boolean;
  actual: string;
}

/**
 * State only changes when an observation arrives, so between observations it is constant: the
 * list of changes answers "what was true at any moment", also for moments the checker learns to
 * care about late (a window whose anchor is a Kubernetes timestamp from the past).
 */
export class PredicateTrack {
  private readonly changes: Change[] = [];

  constructor(
    readonly predicate: Predicate,
    private readonly state: TimelineState,
    private readonly subject: string,
  ) {}

  /**
   * Evaluates the predicate on the state as it is at `now`. While it stays false, a change in what
   * was seen instead (waiting → terminated) is kept too, so a late verdict can say the latest.
   */
  record(now: number): void {
    const value = evaluatePredicate(this.predicate, this.state, this.subject);
    const last = this.changes.at(-1);
    if (last?.value === true && value) return;
    const actual = value ? describePredicate(this.predicate) : describeActual(this.predicate, this.state, this.subject);
    if (last && last.value === value && last.actual === actual) return;
    this.changes.push({ t: now, value, actual });
  }

  valueAt(t: number): Change | undefined {
    let found: Change | undefined;
    for (const c of this.changes) {
      if (c.t > t) break;
      found = c;
    }
    return found;
  }

  /** The first moment in [lo, hi] the predicate was false (a same-moment flicker counts). */
  firstFalseIn(lo: number, hi: number): Change | undefined {
    const atLo = this.valueAt(lo);
    if (atLo && !atLo.value) return { ...atLo, t: lo };
    return this.changes.find((c) => c.t >= lo && c.t <= hi && !c.value);
  }

  /** The first moment at or after `from` the predicate was true. */
  firstTrueFrom(from: number): Change | undefined {
    const atFrom = this.valueAt(from);
    if (atFrom?.value) return { ...atFrom, t: from };
    return this.changes.find((c) => c.t >= from && c.value);
  }

  /** How many times it turned from false to true up to `t` (being true at the start is not a turn). */
  transitionsUntil(t: number): number {
    return this.changes.filter((c, i) => i > 0 && c.value && c.t <= t).length;
  }
}

/** A count over run time, kept as its changes; counts only grow in practice, but need not. */
export class CountTrack {
  private readonly changes: { t: number; n: number }[] = [];

  record(now: number, n: number): void {
    if (this.changes.at(-1)?.n !== n) this.changes.push({ t: now, n });
  }

  at(t: number): number {
    let n = 0;
    for (const c of this.changes) {
      if (c.t > t) break;
      n = c.n;
    }
    return n;
  }

  /** The first change whose count satisfies `test`. */
  firstWhere(test: (n: number) => boolean): { t: number; n: number } | undefined {
    return this.changes.find((c) => test(c.n));
  }
}
