// SPDX-License-Identifier: Apache-2.0
// How long a container takes to stop: preStop, SIGTERM, SIGKILL (kuberuntime_container.go `killContainer`, ground truth §5.2, §10).

import { killSchedule } from '@contract/kill-schedule';
import type { I18nText } from '@contract/scenario';
import { backoffSeconds } from './crash-loop';
import { definePrediction } from './define';
import { SLACK } from './prediction';

export interface StopTiming {
  /** seconds from the kill decision to the container's exit */
  at: number;
  why: I18nText;
}

/**
 * killContainer runs preStop for at most the grace period, subtracts the time it took, raises
 * what is left to at least 2 s, then StopContainer sends SIGTERM and SIGKILL after that timeout.
 */
export function stopTiming(grace: number, preStop: number, exitsOnTerm: boolean): StopTiming {
  const { sigterm, sigkill } = killSchedule(grace, preStop);
  if (preStop > 0 && preStop >= grace) {
    return exitsOnTerm
      ? {
          at: sigterm,
          why: {
            en: `preStop (${preStop} s) uses the whole grace period (${grace} s); SIGTERM at ${grace} s ends the app`,
            zh: `preStop（${preStop} 秒）用完了整个宽限期（${grace} 秒）；${grace} 秒时的 SIGTERM 结束应用`,
          },
        }
      : {
          at: sigkill,
          why: {
            en: `preStop (${preStop} s) uses the whole grace period (${grace} s); SIGTERM at ${grace} s is ignored and SIGKILL follows after the 2 s minimum grace`,
            zh: `preStop（${preStop} 秒）用完了整个宽限期（${grace} 秒）；${grace} 秒时的 SIGTERM 被忽略，SIGKILL 在 2 秒的最短宽限之后到来`,
          },
        };
  }
  if (exitsOnTerm) {
    return {
      at: sigterm,
      why: preStop > 0 ? { en: `preStop takes ${preStop} s, then SIGTERM ends the app`, zh: `preStop 用时 ${preStop} 秒，之后 SIGTERM 结束应用` } : { en: 'SIGTERM ends the app at once', zh: 'SIGTERM 立即结束应用' },
    };
  }
  return {
    at: sigkill,
    why: {
      en: `PID 1 ignores SIGTERM${preStop > 0 ? ` after a ${preStop} s preStop` : ''}, so SIGKILL comes at the end of the grace period (${sigkill} s)`,
      zh: `PID 1 忽略${preStop > 0 ? ` ${preStop} 秒 preStop 之后的` : ''} SIGTERM，所以 SIGKILL 在宽限期结束时到来（${sigkill} 秒）`,
    },
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
    return { lo: stop.at, hi: stop.at + SLACK.kill, explain: { en: `${stop.why.en}; +${SLACK.kill} s slack`, zh: `${stop.why.zh}；另加 ${SLACK.kill} 秒余量` } };
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
      explain: {
        en: `threshold after (${f}−1)×${p} s, then ${stop.why.en}${backoff > 0 ? `, then a ${backoff} s back-off` : ', then an immediate restart'}; up to one period (${p} s) later for the ticker phase, +${slack - p} s slack`,
        zh: `(${f}−1)×${p} 秒后达到失败阈值，接着${stop.why.zh}${backoff > 0 ? `，然后是 ${backoff} 秒的回退` : '，然后立即重启'}；ticker 相位可能再晚最多一个周期（${p} 秒），另加 ${slack - p} 秒余量`,
      },
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
  () => ({
    lo: 0,
    hi: SLACK.kill,
    explain: {
      en: `the EndpointSlice controller reacts to deletionTimestamp at once, not after preStop or SIGTERM; +${SLACK.kill} s slack`,
      zh: `EndpointSlice 控制器一看到 deletionTimestamp 就立即反应，不等 preStop 或 SIGTERM；另加 ${SLACK.kill} 秒余量`,
    },
  }),
);
