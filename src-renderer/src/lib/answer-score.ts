// SPDX-License-Identifier: Apache-2.0
// The learner's prediction, scored the way the lesson judges the run: against the expectation's own
// window ("inside the window [20, 27] s"), not against one observed number with a made-up tolerance.
// Seconds are measured from the window's anchor; a count is what the expectation counts (restarts,
// events, traffic results) at the moment it was decided, against its [min, max] where it has one.
import type { ExpectationView } from '@contract/dto';
import type { ContainerSnapshot, Observation } from '@contract/observation';
import type { Countable, Predicate } from '@contract/scenario';
import type { Verdict } from '@contract/verdict';
import type { Say } from './say';

export type QuestionUnit = 'seconds' | 'count';

export interface AnswerScore {
  observed?: number;
  /** the range the lesson accepts, in the question's unit */
  window?: { lo: number; hi: number };
  inside?: boolean;
  /** one sentence for the learner */
  text: string;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

export function scoreAnswer(answer: number, unit: QuestionUnit, expectation: ExpectationView | undefined, verdict: Verdict | undefined, observations: Observation[], say: Say): AnswerScore {
  const measured = unit === 'seconds' ? secondsOf(verdict) : countOf(expectation, verdict, observations);
  const u = unit === 'seconds' ? say(' s', ' 秒') : '';
  if (!measured) return { text: say('The run did not decide this, so there is nothing to score against.', '这次运行没有判定这一项，无从评分。') };
  const { observed, window } = measured;
  const seen = observed === undefined ? '' : say(`; observed ${fmt(observed)}${u}`, `；实际 ${fmt(observed)}${u}`);
  if (window) {
    const inside = answer >= window.lo && answer <= window.hi;
    const range = Number.isFinite(window.hi) ? `[${fmt(window.lo)}, ${fmt(window.hi)}]${u}` : say(`at least ${fmt(window.lo)}${u}`, `至少 ${fmt(window.lo)}${u}`);
    const where = inside
      ? say(`inside the lesson's window ${range}`, `在课程的时间窗 ${range} 之内`)
      : answer < window.lo
        ? say(`${fmt(round1(window.lo - answer))}${u} below the lesson's window ${range}`, `比课程的时间窗 ${range} 小 ${fmt(round1(window.lo - answer))}${u}`)
        : say(`${fmt(round1(answer - window.hi))}${u} above the lesson's window ${range}`, `比课程的时间窗 ${range} 大 ${fmt(round1(answer - window.hi))}${u}`);
    return { ...(observed !== undefined ? { observed } : {}), window, inside, text: `${say(`You said ${fmt(answer)}${u}: `, `你的预测 ${fmt(answer)}${u}：`)}${where}${seen}${say('.', '。')}` };
  }
  const inside = observed === answer;
  const off = observed === undefined ? '' : inside ? say('exactly right', '完全正确') : say(`off by ${fmt(round1(Math.abs(observed - answer)))}${u}`, `相差 ${fmt(round1(Math.abs(observed - answer)))}${u}`);
  return { ...(observed !== undefined ? { observed, inside } : {}), text: `${say(`You said ${fmt(answer)}${u}: `, `你的预测 ${fmt(answer)}${u}：`)}${off}${seen}${say('.', '。')}` };
}

/** Seconds from the window's anchor to the deciding moment, and the window in the same terms. */
function secondsOf(v: Verdict | undefined): { observed?: number; window?: { lo: number; hi: number } } | undefined {
  if (!v || v.decidedAt === undefined) return undefined;
  const anchor = v.window?.anchor ?? 0;
  const observed = round1((v.decidedAt - anchor) / 1000);
  return { observed, ...(v.window ? { window: { lo: round1((v.window.lo - anchor) / 1000), hi: round1((v.window.hi - anchor) / 1000) } } : {}) };
}

function countOf(e: ExpectationView | undefined, v: Verdict | undefined, observations: Observation[]): { observed?: number; window?: { lo: number; hi: number } } | undefined {
  if (!e || !v || v.decidedAt === undefined) return undefined;
  const at = v.decidedAt;
  const d = e.definition;
  if ('count' in d) {
    const observed = countAt(d.count, observations, at);
    const window = d.min !== undefined || d.max !== undefined ? { lo: d.min ?? 0, hi: d.max ?? Infinity } : undefined;
    return { ...(observed !== undefined ? { observed } : {}), ...(window ? { window } : {}) };
  }
  // Any other kind: the restarts of the container it is about, when it was decided.
  const target = containerOf('first' in d ? d.first : 'becomes' in d ? d.becomes : 'holds' in d ? d.holds : d.final);
  const observed = target ? restartsAt(observations, target, at) : undefined;
  return observed === undefined ? undefined : { observed };
}

function countAt(c: Countable, observations: Observation[], at: number): number | undefined {
  const upTo = observations.filter((o) => o.t <= at);
  if ('restarts' in c) return restartsAt(observations, c.restarts, at);
  if ('events' in c) {
    const re = c.events.message ? new RegExp(c.events.message) : undefined;
    return upTo.filter((o) => o.kind === 'event' && o.reason === c.events.reason && (!c.events.type || o.type === c.events.type) && (!c.events.object || o.object === c.events.object) && (!re || re.test(o.message))).length;
  }
  if ('traffic' in c) return upTo.filter((o) => o.kind === 'traffic' && o.name === c.traffic.name && o.ok === c.traffic.ok).length;
  return undefined; // transitions of a predicate: counted by the engine only
}

function containerOf(p: Predicate): { container: string; pod?: string } | undefined {
  if ('container' in p && typeof p.container === 'string') return { container: p.container, ...(p.pod ? { pod: p.pod } : {}) };
  if ('all' in p) return p.all.map(containerOf).find(Boolean);
  if ('any' in p) return p.any.map(containerOf).find(Boolean);
  return undefined;
}

function restartsAt(observations: Observation[], target: { container: string; pod?: string }, at: number): number | undefined {
  let n: number | undefined;
  for (const o of observations) {
    if (o.t > at) break;
    if (o.kind !== 'pod' || (target.pod && o.pod !== target.pod)) continue;
    const c: ContainerSnapshot | undefined = o.snapshot.containers.find((x) => x.name === target.container);
    if (c) n = Math.max(n ?? 0, c.restartCount);
  }
  return n;
}
