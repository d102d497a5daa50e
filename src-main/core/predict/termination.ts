// SPDX-License-Identifier: Apache-2.0
// How long a container takes to stop: preStop, SIGTERM, SIGKILL (kuberuntime_container.go `killContainer`, ground truth §5.2, §10).

import { killSchedule } from '@contract/kill-schedule';
import { backoffSeconds } from './crash-loop';
import { definePrediction } from './define';
import { SLACK } from './prediction';

export interface StopTiming {
  /** seconds from the kill decision to the container's exit */
  at: number;
  why: string;
}

/**
 * killContainer runs preStop for at most the grace period, subtracts the time it took, raises
 * what is left to at least 2 s, then StopContainer sends SIGTERM and SIGKILL after that timeout.
 */
export function stopTiming(grace: number, preStop: number, exitsOnTerm: boolean): StopTiming {
  const { sigterm, sigkill } = killSchedule(grace, preStop);
  if (preStop > 0 && preStop >= grace) {
    return exitsOnTerm
      ? { at: sigterm, why: `preStop (${preStop} s) uses the whole grace period (${grace} s); SIGTERM at ${grace} s ends the app` }
      : {
          at: sigkill,
          why: `preStop (${preStop} s) uses the whole grace period (${grace} s); SIGTERM at ${grace} s is ignored and SIGKILL follows after the 2 s minimum grace`,
        };
  }
  if (exitsOnTerm) {
    return { at: sigterm, why: preStop > 0 ? `preStop takes ${preStop} s, then SIGTERM ends the app` : 'SIGTERM ends the app at once' };
  }
  return {
    at: sigkill,
    why: `PID 1 ignores SIGTERM${preStop > 0 ? ` after a ${preStop} s preStop` : ''}, so SIGKILL comes at the end of the grace period (${sigkill} s)`,
  };
}

const stopArgs = {
  args: ['terminationGracePeriodSeconds'],
  optional: { preStopSeconds: 0, exitsOnTerm: 0 },
  integers: { exitsOnTerm: [0, 1] },
} as const;

/** From the deletion request to the container terminated. */
export const graceKill = definePrediction(
  {
    name: 'graceKill',
    summary: 'Deletion to container exit: preStop and SIGTERM share one grace period; SIGKILL at its end, or 2 s after a preStop that used it all.',
    ...stopArgs,
  },
  ({ terminationGracePeriodSeconds: g, preStopSeconds: h, exitsOnTerm }) => {
    const stop = stopTiming(g, h, exitsOnTerm === 1);
    return { lo: stop.at, hi: stop.at + SLACK.kill, explain: `${stop.why}; +${SLACK.kill} s slack` };
  },
);

/**
 * From the moment the app broke to the container running again after a liveness kill: the
 * threshold is crossed (F−1)·P after the first failing tick, killContainer then takes the stop
 * time above (preStop runs on probe kills too), and the restart waits the crash back-off
 * (none for the first restart).
 */
export const livenessRestart = definePrediction(
  {
    name: 'livenessRestart',
    summary: 'App breaks → liveness kill → running again: (F−1)·P, plus the stop time (preStop, grace), plus the back-off.',
    args: ['periodSeconds', 'failureThreshold', 'terminationGracePeriodSeconds'],
    optional: { preStopSeconds: 0, exitsOnTerm: 0, restart: 1 },
    integers: { periodSeconds: [1], failureThreshold: [1], exitsOnTerm: [0, 1], restart: [1] },
  },
  ({ periodSeconds: p, failureThreshold: f, terminationGracePeriodSeconds: g, preStopSeconds: h, exitsOnTerm, restart }) => {
    const stop = stopTiming(g, h, exitsOnTerm === 1);
    const backoff = backoffSeconds(restart);
    const lo = (f - 1) * p + stop.at + backoff;
    const slack = p + SLACK.probe + (backoff > 0 ? SLACK.backoff : 0);
    return {
      lo,
      hi: lo + slack,
      explain: `threshold after (${f}−1)×${p} s, then ${stop.why}${backoff > 0 ? `, then a ${backoff} s back-off` : ', then an immediate restart'}; up to one period (${p} s) later for the ticker phase, +${slack - p} s slack`,
    };
  },
);

/**
 * The endpoint turns ready:false, terminating:true as soon as the EndpointSlice controller sees
 * deletionTimestamp (endpointslice utils.go `podToEndpoint`), in parallel with the kubelet.
 */
export const endpointTerminating = definePrediction(
  {
    name: 'endpointTerminating',
    summary: 'EndpointSlice marks the endpoint terminating (ready:false) right after the deletion request, before SIGTERM.',
    args: [],
  },
  () => ({ lo: 0, hi: SLACK.kill, explain: `the EndpointSlice controller reacts to deletionTimestamp at once, not after preStop or SIGTERM; +${SLACK.kill} s slack` }),
);
