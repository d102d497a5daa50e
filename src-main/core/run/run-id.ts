// SPDX-License-Identifier: Apache-2.0
// A run's id and its namespace's name: readable (the lesson's id first), unique, a DNS label.
import { randomBytes } from 'node:crypto';

export function newRunId(scenarioId: string, nowMs: number = Date.now()): string {
  return `${scenarioId.slice(0, 30)}-${nowMs.toString(36)}-${randomBytes(2).toString('hex')}`;
}

export function namespaceForRun(runId: string): string {
  return `podlab-${runId}`.slice(0, 63).replace(/-+$/, '');
}
