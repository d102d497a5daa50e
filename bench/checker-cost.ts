// SPDX-License-Identifier: Apache-2.0
// The checker's cost per observation: the startup-probe scenario's expectations over a long timeline.
import { fileURLToPath } from 'node:url';
import { Checker } from '../src-main/core/check/checker';
import { loadScenarioDir } from '../src-main/core/scenarios/loader';
import { podTimeline } from './fixtures';

export async function benchCheckerCost(n = 100_000): Promise<{ microsecondsPerObservation: number; n: number; expectations: number }> {
  const dir = fileURLToPath(new URL('../scenarios/startup-probe-slow-nginx', import.meta.url));
  const { scenario } = await loadScenarioDir(dir);
  if (!scenario) throw new Error('the startup-probe scenario did not load');
  const runStartedAt = Date.now();
  const obs = podTimeline(n, runStartedAt);
  const checker = new Checker({ expectations: scenario.doc.spec.expectations, params: scenario.params, subject: scenario.doc.spec.subject, runStartedAt });
  const began = performance.now();
  for (const o of obs) checker.observe(o);
  checker.finish(obs.at(-1)!.t + 1);
  const ms = performance.now() - began;
  return { microsecondsPerObservation: Number(((ms * 1000) / n).toFixed(2)), n, expectations: scenario.doc.spec.expectations.length };
}
