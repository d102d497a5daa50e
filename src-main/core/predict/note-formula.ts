// SPDX-License-Identifier: Apache-2.0
// The study note's probe formula, kept as a point so a lesson can show it beside the real ticker.

import { definePrediction } from './define';

/**
 * The note computes the moment of the kill as D + T + (P + T)(F − 1): as if the first probe ran
 * exactly at D and each probe waited its timeout before the next period began. The kubelet does
 * neither: the ticker phase is set at worker creation and the period does not stretch by the
 * timeout (worker.go `run`). Scenarios put this window beside a real one to show the difference.
 */
export const noteProbeFormula = definePrediction(
  {
    name: 'noteProbeFormula',
    summary: "The study note's formula D + T + (P + T)(F − 1), as a single point (not what the kubelet does).",
    args: ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'failureThreshold'],
    integers: { periodSeconds: [1], failureThreshold: [1] },
  },
  ({ initialDelaySeconds: d, timeoutSeconds: t, periodSeconds: p, failureThreshold: f }) => {
    const x = d + t + (p + t) * (f - 1);
    const formula = `${d} + ${t} + (${p} + ${t})×(${f}−1) = ${x}`;
    return { lo: x, hi: x, explain: { en: `the note's formula: ${formula} s`, zh: `笔记里的公式：${formula} 秒` } };
  },
);
