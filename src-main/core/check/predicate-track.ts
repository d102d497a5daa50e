// SPDX-License-Identifier: Apache-2.0
// The history of one predicate (or one count) over run time, kept as its changes.

import type { I18nText, Predicate } from '@contract/scenario';
import { bilingual } from '../util/bilingual';
import { describePredicate, predicateValue } from './predicate';
import { describeActual } from './predicate-actual';
import type { TimelineState } from './timeline-state';

/**
 * From `t` on (until the next change) the predicate had `value`, undefined while the timeline
 * could not tell (the pod not seen yet); `actual` says what was seen.
 */
export interface Change {
  t: number;
  value: boolean | undefined;
  actual: I18nText;
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
    const value = predicateValue(this.predicate, this.state, this.subject);
    const last = this.changes.at(-1);
    if (last?.value === true && value === true) return;
    const actual = bilingual((l) => (value ? describePredicate(this.predicate, l) : describeActual(this.predicate, this.state, this.subject, l)));
    if (last && last.value === value && last.actual.en === actual.en) return;
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

  /** The first moment in [lo, hi] the predicate was known to be false (a same-moment flicker counts). */
  firstFalseIn(lo: number, hi: number): Change | undefined {
    return this.firstIn(lo, hi, false);
  }

  /** The first moment in [lo, hi] the timeline could tell either way. */
  firstKnownIn(lo: number, hi: number): Change | undefined {
    const [yes, no] = [this.firstIn(lo, hi, true), this.firstIn(lo, hi, false)];
    return yes && no ? (yes.t <= no.t ? yes : no) : (yes ?? no);
  }

  /** The first moment at or after `from` the predicate was true. */
  firstTrueFrom(from: number): Change | undefined {
    return this.firstIn(from, Infinity, true);
  }

  /** How many times it turned true up to `t` (being true at the start is not a turn). */
  transitionsUntil(t: number): number {
    return this.changes.filter((c, i) => i > 0 && c.value === true && c.t <= t).length;
  }

  private firstIn(lo: number, hi: number, value: boolean): Change | undefined {
    const atLo = this.valueAt(lo);
    if (atLo?.value === value) return { ...atLo, t: lo };
    return this.changes.find((c) => c.t >= lo && c.t <= hi && c.value === value);
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
