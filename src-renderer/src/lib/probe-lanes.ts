// SPDX-License-Identifier: Apache-2.0
// A lane per container and probe: the initialDelaySeconds span, the ticks the kubelet's prober should
// make (hollow: predicted from the manifest), the failures it reported (Unhealthy events, counted
// toward failureThreshold) and the successes inferred from the status (started / ready turning true;
// the API reports no successful probe, so these are marked inferred).
import type { Observation } from '@contract/observation';
import type { PodPlans, ProbeKind, ProbePlan } from './pod-plan';
import type { Say } from './say';
import type { Lane, Tick } from './timeline-model';

const KIND_WORD: Record<ProbeKind, string> = { startup: 'Startup', liveness: 'Liveness', readiness: 'Readiness' };
const KIND_ZH: Record<ProbeKind, string> = { startup: '启动探针', liveness: '存活探针', readiness: '就绪探针' };
/** a lane never draws more predicted ticks than this (a 1 s period over an hour) */
const MAX_PREDICTED = 400;

interface Instance {
  from: number;
  to: number;
  /** when started turned true (the startup probe succeeded) */
  startedAt?: number;
  /** when ready turned true */
  readyAt?: number;
}

export function probeLanes(observations: Observation[], plans: PodPlans, end: number, say: Say = (en) => en): Lane[] {
  const lanes: Lane[] = [];
  for (const [pod, plan] of Object.entries(plans)) {
    for (const [container, cp] of Object.entries(plan.containers)) {
      const instances = instancesOf(observations, pod, container, end);
      if (!instances.length) continue;
      for (const kind of ['startup', 'liveness', 'readiness'] as const) {
        const probe = cp.probes[kind];
        if (!probe) continue;
        const gatedByStartup = kind !== 'startup' && !!cp.probes.startup;
        lanes.push(laneOf(pod, container, kind, probe, instances, gatedByStartup, failuresOf(observations, pod, container, kind), say));
      }
    }
  }
  return lanes;
}

