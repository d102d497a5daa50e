// SPDX-License-Identifier: Apache-2.0
// The few fields of a v1 Pod (Kubernetes wire JSON) that the lab reads, typed loosely on purpose.

/**
 * A metav1.Time. The API sends RFC 3339 strings, but @kubernetes/client-node turns some of
 * them into Date objects while deserialising, so every reader must accept both.
 */
export type Timestamp = string | Date;

export interface PodMetadataJson {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: Timestamp | null;
  deletionTimestamp?: Timestamp | null;
  deletionGracePeriodSeconds?: number | null;
  labels?: Record<string, string> | null;
}

export interface ContainerJson {
  name: string;
  image?: string;
  /** only on init containers: `Always` makes it a sidecar (a restartable init container) */
  restartPolicy?: string | null;
}

export interface PodReadinessGateJson {
  conditionType: string;
}

export interface PodSpecJson {
  containers?: ContainerJson[] | null;
  initContainers?: ContainerJson[] | null;
  readinessGates?: PodReadinessGateJson[] | null;
  nodeName?: string | null;
  restartPolicy?: string | null;
  terminationGracePeriodSeconds?: number | null;
}

export interface PodConditionJson {
  type: string;
  status: string; // 'True' | 'False' | 'Unknown'
  reason?: string | null;
  message?: string | null;
  lastProbeTime?: Timestamp | null;
  lastTransitionTime?: Timestamp | null;
}

export interface ContainerStateWaitingJson {
  reason?: string | null;
  message?: string | null;
}

export interface ContainerStateRunningJson {
  startedAt?: Timestamp | null;
}

export interface ContainerStateTerminatedJson {
  exitCode?: number | null;
  signal?: number | null;
  reason?: string | null;
  message?: string | null;
  startedAt?: Timestamp | null;
  finishedAt?: Timestamp | null;
  containerID?: string | null;
}

export interface ContainerStateJson {
  waiting?: ContainerStateWaitingJson | null;
  running?: ContainerStateRunningJson | null;
  terminated?: ContainerStateTerminatedJson | null;
}

export interface ContainerStatusJson {
  name: string;
  state?: ContainerStateJson | null;
  lastState?: ContainerStateJson | null;
  ready?: boolean | null;
  started?: boolean | null;
  restartCount?: number | null;
  containerID?: string | null;
  image?: string | null;
  imageID?: string | null;
}

export interface PodIPJson {
  ip?: string | null;
}

export interface PodStatusJson {
  phase?: string | null;
  reason?: string | null;
  message?: string | null;
  conditions?: PodConditionJson[] | null;
  podIP?: string | null;
  podIPs?: PodIPJson[] | null;
  hostIP?: string | null;
  nominatedNodeName?: string | null;
  startTime?: Timestamp | null;
  initContainerStatuses?: ContainerStatusJson[] | null;
  containerStatuses?: ContainerStatusJson[] | null;
}

export interface PodJson {
  apiVersion?: string;
  kind?: string;
  metadata?: PodMetadataJson | null;
  spec?: PodSpecJson | null;
  status?: PodStatusJson | null;
}

/** Go's zero time.Time (0001-01-01T00:00:00Z), which metav1.Time.IsZero() reports as unset. */
const GO_ZERO_TIME_MS = Date.parse('0001-01-01T00:00:00Z');

/**
 * Milliseconds since the epoch, or undefined for a missing, unreadable or Go-zero timestamp:
 * the cases in which upstream code sees metav1.Time's zero value.
 */
export function timestampMillis(value: Timestamp | null | undefined): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(ms) || ms === GO_ZERO_TIME_MS ? undefined : ms;
}
