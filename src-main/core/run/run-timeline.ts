// SPDX-License-Identifier: Apache-2.0
// The run's timeline: each observation goes through here once — to the outage log, the checker
// (whose state is the one timeline of the run) and the hooks — and wakes whoever waits on it.
import type { Observation } from '@contract/observation';
import type { Predicate } from '@contract/scenario';
import type { Verdict } from '@contract/verdict';
import type { Checker } from '../check/checker';
import { describePredicate, evaluatePredicate } from '../check/predicate';
import type { TimelineState } from '../check/timeline-state';
import { AppError } from '../util/errors';
import type { Clock } from '../util/time';
import { OutageLog } from './outages';

export interface TimelineHooks {
  onObservation?(o: Observation): void;
  onVerdicts?(changed: Verdict[]): void;
}

/** How often time alone is told to the checker, so a window with nothing observed in it closes. */
const TICK_MS = 250;

export class RunTimeline {
  readonly outages = new OutageLog();
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly checker: Checker,
    private readonly clock: Clock,
    /** epoch ms of the run's start */
    readonly startedAt: number,
    private readonly subject: string,
    private readonly hooks: TimelineHooks,
  ) {}

  get state(): TimelineState {
    return this.checker.timeline;
  }

  /** ms since the run's start */
  now(): number {
    return this.clock.now() - this.startedAt;
  }

  readonly emit = (o: Observation): void => {
    this.outages.record(o);
    const changed = this.checker.observe(o);
    this.hooks.onObservation?.(o);
    this.report(changed);
    for (const wake of [...this.waiters]) wake();
  };

  /** Tells the checker the time until the returned function is called. */
  startTicking(): () => void {
    const stop = new AbortController();
    void (async () => {
      while (!stop.signal.aborted) {
        await this.clock.sleep(TICK_MS, stop.signal).catch(() => undefined);
        if (stop.signal.aborted) return;
        this.report(this.checker.tick(this.now()));
        for (const wake of [...this.waiters]) wake();
      }
    })();
    return () => stop.abort();
  }

  finish(): void {
    this.report(this.checker.finish(this.now()));
  }

  verdicts(): Verdict[] {
    return this.checker.verdicts();
  }

  /** Resolves once the predicate holds on the timeline; rejects (STEP_TIMEOUT) after timeoutMs, or when stopped. */
  waitFor(p: Predicate, timeoutMs: number, signal: AbortSignal): Promise<void> {
    return this.waitUntil(() => evaluatePredicate(p, this.state, this.subject), timeoutMs, signal).then((held) => {
      if (!held) throw new AppError('STEP_TIMEOUT', `${describePredicate(p)} did not happen within ${timeoutMs / 1000} s`);
    });
  }

  /** Resolves once every expectation that can be decided before the end is, or at `deadline` (epoch ms). */
  async settle(deadline: number, signal: AbortSignal): Promise<void> {
    await this.waitUntil(() => this.checker.allDecided(), Math.max(0, deadline - this.clock.now()), signal);
  }

  /** true when `cond` came to hold, false at the timeout; rejects with the signal's reason when stopped. */
  private waitUntil(cond: () => boolean, timeoutMs: number, signal: AbortSignal): Promise<boolean> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const timeout = new AbortController();
      let settled = false;
      const settle = (finish: () => void) => {
        if (settled) return;
        settled = true;
        this.waiters.delete(check);
        timeout.abort();
        signal.removeEventListener('abort', onAbort);
        finish();
      };
      const check = () => {
        if (cond()) settle(() => resolve(true));
      };
      const onAbort = () => settle(() => reject(signal.reason));
      signal.addEventListener('abort', onAbort, { once: true });
      this.clock.sleep(timeoutMs, timeout.signal).then(() => settle(() => resolve(false)), () => undefined);
      this.waiters.add(check);
      check();
    });
  }

  private report(changed: Verdict[]): void {
    if (changed.length) this.hooks.onVerdicts?.(changed);
  }
}
