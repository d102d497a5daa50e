// SPDX-License-Identifier: Apache-2.0
// A container's restarts, drawn as what they are: a probe kill's stop (SIGTERM, the grace period
// counting down to SIGKILL), then the crash back-off wait until the kubelet starts it again.
// Ground truth §3: the first crash restarts at once; later ones wait 10 s, 20 s, 40 s … 300 s from
// the crash's finishedAt (the waiting message says "back-off 20s restarting failed container=…"),
// and on 1.30–1.34 the restart comes at the pod's next sync, up to ~15 s after the back-off ends.
import type { ContainerSnapshot, Observation } from '@contract/observation';
import type { PodPlan, PodPlans } from './pod-plan';
import type { Say } from './say';
import { stopSequence } from './stop-sequence';
import type { Lane, Segment, Tick } from './timeline-model';

/** "10s", "1m20s", "5m0s", "1.5s" (Go's time.Duration.String) → seconds; undefined when not a duration. */
export function goDurationSeconds(text: string): number | undefined {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(text);
  if (!m || text === '') return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/** The back-off the kubelet is waiting out, from a CrashLoopBackOff waiting message. */
export function backOffSeconds(c: ContainerSnapshot): number | undefined {
  if (c.state !== 'waiting' || c.reason !== 'CrashLoopBackOff' || !c.message) return undefined;
  const m = /back-off (\S+) restarting/.exec(c.message);
  return m ? goDurationSeconds(m[1]!) : undefined;
}

interface Kill {
  t: number;
  pod: string;
  probe: string;
  deadline?: number;
}

/** What one container went through, followed observation by observation. */
class RestartTrack {
  readonly segments: Segment[] = [];
  readonly ticks: Tick[] = [];
  countdown?: { to: number; what: 'sigkill' | 'restart' };
  private restarts: number | undefined;
  private kill?: Kill;
  private crashAt?: number;
  /** whether the kubelet will start the exited container again (restartPolicy, exit code, kind) */
  private restartDue = false;
  private backOff?: number;

  constructor(
    private readonly say: Say,
    private readonly policy: PodPlan['restartPolicy'] | undefined,
  ) {}

  killed(k: Kill): void {
    this.kill = k;
    this.ticks.push({
      t: k.t,
      label: this.say(`killed: failed ${k.probe} probe, SIGTERM`, `因 ${k.probe} 探针失败被杀死，发送 SIGTERM`),
      tone: 'bad',
      mark: '✕',
      source: { field: `Event reason=Killing, involvedObject.name=${k.pod}`, kubectl: `kubectl get events --field-selector involvedObject.name=${k.pod},reason=Killing` },
    });
  }

  sample(t: number, c: ContainerSnapshot): void {
    const before = this.restarts;
    this.restarts = c.restartCount;
    if (before !== undefined && c.restartCount > before) {
      // A new instance. Seen already exited (it started and crashed between two status writes), it
      // started as long before as the kubelet says it ran (finishedAt − startedAt).
      const ran = c.state === 'terminated' ? secondsBetween(c.startedAt, c.finishedAt) : undefined;
      this.restarted(Math.max(t - (ran ?? 0) * 1000, this.crashAt ?? 0), c);
    }
    if (c.state === 'terminated' && this.crashAt === undefined) this.crashed(t, c);
    this.backOff = backOffSeconds(c) ?? this.backOff;
  }

  /** The run's end (or now): what is still under way is drawn to it. */
  finish(last: number): void {
    if (this.kill) this.endStop(last, true);
    if (this.crashAt === undefined || (!this.restartDue && this.backOff === undefined)) return;
    this.segments.push({ from: this.crashAt, to: last, label: this.waitLabel(), tone: 'warn', ...(this.backOff !== undefined ? { short: `${this.backOff} s` } : {}) });
    if (this.backOff === undefined) return;
    const due = this.crashAt + this.backOff * 1000;
    this.ticks.push({ t: due, label: this.say(`back-off ${this.backOff} s ends: restart at the pod's next sync (up to ~15 s later)`, `${this.backOff} 秒退避结束：在 Pod 的下一次同步时重启（最多约晚 15 秒）`), tone: 'warn', mark: 'o' });
    if (due > last) this.countdown = { to: due, what: 'restart' };
  }

  private crashed(t: number, c: ContainerSnapshot): void {
    if (this.kill) this.endStop(t, false);
    this.crashAt = t;
    this.restartDue = restartExpected(c, this.policy);
    const why = c.reason ?? (c.signal ? `signal ${c.signal}` : 'exited');
    this.ticks.push({ t, label: this.say(`exited: ${why}, exit code ${c.exitCode ?? '?'}`, `退出：${why}，退出码 ${c.exitCode ?? '?'}`), tone: c.exitCode === 0 ? 'idle' : 'bad', mark: '■' });
  }

  private restarted(t: number, c: ContainerSnapshot): void {
    // The wait as the kubelet measured it (new startedAt − previous finishedAt, whole seconds) places
    // a crash this watch never saw in its terminated state (a first crash restarts within one status write).
    const waited = secondsBetween(c.lastTerminated?.finishedAt, c.startedAt);
    if (this.crashAt === undefined && waited !== undefined) this.crashAt = Math.max(0, t - waited * 1000);
    if (this.kill) this.endStop(this.crashAt ?? t, false);
    if (this.crashAt !== undefined) {
      const took = (t - this.crashAt) / 1000;
      const label =
        this.backOff === undefined
          ? this.say(`restarted after ${took.toFixed(1)} s (no back-off yet)`, `${took.toFixed(1)} 秒后重启（尚无退避）`)
          : this.say(`back-off ${this.backOff} s, restarted after ${took.toFixed(1)} s`, `退避 ${this.backOff} 秒，${took.toFixed(1)} 秒后重启`);
      this.segments.push({ from: this.crashAt, to: t, label, tone: 'warn', short: this.backOff === undefined ? this.say(`${took.toFixed(1)} s`, `${took.toFixed(1)} 秒`) : this.say(`back-off ${this.backOff} s`, `退避 ${this.backOff} 秒`) });
    }
    this.crashAt = undefined;
    this.backOff = undefined;
  }

  private endStop(t: number, ongoing: boolean): void {
    const k = this.kill!;
    const seconds = ((t - k.t) / 1000).toFixed(1);
    this.segments.push({
      from: k.t,
      to: t,
      label: ongoing ? this.say('stopping: SIGTERM sent', '正在停止：已发送 SIGTERM') : this.say(`stopped ${seconds} s after SIGTERM`, `SIGTERM 后 ${seconds} 秒停止`),
      tone: 'bad',
      short: 'SIGTERM',
    });
    // The SIGKILL deadline only matters while it can still come, or when the container really ran into it.
    if (k.deadline !== undefined && (ongoing || t >= k.deadline - 1000)) {
      this.ticks.push({ t: k.deadline, label: this.say('SIGKILL deadline: the grace period ends', 'SIGKILL 截止：宽限期结束'), tone: 'bad', mark: '⚡' });
      if (ongoing && k.deadline > t) this.countdown = { to: k.deadline, what: 'sigkill' };
    }
    this.kill = undefined;
  }

  private waitLabel(): string {
    return this.backOff === undefined ? this.say('exited, restart pending', '已退出，等待重启') : this.say(`back-off ${this.backOff} s`, `退避 ${this.backOff} 秒`);
  }
}

/** kubelet `ShouldContainerBeRestarted`; sidecars (init containers with restartPolicy Always) always restart. */
function restartExpected(c: ContainerSnapshot, policy: PodPlan['restartPolicy'] | undefined): boolean {
  if (c.kind === 'sidecar') return true;
  if (policy === undefined || policy === 'Never') return false;
  if (c.kind === 'init') return c.exitCode !== 0;
  return policy === 'Always' || c.exitCode !== 0;
}

function secondsBetween(from?: string, to?: string): number | undefined {
  if (!from || !to) return undefined;
  const d = (Date.parse(to) - Date.parse(from)) / 1000;
  return Number.isFinite(d) && d >= 0 ? d : undefined;
}

const KILL_FOR_PROBE = /failed (liveness|startup) probe, will be restarted/;

/**
 * One lane per container that was killed by a probe or restarted, keyed `pod/container`, for the
 * timeline to place under that container's own lane.
 */
export function restartLanes(observations: Observation[], plans: PodPlans, last: number, say: Say): Map<string, Lane> {
  const tracks = new Map<string, RestartTrack>();
  const track = (pod: string, container: string) => {
    const key = `${pod}/${container}`;
    return tracks.get(key) ?? tracks.set(key, new RestartTrack(say, plans[pod]?.restartPolicy)).get(key)!;
  };
  const touched = new Set<string>();
  for (const o of observations) {
    if (o.kind === 'pod') {
      if (o.snapshot.deletionTimestamp) continue; // a deletion's stop is the termination lane's
      for (const c of o.snapshot.containers) track(o.pod, c.name).sample(o.t, c);
    } else if (o.kind === 'event' && o.reason === 'Killing') {
      const probe = KILL_FOR_PROBE.exec(o.message)?.[1];
      const container = /\{(.+)\}$/.exec(o.fieldPath ?? '')?.[1];
      if (!probe || !container) continue;
      const key = `${o.object}/${container}`;
      const plan = plans[o.object];
      const grace = plan?.containers[container]?.probes[probe as 'liveness' | 'startup']?.terminationGracePeriodSeconds ?? plan?.graceSeconds;
      const seq = grace === undefined ? undefined : stopSequence(o.t, grace, plan?.containers[container]?.preStopSeconds);
      track(o.object, container).killed({ t: o.t, pod: o.object, probe, ...(seq ? { deadline: seq.sigkill } : {}) });
      touched.add(key);
    }
  }
  const lanes = new Map<string, Lane>();
  for (const [key, tr] of tracks) {
    tr.finish(last);
    if (!tr.segments.length && !touched.has(key)) continue;
    const [pod, container] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
    const source = {
      field: `status.containerStatuses[name=${container}]: state.waiting (CrashLoopBackOff "back-off …"), lastState.terminated.finishedAt, state.running.startedAt`,
      kubectl: `kubectl get pod ${pod} -o jsonpath='{.status.containerStatuses[?(@.name=="${container}")]}'`,
    };
    for (const m of [...tr.segments, ...tr.ticks]) m.source ??= source;
    lanes.set(key, { id: `restarts/${key}`, group: 'container', title: say('  └ kills & back-off', '  └ 杀死与退避'), segments: tr.segments, ticks: tr.ticks, ...(tr.countdown ? { countdown: tr.countdown } : {}) });
  }
  return lanes;
}
