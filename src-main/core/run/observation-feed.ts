// SPDX-License-Identifier: Apache-2.0
// Observations on their way out of a run: into SQLite and to every client as `run:observed`.
// One tick for all live runs writes them in one transaction and then pushes each run's batch,
// so a client never sees an observation the database does not have yet.
import type { Observation } from '@contract/observation';
import type { ObservationRepo } from '../store/observation-repo';

export interface ObservedBatch {
  runId: string;
  /** epoch ms the run's observation times count from */
  clockZero: number;
  observations: Observation[];
}

export class ObservationFeed {
  private readonly pending = new Map<string, ObservedBatch>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly repo: ObservationRepo,
    private readonly push: (batch: ObservedBatch) => void,
    /** how long an observation may wait for the next tick */
    private readonly everyMs = 100,
  ) {}

  add(runId: string, clockZero: number, o: Observation): void {
    this.repo.append(runId, o);
    let batch = this.pending.get(runId);
    if (!batch) this.pending.set(runId, (batch = { runId, clockZero, observations: [] }));
    batch.observations.push(o);
    this.timer ??= setTimeout(() => this.flush(), this.everyMs);
  }

  /** Everything pending, now (a run's end must not wait for the tick). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.repo.flush();
    const batches = [...this.pending.values()];
    this.pending.clear();
    for (const b of batches) this.push(b);
  }
}
