// SPDX-License-Identifier: Apache-2.0
// Store ingest rate: observations appended through the batching repo into a real SQLite file (WAL).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../src-main/core/store/store';
import { podTimeline } from './fixtures';

export function benchStoreIngest(n = 100_000): { observationsPerSecond: number; n: number; ms: number } {
  const dir = mkdtempSync(join(tmpdir(), 'podlab-bench-'));
  try {
    const store = Store.open(join(dir, 'bench.db'), { maxBatch: 500, flushIntervalMs: 500 });
    store.db.prepare("INSERT INTO scenarios VALUES ('s', 1, 'h', 't', 't', '{}', '{}', '{}', 'now')").run();
    store.runs.create({ id: 'r', scenarioId: 's', scenarioVersion: 1, namespace: 'n', cluster: 'c', startedAt: 'now', params: {}, manifests: {} });
    const obs = podTimeline(n, Date.now());
    const began = performance.now();
    for (const o of obs) store.observations.append('r', o);
    store.observations.flush();
    const ms = performance.now() - began;
    store.close();
    return { observationsPerSecond: Math.round((n / ms) * 1000), n, ms: Math.round(ms) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
