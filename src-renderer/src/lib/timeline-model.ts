// SPDX-License-Identifier: Apache-2.0
// The run on one time axis, as data: lanes of segments and ticks, and the expected windows as bands.
// Pure, so it is unit-tested and shared by the live timeline and the exported report.
import type { ExpectationView } from '@contract/dto';
import type { ContainerSnapshot, Observation, PodSnapshot } from '@contract/observation';
import type { Verdict } from '@contract/verdict';
import type { Lang } from './lang';
import type { PodPlan, PodPlans } from './pod-plan';
import { restartLanes } from './restart-lanes';
import { sayIn, type Say } from './say';
import { stopSequence } from './stop-sequence';
import { probeLanes } from './probe-lanes';
import { runErrorText } from './words';

export type Tone = 'ok' | 'warn' | 'bad' | 'idle';

export interface Segment {
  from: number;
  to: number;
  label: string;
  tone: Tone;
  /** what the bar shows when the whole label does not fit in it */
  short?: string;
  source?: MarkSource;
}

/** Where a mark comes from in the API, and the kubectl that shows it (without -n: the screen adds the run's namespace). */
export interface MarkSource {
  field: string;
  kubectl: string;
}

export interface Tick {
  t: number;
  label: string;
  tone: Tone;
  /** a short glyph drawn on the axis */
  mark: string;
  source?: MarkSource;
}

