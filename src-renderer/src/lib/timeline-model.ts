// SPDX-License-Identifier: Apache-2.0
// The run on one time axis, as data: lanes of segments and ticks, and the expected windows as bands.
// Pure, so it is unit-tested and shared by the live timeline and the exported report.
import type { ExpectationView } from '@contract/dto';
import type { ContainerSnapshot, Observation, PodSnapshot } from '@contract/observation';
import type { Verdict } from '@contract/verdict';
import type { PodPlan, PodPlans } from './pod-plan';
import { stopSequence } from './stop-sequence';
import { probeLanes } from './probe-lanes';

export type Tone = 'ok' | 'warn' | 'bad' | 'idle';

export interface Segment {
  from: number;
  to: number;
  label: string;
  tone: Tone;
}

export interface Tick {
  t: number;
  label: string;
  tone: Tone;
  /** a short glyph drawn on the axis */
  mark: string;
}

export interface Lane {
  id: string;
  group: 'pod' | 'container' | 'probes' | 'termination' | 'endpoint' | 'traffic' | 'steps' | 'gap';
  title: string;
  segments: Segment[];
  ticks: Tick[];
}

export interface Band {
  id: string;
  lo: number;
  hi: number;
  state: Verdict['state'];
  decidedAt?: number;
  detail: string;
  explain: string;
}

/** A stretch a watch could not see (410 Gone, then a relist): what happened in it is unknown. */
export interface WatchGap {
  resource: string;
  from: number;
  to: number;
  reason: string;
}

export interface TimelineModel {
  end: number;
  lanes: Lane[];
  bands: Band[];
  gaps: WatchGap[];
  divergence?: { t: number; expectationId: string; detail: string };
}

/** Consecutive samples with the same label become one segment, which lasts until the next sample (or `end`). */
export function segmentsOf(samples: Array<{ t: number; label: string; tone: Tone }>, end: number): Segment[] {
  const out: Segment[] = [];
  for (const s of samples) {
    const last = out.at(-1);
    if (last && last.label === s.label && last.tone === s.tone) continue;
    if (last) last.to = s.t;
    out.push({ from: s.t, to: end, label: s.label, tone: s.tone });
  }
  if (out.length) out.at(-1)!.to = Math.max(out.at(-1)!.from, end);
  return out;
}

const BAD_REASON = /BackOff|Err|Error|OOMKilled|Failed|Invalid|ContainerCannotRun|StartError/;

export function statusTone(status: string): Tone {
  if (BAD_REASON.test(status) || status === 'Failed' || status === 'Unknown') return 'bad';
  if (status === 'Running' || status === 'Completed' || status === 'Succeeded') return 'ok';
  if (status === 'Terminating' || status === 'NotReady') return 'warn';
  return 'idle';
}

/** kubectl's READY and STATUS; Running with a container not Ready is not green (it gets no traffic). */
function podSample(snap: PodSnapshot): { label: string; tone: Tone } {
  const [ready, total] = snap.columns.ready.split('/').map(Number);
  const notReady = snap.columns.status === 'Running' && ready !== undefined && total !== undefined && ready < total;
  return { label: `${snap.columns.ready} ${snap.columns.status}${notReady ? ' (not Ready)' : ''}`, tone: notReady ? 'warn' : statusTone(snap.columns.status) };
}

function containerSample(c: ContainerSnapshot): { label: string; tone: Tone } {
  if (c.state === 'running') return { label: c.ready ? 'running, ready' : c.started === false ? 'running, not started' : 'running, not ready', tone: c.ready ? 'ok' : 'warn' };
  if (c.state === 'terminated') {
    const why = c.reason ?? (c.signal ? `signal ${c.signal}` : 'exited');
    return { label: `terminated: ${why} (exit ${c.exitCode ?? '?'})`, tone: c.exitCode === 0 ? 'idle' : 'bad' };
  }
  if (c.state === 'waiting') return { label: `waiting${c.reason ? `: ${c.reason}` : ''}`, tone: c.reason && BAD_REASON.test(c.reason) ? 'bad' : 'idle' };
  return { label: 'unknown', tone: 'idle' };
}

function probeKind(message: string): string | undefined {
  return /^(Liveness|Readiness|Startup) probe/.exec(message)?.[1];
}

