// SPDX-License-Identifier: Apache-2.0
// The registry of timing predictions that scenario expectations name in `predict:`.

import { crashLoopRestart } from './crash-loop';
import { postStartRunning } from './hooks';
import { noteProbeFormula } from './note-formula';
import type { Prediction } from './prediction';
import { probeAfterStartup, probeFailsAfterBreak, probeFirstRun, probeSucceeds, readinessReady, startupProbeKill } from './probes';
import { endpointTerminating, graceKill, livenessRestart } from './termination';

export type { Prediction } from './prediction';

const ALL: Prediction[] = [
  probeFirstRun,
  probeSucceeds,
  readinessReady,
  startupProbeKill,
  probeFailsAfterBreak,
  probeAfterStartup,
  crashLoopRestart,
  graceKill,
  livenessRestart,
  endpointTerminating,
  postStartRunning,
  noteProbeFormula,
];

export const PREDICTIONS: Record<string, Prediction> = Object.fromEntries(ALL.map((p) => [p.name, p]));

/** Looks a prediction up by name; an unknown name throws, listing the known ones. */
export function findPrediction(name: string): Prediction {
  const found = Object.hasOwn(PREDICTIONS, name) ? PREDICTIONS[name] : undefined;
  if (!found) throw new Error(`unknown prediction "${name}" (known: ${Object.keys(PREDICTIONS).join(', ')})`);
  return found;
}