function laneOf(pod: string, container: string, kind: ProbeKind, probe: ProbePlan, instances: Instance[], gatedByStartup: boolean, failures: number[], say: Say): Lane {
  const word = KIND_WORD[kind];
  const segments: Lane['segments'] = [];
  const ticks: Tick[] = [];
  const period = probe.periodSeconds * 1000;
  for (const inst of instances) {
    const delayEnd = inst.from + probe.initialDelaySeconds * 1000;
    if (probe.initialDelaySeconds > 0) segments.push({ from: inst.from, to: Math.min(delayEnd, inst.to), label: say(`initialDelaySeconds ${probe.initialDelaySeconds} s`, `initialDelaySeconds ${probe.initialDelaySeconds} 秒`), tone: 'idle' });
    // The startup probe stops once it succeeds; liveness and readiness begin only then.
    const from = gatedByStartup ? Math.max(delayEnd, inst.startedAt ?? Infinity) : delayEnd;
    const until = kind === 'startup' ? Math.min(inst.to, inst.startedAt ?? Infinity) : inst.to;
    // The prober's ticker starts with the worker, not with the container, so its phase is known only
    // from a tick seen (a reported failure); before that the first tick is due somewhere in one period.
    const seen = failures.filter((f) => f >= inst.from && f <= inst.to);
    const phase = seen[0];
    if (phase === undefined) {
      if (from < until) segments.push({ from, to: Math.min(until, from + period), label: say(`first ${kind} tick due`, `第一次 ${kind} 探测在此期间`), tone: 'idle' });
    } else {
      const first = phase - Math.floor((phase - from) / period) * period;
      for (let t = first, n = 0; t <= until && n < MAX_PREDICTED; t += period, n++) {
        ticks.push({ t, label: say(`${word} probe: a tick is due (every ${probe.periodSeconds} s, in step with the one seen at ${(phase / 1000).toFixed(1)} s; predicted)`, `${word} 探针：此刻应探测一次（每 ${probe.periodSeconds} 秒，与 ${(phase / 1000).toFixed(1)} 秒看到的那次同步；预测）`), tone: 'idle', mark: 'o' });
      }
    }
    const success = kind === 'startup' ? inst.startedAt : kind === 'readiness' ? inst.readyAt : undefined;
    if (success !== undefined) ticks.push({ t: success, label: say(`${word} probe succeeded (inferred: ${kind === 'startup' ? 'started' : 'ready'} turned true)`, `${word} 探针成功（推断：${kind === 'startup' ? 'started' : 'ready'} 变为 true）`), tone: 'ok', mark: '●' });
    // Failures in a row, toward failureThreshold; a success or a new instance starts the count again.
    let inRow = 0;
    let pastSuccess = false;
    for (const t of seen) {
      if (success !== undefined && t > success && !pastSuccess) {
        pastSuccess = true;
        inRow = 0;
      }
      inRow++;
      ticks.push({ t, label: say(
          `${word} probe failed (${Math.min(inRow, probe.failureThreshold)}/${probe.failureThreshold} toward ${kind === 'readiness' ? 'not Ready' : 'a restart'})`,
          `${word} 探针失败（${Math.min(inRow, probe.failureThreshold)}/${probe.failureThreshold}，达到后${kind === 'readiness' ? '变为未就绪' : '重启'}）`,
        ), tone: 'bad', mark: '●' });
    }
  }
  const spec = { field: `spec.containers[name=${container}].${kind}Probe`, kubectl: `kubectl get pod ${pod} -o jsonpath='{.spec.containers[?(@.name=="${container}")].${kind}Probe}'` };
  const failed = { field: `Event reason=Unhealthy, involvedObject.name=${pod}`, kubectl: `kubectl get events --field-selector involvedObject.name=${pod},reason=Unhealthy` };
  for (const m of segments) m.source = spec;
  const inferred = { field: `status.containerStatuses[name=${container}].${kind === 'startup' ? 'started' : 'ready'}`, kubectl: `kubectl get pod ${pod} -o jsonpath='{.status.containerStatuses[?(@.name=="${container}")].${kind === 'startup' ? 'started' : 'ready'}}'` };
  for (const k of ticks) k.source = k.tone === 'bad' ? failed : k.tone === 'ok' ? inferred : spec;
  return { id: `probe/${pod}/${container}/${kind}`, group: 'probes', title: say(`  ${container} ${kind}`, `  ${container} ${KIND_ZH[kind]}`), name: container, segments, ticks: ticks.sort((a, b) => a.t - b.t) };
}

/** Each run of the container (a restart starts a new one), with when it started and became ready. */
function instancesOf(observations: Observation[], pod: string, container: string, end: number): Instance[] {
  const out: Instance[] = [];
  let open: Instance | undefined;
  let restarts = -1;
  for (const o of observations) {
    if (o.kind !== 'pod' || o.pod !== pod) continue;
    const c = o.snapshot.containers.find((x) => x.name === container);
    if (!c) continue;
    if (c.state !== 'running') {
      if (open) open.to = o.t;
      open = undefined;
      continue;
    }
    if (!open || c.restartCount !== restarts) {
      if (open) open.to = o.t;
      open = { from: o.t, to: end };
      out.push(open);
      restarts = c.restartCount;
    }
    if (c.started && open.startedAt === undefined) open.startedAt = o.t;
    if (c.ready && open.readyAt === undefined) open.readyAt = o.t;
  }
  return out;
}

function failuresOf(observations: Observation[], pod: string, container: string, kind: ProbeKind): number[] {
  const word = `${KIND_WORD[kind]} probe`;
  return observations
    .filter((o) => o.kind === 'event' && o.object === pod && o.reason === 'Unhealthy' && o.message.startsWith(word) && (!o.fieldPath || o.fieldPath.includes(`{${container}}`)))
    .map((o) => o.t);
}
