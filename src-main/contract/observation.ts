// SPDX-License-Identifier: Apache-2.0
// The observation timeline: what the engine saw, normalised. Shared by engine, store and UI.

/** kubectl's columns, as the API server's printPod computes them. */
export interface PodColumns {
  name: string;
  ready: string; // "1/2"
  status: string; // "Running", "Init:0/2", "CrashLoopBackOff", "Terminating" …
  restarts: string; // "4 (69s ago)"
  age: string; // "5m3s"
}

export type ContainerKind = 'init' | 'sidecar' | 'app';
export type ContainerStateName = 'waiting' | 'running' | 'terminated' | 'unknown';

export interface TerminatedInfo {
  reason?: string;
  exitCode: number;
  signal?: number;
  startedAt?: string;
  finishedAt?: string;
}

export interface ContainerSnapshot {
  name: string;
  kind: ContainerKind;
  state: ContainerStateName;
  reason?: string; // waiting.reason or terminated.reason
  message?: string;
  exitCode?: number;
  signal?: number;
  startedAt?: string; // running.startedAt or terminated.startedAt (RFC 3339, second precision)
  finishedAt?: string;
  restartCount: number;
  ready: boolean;
  started?: boolean;
  containerID?: string;
  lastTerminated?: TerminatedInfo;
}

export interface PodConditionSnapshot {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface PodSnapshot {
  name: string;
  uid: string;
  /** metadata.resourceVersion of the object this snapshot was made from */
  resourceVersion?: string;
  phase: string;
  reason?: string;
  nodeName?: string;
  podIP?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  conditions: PodConditionSnapshot[];
  containers: ContainerSnapshot[];
  columns: PodColumns;
}

interface Base {
  /** milliseconds since the run started (the first step began) */
  t: number;
}

export interface PodObservation extends Base {
  kind: 'pod';
  pod: string;
  snapshot: PodSnapshot;
}

export interface PodGoneObservation extends Base {
  kind: 'pod-gone';
  pod: string;
}

export interface EventObservation extends Base {
  kind: 'event';
  /** the involved object's name (a pod name for pod events) */
  object: string;
  objectKind: string;
  /** spec.containers{name} / spec.initContainers{name}, when the event is about a container */
  fieldPath?: string;
  type: string; // Normal | Warning
  reason: string;
  message: string;
  count: number;
  source?: string;
}

export interface EndpointObservation extends Base {
  kind: 'endpoint';
  service: string;
  /** the pod behind the endpoint, when the slice names one */
  pod?: string;
  address: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  /** false when the endpoint left the slice */
  present: boolean;
}

export interface TrafficObservation extends Base {
  kind: 'traffic';
  name: string;
  url: string;
  ok: boolean;
  code?: number;
  error?: string;
}

export interface StepObservation extends Base {
  kind: 'step';
  index: number;
  id: string;
  action: string;
  phase: 'started' | 'done' | 'failed';
  detail?: string;
}

/** The result of an exec step: what a learner sees running `kubectl exec`. */
export interface ExecObservation extends Base {
  kind: 'exec';
  step: string;
  pod: string;
  container: string;
  command: string[];
  exitCode: number;
  output: string;
}

export interface WatchObservation extends Base {
  kind: 'watch';
  resource: string;
  state: 'online' | 'offline';
  reason?: string;
}

/**
 * A stretch one watch could not see: its resourceVersion had expired (410 Gone), so what happened
 * between `from` and `t` (the relist) is lost; the observations that follow at `t` show only the
 * state the relist found. A pod created and deleted inside it left no trace.
 */
export interface GapObservation extends Base {
  kind: 'gap';
  resource: string;
  /** run time of the last event, bookmark or list the watch had seen before it lost track */
  from: number;
  fromResourceVersion: string;
  /** the relist's resourceVersion: from here on every change is seen again */
  toResourceVersion: string;
  reason: string;
}

export type Observation =
  | PodObservation
  | PodGoneObservation
  | EventObservation
  | EndpointObservation
  | TrafficObservation
  | StepObservation
  | ExecObservation
  | WatchObservation
  | GapObservation;

