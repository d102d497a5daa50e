// SPDX-License-Identifier: Apache-2.0
// The shape of a timing prediction: a named function from manifest numbers to a window in seconds.

import type { I18nText } from '@contract/scenario';

/** A window in seconds, relative to the expectation's anchor, with the reasoning in plain words (both languages: verdicts quote it). */
export interface PredictedWindow {
  lo: number;
  hi: number;
  explain: I18nText;
}

export interface Prediction {
  name: string;
  /** one line of English, used in the scenario docs */
  summary: string;
  /** argument names that must be given */
  args: string[];
  /** argument names that may be left out, with their defaults */
  optional?: Record<string, number>;
  /** throws an Error naming the prediction and the argument when an argument is missing or invalid */
  window(args: Record<string, number>): PredictedWindow;
}

/**
 * Slack added on top of what the kubelet does, in seconds. Kubernetes timestamps are truncated to
 * the second and the watch delivers a change some hundreds of milliseconds late, so a window that
 * is exact on paper would fail on a healthy cluster (ground truth §12, "Recommended tolerances").
 */
export const SLACK = {
  /** probe-driven transitions: [expected, expected + period + 2 s] */
  probe: 2,
  /** back-off restarts: the 1.30–1.34 pod worker requeues a failed sync after 10–15 s (§3) */
  backoff: 15,
  /**
   * A restart is seen in RESTARTS (restartCount) only once the new container exists and the status
   * says so: the generic PLEG relists every 1 s, then the status manager writes the pod status.
   * Measured on kind with 10 lessons at once: Created at 94.8 s, restartCount 4 at 95.6 s.
   */
  statusLag: 2,
  /** grace kills: [G, G + 2 s + 1 s] */
  kill: 3,
  /**
   * "At once" after a first crash means at the pod worker's next sync, which the PLEG relist (1 s)
   * triggers: seconds on an idle node, more on a busy one (30 lessons at once on 2 cores measured
   * 3–5 s). 8 s still tells it apart from the 10 s initial back-off that follows a second crash.
   */
  immediateRestart: 8,
} as const;
