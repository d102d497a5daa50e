// SPDX-License-Identifier: Apache-2.0
// The catalog's grouping and search, and the manifest lines that drive expectations.
import type { ScenarioSummary } from '@contract/dto';
import { describe, expect, it } from 'vitest';
import { groupByChapter, groupByConcept, matches } from '../../src-renderer/src/lib/group';
import { markFields } from '../../src-renderer/src/lib/manifest-fields';

const s = (id: string, concepts: string[], en = id, zh = id): ScenarioSummary => ({
  id,
  version: 1,
  title: { en, zh },
  summary: { en: `${en} summary`, zh: `${zh} 摘要` },
  source: { note: '001_9ae14472436263dd.txt', section: '3.11' },
  concepts,
  progress: 'not-started',
});

describe('catalog', () => {
  it('groups by first concept, in first-seen order', () => {
    const g = groupByConcept([s('a', ['probes']), s('b', ['init']), s('c', ['probes', 'init'])]);
    expect(g.map((x) => [x.concept, x.scenarios.map((y) => y.id)])).toEqual([
      ['probes', ['a', 'c']],
      ['init', ['b']],
    ]);
  });

  it('groups by the catalogue’s chapters in the order listed, lessons it does not place after, by concept', () => {
    const start = { id: 'start', title: { en: 'Start', zh: '启动' } };
    const probes = { id: 'probes', title: { en: 'Probes', zh: '探针' } };
    const g = groupByChapter([{ ...s('a', ['x']), chapter: start }, { ...s('b', ['probes']), chapter: probes }, s('loose', ['init']), { ...s('c', ['y']), chapter: start }]);
    expect(g.map((x) => [x.chapter?.id ?? x.concept, x.scenarios.map((y) => y.id)])).toEqual([
      ['start', ['a', 'c']],
      ['probes', ['b']],
      ['init', ['loose']],
    ]);
  });

  it.each([
    ['startup', true],
    ['启动', true],
    ['startup probe', true],
    ['liveness', false],
    ['3.11', true],
  ])('search %j → %s', (q, want) => {
    expect(matches(s('startup-probe', ['startupProbe'], 'A startup probe', '启动探针'), q, q === '启动' ? 'zh' : 'en')).toBe(want);
  });
});

describe('markFields', () => {
  const manifest = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      startupProbe:
        tcpSocket: { port: 80 }
        periodSeconds: 5
`;
  it('points at the line of each param, and the expectations that use it', () => {
    const marks = markFields(
      'pod.yaml',
      manifest,
      { P: { file: 'pod.yaml', path: 'spec.containers[name=web].startupProbe.periodSeconds' }, D: { file: 'pod.yaml', path: 'spec.containers[name=web].startupProbe.initialDelaySeconds', default: 0 } },
      [{ id: 'ready', explain: { en: '', zh: '' }, becomes: { condition: 'Ready', status: 'True' }, within: { predict: 'probeSucceeds', anchor: 'start', args: { periodSeconds: 'P', initialDelaySeconds: 'D', appReadyAfter: 0 } } }],
    );
    // P is on line 10; D is absent (an API default), so the probe it would go in is marked (its first line).
    expect(marks.map((m) => [m.param, m.line, m.expectations])).toEqual([
      ['P', 10, ['ready']],
      ['D', 9, ['ready']],
    ]);
  });
});
