// SPDX-License-Identifier: Apache-2.0
// Which screen state first showed each observation, for the UI latency bench. Pure.
//
// The page records the Observed panel as the learner reads it (pod rows, the events count,
// endpoint lines, traffic counts) each time the DOM changes. An observation counts as shown at the
// first recorded state that holds it, or a later observation of the same thing (one frame may
// carry two changes of a pod; the second hides the first, and that is the screen catching up).
// An observation that changes nothing a learner can read (a pod update that moves only AGE or a
// field the table does not show) has no moment to measure and is counted apart, never guessed.
import type { EndpointObservation, Observation, PodObservation } from '../src-main/contract/observation';

/** The Observed panel as the page read it. */
export interface ScreenState {
  /** Date.now() in the page, right after the DOM changed */
  at: number;
  /** the events heading's count */
  events: number;
  /** pod name → its row's cells */
  pods: Record<string, string[]>;
  /** the endpoints list's lines */
  endpoints: string[];
  /** the traffic list's lines */
  traffic: string[];
}

/** One observation as the bench saw it arrive. */
export interface Arrival {
  o: Observation;
  /** epoch ms the engine had it from its watch */
  arrivedAt: number;
}

export interface Shown {
  /** its place in the arrivals */
  index: number;
  kind: Observation['kind'];
  arrivedAt: number;
  shownAt: number;
}

export interface MatchResult {
  shown: Shown[];
  /** observations that changed nothing on screen */
  invisible: number;
  /** observations that should have changed the screen and never did: the bench no longer reads the page right */
  missing: Array<{ kind: string; detail: string }>;
}

/** The pod row's cells the bench compares: NAME READY STATUS RESTARTS, PHASE, CONDITIONS (AGE moves on its own). */
export const POD_CELLS = [0, 1, 2, 3, 5, 6];

export function podRow(o: PodObservation): string {
  const s = o.snapshot;
  const cells = [s.name, s.columns.ready, s.columns.status, s.columns.restarts, s.columns.age, s.phase, s.conditions.map((c) => `${c.type}=${c.status}`).join(' ')];
  return POD_CELLS.map((i) => cells[i]).join('|');
}

export function endpointLine(o: EndpointObservation): string {
  const state = o.present ? `ready=${o.ready} serving=${o.serving} terminating=${o.terminating}` : 'removed';
  return `${o.service} ${o.address} ${o.pod ? `(${o.pod})` : ''}: ${state}`;
}

const endpointKey = (o: EndpointObservation) => `${o.service} ${o.address} `;
const trafficCount = (line: string) => {
  const m = /\((\d+) OK, (\d+) failed\)/.exec(line);
  return m ? Number(m[1]) + Number(m[2]) : 0;
};

/** A thing on screen (a pod row, an endpoint line) and the text each observation of it should give it; undefined: gone. */
interface Keyed {
  key: string;
  text: string | undefined;
}

function keyed(o: Observation): Keyed | undefined {
  if (o.kind === 'pod') return { key: `pod:${o.pod}`, text: podRow(o) };
  if (o.kind === 'pod-gone') return { key: `pod:${o.pod}`, text: undefined };
  if (o.kind === 'endpoint') return { key: `ep:${endpointKey(o)}`, text: endpointLine(o) };
  return undefined;
}

function textOn(s: ScreenState, key: string): string | undefined {
  if (key.startsWith('pod:')) {
    const row = s.pods[key.slice(4)];
    return row ? POD_CELLS.map((i) => row[i] ?? '').join('|') : undefined;
  }
  const prefix = key.slice(3);
  return s.endpoints.find((l) => l.startsWith(prefix));
}

export function matchShown(arrivals: readonly Arrival[], states: readonly ScreenState[]): MatchResult {
  const result: MatchResult = { shown: [], invisible: 0, missing: [] };
  const firstAt = (from: number, holds: (s: ScreenState) => boolean) => states.find((s) => s.at >= from && holds(s))?.at;
  const record = (index: number, shownAt: number | undefined, detail: string) => {
    const a = arrivals[index]!;
    if (shownAt === undefined) result.missing.push({ kind: a.o.kind, detail });
    else result.shown.push({ index, kind: a.o.kind, arrivedAt: a.arrivedAt, shownAt });
  };
  const lastText = new Map<string, string | undefined>();
  let events = 0;
  const traffic = new Map<string, number>();
  arrivals.forEach((a, i) => {
    const o = a.o;
    if (o.kind === 'event') {
      const n = ++events;
      return record(i, firstAt(a.arrivedAt, (s) => s.events >= n), `event #${n} ${o.reason}`);
    }
    if (o.kind === 'traffic') {
      const n = (traffic.get(o.name) ?? 0) + 1;
      traffic.set(o.name, n);
      const line = (s: ScreenState) => s.traffic.find((l) => l.startsWith(`${o.name} → `));
      return record(i, firstAt(a.arrivedAt, (s) => trafficCount(line(s) ?? '') >= n), `traffic #${n} of ${o.name}`);
    }
    const k = keyed(o);
    if (!k) return; // steps, watch states, exec: not in the Observed panel
    const before = lastText.has(k.key) ? lastText.get(k.key) : undefined;
    lastText.set(k.key, k.text);
    if (before === k.text) return void result.invisible++;
    // This text, or that of a later observation of the same thing that had arrived by then.
    const later = arrivals.slice(i).flatMap((b) => {
      const kb = keyed(b.o);
      return kb && kb.key === k.key ? [{ at: b.arrivedAt, text: kb.text }] : [];
    });
    const shownAt = firstAt(a.arrivedAt, (s) => {
      const now = textOn(s, k.key);
      return later.some((l) => l.at <= s.at && l.text === now);
    });
    record(i, shownAt, `${k.key} → ${k.text ?? 'gone'}`);
  });
  return result;
}

/** The p-th quantile (0..1) of sorted numbers, nearest rank. */
export function quantile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** The most timestamps inside any window of `ms` (messages per second at peak, for ms = 1000). */
export function peakRate(times: readonly number[], ms = 1000): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i]! - t[j]! >= ms) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}
