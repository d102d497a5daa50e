// SPDX-License-Identifier: Apache-2.0
// A container killed in every life starts again and again: each restart waits the crash back-off
// (none after the first kill, then 10 s, 20 s, 40 s … capped at 300 s; kuberuntime_manager.go
// `doBackOff`, ground truth §3), plus the 1.30–1.34 pod worker's requeue slack.
import { backoffSeconds } from '../crash-loop';
import { SLACK } from '../prediction';
import type { Range } from './lives';

export interface Restart {
  /** which start this is: 2 for the first restart */
  instance: number;
  start: Range;
  /** the back-off it waited, in seconds */
  backoff: number;
}

/** The starts after the first, for lives that end `exit` seconds after their start, up to `horizon`. */
export function restartsOf(exit: Range, horizon: number, max = 12): Restart[] {
  const out: Restart[] = [];
  let start: Range = { lo: 0, hi: 0 };
  for (let crash = 1; crash <= max; crash++) {
    const ended = { lo: start.lo + exit.lo, hi: start.hi + exit.hi };
    if (ended.lo >= horizon) break;
    const backoff = backoffSeconds(crash);
    const slack = crash === 1 ? SLACK.immediateRestart : SLACK.backoff;
    start = { lo: ended.lo + backoff, hi: ended.hi + backoff + slack };
    if (start.lo >= horizon) break;
    out.push({ instance: crash + 1, start, backoff });
  }
  return out;
}

/** How many restarts RESTARTS shows by the horizon: certainly (lo) and at most (hi). */
export function restartsBy(restarts: Restart[], horizon: number): Range {
  return { lo: restarts.filter((r) => r.start.hi <= horizon).length, hi: restarts.filter((r) => r.start.lo <= horizon).length };
}
