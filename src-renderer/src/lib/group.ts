// SPDX-License-Identifier: Apache-2.0
// The catalog's grouping and search, pure.
import type { ScenarioSummary } from '@contract/dto';
import type { Lang } from './lang';

/** Each scenario under its first concept; groups in first-seen order. */
export function groupByConcept(list: ScenarioSummary[]): Array<{ concept: string; scenarios: ScenarioSummary[] }> {
  const groups = new Map<string, ScenarioSummary[]>();
  for (const s of list) {
    const key = s.concepts[0] ?? 'other';
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups].map(([concept, scenarios]) => ({ concept, scenarios }));
}

/**
 * The catalogue's chapters, in its order (the engine lists lessons so); a lesson it does not place
 * goes under its first concept, after them.
 */
export function groupByChapter(list: ScenarioSummary[]): Array<{ key: string; chapter?: ScenarioSummary['chapter']; concept?: string; scenarios: ScenarioSummary[] }> {
  const placed = groupBy(list.filter((s) => s.chapter), (s) => s.chapter!.id).map(([key, scenarios]) => ({ key: `chapter:${key}`, chapter: scenarios[0]!.chapter, scenarios }));
  const rest = groupByConcept(list.filter((s) => !s.chapter)).map((g) => ({ key: `concept:${g.concept}`, concept: g.concept, scenarios: g.scenarios }));
  return [...placed, ...rest];
}

function groupBy<T>(list: T[], key: (t: T) => string): Array<[string, T[]]> {
  const groups = new Map<string, T[]>();
  for (const t of list) groups.set(key(t), [...(groups.get(key(t)) ?? []), t]);
  return [...groups];
}

export function matches(s: ScenarioSummary, query: string, lang: Lang): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const hay = [s.id, s.title.en, s.title.zh, s.summary[lang], s.source.note, s.source.section, ...s.concepts].join(' ').toLowerCase();
  return q.split(/\s+/).every((w) => hay.includes(w));
}
