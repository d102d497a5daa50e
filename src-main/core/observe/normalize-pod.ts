// SPDX-License-Identifier: Apache-2.0
// A Pod as the API returns it → the PodSnapshot the timeline keeps. Pure.
import type { ContainerKind, ContainerSnapshot, PodConditionSnapshot, PodSnapshot } from '@contract/observation';
import type { PodJson } from './pod-json';
import { printPod } from './print-pod';

type Status = NonNullable<NonNullable<PodJson['status']>['containerStatuses']>[number];

function iso(v: string | Date | undefined | null): string | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : v.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function normalizeContainer(name: string, kind: ContainerKind, s: Status | undefined): ContainerSnapshot {
  if (!s) return { name, kind, state: 'waiting', restartCount: 0, ready: false };
  const st = s.state ?? {};
  const base = { name, kind, restartCount: s.restartCount ?? 0, ready: !!s.ready, ...(s.started !== undefined ? { started: !!s.started } : {}) };
  const last = s.lastState?.terminated;
  const lastTerminated = last
    ? {
        lastTerminated: {
          exitCode: last.exitCode ?? 0,
          ...(last.reason ? { reason: last.reason } : {}),
          ...(last.signal ? { signal: last.signal } : {}),
          ...(iso(last.startedAt) ? { startedAt: iso(last.startedAt) } : {}),
          ...(iso(last.finishedAt) ? { finishedAt: iso(last.finishedAt) } : {}),
        },
      }
    : {};
  const id = s.containerID ? { containerID: s.containerID } : {};
  if (st.running) return { ...base, ...id, ...lastTerminated, state: 'running', ...(iso(st.running.startedAt) ? { startedAt: iso(st.running.startedAt) } : {}) };
  if (st.terminated) {
    const t = st.terminated;
    return {
      ...base,
      ...id,
      ...lastTerminated,
      state: 'terminated',
      exitCode: t.exitCode ?? 0,
      ...(t.reason ? { reason: t.reason } : {}),
      ...(t.message ? { message: t.message } : {}),
      ...(t.signal ? { signal: t.signal } : {}),
      ...(iso(t.startedAt) ? { startedAt: iso(t.startedAt) } : {}),
      ...(iso(t.finishedAt) ? { finishedAt: iso(t.finishedAt) } : {}),
    };
  }
  if (st.waiting) {
    return { ...base, ...id, ...lastTerminated, state: 'waiting', ...(st.waiting.reason ? { reason: st.waiting.reason } : {}), ...(st.waiting.message ? { message: st.waiting.message } : {}) };
  }
  return { ...base, ...id, ...lastTerminated, state: 'unknown' };
}

export function normalizePod(pod: PodJson, now: Date): PodSnapshot {
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  const initStatuses = new Map((status.initContainerStatuses ?? []).map((s) => [s.name, s]));
  const appStatuses = new Map((status.containerStatuses ?? []).map((s) => [s.name, s]));
  const containers: ContainerSnapshot[] = [
    ...(spec.initContainers ?? []).map((c) => normalizeContainer(c.name, c.restartPolicy === 'Always' ? 'sidecar' : 'init', initStatuses.get(c.name))),
    ...(spec.containers ?? []).map((c) => normalizeContainer(c.name, 'app', appStatuses.get(c.name))),
  ];
  const conditions: PodConditionSnapshot[] = (status.conditions ?? []).map((c) => ({
    type: c.type,
    status: c.status as PodConditionSnapshot['status'],
    ...(c.reason ? { reason: c.reason } : {}),
    ...(c.message ? { message: c.message } : {}),
    ...(iso(c.lastTransitionTime) ? { lastTransitionTime: iso(c.lastTransitionTime) } : {}),
  }));
  const m = pod.metadata ?? { name: '' };
  return {
    name: m.name ?? '',
    uid: m.uid ?? '',
    ...(m.resourceVersion ? { resourceVersion: m.resourceVersion } : {}),
    phase: status.phase ?? 'Pending',
    ...(status.reason ? { reason: status.reason } : {}),
    ...(spec.nodeName ? { nodeName: spec.nodeName } : {}),
    ...(status.podIP ? { podIP: status.podIP } : {}),
    ...(iso(m.creationTimestamp) ? { creationTimestamp: iso(m.creationTimestamp) } : {}),
    ...(iso(m.deletionTimestamp) ? { deletionTimestamp: iso(m.deletionTimestamp) } : {}),
    ...(m.deletionGracePeriodSeconds !== undefined && m.deletionGracePeriodSeconds !== null ? { deletionGracePeriodSeconds: m.deletionGracePeriodSeconds } : {}),
    conditions,
    containers,
    columns: printPod(pod, now),
  };
}
