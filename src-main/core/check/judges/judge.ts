// SPDX-License-Identifier: Apache-2.0
// What every expectation judge shares: its verdict, and the three moments it is asked to think.

import type { Verdict } from '@contract/verdict';
import { bilingual, type Lang } from '../../util/bilingual';
import type { AnchorBook } from '../anchors';
import type { TimelineState } from '../timeline-state';

export interface JudgeContext {
  state: TimelineState;
  anchors: AnchorBook;
  subject: string;
}

export abstract class Judge {
  private current: Verdict;

  constructor(
    readonly id: string,
    protected readonly ctx: JudgeContext,
  ) {
    this.current = { expectationId: id, state: 'pending', detail: 'waiting', detailZh: '等待中' };
  }

  /** True when only the end of the run can decide it (`final`, a count `by: end`, a window to `end`). */
  abstract readonly needsEnd: boolean;

  /** After each observation, with the state as of `now`: remember what the judge will need later. */
  abstract record(now: number): void;

  /** Time is `now` (after an observation or a tick): decide if the timeline allows. */
  abstract check(now: number): void;

  /** The run ended at `end`: decide whatever is still pending. */
  abstract finish(end: number): void;

  verdict(): Verdict {
    return this.current;
  }

  get decided(): boolean {
    return this.current.state !== 'pending';
  }

  /** `say` builds the detail in one language; the verdict carries both. */
  protected pending(say: Say, window?: { lo: number; hi: number; anchor?: number }): void {
    if (this.decided) return;
    this.current = { expectationId: this.id, state: 'pending', ...windowField(window ?? this.current.window), ...details(say) };
  }

  protected pass(at: number, say: Say, window?: { lo: number; hi: number; anchor?: number }): void {
    this.decide('pass', at, say, window);
  }

  protected fail(at: number, say: Say, window?: { lo: number; hi: number; anchor?: number }): void {
    this.decide('fail', at, say, window);
  }

  private decide(state: 'pass' | 'fail', at: number, say: Say, window?: { lo: number; hi: number; anchor?: number }): void {
    if (this.decided) return;
    this.current = { expectationId: this.id, state, ...windowField(window ?? this.current.window), decidedAt: at, ...details(say) };
  }
}

/** A verdict detail as a function of the language it is said in. */
export type Say = (l: Lang) => string;

function details(say: Say): { detail: string; detailZh: string } {
  const { en, zh } = bilingual(say);
  return { detail: en, detailZh: zh };
}

/** Only finite windows are shown: one that runs to the end gets its `hi` when the run ends. */
function windowField(window?: { lo: number; hi: number; anchor?: number }): { window?: { lo: number; hi: number; anchor?: number } } {
  return window && Number.isFinite(window.lo) && Number.isFinite(window.hi)
    ? { window: { lo: window.lo, hi: window.hi, ...(window.anchor !== undefined && Number.isFinite(window.anchor) ? { anchor: window.anchor } : {}) } }
    : {};
}
