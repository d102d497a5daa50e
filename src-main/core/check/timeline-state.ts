// SPDX-License-Identifier: Apache-2.0
// The world as the observation timeline has shown it so far: observations folded in time order.

import type {
  ExecObservation,
  ContainerSnapshot,
  EndpointObservation,
  EventObservation,
  Observation,
  PodSnapshot,
  TrafficObservation,
} from '@contract/observation';

/** One run of a container: the kubelet starts a new instance (new container ID) on every restart. */
export interface ContainerInstance {
  /** 1 for the first run; the kubelet stamps restartCount = index − 1 on each instance it creates */
  index: number;
  containerID?: string;
  /** run time (ms) from the Kubernetes timestamp */
  startedAt?: number;
  finishedAt?: number;
  exitCode?: number;
  reason?: string;
}

/** An event object as seen so far; `occurrences` adds up the aggregated `count`s. */
export interface SeenEvent {
  object: string;
  objectKind: string;
  fieldPath?: string;
  type: string;
  reason: string;
  message: string;
  source?: string;
  occurrences: number;
  firstSeen: number;
  lastSeen: number;
  /** the highest `count` seen on the current event object */
  lastCount: number;
}

/**
 * Which instance a container's lastState is: while it waits to restart (CrashLoopBackOff) the
 * newest one; once it runs again, or has ended, the one before. The kubelet stamps every new
 * instance with restartCount = (instances before it).
 */
export function lastStateInstance(c: ContainerSnapshot): number {
  return c.state === 'running' || c.state === 'terminated' ? c.restartCount : c.restartCount + 1;
}

export class TimelineState {
  private readonly execs = new Map<string, ExecObservation>();
  private latest = 0;
  private readonly pods = new Map<string, PodSnapshot>();
  private readonly gone = new Set<string>();
  private readonly deletions = new Map<string, number>();
  private readonly histories = new Map<string, Map<number, ContainerInstance>>();
  private readonly endpoints = new Map<string, EndpointObservation>();
  private readonly trafficLatest = new Map<string, TrafficObservation>();
  private readonly trafficCounts = new Map<string, { ok: number; failed: number }>();
  private readonly seenEvents = new Map<string, SeenEvent>();
  private readonly stepsStarted = new Map<string, number>();
  private readonly stepsDone = new Map<string, number>();

  /** @param runStartedAt epoch ms of the run's start, to turn Kubernetes timestamps into run time */
  constructor(private readonly runStartedAt: number) {}

  /** Run time (ms) of the latest observation folded in. */
  get now(): number {
    return this.latest;
  }

  /** Kubernetes RFC 3339 timestamp → ms since the run started. */
  toRunTime(timestamp: string | undefined): number | undefined {
    if (!timestamp) return undefined;
    const epoch = Date.parse(timestamp);
    return Number.isNaN(epoch) ? undefined : epoch - this.runStartedAt;
  }

  apply(o: Observation): void {
    this.latest = Math.max(this.latest, o.t);
    switch (o.kind) {
      case 'pod':
        this.applyPod(o.pod, o.snapshot);
        break;
      case 'pod-gone':
        this.gone.add(o.pod);
        // A pod that vanished without a Terminating snapshot (unscheduled or already terminal:
        // the API server deletes it at once, §10) was deleted when we saw it go.
        if (!this.deletions.has(o.pod)) this.deletions.set(o.pod, this.now);
        break;
      case 'event':
        this.applyEvent(o);
        break;
      case 'endpoint':
        this.endpoints.set(`${o.service}\u0000${o.address}`, o);
        break;
      case 'traffic':
        this.applyTraffic(o);
        break;
      case 'step':
        if (o.phase === 'started' && !this.stepsStarted.has(o.id)) this.stepsStarted.set(o.id, this.now);
        if (o.phase === 'done' && !this.stepsDone.has(o.id)) this.stepsDone.set(o.id, this.now);
        break;
      case 'exec':
        this.execs.set(o.step, o);
        break;
      case 'watch':
      case 'gap':
        // What a gap hides is the checker's concern (GapBook); the relist's observations follow it.
        break;
    }
  }

  /** The result of the exec step with this id, once it ran. */
  execResult(step: string): ExecObservation | undefined {
    return this.execs.get(step);
  }

  /** Every pod seen so far, gone or not. */
  podNames(): string[] {
    return [...this.pods.keys()];
  }

  /** The latest snapshot of a pod that still exists. */
  pod(name: string): PodSnapshot | undefined {
    return this.gone.has(name) ? undefined : this.pods.get(name);
  }

  /** The last snapshot ever seen, even of a pod that is gone. */
  lastSnapshot(name: string): PodSnapshot | undefined {
    return this.pods.get(name);
  }

  isGone(name: string): boolean {
    return this.gone.has(name);
  }

  /** When the deletion was requested: deletionTimestamp − grace, else when it was first seen. */
  deletionRequestedAt(pod: string): number | undefined {
    return this.deletions.get(pod);
  }

  /** Instances of one container, oldest first. */
  instances(pod: string, container: string): ContainerInstance[] {
    const history = this.histories.get(`${pod}\u0000${container}`);
    return history ? [...history.values()].sort((a, b) => a.index - b.index) : [];
  }

  /** The endpoint of `pod` in `service`: named by the slice, or matched by the pod's IP. */
  endpoint(service: string, pod: string): EndpointObservation | undefined {
    const ip = this.pods.get(pod)?.podIP;
    let found: EndpointObservation | undefined;
    for (const e of this.endpoints.values()) {
      if (e.service !== service) continue;
      const mine = e.pod !== undefined ? e.pod === pod : ip !== undefined && e.address === ip;
      if (mine && (!found || e.t >= found.t)) found = e;
    }
    return found;
  }

