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

export function matches(s: ScenarioSummary, query: string, lang: Lang): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const hay = [s.id, s.title.en, s.title.zh, s.summary[lang], s.source.note, s.source.section, ...s.concepts].join(' ').toLowerCase();
  return q.split(/\s+/).every((w) => hay.includes(w));
}
