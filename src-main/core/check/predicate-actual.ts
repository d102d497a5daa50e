// SPDX-License-Identifier: Apache-2.0
// What the world actually showed when a predicate did not hold, for "first divergence" details.

import type { ContainerSnapshot } from '@contract/observation';
import type { Predicate } from '@contract/scenario';
import { describeEvent, describePredicate, evaluatePredicate, eventMatches, findContainer, hasNoStatusYet, previousEnd, shownExitCode } from './predicate';
import type { TimelineState } from './timeline-state';

/** e.g. `Ready was True`, `web was waiting (CrashLoopBackOff), not ready, 2 restarts`, `pod was gone`. */
export function describeActual(p: Predicate, state: TimelineState, subject: string): string {
  if ('all' in p) {
    const failing = p.all.filter((q) => !evaluatePredicate(q, state, subject));
    return (failing.length ? failing : p.all).map((q) => describeActual(q, state, subject)).join('; ');
  }
  if ('any' in p) return p.any.map((q) => describeActual(q, state, subject)).join('; ');
  if ('not' in p) {
    return evaluatePredicate(p.not, state, subject) ? `${describePredicate(p.not)} held` : describeActual(p.not, state, subject);
  }
  if ('endpoint' in p) {
    const e = state.endpoint(p.endpoint.service, p.endpoint.pod ?? subject);
    if (!e || !e.present) return `no endpoint in ${p.endpoint.service}`;
    return `endpoint in ${p.endpoint.service} was ready=${e.ready}, serving=${e.serving}, terminating=${e.terminating}`;
  }
  if ('traffic' in p) {
    const last = state.latestTraffic(p.traffic);
    if (!last) return `no request from "${p.traffic}" yet`;
    const outcome = last.code !== undefined ? `HTTP ${last.code}` : (last.error ?? '');
    return `latest request from "${p.traffic}" ${last.ok ? 'succeeded' : 'failed'}${outcome ? ` (${outcome})` : ''}`;
  }
  if ('event' in p) {
    const seen = [...state.events()].filter((e) => eventMatches(p.event, e, subject));
    const n = seen.reduce((sum, e) => sum + e.occurrences, 0);
    return n ? `event ${describeEvent(p.event)} seen ${n}×` : `no event ${describeEvent(p.event)} yet`;
  }
  if ('stepDone' in p) return `step "${p.stepDone}" not done`;
  if ('execResult' in p) {
    const r = state.execResult(p.execResult);
    return r ? `exec "${p.execResult}" exited ${r.exitCode} with output ${JSON.stringify(r.output.slice(0, 200))}` : `exec "${p.execResult}" has not run`;
  }
  const name = p.pod ?? subject;
  const pod = state.pod(name);
  if (!pod) return state.isGone(name) ? `pod ${name} was gone` : `pod ${name} not seen yet`;
  if ('exists' in p) return `pod ${name} existed`;
  if ('phase' in p) return `phase was ${pod.phase}`;
  if ('terminating' in p) return pod.deletionTimestamp ? `${name} was terminating` : `${name} was not terminating`;
  if ('condition' in p) {
    const c = pod.conditions.find((x) => x.type === p.condition);
    return c ? `${p.condition} was ${c.status}${c.reason ? ` (${c.reason})` : ''}` : `no ${p.condition} condition`;
  }
  if ('column' in p) return `${p.column.toUpperCase()} was "${pod.columns[p.column]}"`;
  const c = findContainer(pod, p.container);
  return c ? describeContainerState(c, previousEnd(c, state, name)) : `no container ${p.container}`;
}

export function describeContainerState(c: ContainerSnapshot, previous = previousEnd(c)): string {
  if (hasNoStatusYet(c)) return `${c.name} had no status yet`;
  const exit = shownExitCode(c, previous);
  const parts = [
    `${c.name} was ${c.state}${c.reason ? ` (${c.reason})` : ''}`,
    exit !== undefined ? `exit code ${exit}` : '',
    c.ready ? 'ready' : 'not ready',
    `${c.restartCount} restart${c.restartCount === 1 ? '' : 's'}`,
  ];
  return parts.filter(Boolean).join(', ');
}
