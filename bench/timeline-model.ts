// SPDX-License-Identifier: Apache-2.0
// How long the screen's timeline model takes to rebuild for a long run (5,000 events among 50,000
// observations): it is rebuilt on every coalesced update, so it must stay well inside one frame budget.
import type { Observation } from '../src-main/contract/observation';
import { buildTimeline } from '../src-renderer/src/lib/timeline-model';
import { podTimeline } from './fixtures';

export function benchTimelineModel(n = 50_000): { msPerBuild: number; observations: number; events: number; lanes: number } {
  const obs: Observation[] = podTimeline(n, Date.now());
  const rounds = 20;
  let lanes = 0;
  const began = performance.now();
  for (let i = 0; i < rounds; i++) lanes = buildTimeline(obs, [], [], obs.at(-1)!.t).lanes.length;
  const events = obs.filter((o) => o.kind === 'event').length;
  return { msPerBuild: Number(((performance.now() - began) / rounds).toFixed(1)), observations: obs.length, events, lanes };
}
