// SPDX-License-Identifier: Apache-2.0
// What happens to one container, from its lives over every ticker phase: Ready, never Ready, killed
// in some starts, or a restart loop — with the moments the timeline draws.
import type { ContainerOutcome, MomentKind, OutcomeVerdict, PredictedMoment } from '@contract/outcome';
import { stopTiming } from '../termination';
import type { AppModel } from './app-model';
import { livesOf, type Lives, type Range } from './lives';
import type { ContainerSpec, PodSpec } from './pod-spec';
import { restartsBy, restartsOf, type Restart } from './restarts';
import { momentLabel, sentenceOf } from './words';

export function containerOutcome(pod: PodSpec, c: ContainerSpec, app: AppModel, horizon: number): ContainerOutcome {
  const lives = livesOf(c, app, horizon);
  const killChance = lives.killed / lives.tried;
  const killedBy = lives.killedBy[0];
  const exit = exitRange(pod, c, app, lives, killedBy);
  const loops = killChance === 1 && pod.restartPolicy !== 'Never' && exit !== undefined;
  const restartsAt = loops ? restartsOf(exit, horizon) : [];
  const verdict: OutcomeVerdict = killChance === 1 ? (loops ? 'restart-loop' : 'killed') : killChance > 0 ? 'may-restart' : lives.readyCount ? 'ready' : 'never-ready';
  const base = { pod: pod.name, container: c.name, verdict, killChance, horizon, restartsAt, restarts: restartsBy(restartsAt, horizon) };
  const out: ContainerOutcome = {
    ...base,
    ...(lives.ready ? { readyAt: lives.ready } : {}),
    ...(lives.kill ? { firstKill: lives.kill } : {}),
    ...(killedBy ? { killedBy } : {}),
    moments: momentsOf(pod.name, c.name, lives, exit, restartsAt, killChance),
    sentence: { en: '', zh: '' },
  };
  out.sentence = sentenceOf(out, lives, pod.restartPolicy);
  return out;
}

/** From the start to the container gone after its kill: preStop, SIGTERM, SIGKILL at the grace period's end. */
function exitRange(pod: PodSpec, c: ContainerSpec, app: AppModel, lives: Lives, by: 'startup' | 'liveness' | undefined): Range | undefined {
  if (!by || !lives.kills.length) return undefined;
  const grace = c.probes[by]?.graceSeconds ?? pod.graceSeconds;
  const exits = lives.kills.map((k) => k + stopTiming(grace, c.preStopSeconds, app.exitsOnTerm(k)).at);
  return { lo: Math.min(...exits), hi: Math.max(...exits) + lives.step };
}

function momentsOf(pod: string, container: string, lives: Lives, exit: Range | undefined, restarts: Restart[], killChance: number): PredictedMoment[] {
  const out: PredictedMoment[] = [];
  const add = (kind: MomentKind, instance: number, r: Range | undefined, possible: boolean, shift: Range = { lo: 0, hi: 0 }) => {
    if (r) out.push({ kind, pod, container, instance, lo: r.lo + shift.lo, hi: r.hi + shift.hi, possible, label: momentLabel(kind, instance) });
  };
  const starts = [{ instance: 1, start: { lo: 0, hi: 0 } }, ...restarts];
  for (const { instance, start } of starts) {
    if (instance === 1) add('first-probe', 1, lives.firstProbe, false);
    const readySometimes = lives.readyCount > 0 && lives.readyCount < lives.tried;
    add('ready', instance, lives.ready, readySometimes, start);
    add('not-ready', instance, lives.notReady, false, start);
    add('kill', instance, lives.kill, killChance < 1, start);
    add('exit', instance, exit, killChance < 1, start);
    if (instance > 1) out.push({ kind: 'restart', pod, container, instance, lo: start.lo, hi: start.hi, possible: false, label: momentLabel('restart', instance) });
  }
  return out.sort((a, b) => a.lo - b.lo || a.instance - b.instance);
}
