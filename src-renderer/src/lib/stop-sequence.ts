// SPDX-License-Identifier: Apache-2.0
// A deleted or killed container's stop, in run time: the preStop span, SIGTERM and SIGKILL, by the
// kubelet's rule in @contract/kill-schedule (the same one the engine predicts with).
import { killSchedule } from '@contract/kill-schedule';

export interface StopSequence {
  preStop?: { from: number; to: number; seconds: number };
  sigterm: number;
  sigkill: number;
}

/** `preStopSeconds`: undefined without a hook; NaN when its length cannot be read (then SIGTERM is not placed). */
export function stopSequence(deletedAt: number, graceSeconds: number, preStopSeconds?: number): StopSequence | undefined {
  if (preStopSeconds !== undefined && Number.isNaN(preStopSeconds)) return undefined;
  const { sigterm, sigkill } = killSchedule(graceSeconds, preStopSeconds ?? 0);
  return { ...(preStopSeconds ? { preStop: { from: deletedAt, to: deletedAt + sigterm * 1000, seconds: preStopSeconds } } : {}), sigterm: deletedAt + sigterm * 1000, sigkill: deletedAt + sigkill * 1000 };
}