/** `plans`: what the manifests say of each pod (probes, preStop, grace), for the probe lanes. */
export function buildTimeline(observations: Observation[], verdicts: Verdict[], expectations: ExpectationView[], end: number, plans: PodPlans = {}): TimelineModel {
  const podSamples = new Map<string, Array<{ t: number; snap: PodSnapshot }>>();
  const containerSamples = new Map<string, Array<{ t: number; label: string; tone: Tone }>>();
  const containerTicks = new Map<string, Tick[]>();
  const restarts = new Map<string, number>();
  const probeTicks: Tick[] = [];
  const termination = new Map<string, { from: number; to?: number; grace?: number; deadline?: number }>();
  const endpointSamples = new Map<string, Array<{ t: number; label: string; tone: Tone }>>();
  const trafficSamples = new Map<string, Array<{ t: number; label: string; tone: Tone }>>();
  const stepTicks: Tick[] = [];
  const gaps: WatchGap[] = [];
  let last = end;

  for (const o of observations) {
    last = Math.max(last, o.t);
    if (o.kind === 'pod') {
      const list = podSamples.get(o.pod) ?? [];
      list.push({ t: o.t, snap: o.snapshot });
      podSamples.set(o.pod, list);
      for (const c of o.snapshot.containers) {
        const key = `${o.pod}/${c.name}`;
        const samples = containerSamples.get(key) ?? [];
        samples.push({ t: o.t, ...containerSample(c) });
        containerSamples.set(key, samples);
        const before = restarts.get(key) ?? 0;
        if (c.restartCount > before) {
          const ticks = containerTicks.get(key) ?? [];
          ticks.push({ t: o.t, label: `restart ${c.restartCount}`, tone: 'warn', mark: '↻' });
          containerTicks.set(key, ticks);
        }
        restarts.set(key, Math.max(before, c.restartCount));
      }
      if (o.snapshot.deletionTimestamp && !termination.has(o.pod)) {
        const grace = o.snapshot.deletionGracePeriodSeconds;
        termination.set(o.pod, { from: o.t, ...(grace !== undefined ? { grace, deadline: o.t + grace * 1000 } : {}) });
      }
    } else if (o.kind === 'pod-gone') {
      const term = termination.get(o.pod) ?? { from: o.t };
      term.to = o.t;
      termination.set(o.pod, term);
    } else if (o.kind === 'event') {
      const kind = probeKind(o.message);
      if (o.reason === 'Unhealthy' && kind) probeTicks.push({ t: o.t, label: `${o.object}: ${o.message}`, tone: kind === 'Readiness' ? 'warn' : 'bad', mark: kind[0]! });
      else if (o.reason === 'Killing') probeTicks.push({ t: o.t, label: `${o.object}: Killing — ${o.message}`, tone: 'bad', mark: '✕' });
      else if (o.reason === 'BackOff') probeTicks.push({ t: o.t, label: `${o.object}: ${o.message}`, tone: 'warn', mark: '⏸' });
      else if (o.reason === 'FailedPostStartHook' || o.reason === 'FailedPreStopHook') probeTicks.push({ t: o.t, label: `${o.object}: ${o.reason}`, tone: 'bad', mark: 'H' });
    } else if (o.kind === 'endpoint') {
      const key = `${o.service}/${o.pod ?? o.address}`;
      const samples = endpointSamples.get(key) ?? [];
      const label = !o.present ? 'not in slice' : o.terminating ? 'terminating' : o.ready ? 'ready' : 'not ready';
      samples.push({ t: o.t, label, tone: !o.present ? 'idle' : o.ready ? 'ok' : o.terminating ? 'warn' : 'bad' });
      endpointSamples.set(key, samples);
    } else if (o.kind === 'traffic') {
      const samples = trafficSamples.get(o.name) ?? [];
      samples.push({ t: o.t, label: o.ok ? `OK ${o.code ?? ''}`.trim() : 'refused / failed', tone: o.ok ? 'ok' : 'bad' });
      trafficSamples.set(o.name, samples);
    } else if (o.kind === 'step' && o.phase !== 'done') {
      stepTicks.push({ t: o.t, label: `${o.id}: ${o.action}${o.detail ? ` — ${o.detail}` : ''}`, tone: o.phase === 'failed' ? 'bad' : 'idle', mark: o.phase === 'failed' ? '!' : '▸' });
    } else if (o.kind === 'gap') {
      gaps.push({ resource: o.resource, from: o.from, to: o.t, reason: o.reason });
    } else if (o.kind === 'exec') {
      stepTicks.push({ t: o.t, label: `exec ${o.command.join(' ')} → exit ${o.exitCode}`, tone: o.exitCode === 0 ? 'ok' : 'warn', mark: '$' });
    }
  }

  const lanes: Lane[] = [];
  for (const [pod, samples] of podSamples) {
    lanes.push({
      id: `pod/${pod}`,
      group: 'pod',
      title: `pod ${pod}`,
      segments: segmentsOf(samples.map((s) => ({ t: s.t, ...podSample(s.snap) })), last),
      ticks: [],
    });
    lanes.push({
      id: `ready/${pod}`,
      group: 'pod',
      title: `${pod} Ready`,
      segments: segmentsOf(
        samples.map((s) => {
          const ready = s.snap.conditions.find((c) => c.type === 'Ready');
          return { t: s.t, label: ready ? `Ready=${ready.status}${ready.reason ? ` (${ready.reason})` : ''}` : 'no Ready condition', tone: ready?.status === 'True' ? 'ok' : 'idle' };
        }),
        last,
      ),
      ticks: [],
    });
    for (const [key, cs] of containerSamples) {
      if (!key.startsWith(`${pod}/`)) continue;
      lanes.push({ id: `container/${key}`, group: 'container', title: `  ${key.slice(pod.length + 1)}`, segments: segmentsOf(cs, last), ticks: containerTicks.get(key) ?? [] });
    }
  }
  lanes.push(...probeLanes(observations, plans, last));
  if (probeTicks.length) lanes.push({ id: 'probes', group: 'probes', title: 'probes & kills', segments: [], ticks: probeTicks });
  for (const [pod, term] of termination) lanes.push(terminationLane(pod, term, plans[pod], last));
  for (const [key, samples] of endpointSamples) lanes.push({ id: `endpoint/${key}`, group: 'endpoint', title: `endpoint ${key}`, segments: segmentsOf(samples, last), ticks: [] });
  for (const [name, samples] of trafficSamples) lanes.push({ id: `traffic/${name}`, group: 'traffic', title: `traffic ${name}`, segments: segmentsOf(samples, last), ticks: [] });
  for (const [resource, list] of groupGaps(gaps)) {
    const segments = list.map((g) => ({ from: g.from, to: g.to, label: 'not seen', tone: 'bad' as const }));
    lanes.push({ id: `gap/${resource}`, group: 'gap', title: `${resource} not seen`, segments, ticks: [] });
  }
  if (stepTicks.length) lanes.push({ id: 'steps', group: 'steps', title: 'steps', segments: [], ticks: stepTicks });

  const explainOf = new Map(expectations.map((e) => [e.id, e.explain.en]));
  const bands: Band[] = verdicts
    .filter((v) => v.window)
    .map((v) => ({
      id: v.expectationId,
      lo: v.window!.lo,
      hi: v.window!.hi,
      state: v.state,
      ...(v.decidedAt !== undefined ? { decidedAt: v.decidedAt } : {}),
      detail: v.detail,
      explain: explainOf.get(v.expectationId) ?? '',
    }));
  const failed = verdicts.filter((v) => v.state === 'fail').sort((a, b) => (a.decidedAt ?? Infinity) - (b.decidedAt ?? Infinity))[0];
  const maxBand = bands.reduce((m, b) => Math.max(m, b.hi), 0);
  // The axis reaches every mark (a SIGKILL deadline lies ahead of the last observation).
  const maxTick = lanes.reduce((m, l) => l.ticks.reduce((n, k) => Math.max(n, k.t), m), 0);
  return {
    end: Math.max(last, maxBand, maxTick),
    lanes,
    bands,
    gaps,
    ...(failed ? { divergence: { t: failed.decidedAt ?? last, expectationId: failed.expectationId, detail: failed.detail } } : {}),
  };
}

