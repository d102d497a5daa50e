// SPDX-License-Identifier: Apache-2.0
// Observations on their way out of a run: into SQLite and to every client as `run:observed`.
// One flush for all live runs writes them in one transaction and then pushes each run's batch,
// so a client never sees an observation the database does not have yet.
//
// When to flush: the first observation after a quiet spell goes out at the end of the current
// turn of the event loop (what one watch chunk or one relist delivers travels together), so a
// learner sees it within milliseconds. Only what follows within `minGapMs` of a flush waits, for
// the next flush at the end of that gap: a crash loop or a hundred pods cost at most
// 1000 / minGapMs flushes a second, however many observations they bring.
import type { Observation } from '@contract/observation';
import type { ObservationRepo } from '../store/observation-repo';

export interface ObservedBatch {
  runId: string;
  /** epoch ms the run's observation times count from */
  clockZero: number;
  observations: Observation[];
}

/**
 * The default least time between two flushes: 100 a second at most. At 25 ms this gap was most of the
 * p95 of watch event → DOM on the real cluster (engine hold p95 25 ms of 57); a page applies at most
 * one batch a frame anyway, so a flood still costs it no more than 60 updates a second.
 */
export const MIN_FLUSH_GAP_MS = 10;

export class ObservationFeed {
  private readonly pending = new Map<string, ObservedBatch>();
  private cancelScheduled: (() => void) | undefined;
  private lastFlushAt = -Infinity;

  constructor(
    private readonly repo: Pick<ObservationRepo, 'append' | 'flush'>,
    private readonly push: (batch: ObservedBatch) => void,
    /** the least time between two flushes; what comes sooner waits for the next one */
    private readonly minGapMs = MIN_FLUSH_GAP_MS,
    private readonly now: () => number = Date.now,
  ) {}

  add(runId: string, clockZero: number, o: Observation): void {
    this.repo.append(runId, o);
    let batch = this.pending.get(runId);
    if (!batch) this.pending.set(runId, (batch = { runId, clockZero, observations: [] }));
    batch.observations.push(o);
    this.schedule();
  }

  /** Everything pending, now (a run's end must not wait for the gap). */
  flush(): void {
    this.cancelScheduled?.();
    this.cancelScheduled = undefined;
    this.repo.flush();
    if (!this.pending.size) return;
    this.lastFlushAt = this.now();
    const batches = [...this.pending.values()];
    this.pending.clear();
    for (const b of batches) this.push(b);
  }

  private schedule(): void {
    if (this.cancelScheduled) return;
    const wait = this.lastFlushAt + this.minGapMs - this.now();
    if (wait <= 0) {
      const handle = setImmediate(() => this.flush());
      this.cancelScheduled = () => clearImmediate(handle);
    } else {
      const handle = setTimeout(() => this.flush(), wait);
      this.cancelScheduled = () => clearTimeout(handle);
    }
  }
}
