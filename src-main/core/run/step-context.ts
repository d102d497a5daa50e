// SPDX-License-Identifier: Apache-2.0
// What a step may use while it runs: the cluster, the run's namespace, and the timeline so far.
import type { Observation } from '@contract/observation';
import type { Predicate } from '@contract/scenario';
import type { SourcedObject } from '../kube/apply';
import type { KubeApi } from '../kube/kube-api';
import type { ResourceResolver } from '../kube/resources';
import type { TrafficGenerator } from '../kube/traffic';
import type { Clock } from '../util/time';

export interface StepContext {
  kube: KubeApi;
  resolver: ResourceResolver;
  namespace: string;
  subject: string;
  /** manifest file name → its objects */
  objects: Record<string, SourcedObject[]>;
  clock: Clock;
  signal: AbortSignal;
  runStartedAt: number;
  emit(o: Observation): void;
  /** resolves once the predicate holds on the timeline, rejects after timeoutMs */
  waitFor(p: Predicate, timeoutMs: number): Promise<void>;
  /** the pod's current IP, once the timeline has one */
  podIP(pod: string): string | undefined;
  traffic: Map<string, TrafficGenerator>;
}

/** The step being run: its id (for observations) and how long it may take. */
export interface StepCall {
  id: string;
  timeoutMs: number;
}

export interface StepOutcome {
  detail?: string;
}
