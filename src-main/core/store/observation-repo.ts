// SPDX-License-Identifier: Apache-2.0
// Append-only observations, written in batches: one transaction per flush, never per event.
import type { Observation } from '@contract/observation';
import type { Db } from './db';

export interface ObservationRepoOptions {
  /** flush when this many are buffered */
  maxBatch?: number;
  /** flush at least this often while anything is buffered */
  flushIntervalMs?: number;
}

export class ObservationRepo {
  private readonly insert;
  private readonly selectRun;
  private readonly buffer: Array<{ runId: string; o: Observation }> = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly maxBatch: number;
  private readonly flushIntervalMs: number;
  private readonly writeBatch;

  constructor(db: Db, options: ObservationRepoOptions = {}) {
    this.maxBatch = options.maxBatch ?? 500;
    this.flushIntervalMs = options.flushIntervalMs ?? 500;
    this.insert = db.prepare('INSERT INTO observations (run_id, t, kind, data_json) VALUES (?, ?, ?, ?)');
    this.selectRun = db.prepare<[string], { data_json: string }>('SELECT data_json FROM observations WHERE run_id = ? ORDER BY id');
    // Synchronous by design: better-sqlite3 transactions must never await.
    this.writeBatch = db.transaction((batch: Array<{ runId: string; o: Observation }>) => {
      for (const { runId, o } of batch) this.insert.run(runId, Math.round(o.t), o.kind, JSON.stringify(o));
    });
  }

  append(runId: string, o: Observation): void {
    this.buffer.push({ runId, o });
    if (this.buffer.length >= this.maxBatch) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.flushIntervalMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.buffer.length) return;
    const batch = this.buffer.splice(0, this.buffer.length);
    this.writeBatch(batch);
  }

  list(runId: string): Observation[] {
    this.flush();
    return this.selectRun.all(runId).map((r) => JSON.parse(r.data_json) as Observation);
  }

  close(): void {
    this.flush();
  }
}
