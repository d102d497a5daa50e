// SPDX-License-Identifier: Apache-2.0
// The engine's predicted moments as bands on the run's time axis (ms): one row per container, placed
// from the container's first observed start (before a run, from 0: the container's start).
import type { MomentKind, PodOutcome } from '@contract/outcome';
import type { Observation } from '@contract/observation';
import type { Lang } from './lang';

export interface PredictedBand {
  lo: number;
  hi: number;
  kind: MomentKind;
  instance: number;
  /** only some ticker phases lead to it */
  possible: boolean;
  label: string;
}

export interface PredictedRow {
  id: string;
  title: string;
  /** where 0 s of the prediction sits on the run's axis, ms; undefined before the container ran */
  origin?: number;
  bands: PredictedBand[];
}

/** Moments worth a band, in rows of their own so ranges of different kinds never hide each other. */
const GROUPS: Array<{ id: string; kinds: MomentKind[]; en: string; zh: string }> = [
  { id: 'ready', kinds: ['first-probe', 'ready', 'not-ready'], en: 'probe, Ready', zh: '探测、Ready' },
  { id: 'kill', kinds: ['kill'], en: 'kill', zh: '杀死' },
  { id: 'restart', kinds: ['restart'], en: 'restart', zh: '重启' },
];
/** The first three starts show a loop's pattern; later ones are ranges too wide to read. */
const MAX_INSTANCE = 3;

/** The first time the container was seen running, in ms since the run started. */
function firstRunning(observations: Observation[], pod: string, container: string): number | undefined {
  for (const o of observations) {
    if (o.kind === 'pod' && o.pod === pod && o.snapshot.containers.some((c) => c.name === container && c.state === 'running')) return o.t;
  }
  return undefined;
}

export function predictedRows(outcome: PodOutcome | undefined, observations: Observation[], lang: Lang): PredictedRow[] {
  if (!outcome) return [];
  return outcome.containers.flatMap((c) => {
    const origin = firstRunning(observations, c.pod, c.container);
    const at = (s: number) => (origin ?? 0) + s * 1000;
    return GROUPS.map((g) => ({
      id: `${c.pod}/${c.container}/${g.id}`,
      title: lang === 'zh' ? `预测 · ${c.container} ${g.zh}` : `predicted · ${c.container} ${g.en}`,
      ...(origin !== undefined ? { origin } : {}),
      bands: c.moments
        .filter((m) => g.kinds.includes(m.kind) && m.instance <= MAX_INSTANCE && m.lo < c.horizon)
        .map((m) => ({ lo: at(m.lo), hi: at(m.hi), kind: m.kind, instance: m.instance, possible: m.possible, label: m.label[lang] })),
    })).filter((r) => r.bands.length);
  });
}

/** The last moment any row draws, ms: the axis must reach it before a run. */
export const predictedEnd = (rows: PredictedRow[]) => Math.max(0, ...rows.flatMap((r) => r.bands.map((b) => b.hi)));
