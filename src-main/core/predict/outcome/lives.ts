// SPDX-License-Identifier: Apache-2.0
// A container's life over every ticker phase it could get: the phase is set before the container
// starts and cannot be observed, so each moment is a range, and a kill may happen in some lives only.
import type { AppModel } from './app-model';
import { simulateLife, type Life, type Phase } from './instance';
import type { ContainerSpec } from './pod-spec';

export interface Range {
  lo: number;
  hi: number;
}

export interface Lives {
  /** how many phases were tried */
  tried: number;
  /** in how many of them the container was killed */
  killed: number;
  killedBy: Array<'startup' | 'liveness'>;
  firstProbe?: Range;
  started?: Range;
  /** Ready, in the lives that were not killed first (or that were Ready before their kill) */
  ready?: Range;
  /** how many lives were ever Ready */
  readyCount: number;
  notReady?: Range;
  kill?: Range;
  /** the kill's moment, to judge how PID 1 meets SIGTERM then */
  kills: number[];
  /** the sampling step: every range's upper end is widened by it, so the sample grid never narrows a window */
  step: number;
}

const TRUNCATIONS = [0, 0.25, 0.5, 0.75, 0.999];
const MAX_PHASES = 200;

/** Phases of the workers' creation, evenly spaced over one common period of every probe. */
function phases(c: ContainerSpec): { list: Phase[]; step: number } {
  const periods = Object.values(c.probes).map((p) => p.periodSeconds);
  if (!periods.length) return { list: [{ created: 0, truncation: 0, manualTrigger: true }], step: 0 };
  const span = Math.min(periods.reduce(lcm), 600);
  const step = Math.max(Math.min(...periods) / 20, span / MAX_PHASES);
  const list: Phase[] = [];
  for (let created = 0; created > -span; created -= step) {
    for (const truncation of TRUNCATIONS) for (const manualTrigger of [true, false]) list.push({ created, truncation, manualTrigger });
  }
  return { list, step };
}

function lcm(a: number, b: number): number {
  const gcd = (x: number, y: number): number => (y < 1e-9 ? x : gcd(y, x % y));
  return (a * b) / gcd(a, b);
}

function widen(r: Range | undefined, t: number | undefined): Range | undefined {
  if (t === undefined) return r;
  return r ? { lo: Math.min(r.lo, t), hi: Math.max(r.hi, t) } : { lo: t, hi: t };
}

export function livesOf(c: ContainerSpec, app: AppModel, horizon: number): Lives {
  const { list, step } = phases(c);
  const out: Lives = { tried: list.length, killed: 0, killedBy: [], readyCount: 0, kills: [], step };
  for (const phase of list) {
    const life: Life = simulateLife(c, app, phase, horizon);
    out.firstProbe = widen(out.firstProbe, life.firstProbe);
    out.started = widen(out.started, life.started);
    out.ready = widen(out.ready, life.ready);
    out.notReady = widen(out.notReady, life.notReady);
    if (life.ready !== undefined) out.readyCount += 1;
    if (life.kill) {
      out.killed += 1;
      out.kill = widen(out.kill, life.kill.at);
      out.kills.push(life.kill.at);
      if (!out.killedBy.includes(life.kill.by)) out.killedBy.push(life.kill.by);
    }
  }
  for (const r of [out.firstProbe, out.started, out.ready, out.notReady, out.kill]) if (r && r.hi > r.lo) r.hi += step;
  return out;
}