export interface Lane {
  id: string;
  group: 'pod' | 'container' | 'probes' | 'termination' | 'endpoint' | 'traffic' | 'steps' | 'gap';
  title: string;
  /** the part of the title that is a name from the cluster (a pod, a container, a Service), shown verbatim */
  name?: string;
  segments: Segment[];
  ticks: Tick[];
  /** a moment still ahead that the screen counts down to while the run is live */
  countdown?: { to: number; what: 'sigkill' | 'restart' };
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
export function segmentsOf(samples: Array<{ t: number; label: string; tone: Tone; source?: MarkSource }>, end: number): Segment[] {
  const out: Segment[] = [];
  for (const s of samples) {
    const last = out.at(-1);
    if (last && last.label === s.label && last.tone === s.tone) continue;
    if (last) last.to = s.t;
    out.push({ from: s.t, to: end, label: s.label, tone: s.tone, ...(s.source ? { source: s.source } : {}) });
  }
  if (out.length) out.at(-1)!.to = Math.max(out.at(-1)!.from, end);
  return out;
}

/** The lesson format's step kinds, as a Chinese learner reads them. */
const STEP_ACTION_ZH: Record<string, string> = { apply: '应用清单', sleep: '等待', waitFor: '等待条件', delete: '删除', deletePod: '删除 Pod', exec: '执行命令', patch: '修改', setCondition: '设置条件', traffic: '发起请求' };

const BAD_REASON = /BackOff|Err|Error|OOMKilled|Failed|Invalid|ContainerCannotRun|StartError/;

export function statusTone(status: string): Tone {
  if (BAD_REASON.test(status) || status === 'Failed' || status === 'Unknown') return 'bad';
  if (status === 'Running' || status === 'Completed' || status === 'Succeeded') return 'ok';
  if (status === 'Terminating' || status === 'NotReady') return 'warn';
  return 'idle';
}

/** kubectl's READY and STATUS; Running with a container not Ready is not green (it gets no traffic). */
function podSample(snap: PodSnapshot, say: Say): { label: string; tone: Tone } {
  const [ready, total] = snap.columns.ready.split('/').map(Number);
  const notReady = snap.columns.status === 'Running' && ready !== undefined && total !== undefined && ready < total;
  return { label: `${snap.columns.ready} ${snap.columns.status}${notReady ? say(' (not Ready)', '（未就绪）') : ''}`, tone: notReady ? 'warn' : statusTone(snap.columns.status) };
}

function containerSample(c: ContainerSnapshot, say: Say): { label: string; tone: Tone } {
  if (c.state === 'running') {
    const label = c.ready ? say('running, ready', '运行中，已就绪') : c.started === false ? say('running, not started', '运行中，未通过启动探针') : say('running, not ready', '运行中，未就绪');
    return { label, tone: c.ready ? 'ok' : 'warn' };
  }
  if (c.state === 'terminated') {
    const why = c.reason ?? (c.signal ? `signal ${c.signal}` : say('exited', '已退出'));
    return { label: say(`terminated: ${why} (exit ${c.exitCode ?? '?'})`, `已终止：${why}（退出码 ${c.exitCode ?? '?'}）`), tone: c.exitCode === 0 ? 'idle' : 'bad' };
  }
  if (c.state === 'waiting') return { label: `${say('waiting', '等待')}${c.reason ? `: ${c.reason}` : ''}`, tone: c.reason && BAD_REASON.test(c.reason) ? 'bad' : 'idle' };
  return { label: say('unknown', '未知'), tone: 'idle' };
}

function probeKind(message: string): string | undefined {
  return /^(Liveness|Readiness|Startup) probe/.exec(message)?.[1];
}

const POD_SOURCE = (pod: string): MarkSource => ({ field: 'status.phase, status.containerStatuses (kubectl\'s READY and STATUS columns)', kubectl: `kubectl get pod ${pod}` });
const READY_SOURCE = (pod: string): MarkSource => ({ field: 'status.conditions[type=Ready]', kubectl: `kubectl get pod ${pod} -o jsonpath='{.status.conditions[?(@.type=="Ready")]}'` });

function containerSource(pod: string, c: ContainerSnapshot, what: 'state' | 'restartCount'): MarkSource {
  const list = c.kind === 'app' ? 'containerStatuses' : 'initContainerStatuses';
  return { field: `status.${list}[name=${c.name}].${what}`, kubectl: `kubectl get pod ${pod} -o jsonpath='{.status.${list}[?(@.name=="${c.name}")].${what}}'` };
}

function eventSource(o: { object: string; reason: string }): MarkSource {
  return { field: `Event reason=${o.reason}, involvedObject.name=${o.object}`, kubectl: `kubectl get events --field-selector involvedObject.name=${o.object},reason=${o.reason}` };
}

/** `plans`: what the manifests say of each pod (probes, preStop, grace), for the probe lanes. */
export function buildTimeline(observations: Observation[], verdicts: Verdict[], expectations: ExpectationView[], end: number, plans: PodPlans = {}, lang: Lang = 'en'): TimelineModel {
  const say = sayIn(lang);
  const podSamples = new Map<string, Array<{ t: number; snap: PodSnapshot }>>();
  const containerSamples = new Map<string, Array<{ t: number; label: string; tone: Tone; source?: MarkSource }>>();
  const containerTicks = new Map<string, Tick[]>();
  const restarts = new Map<string, number>();
  const probeTicks: Tick[] = [];
  const termination = new Map<string, { from: number; to?: number; grace?: number; deadline?: number }>();
  const endpointSamples = new Map<string, Array<{ t: number; label: string; tone: Tone; source?: MarkSource }>>();
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
        samples.push({ t: o.t, ...containerSample(c, say), source: containerSource(o.pod, c, 'state') });
        containerSamples.set(key, samples);
        const before = restarts.get(key) ?? 0;
        if (c.restartCount > before) {
          const ticks = containerTicks.get(key) ?? [];
          ticks.push({ t: o.t, label: say(`restart ${c.restartCount}`, `第 ${c.restartCount} 次重启`), tone: 'warn', mark: '↻', source: containerSource(o.pod, c, 'restartCount') });
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
      const source = eventSource(o);
      if (o.reason === 'Unhealthy' && kind) probeTicks.push({ t: o.t, label: `${o.object}: ${o.message}`, tone: kind === 'Readiness' ? 'warn' : 'bad', mark: kind[0]!, source });
      else if (o.reason === 'Killing') probeTicks.push({ t: o.t, label: `${o.object}: Killing — ${o.message}`, tone: 'bad', mark: '✕', source });
      else if (o.reason === 'BackOff') probeTicks.push({ t: o.t, label: `${o.object}: ${o.message}`, tone: 'warn', mark: '⏸', source });
      else if (o.reason === 'FailedPostStartHook' || o.reason === 'FailedPreStopHook') probeTicks.push({ t: o.t, label: `${o.object}: ${o.reason}`, tone: 'bad', mark: 'H', source });
    } else if (o.kind === 'endpoint') {
      const key = `${o.service}/${o.pod ?? o.address}`;
      const samples = endpointSamples.get(key) ?? [];
      // serving says whether a terminating endpoint still takes traffic (it may, until its readiness fails)
      const label = !o.present
        ? say('not in slice', '不在切片中')
        : o.terminating
          ? o.serving ? say('terminating, serving', '终止中，仍在服务') : say('terminating, not serving', '终止中，不再服务')
          : o.ready ? say('ready', '就绪') : say('not ready', '未就绪');
      const source = { field: 'EndpointSlice endpoints[].conditions (ready, serving, terminating)', kubectl: `kubectl get endpointslices -l kubernetes.io/service-name=${o.service} -o yaml` };
      samples.push({ t: o.t, label, tone: !o.present ? 'idle' : o.ready ? 'ok' : o.terminating ? 'warn' : 'bad', source });
      endpointSamples.set(key, samples);
    } else if (o.kind === 'traffic') {
      const samples = trafficSamples.get(o.name) ?? [];
      samples.push({ t: o.t, label: o.ok ? `OK ${o.code ?? ''}`.trim() : say('refused / failed', '被拒绝或失败'), tone: o.ok ? 'ok' : 'bad' });
      trafficSamples.set(o.name, samples);
    } else if (o.kind === 'step' && o.phase !== 'done') {
      const action = say(o.action, STEP_ACTION_ZH[o.action] ?? o.action);
      stepTicks.push({ t: o.t, label: say(`step ${o.id}: ${action}`, `步骤 ${o.id}：${action}`) + (o.detail ? ` — ${say(o.detail, runErrorText(o.detail, 'zh'))}` : ''), tone: o.phase === 'failed' ? 'bad' : 'idle', mark: o.phase === 'failed' ? '!' : '▸' });
    } else if (o.kind === 'gap') {
      gaps.push({ resource: o.resource, from: o.from, to: o.t, reason: o.reason });
    } else if (o.kind === 'exec') {
      stepTicks.push({ t: o.t, label: say(`exec ${o.command.join(' ')} → exit ${o.exitCode}`, `exec ${o.command.join(' ')} → 退出码 ${o.exitCode}`), tone: o.exitCode === 0 ? 'ok' : 'warn', mark: '$' });
    }
  }

