// SPDX-License-Identifier: Apache-2.0
// When the kubelet signals a container it stops (kuberuntime_container.go `killContainer`, ground
// truth §5.2): the preStop hook runs first, for at most the whole grace period; SIGTERM then gets
// what is left, never less than 2 s (minimumGracePeriodInSeconds); then SIGKILL. One rule, shared by
// the engine's predictions and the timeline that draws them.

/** killContainer: `if gracePeriod < minimumGracePeriodInSeconds { gracePeriod = 2 }`. */
export const MINIMUM_GRACE_S = 2;

/** Seconds from the kill decision to SIGTERM and to SIGKILL. */
export function killSchedule(graceSeconds: number, preStopSeconds = 0): { sigterm: number; sigkill: number } {
  const hook = Math.min(preStopSeconds, graceSeconds);
  return { sigterm: hook, sigkill: hook + Math.max(graceSeconds - hook, MINIMUM_GRACE_S) };
}
