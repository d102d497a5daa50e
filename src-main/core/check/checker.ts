// SPDX-License-Identifier: Apache-2.0
// The checker: folds the observation timeline and keeps one live verdict per expectation.

import type { Observation } from '@contract/observation';
import type { Expectation } from '@contract/scenario';
import type { Verdict } from '@contract/verdict';
import { AnchorBook } from './anchors';
import { GapBook } from './gaps';
import { createJudge, expectationType, type Judge } from './judges';
import { TimelineState } from './timeline-state';

export interface CheckerOptions {
  expectations: Expectation[];
  /** the scenario's resolved params, looked up by name in window args */
  params: Record<string, number>;
  /** the pod predicates mean when they name none */
  subject: string;
  /** epoch ms of the run's start: turns Kubernetes RFC 3339 timestamps into run time */
  runStartedAt: number;
}

/**
 * Feed it observations in time order (an observation older than the last one counts as arriving
 * now), tell it when time passes with nothing to observe, and finish it when the run ends.
 * Each call returns only the verdicts that changed, for the UI to patch.
 */
export class Checker {
  private readonly state: TimelineState;
  private readonly anchors: AnchorBook;
  private readonly judges: Judge[];
  private readonly gaps = new GapBook();
  /** expectations on the end state only, which a watch gap cannot hide */
  private readonly endStateOnly = new Set<string>();
  private readonly shown = new Map<string, string>();
  private now = 0;
  private ended = false;

  constructor(options: CheckerOptions) {
    this.state = new TimelineState(options.runStartedAt);
    this.anchors = new AnchorBook(this.state, options.subject);
    const ctx = { state: this.state, anchors: this.anchors, subject: options.subject };
    this.judges = options.expectations.map((e) => createJudge(e, ctx, options.params));
    for (const e of options.expectations) if (expectationType(e) === 'final') this.endStateOnly.add(e.id);
    const ids = new Set<string>();
    for (const j of this.judges) {
      if (ids.has(j.id)) throw new Error(`expectation id "${j.id}" is used twice`);
      ids.add(j.id);
    }
    // Before the first observation the world is empty: `exists: false` holds, Ready=True does not.
    this.anchors.update(0);
    for (const j of this.judges) j.record(0);
    this.changed();
  }

  /**
   * The timeline the verdicts are judged on. The run's waiters and its log collection read this
   * same state (never apply to it), so a step's `waitFor` and the verdicts never disagree.
   */
  get timeline(): TimelineState {
    return this.state;
  }

  observe(o: Observation): Verdict[] {
    // A tick may already have moved the clock past this observation's stamp; time never runs back.
    this.now = Math.max(this.now, o.t);
    const stamped = o.t === this.now ? o : { ...o, t: this.now };
    if (this.ended) {
      // The verdicts are final, but the world goes on (a restart during teardown still has a log).
      this.state.apply(stamped);
      return [];
    }
    this.gaps.record(o);
    this.state.apply(stamped);
    this.anchors.update(this.now);
    for (const j of this.judges) j.record(this.now);
    for (const j of this.judges) j.check(this.now);
    return this.changed();
  }

  /** Time has reached `t` (ms since run start) with nothing observed: windows may close. */
  tick(t: number): Verdict[] {
    if (this.ended) return [];
    this.now = Math.max(this.now, t);
    for (const j of this.judges) j.check(this.now);
    return this.changed();
  }

  /** The run ended at `t`: every verdict is decided. Later calls change nothing. */
  finish(t: number): Verdict[] {
    if (this.ended) return [];
    this.now = Math.max(this.now, t);
    for (const j of this.judges) j.finish(this.now);
    this.ended = true;
    return this.changed();
  }

  verdicts(): Verdict[] {
    return this.judges.map((j) => this.verdictOf(j));
  }

  private verdictOf(j: Judge): Verdict {
    return this.endStateOnly.has(j.id) ? j.verdict() : this.gaps.vet(j.verdict());
  }

  /** Every expectation that the end of the run is not needed for has been decided. */
  allDecided(): boolean {
    return this.judges.every((j) => j.decided || j.needsEnd);
  }

  private changed(): Verdict[] {
    const out: Verdict[] = [];
    for (const j of this.judges) {
      const v = this.verdictOf(j);
      const text = JSON.stringify(v);
      if (this.shown.get(j.id) === text) continue;
      this.shown.set(j.id, text);
      out.push(v);
    }
    return out;
  }
}