  const lanes: Lane[] = [];
  const restartLanesByContainer = restartLanes(observations, plans, last, say);
  for (const [pod, samples] of podSamples) {
    lanes.push({
      id: `pod/${pod}`,
      group: 'pod',
      title: say(`pod ${pod}`, `Pod ${pod}`),
      name: pod,
      segments: segmentsOf(samples.map((s) => ({ t: s.t, ...podSample(s.snap, say), source: POD_SOURCE(pod) })), last),
      ticks: [],
    });
    lanes.push({
      id: `ready/${pod}`,
      group: 'pod',
      title: `${pod} Ready`,
      name: pod,
      segments: segmentsOf(
        samples.map((s) => {
          const ready = s.snap.conditions.find((c) => c.type === 'Ready');
          return { t: s.t, label: ready ? `Ready=${ready.status}${ready.reason ? ` (${ready.reason})` : ''}` : say('no Ready condition', '没有 Ready 条件'), tone: ready?.status === 'True' ? 'ok' : 'idle', source: READY_SOURCE(pod) };
        }),
        last,
      ),
      ticks: [],
    });
    for (const [key, cs] of containerSamples) {
      if (!key.startsWith(`${pod}/`)) continue;
      lanes.push({ id: `container/${key}`, group: 'container', title: `  ${key.slice(pod.length + 1)}`, name: key.slice(pod.length + 1), segments: segmentsOf(cs, last), ticks: containerTicks.get(key) ?? [] });
      const restarts = restartLanesByContainer.get(key);
      if (restarts) lanes.push(restarts);
    }
  }
  lanes.push(...probeLanes(observations, plans, last, say));
  if (probeTicks.length) lanes.push({ id: 'probes', group: 'probes', title: say('probes & kills', '探针与杀死'), segments: [], ticks: probeTicks });
  for (const [pod, term] of termination) lanes.push(terminationLane(pod, term, plans[pod], last, say));
  for (const [key, samples] of endpointSamples) lanes.push({ id: `endpoint/${key}`, group: 'endpoint', title: say(`endpoint ${key}`, `端点 ${key}`), name: key, segments: segmentsOf(samples, last), ticks: [] });
  for (const [name, samples] of trafficSamples) lanes.push({ id: `traffic/${name}`, group: 'traffic', title: say(`traffic ${name}`, `流量 ${name}`), name, segments: segmentsOf(samples, last), ticks: [] });
  for (const [resource, list] of groupGaps(gaps)) {
    const segments = list.map((g) => ({ from: g.from, to: g.to, label: say('not seen', '未看到'), tone: 'bad' as const }));
    lanes.push({ id: `gap/${resource}`, group: 'gap', title: say(`${resource} not seen`, `${resource} 未看到`), segments, ticks: [] });
  }
  if (stepTicks.length) lanes.push({ id: 'steps', group: 'steps', title: say('steps', '步骤'), segments: [], ticks: stepTicks });

