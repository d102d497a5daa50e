// SPDX-License-Identifier: Apache-2.0
// `count`: restarts, events, traffic results or transitions lie in [min, max] at `by`.

import type { BoundTimeRef, Countable } from '@contract/scenario';
import { describeAnchor } from '../anchors';
import { secs } from '../format';
import { describeEvent, describePredicate, eventMatches } from '../predicate';
import { CountTrack, PredicateTrack } from '../predicate-track';
import { resolveTime, timeRefAnchors } from '../windows';
import { Judge, type JudgeContext } from './judge';

export class CountJudge extends Judge {
  readonly needsEnd: boolean;
  private readonly counts = new CountTrack();
  private readonly measure: (now: number) => number;
  private readonly what: string;

  constructor(
    id: string,
    ctx: JudgeContext,
    countable: Countable,
    private readonly min: number | undefined,
    private readonly max: number | undefined,
    private readonly by: BoundTimeRef,
  ) {
    super(id, ctx);
    this.needsEnd = by === 'end';
    [this.measure, this.what] = measureOf(countable, ctx);
  }

  record(now: number): void {
    if (!this.decided) this.counts.record(now, this.measure(now));
  }

  check(now: number, end?: number): void {
    if (this.decided) return;
    const by = resolveTime(this.by, this.ctx.anchors, end);
    if (!by) return;
    const until = by.at === Infinity ? '' : ` by ${secs(by.at)}`;
    // Counts only grow, so too many before `by` cannot be undone, and enough with no maximum cannot be lost.
    const over = this.max === undefined ? undefined : this.counts.firstWhere((n) => n > (this.max ?? Infinity));
    if (over && over.t <= by.at) {
      this.fail(over.t, `${over.n} ${this.what} at ${secs(over.t)}, more than ${this.max}${until}`);
      return;
    }
    const enough = this.min !== undefined && this.max === undefined ? this.counts.firstWhere((n) => n >= (this.min ?? 0)) : undefined;
    if (enough && enough.t <= by.at) {
      this.pass(enough.t, `${enough.n} ${this.what} at ${secs(enough.t)}, at least ${this.min}${until}`);
    } else if (now > by.at) {
      this.decideAt(by.at);
    } else {
      this.pending(`${this.counts.at(now)} ${this.what} so far; expected ${this.range()}${until}`);
    }
  }

  finish(end: number): void {
    this.check(end, end);
    if (this.decided) return;
    const by = resolveTime(this.by, this.ctx.anchors, end);
    if (!by) {
      const missing = timeRefAnchors(this.by).find((a) => !this.ctx.anchors.get(a));
      this.fail(end, `never saw ${missing ? describeAnchor(missing) : 'the moment to count by'}, so ${this.what} were not counted`);
    } else if (by.at > end) {
      this.fail(end, `the run ended at ${secs(end)}, before ${secs(by.at)}, the moment to count by (${this.counts.at(end)} ${this.what} so far)`);
    } else {
      this.decideAt(by.at);
    }
  }

  private decideAt(at: number): void {
    const n = this.counts.at(at);
    const ok = (this.min === undefined || n >= this.min) && (this.max === undefined || n <= this.max);
    const detail = `${n} ${this.what} by ${secs(at)}, expected ${this.range()}`;
    if (ok) this.pass(at, detail);
    else this.fail(at, detail);
  }

  private range(): string {
    if (this.min !== undefined && this.max !== undefined) return this.min === this.max ? `exactly ${this.min}` : `${this.min} to ${this.max}`;
    if (this.min !== undefined) return `at least ${this.min}`;
    if (this.max !== undefined) return `at most ${this.max}`;
    return 'any number';
  }
}

/** How to count, and the words for it ("restarts of web", "Unhealthy events"). */
function measureOf(c: Countable, ctx: JudgeContext): [(now: number) => number, string] {
  const { state, subject } = ctx;
  if ('restarts' in c) {
    const { container, pod = subject } = c.restarts;
    const measure = (): number => state.lastSnapshot(pod)?.containers.find((x) => x.name === container)?.restartCount ?? 0;
    return [measure, `restarts of ${c.restarts.pod ? `${pod}/` : ''}${container}`];
  }
  if ('events' in c) {
    const measure = (): number => {
      let n = 0;
      for (const e of state.events()) if (eventMatches(c.events, e, subject)) n += e.occurrences;
      return n;
    };
    return [measure, `× event ${describeEvent(c.events)}`];
  }
  if ('traffic' in c) {
    const { name, ok } = c.traffic;
    return [() => state.trafficCount(name, ok), `${ok ? 'successful' : 'failed'} requests from "${name}"`];
  }
  const track = new PredicateTrack(c.transitions, state, subject);
  const measure = (now: number): number => {
    track.record(now);
    return track.transitionsUntil(now);
  };
  return [measure, `× turned ${describePredicate(c.transitions)}`];
}
