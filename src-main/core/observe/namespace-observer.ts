// SPDX-License-Identifier: Apache-2.0
// Watches a run's pods, events and EndpointSlices and turns them into one observation timeline.
import type { EndpointObservation, Observation } from '@contract/observation';
import type { KubeApi } from '../kube/kube-api';
import { ResourceWatch, type WatchGap } from '../kube/resource-watch';
import { kubeWatchTransport } from '../kube/watch-transport';
import type { Logger } from '../util/log';
import { noopLogger } from '../util/log';
import { normalizePod } from './normalize-pod';
import type { PodJson } from './pod-json';

/** Pods podlab itself runs in the namespace (traffic generators) carry this label and are not observed. */
export const ROLE_LABEL = 'podlab.dev/role';

interface EventJson {
  metadata: { uid: string; name: string; resourceVersion?: string };
  involvedObject?: { kind?: string; name?: string; fieldPath?: string };
  reason?: string;
  message?: string;
  type?: string;
  count?: number;
  series?: { count?: number };
  source?: { component?: string };
  reportingComponent?: string;
}

interface EndpointSliceJson {
  metadata: { uid: string; name: string; resourceVersion?: string; labels?: Record<string, string> };
  endpoints?: Array<{
    addresses: string[];
    conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
    targetRef?: { kind?: string; name?: string };
  }>;
}

export interface NamespaceObserverOptions {
  kube: KubeApi;
  namespace: string;
  /** epoch ms of the run's start: observation times are measured from it */
  runStartedAt: number;
  emit: (o: Observation) => void;
  now?: () => number;
  log?: Logger;
}

type Key = string;

export class NamespaceObserver {
  private readonly watches: Array<ResourceWatch<never>> = [];
  private readonly endpoints = new Map<string, Map<Key, EndpointObservation>>();
  private readonly now: () => number;

  constructor(private readonly o: NamespaceObserverOptions) {
    this.now = o.now ?? Date.now;
  }

  private t(): number {
    return this.now() - this.o.runStartedAt;
  }

  async start(): Promise<void> {
    const ns = encodeURIComponent(this.o.namespace);
    const log = this.o.log ?? noopLogger;
    const transport = kubeWatchTransport(this.o.kube);
    const watchOptions = (resource: string) => ({ log: log.child(resource), now: this.now });
    const pods = new ResourceWatch<PodJson & { metadata: { uid: string; name: string } }>(
      transport,
      `/api/v1/namespaces/${ns}/pods`,
      {
        upsert: (pod) => {
          if (pod.metadata.labels?.[ROLE_LABEL]) return;
          this.o.emit({ kind: 'pod', t: this.t(), pod: pod.metadata.name, snapshot: normalizePod(pod, new Date(this.now())) });
        },
        remove: (pod) => {
          if (pod.metadata.labels?.[ROLE_LABEL]) return;
          this.o.emit({ kind: 'pod-gone', t: this.t(), pod: pod.metadata.name });
        },
        ...this.watchReports('pods'),
      },
      watchOptions('pods'),
    );
    const events = new ResourceWatch<EventJson>(
      transport,
      `/api/v1/namespaces/${ns}/events`,
      {
        upsert: (e) => this.o.emit(toEventObservation(e, this.t())),
        remove: () => {},
        ...this.watchReports('events'),
      },
      watchOptions('events'),
    );
    const slices = new ResourceWatch<EndpointSliceJson>(
      transport,
      `/apis/discovery.k8s.io/v1/namespaces/${ns}/endpointslices`,
      {
        upsert: (s) => this.sliceChanged(s, false),
        remove: (s) => this.sliceChanged(s, true),
        ...this.watchReports('endpointslices'),
      },
      watchOptions('endpointslices'),
    );
    this.watches.push(pods as never, events as never, slices as never);
    await Promise.all([pods.start(), events.start(), slices.start()]);
  }

  stop(): void {
    for (const w of this.watches) w.stop();
  }

  /** A watch's connection state, and the stretches it could not see, as observations. */
  private watchReports(resource: string) {
    return {
      state: (state: 'online' | 'offline', reason?: string) => this.o.emit({ kind: 'watch', t: this.t(), resource, state, ...(reason ? { reason } : {}) }),
      gap: (g: WatchGap) =>
        this.o.emit({
          kind: 'gap',
          t: this.t(),
          resource,
          // Never before the run: the first list is made after it started.
          from: Math.max(0, g.since - this.o.runStartedAt),
          fromResourceVersion: g.sinceResourceVersion,
          toResourceVersion: g.resourceVersion,
          reason: g.reason,
        }),
    };
  }

  /** Emits one observation per endpoint whose conditions changed, and present:false for ones that left. */
  private sliceChanged(slice: EndpointSliceJson, removed: boolean): void {
    const service = slice.metadata.labels?.['kubernetes.io/service-name'] ?? slice.metadata.name;
    const before = this.endpoints.get(slice.metadata.uid) ?? new Map<Key, EndpointObservation>();
    const after = new Map<Key, EndpointObservation>();
    for (const ep of removed ? [] : (slice.endpoints ?? [])) {
      const address = ep.addresses[0] ?? '';
      const pod = ep.targetRef?.kind === 'Pod' ? ep.targetRef.name : undefined;
      const obs: EndpointObservation = {
        kind: 'endpoint',
        t: this.t(),
        service,
        ...(pod ? { pod } : {}),
        address,
        // The API leaves ready unset to mean true ("nil should be interpreted as true").
        ready: ep.conditions?.ready ?? true,
        serving: ep.conditions?.serving ?? ep.conditions?.ready ?? true,
        terminating: ep.conditions?.terminating ?? false,
        present: true,
      };
      const key = `${address}/${pod ?? ''}`;
      after.set(key, obs);
      const prev = before.get(key);
      if (!prev || prev.ready !== obs.ready || prev.serving !== obs.serving || prev.terminating !== obs.terminating) this.o.emit(obs);
    }
    for (const [key, prev] of before) {
      if (!after.has(key)) this.o.emit({ ...prev, t: this.t(), present: false, ready: false, serving: false });
    }
    if (removed) this.endpoints.delete(slice.metadata.uid);
    else this.endpoints.set(slice.metadata.uid, after);
  }
}

function toEventObservation(e: EventJson, t: number): Observation {
  return {
    kind: 'event',
    t,
    object: e.involvedObject?.name ?? '',
    objectKind: e.involvedObject?.kind ?? '',
    ...(e.involvedObject?.fieldPath ? { fieldPath: e.involvedObject.fieldPath } : {}),
    type: e.type ?? 'Normal',
    reason: e.reason ?? '',
    message: e.message ?? '',
    count: Math.max(1, e.series?.count ?? e.count ?? 1),
    ...(e.source?.component || e.reportingComponent ? { source: e.source?.component || e.reportingComponent } : {}),
  };
}