  const explainOf = new Map(expectations.map((e) => [e.id, e.explain[lang]]));
  const bands: Band[] = verdicts
    .filter((v) => v.window)
    .map((v) => ({
      id: v.expectationId,
      lo: v.window!.lo,
      hi: v.window!.hi,
      state: v.state,
      ...(v.decidedAt !== undefined ? { decidedAt: v.decidedAt } : {}),
      detail: lang === 'zh' ? (v.detailZh ?? v.detail) : v.detail,
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
    ...(failed ? { divergence: { t: failed.decidedAt ?? last, expectationId: failed.expectationId, detail: lang === 'zh' ? (failed.detailZh ?? failed.detail) : failed.detail } } : {}),
  };
}

/**
 * A deletion: from the manifest's preStop and the grace period the API set, the preStop span, SIGTERM
 * and the SIGKILL deadline; without a readable preStop, the grace period's end.
 */
function terminationLane(pod: string, term: { from: number; to?: number; grace?: number; deadline?: number }, plan: PodPlan | undefined, last: number, say: Say): Lane {
  const to = term.to ?? last;
  const source: MarkSource = { field: 'metadata.deletionTimestamp, metadata.deletionGracePeriodSeconds', kubectl: `kubectl get pod ${pod} -o jsonpath='{.metadata.deletionTimestamp} {.metadata.deletionGracePeriodSeconds}'` };
  const preStops = Object.values(plan?.containers ?? {}).map((c) => c.preStopSeconds).filter((p): p is number => p !== undefined);
  const preStop = preStops.some(Number.isNaN) ? NaN : preStops.length ? Math.max(...preStops) : undefined;
  const seq = plan && term.grace !== undefined ? stopSequence(term.from, term.grace, preStop) : undefined;
  const segments: Segment[] = [];
  const ticks: Tick[] = [];
  if (seq) {
    // Drawn to its planned end while the pod is still there: a span to watch run out, not a sliver.
    if (seq.preStop) segments.push({ from: seq.preStop.from, to: term.to === undefined ? seq.preStop.to : Math.min(seq.preStop.to, term.to), label: say(`preStop (${seq.preStop.seconds} s)`, `preStop（${seq.preStop.seconds} 秒）`), tone: 'warn' });
    const left = Math.round((seq.sigkill - seq.sigterm) / 1000);
    if (seq.sigterm < to) segments.push({ from: seq.sigterm, to, label: say(`SIGTERM sent, ${left} s to stop`, `已发送 SIGTERM，${left} 秒内须停止`), tone: 'warn' });
    ticks.push({ t: seq.sigterm, label: seq.preStop ? say('SIGTERM once preStop is done (or the grace period has run out) (predicted)', 'preStop 结束（或宽限期用完）后发送 SIGTERM（预测）') : say('SIGTERM (predicted)', 'SIGTERM（预测）'), tone: 'warn', mark: '▸' });
    const usedUp = seq.preStop && seq.preStop.seconds >= term.grace!;
    ticks.push({ t: seq.sigkill, label: say(`SIGKILL deadline: grace ${term.grace} s${usedUp ? ', used up by preStop, +2 s for SIGTERM' : ''}`, `SIGKILL 截止：宽限期 ${term.grace} 秒${usedUp ? '，已被 preStop 用完，再给 SIGTERM 2 秒' : ''}`), tone: 'bad', mark: '⚡' });
  } else {
    segments.push({ from: term.from, to, label: term.grace !== undefined ? say(`terminating (grace ${term.grace} s)`, `终止中（宽限期 ${term.grace} 秒）`) : say('terminating', '终止中'), tone: 'warn' });
    if (term.deadline !== undefined) ticks.push({ t: term.deadline, label: say('grace period ends: SIGKILL by now (+2 s after a preStop)', '宽限期结束：此时应已 SIGKILL（有 preStop 时再加 2 秒）'), tone: 'bad', mark: '⚡' });
  }
  if (term.to !== undefined) ticks.push({ t: term.to, label: say(`${pod} removed`, `${pod} 已删除`), tone: 'idle', mark: '∅' });
  for (const m of [...segments, ...ticks]) m.source ??= source;
  const deadline = ticks.find((k) => k.mark === '⚡')?.t;
  const countdown = term.to === undefined && deadline !== undefined ? { countdown: { to: deadline, what: 'sigkill' as const } } : {};
  return { id: `termination/${pod}`, group: 'termination', title: say(`${pod} deletion`, `${pod} 的删除`), name: pod, segments, ticks, ...countdown };
}

function groupGaps(gaps: WatchGap[]): Map<string, WatchGap[]> {
  const byResource = new Map<string, WatchGap[]>();
  for (const g of gaps) byResource.set(g.resource, [...(byResource.get(g.resource) ?? []), g]);
  return byResource;
}