  latestTraffic(name: string): TrafficObservation | undefined {
    return this.trafficLatest.get(name);
  }

  trafficCount(name: string, ok: boolean): number {
    const counts = this.trafficCounts.get(name);
    return counts ? (ok ? counts.ok : counts.failed) : 0;
  }

  events(): Iterable<SeenEvent> {
    return this.seenEvents.values();
  }

  stepStartedAt(id: string): number | undefined {
    return this.stepsStarted.get(id);
  }

  stepDoneAt(id: string): number | undefined {
    return this.stepsDone.get(id);
  }

  private applyPod(name: string, snapshot: PodSnapshot): void {
    const previous = this.pods.get(name);
    if (previous && previous.uid !== snapshot.uid) this.forgetPod(name);
    this.pods.set(name, snapshot);
    this.gone.delete(name);
    if (snapshot.deletionTimestamp && !this.deletions.has(name)) {
      this.deletions.set(name, this.deletionRequestTime(snapshot));
    }
    for (const c of snapshot.containers) this.recordInstances(name, c);
  }

  /** A new pod under an old name (deleted and created again) starts a fresh history. */
  private forgetPod(name: string): void {
    this.deletions.delete(name);
    for (const key of [...this.histories.keys()]) {
      if (key.startsWith(`${name}\u0000`)) this.histories.delete(key);
    }
  }

  /**
   * The API server sets deletionTimestamp = now + grace (strategy.go CheckGracefulDelete), so
   * the request came grace seconds before it; never later than the snapshot that shows it.
   */
  private deletionRequestTime(snapshot: PodSnapshot): number {
    const deadline = this.toRunTime(snapshot.deletionTimestamp);
    const grace = snapshot.deletionGracePeriodSeconds;
    if (deadline === undefined || grace === undefined) return this.now;
    return Math.min(this.now, deadline - grace * 1000);
  }

  /**
   * The kubelet stamps every new instance with restartCount = (instances before it), and the
   * status shows the newest instance in `state`. While the container waits to restart
   * (CrashLoopBackOff) `lastState` is that newest instance; once it runs again, the one before.
   */
  private recordInstances(pod: string, c: ContainerSnapshot): void {
    const current = c.state === 'running' || c.state === 'terminated';
    if (current && (c.startedAt || c.containerID)) {
      const ended = c.state === 'terminated';
      this.mergeInstance(pod, c.name, {
        index: c.restartCount + 1,
        containerID: c.containerID,
        startedAt: this.toRunTime(c.startedAt),
        finishedAt: ended ? this.toRunTime(c.finishedAt) : undefined,
        exitCode: ended ? c.exitCode : undefined,
        reason: ended ? c.reason : undefined,
      });
    }
    const last = c.lastTerminated;
    if (last && (last.startedAt || last.finishedAt)) {
      this.mergeInstance(pod, c.name, {
        index: lastStateInstance(c),
        startedAt: this.toRunTime(last.startedAt),
        finishedAt: this.toRunTime(last.finishedAt),
        exitCode: last.exitCode,
        reason: last.reason,
      });
    }
  }

  /** Fills in what a later snapshot adds (finishedAt, exit code); never rewrites a known start. */
  private mergeInstance(pod: string, container: string, seen: ContainerInstance): void {
    if (seen.index < 1) return;
    const key = `${pod}\u0000${container}`;
    let history = this.histories.get(key);
    if (!history) this.histories.set(key, (history = new Map()));
    const known = history.get(seen.index);
    history.set(
      seen.index,
      known
        ? {
            index: seen.index,
            containerID: known.containerID ?? seen.containerID,
            startedAt: known.startedAt ?? seen.startedAt,
            finishedAt: seen.finishedAt ?? known.finishedAt,
            exitCode: seen.exitCode ?? known.exitCode,
            reason: seen.reason ?? known.reason,
          }
        : seen,
    );
  }

  /**
   * Event objects are aggregated by the recorder: the same object comes back with a higher
   * `count`, each step up being that many more occurrences. A lower count is a new object with
   * the same text (the old one expired); an equal count is a re-list, not a new occurrence.
   */
  private applyEvent(o: EventObservation): void {
    const key = [o.object, o.objectKind, o.fieldPath ?? '', o.type, o.reason, o.message, o.source ?? ''].join('\u0000');
    const count = Math.max(o.count, 1);
    const known = this.seenEvents.get(key);
    if (!known) {
      this.seenEvents.set(key, {
        object: o.object,
        objectKind: o.objectKind,
        ...(o.fieldPath !== undefined ? { fieldPath: o.fieldPath } : {}),
        type: o.type,
        reason: o.reason,
        message: o.message,
        ...(o.source !== undefined ? { source: o.source } : {}),
        occurrences: count,
        firstSeen: this.now,
        lastSeen: this.now,
        lastCount: count,
      });
      return;
    }
    if (count === known.lastCount) return;
    known.occurrences += count > known.lastCount ? count - known.lastCount : count;
    known.lastCount = count;
    known.lastSeen = this.now;
  }

  private applyTraffic(o: TrafficObservation): void {
    this.trafficLatest.set(o.name, o);
    const counts = this.trafficCounts.get(o.name) ?? { ok: 0, failed: 0 };
    if (o.ok) counts.ok += 1;
    else counts.failed += 1;
    this.trafficCounts.set(o.name, counts);
  }
}
