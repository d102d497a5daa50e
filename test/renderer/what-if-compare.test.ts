// SPDX-License-Identifier: Apache-2.0
// The What-if renderer logic: predicted moments placed on the run's axis from the container's first
// observed start, and two runs compared per key moment in words.
import type { PodOutcome } from '@contract/outcome';
import type { Observation, PodSnapshot } from '@contract/observation';
import { describe, expect, it } from 'vitest';
import { predictedEnd, predictedRows } from '../../src-renderer/src/lib/predicted-overlay';
import { compareLines, compareSentence, keyMoments } from '../../src-renderer/src/lib/run-compare';

function pod(t: number, state: 'running' | 'waiting', restartCount: number, ready: boolean, status = 'Running'): Observation {
  const snapshot: PodSnapshot = {
    name: 'web', uid: 'u', phase: 'Running',
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    containers: [{ name: 'app', kind: 'app', state, restartCount, started: ready, ready }],
    columns: { name: 'web', ready: ready ? '1/1' : '0/1', status, restarts: String(restartCount), age: '1s' },
  };
  return { kind: 'pod', t, pod: 'web', snapshot };
}
const killing = (t: number): Observation => ({ kind: 'event', t, object: 'web', objectKind: 'Pod', reason: 'Killing', type: 'Normal', message: 'Container app failed startup probe, will be restarted', count: 1 });

const OUTCOME: PodOutcome = {
  sentence: { en: 'x', zh: 'x' },
  assumptions: [],
  horizon: 150,
  containers: [{
    pod: 'web', container: 'app', verdict: 'restart-loop', sentence: { en: 'x', zh: 'x' }, killChance: 1, horizon: 150,
    restarts: { lo: 2, hi: 3 }, restartsAt: [],
    moments: [
      { kind: 'kill', pod: 'web', container: 'app', instance: 1, lo: 5, hi: 10, possible: false, label: { en: 'killed', zh: '被杀死' } },
      { kind: 'restart', pod: 'web', container: 'app', instance: 9, lo: 200, hi: 260, possible: false, label: { en: 'restart', zh: '重启' } },
    ],
  }],
};

describe('predictedRows', () => {
  it('draws from 0 before a run and from the first observed start during one, leaving out what lies past the horizon', () => {
    const before = predictedRows(OUTCOME, [], 'en');
    expect(before[0]!.origin).toBeUndefined();
    expect(before[0]!.bands).toEqual([{ lo: 5000, hi: 10000, kind: 'kill', instance: 1, possible: false, label: 'killed' }]);
    const during = predictedRows(OUTCOME, [pod(1200, 'waiting', 0, false), pod(2500, 'running', 0, false)], 'zh');
    expect(during[0]!.origin).toBe(2500);
    expect(during[0]!.bands[0]).toMatchObject({ lo: 7500, hi: 12500, label: '被杀死' });
    expect(during[0]!.title).toBe('预测 · app 杀死');
    expect(during).toHaveLength(1);
    expect(predictedEnd(during)).toBe(12500);
  });
});

describe('compareLines', () => {
  const lesson = [pod(1000, 'running', 0, false), pod(26400, 'running', 0, true)];
  const whatIf = [pod(1000, 'running', 0, false), killing(8000), pod(40000, 'running', 1, false), killing(49000), pod(90000, 'running', 2, false, 'CrashLoopBackOff')];

  it('says what differs per key moment, in seconds from the first start', () => {
    const a = keyMoments(lesson, 'web');
    const b = keyMoments(whatIf, 'web');
    expect(a).toEqual({ readyAt: 25.4, probeKills: 0, restarts: 0, finalStatus: 'Running' });
    expect(b).toEqual({ firstKillAt: 7, probeKills: 2, restarts: 2, finalStatus: 'CrashLoopBackOff' });
    const lines = compareLines(a, b, 'en');
    expect(lines.map((l) => [l.text, l.differs])).toEqual([
      ['Ready at 25.4 s vs never', true],
      ['killed by a probe never vs at 7 s (0 vs 2 kills)', true],
      ['restarts 0 vs 2', true],
      ['ends Running vs CrashLoopBackOff', true],
    ]);
    expect(compareSentence(lines, 'en')).toBe('What differs: Ready at 25.4 s vs never; killed by a probe never vs at 7 s (0 vs 2 kills); restarts 0 vs 2; ends Running vs CrashLoopBackOff.');
    expect(compareSentence(compareLines(a, b, 'zh'), 'zh')).toMatch(/^不同之处：Ready：25.4 秒 对 从未；/);
  });

  it('does not call a second of ticker phase a difference', () => {
    const other = [pod(3000, 'running', 0, false), pod(29000, 'running', 0, true)];
    const lines = compareLines(keyMoments(lesson, 'web'), keyMoments(other, 'web'), 'en');
    expect(lines.every((l) => !l.differs)).toBe(true);
    expect(compareSentence(lines, 'en')).toMatch(/same in both runs/);
  });
});
