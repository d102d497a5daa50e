// SPDX-License-Identifier: Apache-2.0
// A watch gap on the timeline: a lane per resource with the unseen stretch, and the gap listed for the note under it.
import type { Observation } from '@contract/observation';
import { expect, it } from 'vitest';
import { buildTimeline } from '../../src-renderer/src/lib/timeline-model';

it('draws each gap where the watch could not see, on a lane of its resource', () => {
  const obs: Observation[] = [
    { kind: 'gap', t: 20_000, resource: 'pods', from: 12_000, fromResourceVersion: '100', toResourceVersion: '200', reason: 'too old resource version: 100 (150)' },
    { kind: 'gap', t: 50_000, resource: 'pods', from: 41_000, fromResourceVersion: '300', toResourceVersion: '400', reason: 'Gone' },
  ];
  const model = buildTimeline(obs, [], [], 60_000);
  expect(model.lanes).toEqual([
    {
      id: 'gap/pods',
      group: 'gap',
      title: 'pods not seen',
      segments: [
        { from: 12_000, to: 20_000, label: 'not seen', tone: 'bad' },
        { from: 41_000, to: 50_000, label: 'not seen', tone: 'bad' },
      ],
      ticks: [],
    },
  ]);
  expect(model.gaps.map((g) => [g.resource, g.from, g.to])).toEqual([
    ['pods', 12_000, 20_000],
    ['pods', 41_000, 50_000],
  ]);
});
