// SPDX-License-Identifier: Apache-2.0
// The engine's memory with many runs live at once: every run started together, RSS and heap
// sampled every 100 ms until the last one ends. Run it in a fresh process per measurement, so
// nothing else this bench did sits in the figures.
import { RunBook, type LessonRuns } from './run-book';

export interface LoadRun {
  scenarioId: string;
  status: string;
  error?: string;
  seconds: number;
  /** the expectations that did not pass, with the checker's words */
  notPassed: string[];
}

export interface LoadFigures {
  runs: LoadRun[];
  /** the process (node, tsx, this bench) before the engine's modules were imported */
  beforeEngineRss?: number;
  /** after Engine.create and recover(), before the first run */
  baselineRss: number;
  baselineHeap: number;
  peakRss: number;
  peakHeap: number;
  /** after every run ended: what stays */
  endRss: number;
  wallMs: number;
  samples: number;
}

/** `lessons` are started all at once, in this order; call after the engine is created and has recovered. */
export async function measureLoad(api: LessonRuns, lessons: string[]): Promise<LoadFigures> {
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  let samples = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    samples++;
  };
  const sampler = setInterval(sample, 100);
  const book = new RunBook(api);
  const began = Date.now();
  try {
    const started = await Promise.allSettled(lessons.map((id) => book.start(id)));
    await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.ended : undefined)));
    const wallMs = Date.now() - began;
    sample();
    const runs = started.map((s, i): LoadRun => {
      if (s.status === 'rejected') return { scenarioId: lessons[i]!, status: 'not started', error: String((s.reason as Error)?.message ?? s.reason), seconds: 0, notPassed: [] };
      const r = s.value;
      return {
        scenarioId: r.scenarioId,
        status: r.status ?? 'unknown',
        ...(r.error ? { error: r.error } : {}),
        seconds: (r.endedAt! - r.requestedAt) / 1000,
        notPassed: [...r.verdicts.values()].filter((v) => v.state !== 'pass').map((v) => `${v.expectationId}: ${v.detail}`),
      };
    });
    return { runs, baselineRss: base.rss, baselineHeap: base.heapUsed, peakRss, peakHeap, endRss: process.memoryUsage().rss, wallMs, samples };
  } finally {
    clearInterval(sampler);
    book.dispose();
  }
}
