// SPDX-License-Identifier: Apache-2.0
// What the kubelet does with a deleted pod's container, in time (kuberuntime_container.go
// `killContainer`, ground truth §5.2): the preStop hook runs first, inside the grace period, for at
// most all of it; then SIGTERM with what is left, never less than 2 s (minimumGracePeriodInSeconds);
// then SIGKILL. The same rule as the engine's predict/termination.ts, drawn on the timeline.
const MIN_GRACE_S = 2;

export interface StopSequence {
  preStop?: { from: number; to: number; seconds: number };
  sigterm: number;
  sigkill: number;
}

/** `preStopSeconds`: undefined without a hook; NaN when its length cannot be read (then SIGTERM is not placed). */
export function stopSequence(deletedAt: number, graceSeconds: number, preStopSeconds?: number): StopSequence | undefined {
  if (preStopSeconds !== undefined && Number.isNaN(preStopSeconds)) return undefined;
  const hook = Math.min(preStopSeconds ?? 0, graceSeconds);
  const sigterm = deletedAt + hook * 1000;
  const sigkill = sigterm + Math.max(graceSeconds - hook, MIN_GRACE_S) * 1000;
  return { ...(preStopSeconds ? { preStop: { from: deletedAt, to: sigterm, seconds: preStopSeconds } } : {}), sigterm, sigkill };
}
