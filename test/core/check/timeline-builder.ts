// SPDX-License-Identifier: Apache-2.0
// Builds observation timelines for checker tests: times in seconds, each pod snapshot a patch on the last.

import type {
  ContainerKind,
  ContainerSnapshot,
  ContainerStateName,
  EndpointObservation,
  Observation,
  PodConditionSnapshot,
  PodSnapshot,
} from '@contract/observation';

/** The run's start on the wall clock; Kubernetes timestamps are this plus seconds. */
export const RUN_START = Date.parse('2026-03-01T10:00:00Z');

/** RFC 3339 at second precision, truncated like metav1.Time. */
export function rfc(seconds: number): string {
  return new Date(RUN_START + Math.floor(seconds) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface ContainerPatch {
  name: string;
  kind?: ContainerKind;
  state?: ContainerStateName;
  reason?: string;
  exitCode?: number;
  /** seconds since run start */
  startedAt?: number;
  finishedAt?: number;
  restartCount?: number;
  ready?: boolean;
  started?: boolean;
  id?: string;
  last?: { exitCode: number; reason?: string; startedAt?: number; finishedAt?: number };
}

export interface PodPatch {
  uid?: string;
  phase?: string;
  podIP?: string;
  /** shorthand for the Ready and ContainersReady conditions */
  ready?: boolean;
  conditions?: Record<string, 'True' | 'False' | 'Unknown'>;
  containers?: ContainerPatch[];
  /** the STATUS column; derived from containers and phase when not given */
  status?: string;
  /** deletion requested at this many seconds with this grace */
  deleting?: { at: number; grace: number };
}

export class TimelineBuilder {
  private readonly out: Observation[] = [];
  private readonly pods = new Map<string, PodSnapshot>();

  constructor(private readonly subject = 'web') {}

  pod(t: number, patch: PodPatch, name = this.subject): this {
    const snapshot = patchPod(this.pods.get(name) ?? emptyPod(name), patch);
    this.pods.set(name, snapshot);
    this.out.push({ kind: 'pod', t: t * 1000, pod: name, snapshot: structuredClone(snapshot) });
    return this;
  }

  gone(t: number, name = this.subject): this {
    this.pods.delete(name);
    this.out.push({ kind: 'pod-gone', t: t * 1000, pod: name });
    return this;
  }

  event(t: number, e: { reason: string; message?: string; type?: string; count?: number; object?: string; fieldPath?: string }): this {
    this.out.push({
      kind: 'event',
      t: t * 1000,
      object: e.object ?? this.subject,
      objectKind: 'Pod',
      type: e.type ?? 'Normal',
      reason: e.reason,
      message: e.message ?? '',
      count: e.count ?? 1,
      ...(e.fieldPath ? { fieldPath: e.fieldPath } : {}),
    });
    return this;
  }

  endpoint(t: number, e: Partial<Omit<EndpointObservation, 'kind' | 't'>> & { service: string }): this {
    this.out.push({
      kind: 'endpoint',
      t: t * 1000,
      address: '10.244.0.7',
      ready: false,
      serving: false,
      terminating: false,
      present: true,
      ...e,
    });
    return this;
  }

  traffic(t: number, name: string, ok: boolean): this {
    this.out.push({ kind: 'traffic', t: t * 1000, name, url: `http://svc/${name}`, ok, ...(ok ? { code: 200 } : { error: 'connection refused' }) });
    return this;
  }

  step(t: number, id: string, phase: 'started' | 'done' | 'failed' = 'started'): this {
    this.out.push({ kind: 'step', t: t * 1000, index: 0, id, action: 'exec', phase });
    return this;
  }

  build(): Observation[] {
    return [...this.out];
  }
}

function emptyPod(name: string): PodSnapshot {
  return {
    name,
    uid: `uid-${name}`,
    phase: 'Pending',
    conditions: [],
    containers: [],
    columns: { name, ready: '0/0', status: 'Pending', restarts: '0', age: '0s' },
  };
}

function patchPod(pod: PodSnapshot, patch: PodPatch): PodSnapshot {
  const next: PodSnapshot = { ...pod, conditions: [...pod.conditions], containers: [...pod.containers] };
  if (patch.uid) next.uid = patch.uid;
  if (patch.phase) next.phase = patch.phase;
  if (patch.podIP) next.podIP = patch.podIP;
  if (patch.deleting) {
    next.deletionTimestamp = rfc(patch.deleting.at + patch.deleting.grace);
    next.deletionGracePeriodSeconds = patch.deleting.grace;
  }
  const conditions = { ...patch.conditions };
  if (patch.ready !== undefined) {
    conditions.Ready = patch.ready ? 'True' : 'False';
    conditions.ContainersReady = conditions.Ready;
  }
  for (const [type, status] of Object.entries(conditions)) setCondition(next.conditions, type, status);
  for (const c of patch.containers ?? []) {
    const i = next.containers.findIndex((x) => x.name === c.name);
    const merged = patchContainer(i >= 0 ? next.containers[i] : undefined, c);
    if (i >= 0) next.containers[i] = merged;
    else next.containers.push(merged);
  }
  next.columns = columnsOf(next, patch.status);
  return next;
}

function setCondition(list: PodConditionSnapshot[], type: string, status: PodConditionSnapshot['status']): void {
  const i = list.findIndex((c) => c.type === type);
  if (i >= 0) list[i] = { type, status };
  else list.push({ type, status });
}

/** A new state drops the old state's reason, exit code and finish time unless the patch repeats them. */
function patchContainer(old: ContainerSnapshot | undefined, p: ContainerPatch): ContainerSnapshot {
  const base: ContainerSnapshot = old ?? { name: p.name, kind: 'app', state: 'waiting', restartCount: 0, ready: false };
  const stateChanged = p.state !== undefined && p.state !== base.state;
  const c: ContainerSnapshot = { ...base };
  if (stateChanged) {
    delete c.reason;
    delete c.exitCode;
    delete c.finishedAt;
    if (p.state === 'waiting') delete c.startedAt;
  }
  if (p.kind) c.kind = p.kind;
  if (p.state) c.state = p.state;
  if (p.reason !== undefined) c.reason = p.reason;
  if (p.exitCode !== undefined) c.exitCode = p.exitCode;
  if (p.startedAt !== undefined) c.startedAt = rfc(p.startedAt);
  if (p.finishedAt !== undefined) c.finishedAt = rfc(p.finishedAt);
  if (p.restartCount !== undefined) c.restartCount = p.restartCount;
  if (p.ready !== undefined) c.ready = p.ready;
  if (p.started !== undefined) c.started = p.started;
  if (p.id !== undefined) c.containerID = `containerd://${p.id}`;
  if (p.last) {
    c.lastTerminated = {
      exitCode: p.last.exitCode,
      ...(p.last.reason ? { reason: p.last.reason } : {}),
      ...(p.last.startedAt !== undefined ? { startedAt: rfc(p.last.startedAt) } : {}),
      ...(p.last.finishedAt !== undefined ? { finishedAt: rfc(p.last.finishedAt) } : {}),
    };
  }
  return c;
}

function columnsOf(pod: PodSnapshot, status?: string): PodSnapshot['columns'] {
  const apps = pod.containers.filter((c) => c.kind !== 'init');
  const waiting = apps.find((c) => c.state !== 'running' && c.reason)?.reason;
  return {
    name: pod.name,
    ready: `${apps.filter((c) => c.ready).length}/${apps.length}`,
    status: status ?? (pod.deletionTimestamp ? 'Terminating' : (waiting ?? pod.phase)),
    restarts: String(apps.reduce((n, c) => n + c.restartCount, 0)),
    age: '1m',
  };
}
