// SPDX-License-Identifier: Apache-2.0
// The timeline model: lanes of segments from a constructed run, the expected bands, the first divergence.
import type { Observation, PodSnapshot } from '@contract/observation';
import { describe, expect, it } from 'vitest';
import { buildTimeline, segmentsOf, statusTone } from '../../src-renderer/src/lib/timeline-model';

function snap(status: string, ready: boolean, restartCount = 0, extra: Partial<PodSnapshot> = {}): PodSnapshot {
  return {
    name: 'web',
    uid: 'u',
    phase: 'Running',
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    containers: [{ name: 'c', kind: 'app', state: 'running', restartCount, ready, started: ready }],
    columns: { name: 'web', ready: ready ? '1/1' : '0/1', status, restarts: String(restartCount), age: '1s' },
    ...extra,
  };
}

describe('segmentsOf', () => {
  it('merges repeats and ends each segment at the next change', () => {
    const s = segmentsOf(
      [
        { t: 0, label: 'a', tone: 'idle' },
        { t: 5, label: 'a', tone: 'idle' },
        { t: 10, label: 'b', tone: 'ok' },
      ],
      30,
    );
    expect(s).toEqual([
      { from: 0, to: 10, label: 'a', tone: 'idle' },
      { from: 10, to: 30, label: 'b', tone: 'ok' },
    ]);
  });
});

it.each([
  ['Running', 'ok'],
  ['CrashLoopBackOff', 'bad'],
  ['Init:Error', 'bad'],
  ['Init:0/2', 'idle'],
  ['Terminating', 'warn'],
  ['ContainerCreating', 'idle'],
])('statusTone(%s) = %s', (status, tone) => expect(statusTone(status)).toBe(tone));

describe('buildTimeline', () => {
  const obs: Observation[] = [
    { kind: 'pod', t: 0, pod: 'web', snapshot: snap('ContainerCreating', false) },
    { kind: 'pod', t: 2000, pod: 'web', snapshot: snap('Running', false) },
    { kind: 'event', t: 21000, object: 'web', objectKind: 'Pod', type: 'Warning', reason: 'Unhealthy', message: 'Startup probe failed: connection refused', count: 1 },
    { kind: 'pod', t: 25000, pod: 'web', snapshot: snap('Running', true) },
    { kind: 'traffic', t: 5000, name: 'svc', url: 'http://x/', ok: false, error: 'refused' },
    { kind: 'traffic', t: 26000, name: 'svc', url: 'http://x/', ok: true, code: 200 },
    { kind: 'pod', t: 40000, pod: 'web', snapshot: snap('Terminating', true, 0, { deletionTimestamp: 'x', deletionGracePeriodSeconds: 30 }) },
    { kind: 'pod-gone', t: 45000, pod: 'web' },
  ];
  const model = buildTimeline(
    obs,
    [
      { expectationId: 'ready', state: 'pass', window: { lo: 22000, hi: 29000 }, decidedAt: 25000, detail: 'Ready at 25.0 s' },
      { expectationId: 'late', state: 'fail', window: { lo: 1000, hi: 3000 }, decidedAt: 3000, detail: 'late' },
    ],
    [{ id: 'ready', type: 'becomes', explain: { en: 'Ready after the probe', zh: '就绪' }, definition: { id: 'ready', explain: { en: '', zh: '' }, final: { phase: 'Running' } } }],
    46000,
  );

  it('has a lane per pod, its Ready condition, each container, probes, deletion and traffic', () => {
    expect(model.lanes.map((l) => l.id)).toEqual(['pod/web', 'ready/web', 'container/web/c', 'probes', 'termination/web', 'traffic/svc']);
  });

  it('draws the Ready transition where it happened', () => {
    const ready = model.lanes.find((l) => l.id === 'ready/web')!;
    expect(ready.segments.map((s) => [s.from, s.label])).toEqual([
      [0, 'Ready=False'],
      [25000, 'Ready=True'],
    ]);
  });

  it('counts down the grace period from the deletion', () => {
    const term = model.lanes.find((l) => l.id === 'termination/web')!;
    expect(term.segments[0]).toMatchObject({ from: 40000, to: 45000, label: 'terminating (grace 30 s)' });
    expect(term.ticks.map((t) => t.t)).toEqual([70000, 45000]);
  });

  it('shades the expected windows and names the first divergence', () => {
    expect(model.bands.map((b) => [b.id, b.lo, b.hi, b.state])).toEqual([
      ['ready', 22000, 29000, 'pass'],
      ['late', 1000, 3000, 'fail'],
    ]);
    expect(model.divergence).toEqual({ t: 3000, expectationId: 'late', detail: 'late' });
  });
});

describe('timeline v2 marks', () => {
  it('keeps the SIGKILL deadline inside the axis, and Running-but-not-Ready out of green', () => {
    const obs: Observation[] = [
      { kind: 'pod', t: 0, pod: 'web', snapshot: snap('Running', false) },
      { kind: 'pod', t: 3000, pod: 'web', snapshot: snap('Running', true) },
      { kind: 'pod', t: 5000, pod: 'web', snapshot: snap('Terminating', true, 0, { deletionTimestamp: 'x', deletionGracePeriodSeconds: 40 }) },
    ];
    const model = buildTimeline(obs, [], [], 6000);
    expect(model.end).toBe(45000);
    const pod = model.lanes.find((l) => l.id === 'pod/web')!;
    expect(pod.segments.map((s) => [s.from, s.label, s.tone])).toEqual([
      [0, '0/1 Running (not Ready)', 'warn'],
      [3000, '1/1 Running', 'ok'],
      [5000, '1/1 Terminating', 'warn'],
    ]);
  });
});
