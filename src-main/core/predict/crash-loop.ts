// SPDX-License-Identifier: Apache-2.0
// Restart delays under CrashLoopBackOff, as kuberuntime_manager.go `doBackOff` computes them (ground truth §3).

import { definePrediction } from './define';
import { SLACK } from './prediction';

/** kubelet.go: initialCrashLoopBackOff and MaxCrashLoopBackOff, unchanged in 1.30–1.34. */
const INITIAL_BACKOFF_S = 10;
const MAX_BACKOFF_S = 300;

/**
 * The back-off before the restart that follows the n-th crash. The first crash finds no back-off
 * entry, so `doBackOff` starts the container at once and only creates the entry (issue #133472);
 * each later crash doubles it (flowcontrol.Backoff.Next, no jitter), capped at 300 s.
 */
export function backoffSeconds(crash: number): number {
  if (crash <= 1) return 0;
  return Math.min(INITIAL_BACKOFF_S * 2 ** (crash - 2), MAX_BACKOFF_S);
}

/** From the n-th crash (the container's finishedAt) to the next start. */
export const crashLoopRestart = definePrediction(
  {
    name: 'crashLoopRestart',
    summary: 'Delay from the n-th crash to the next start: 0 s after the first, then 10, 20, 40 … 300 s (+ up to 15 s requeue slack, + 2 s until RESTARTS shows it).',
    args: ['restart'],
    integers: { restart: [1] },
  },
  ({ restart: n }) => {
    if (n === 1) {
      return {
        lo: 0,
        hi: SLACK.immediateRestart,
        explain: {
          en: `the first crash restarts at once: there is no back-off entry yet (issue #133472); at the next sync, within ${SLACK.immediateRestart} s — before the 10 s back-off a second crash gets`,
          zh: `第一次崩溃后立即重启：此时还没有回退（back-off）记录（issue #133472）；在下一次同步时重启，${SLACK.immediateRestart} 秒以内，早于第二次崩溃才会遇到的 10 秒回退`,
        },
      };
    }
    const b = backoffSeconds(n);
    return {
      lo: b,
      hi: b + SLACK.backoff + SLACK.statusLag,
      explain: {
        en: `crash ${n} waits a back-off of ${b} s (10 s doubled per crash, capped at 300 s); the 1.30–1.34 pod worker requeues 10–15 s after a failed sync, so the restart begins up to ${SLACK.backoff} s late, and RESTARTS shows it up to ${SLACK.statusLag} s after that (the PLEG relists every second, then the status is written)`,
        zh: `第 ${n} 次崩溃要等待 ${b} 秒的回退（从 10 秒起每次崩溃翻倍，上限 300 秒）；1.30–1.34 的 pod worker 在同步失败后 10–15 秒才重新排队，所以重启最多晚 ${SLACK.backoff} 秒开始，RESTARTS 还要再晚最多 ${SLACK.statusLag} 秒才显示（PLEG 每秒重新列举一次，然后才写入状态）`,
      },
    };
  },
);
