// SPDX-License-Identifier: Apache-2.0
// AGE as `kubectl get pods` would print it now, not when the last snapshot came: the engine prints
// AGE into each snapshot, which would freeze between observations.
import { humanDuration } from '@contract/human-duration';
import type { PodSnapshot } from '@contract/observation';

/**
 * `clockZero` is the epoch ms run time counts from (the engine sends it with each batch) and
 * `clock` the run clock in ms, so `clockZero + clock` is the engine's now. Without either (a run
 * reopened from history) or a creation time, the snapshot's own AGE is the best there is.
 */
export function podAge(pod: PodSnapshot, clockZero: number | undefined, clock: number): string {
  const created = pod.creationTimestamp === undefined ? NaN : Date.parse(pod.creationTimestamp);
  if (clockZero === undefined || Number.isNaN(created)) return pod.columns.age;
  return humanDuration(clockZero + clock - created);
}
