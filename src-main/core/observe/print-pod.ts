// SPDX-License-Identifier: Apache-2.0
// Port of the API server's printPod (pkg/printers/internalversion/printers.go): the `kubectl get pods` row.
import type { PodColumns } from '@contract/observation';
import { humanDuration } from '@contract/human-duration';
import {
  timestampMillis,
  type ContainerJson,
  type ContainerStateTerminatedJson,
  type ContainerStatusJson,
  type PodConditionJson,
  type PodJson,
} from './pod-json';

/** The extra columns of `kubectl get pods -o wide`. */
export interface PodWideColumns extends PodColumns {
  ip: string;
  node: string;
  nominatedNode: string;
  readinessGates: string;
}

// node.NodeUnreachablePodReason: the node controller's reason for pods on a lost node.
const NODE_LOST = 'NodeLost';
const NONE = '<none>';

/**
 * The NAME, READY, STATUS, RESTARTS and AGE cells, as the API server computes them for
 * `kubectl get pods` (kubectl asks for `as=Table`; the server, not kubectl, runs printPod).
 * `now` stands in for the server's clock at the time of the request.
 */
export function printPod(pod: PodJson, now: Date): PodColumns {
  const status = pod.status ?? {};
  const spec = pod.spec ?? {};
  const conditions = status.conditions ?? [];
  const initSpecs = spec.initContainers ?? [];
  const phase = status.phase ?? '';

  let reason = status.reason || phase;
  // Upstream loops over all conditions without stopping, so this beats status.reason too.
  if (conditions.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) {
    reason = 'SchedulingGated';
  }

  // Go builds a name → spec map; with duplicate names the last one wins, as with Map.
  const initSpecByName = new Map(initSpecs.map((c) => [c.name, c]));
  const totalContainers = (spec.containers ?? []).length + initSpecs.filter(isSidecar).length;
  let readyContainers = 0;

  let restarts = new RestartTally();
  const sidecarRestarts = new RestartTally();
  let initializing = false;
  for (const [index, container] of (status.initContainerStatuses ?? []).entries()) {
    restarts.add(container);
    const sidecar = isSidecar(initSpecByName.get(container.name));
    if (sidecar) sidecarRestarts.add(container);

    const terminated = container.state?.terminated;
    const waitingReason = container.state?.waiting?.reason;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (sidecar && container.started === true) {
      if (container.ready) readyContainers++;
      continue;
    }
    // The first init container that has not completed decides the status; the walk stops here,
    // so restarts of later init containers (sidecars included) are never counted.
    initializing = true;
    if (terminated) reason = `Init:${terminatedReason(terminated)}`;
    else if (waitingReason && waitingReason !== 'PodInitializing') reason = `Init:${waitingReason}`;
    else reason = `Init:${index}/${initSpecs.length}`;
    break;
  }

  // Corner: when the Initialized condition is already True (a sidecar crashed after start-up),
  // the app containers are walked even though an `Init:…` reason was set above. That reason
  // then survives unless an app container has a waiting or terminated reason of its own.
  if (!initializing || isInitializedConditionTrue(conditions)) {
    // Once initialized, restarts of run-to-completion init containers drop out of RESTARTS.
    restarts = sidecarRestarts;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    // In reverse, so that the first container with something to say has the last word.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i]!;
      restarts.add(container);
      const terminated = container.state?.terminated;
      const waitingReason = container.state?.waiting?.reason;
      if (waitingReason) reason = waitingReason;
      else if (terminated) reason = terminatedReason(terminated);
      else if (container.ready && container.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A finished container next to a running one: the pod is not "Completed". Only ready
    // running containers count here, so Completed + running-but-unready stays "Completed".
    if (reason === 'Completed' && hasRunning) {
      reason = hasReadyConditionTrue(conditions) ? 'Running' : 'NotReady';
    }
  }

  if (isSet(pod.metadata?.deletionTimestamp) && status.reason === NODE_LOST) {
    reason = 'Unknown';
  } else if (isSet(pod.metadata?.deletionTimestamp) && phase !== 'Succeeded' && phase !== 'Failed') {
    // Terminal pods keep Completed/Error while they wait to be removed.
    reason = 'Terminating';
  }

  return {
    name: pod.metadata?.name ?? '',
    ready: `${readyContainers}/${totalContainers}`,
    status: reason,
    restarts: restarts.format(now),
    age: timeSince(timestampMillis(pod.metadata?.creationTimestamp), now),
  };
}

/** printPod plus the `-o wide` cells: IP, NODE, NOMINATED NODE, READINESS GATES. */
export function printPodWide(pod: PodJson, now: Date): PodWideColumns {
  const status = pod.status ?? {};
  const gates = pod.spec?.readinessGates ?? [];
  const conditions = status.conditions ?? [];
  let readinessGates = NONE;
  if (gates.length > 0) {
    // For each gate, only the first condition of that type counts.
    const trueGates = gates.filter(
      (gate) => conditions.find((c) => c.type === gate.conditionType)?.status === 'True',
    ).length;
    readinessGates = `${trueGates}/${gates.length}`;
  }
  return {
    ...printPod(pod, now),
    ip: podIP(pod) || NONE,
    node: pod.spec?.nodeName || NONE,
    nominatedNode: status.nominatedNodeName || NONE,
    readinessGates,
  };
}

/**
 * printPod reads the internal type's podIPs[0]. The v1 → internal conversion makes
 * status.podIP authoritative when it is set (and podIPs[0] only otherwise), so on wire
 * JSON the same answer comes from podIP first.
 */
function podIP(pod: PodJson): string {
  return pod.status?.podIP || pod.status?.podIPs?.[0]?.ip || '';
}

/** Sum of restartCount, and the latest lastState.terminated.finishedAt (the last crash). */
class RestartTally {
  private count = 0;
  private latestFinish: number | undefined;

  add(container: ContainerStatusJson): void {
    this.count += container.restartCount ?? 0;
    const finished = timestampMillis(container.lastState?.terminated?.finishedAt);
    if (finished !== undefined && (this.latestFinish === undefined || finished > this.latestFinish)) {
      this.latestFinish = finished;
    }
  }

  /** "4", or "4 (69s ago)" once there is a restart and a known finish time. */
  format(now: Date): string {
    if (this.count === 0 || this.latestFinish === undefined) return String(this.count);
    return `${this.count} (${timeSince(this.latestFinish, now)} ago)`;
  }
}

/** Upstream's translateTimestampSince: a zero timestamp prints as <unknown>. */
function timeSince(ms: number | undefined, now: Date): string {
  return ms === undefined ? '<unknown>' : humanDuration(now.getTime() - ms);
}

/**
 * terminated.reason as the runtime set it. containerd always sets one (Completed, Error,
 * OOMKilled, StartError…); the Signal:/ExitCode: forms only appear when a runtime leaves
 * it empty, and a signal wins over the exit code.
 */
function terminatedReason(terminated: ContainerStateTerminatedJson): string {
  if (terminated.reason) return terminated.reason;
  if (terminated.signal) return `Signal:${terminated.signal}`;
  return `ExitCode:${terminated.exitCode ?? 0}`;
}

/** A sidecar: an init container with restartPolicy Always (podutil.IsRestartableInitContainer). */
function isSidecar(container: ContainerJson | undefined): boolean {
  return container?.restartPolicy === 'Always';
}

// isPodInitializedConditionTrue: the first Initialized condition decides.
function isInitializedConditionTrue(conditions: PodConditionJson[]): boolean {
  return conditions.find((c) => c.type === 'Initialized')?.status === 'True';
}

// hasPodReadyCondition: any Ready condition that is True.
function hasReadyConditionTrue(conditions: PodConditionJson[]): boolean {
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

// deletionTimestamp != nil: upstream only asks whether it is there, not what it says.
function isSet(value: unknown): boolean {
  return value !== null && value !== undefined && value !== '';
}