/**
 * A deletion: from the manifest's preStop and the grace period the API set, the preStop span, SIGTERM
 * and the SIGKILL deadline; without a readable preStop, the grace period's end.
 */
function terminationLane(pod: string, term: { from: number; to?: number; grace?: number; deadline?: number }, plan: PodPlan | undefined, last: number): Lane {
  const to = term.to ?? last;
  const preStops = Object.values(plan?.containers ?? {}).map((c) => c.preStopSeconds).filter((p): p is number => p !== undefined);
  const preStop = preStops.some(Number.isNaN) ? NaN : preStops.length ? Math.max(...preStops) : undefined;
  const seq = plan && term.grace !== undefined ? stopSequence(term.from, term.grace, preStop) : undefined;
  const segments: Segment[] = [];
  const ticks: Tick[] = [];
  if (seq) {
    // Drawn to its planned end while the pod is still there: a span to watch run out, not a sliver.
    if (seq.preStop) segments.push({ from: seq.preStop.from, to: term.to === undefined ? seq.preStop.to : Math.min(seq.preStop.to, term.to), label: `preStop (${seq.preStop.seconds} s)`, tone: 'warn' });
    if (seq.sigterm < to) segments.push({ from: seq.sigterm, to, label: `SIGTERM sent, ${Math.round((seq.sigkill - seq.sigterm) / 1000)} s to stop`, tone: 'warn' });
    ticks.push({ t: seq.sigterm, label: `SIGTERM${seq.preStop ? ' once preStop is done (or the grace period has run out)' : ''} (predicted)`, tone: 'warn', mark: '▸' });
    ticks.push({ t: seq.sigkill, label: `SIGKILL deadline: grace ${term.grace} s${seq.preStop && seq.preStop.seconds >= term.grace! ? ', used up by preStop, +2 s for SIGTERM' : ''}`, tone: 'bad', mark: '⚡' });
  } else {
    segments.push({ from: term.from, to, label: term.grace !== undefined ? `terminating (grace ${term.grace} s)` : 'terminating', tone: 'warn' });
    if (term.deadline !== undefined) ticks.push({ t: term.deadline, label: `grace period ends: SIGKILL by now (+2 s after a preStop)`, tone: 'bad', mark: '⚡' });
  }
  if (term.to !== undefined) ticks.push({ t: term.to, label: `${pod} removed`, tone: 'idle', mark: '∅' });
  return { id: `termination/${pod}`, group: 'termination', title: `${pod} deletion`, segments, ticks };
}

function groupGaps(gaps: WatchGap[]): Map<string, WatchGap[]> {
  const byResource = new Map<string, WatchGap[]>();
  for (const g of gaps) byResource.set(g.resource, [...(byResource.get(g.resource) ?? []), g]);
  return byResource;
}
